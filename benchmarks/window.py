"""Window-level figures for `python -m desktop.bench`: start-up (S1, S9) and one annotation (S4)."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

STARTUP_PROBE = """
import sys, time
from desktop.gui.main import application, make_window, open_workspace
app = application("en")
window = make_window(open_workspace(sys.argv[1], "bench"))
window.show()
window.view.viewport().repaint()
app.processEvents()
print("ready", flush=True)
"""


def measure_startup(db_path: Path, runs: int = 3) -> float:
    """Median ms from launching a Python process to a painted main window with a document."""
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        out = subprocess.run(
            [sys.executable, "-c", STARTUP_PROBE, str(db_path)],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
            check=True,
        )
        assert "ready" in out.stdout, out.stderr
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def measure_create_mention(db_path: Path, n: int = 200) -> dict:
    """Create mentions through the window (label key path): commit time and time to visible."""
    from desktop.gui.main import application, make_window, open_workspace

    app = application("en")
    workspace = open_workspace(str(db_path), "bench")
    window = make_window(workspace)
    window.show()
    app.processEvents()
    doc = window.doc
    words = [(i, i + 4) for i in range(0, min(len(doc.text) - 5, n * 8), 8)][:n]
    commit, visible = [], []
    for start, end in words:
        t0 = time.perf_counter()
        change = workspace.create_mention(doc.id, start, end, "PERS")
        t1 = time.perf_counter()
        window.apply(change)
        window.view.viewport().repaint()
        app.processEvents()
        t2 = time.perf_counter()
        commit.append((t1 - t0) * 1000)
        visible.append((t2 - t0) * 1000)
    window.close()
    workspace.project.close()

    def p(values, q):
        return sorted(values)[min(len(values) - 1, int(q * len(values)))]

    return {
        "commit_p50": p(commit, 0.5),
        "commit_p99": p(commit, 0.99),
        "visible_p50": p(visible, 0.5),
        "visible_p99": p(visible, 0.99),
    }
