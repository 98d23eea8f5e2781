"""Window probes, each run in its own process by benchmarks/window.py; they print one JSON line.

They go through the entry points the `mizan` command uses (``desktop.gui.main``): the real
``MainWindow`` on a real database, real key events (QTest), and "painted" means the article
viewport received a paint event, which on any platform plugin is when pixels are drawn.

    python -m benchmarks.probes start DB
    python -m benchmarks.probes article DB BIG_ID SEED_ID OTHER_SEED_ID PRESSES
    python -m benchmarks.probes index DB
"""

from __future__ import annotations

import json
import os
import re
import resource
import sys
import time

# the window's entry point first, as the `mizan` command imports it (it orders its imports)
from desktop.gui.main import (
    after_first_paint,
    after_start,
    application,
    make_window,
    open_workspace,
)

# isort: split
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication


def peak_rss_mib() -> float:
    """This process's own peak RSS (``VmHWM``; ``ru_maxrss`` would also count the benchmark
    process that started it, see `benchmarks.measure.run`)."""
    from benchmarks.measure import high_water_kib  # not before the start figures are taken

    own = high_water_kib(os.getpid())
    return (own or resource.getrusage(resource.RUSAGE_SELF).ru_maxrss) / 1024


class PaintWatch(QObject):
    """Counts paint events of one widget, so a timing can stop at the first paint after it."""

    def __init__(self, widget) -> None:
        super().__init__(widget)
        self.paints = 0
        widget.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:  # a Qt override keeps its name
        if event.type() == QEvent.Type.Paint:
            self.paints += 1
        return False

    def wait(self, app: QApplication, since: int, timeout: float = 60.0) -> None:
        deadline = time.perf_counter() + timeout
        while self.paints <= since:
            app.processEvents()
            if time.perf_counter() > deadline:
                raise TimeoutError("the article view was not painted")


def start(db: str) -> None:
    """Start-up to a painted main window showing a document (the process exits right after)."""
    app = application("en")
    window = make_window(open_workspace(db, "bench"))
    window.resize(1500, 900)
    watch = PaintWatch(window.view.viewport())
    window.show()
    watch.wait(app, 0)
    print(json.dumps({"rss": peak_rss_mib()}), flush=True)
    os._exit(0)


def _open_ms(app, window, watch, doc_id: int) -> float:
    seen = watch.paints
    t0 = time.perf_counter()
    window.open_document(doc_id)
    watch.wait(app, seen)
    return (time.perf_counter() - t0) * 1000


def article(db: str, big: str, seed: str, other: str, presses: str) -> None:
    app = application("en")
    workspace = open_workspace(db, "bench")
    ids = {d.external_id: d.id for d in workspace.documents()}
    window = make_window(workspace, seed)
    window.resize(1500, 900)
    view = window.view
    watch = PaintWatch(view.viewport())
    ready: list[bool] = []  # what `mizan` does after the first paint, done
    after_first_paint(window, lambda: (after_start(window), ready.append(True)))
    window.show()
    watch.wait(app, 0)
    while not ready:  # timed from here: a window that has settled after its start
        app.processEvents()
    out: dict = {"rss_window": peak_rss_mib()}
    out["open_seed_ms"] = _open_ms(app, window, watch, ids[other])
    seen, t0 = watch.paints, time.perf_counter()
    window.open_document(ids[big])
    watch.wait(app, seen)
    out["open_big_ms"] = (time.perf_counter() - t0) * 1000
    while window.loading_rest:  # the rest is read just after the first paint
        app.processEvents()
    view.viewport().repaint()  # and painted with every span
    out["open_big_panels_ms"] = (time.perf_counter() - t0) * 1000
    out["rss_open"] = peak_rss_mib()

    bar = view.verticalScrollBar()
    frames = []
    for _ in range(40):
        seen = watch.paints
        t0 = time.perf_counter()
        bar.setValue(bar.value() + bar.pageStep())
        watch.wait(app, seen)
        frames.append((time.perf_counter() - t0) * 1000)
    out["scroll_ms"] = frames
    bar.setValue(0)
    watch.wait(app, watch.paints)

    text = workspace.document(ids[big]).text
    before = len(workspace.document(ids[big]).mentions)
    window.activateWindow()
    view.setFocus()
    words = [m.span() for m in re.finditer(r"\w+", text[:4000])][1::3][: int(presses)]
    times = []
    for start_, end in words:
        view.select_range(start_, end)
        watch.wait(app, watch.paints)  # the selection is painted before the clock starts
        seen = watch.paints
        t0 = time.perf_counter()
        QTest.keyClick(view, Qt.Key.Key_P)  # the PERS label key of the default label set
        watch.wait(app, seen)
        times.append((time.perf_counter() - t0) * 1000)
    out["key_ms"] = times
    out["mentions_added"] = len(workspace.document(ids[big]).mentions) - before
    print(json.dumps(out), flush=True)
    os._exit(0)


def index(db: str) -> None:
    """Build the search index an import left pending, as a window does in the background the
    first time it opens the file (the article probe then measures a window in its usual state)."""
    from desktop.app.importing import build_search_index
    from desktop.storage.database import Database

    build_search_index(Database(db))


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    job, *args = sys.argv[1:]
    {"start": start, "article": article, "index": index}[job](*args)
