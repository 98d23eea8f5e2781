"""Starting the app: first start offers the demo corpus; --screenshot renders a PNG."""

from __future__ import annotations

import os
import subprocess
import sys

from PySide6.QtCore import QSettings
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QMessageBox

from desktop.app.project import Project
from desktop.app.workspace import Workspace
from desktop.gui.main_window import MainWindow
from desktop.gui.search_index import SearchIndexer
from desktop.storage import staging
from tests.conftest import SEEDS, SPUTNIK
from tests.support.corpus import write_corpus


def test_first_start_on_an_empty_database_offers_and_loads_the_demo(
    qtbot, db_path, tmp_path, monkeypatch
):
    asked = []
    monkeypatch.setattr(
        QMessageBox, "question", lambda *args, **kw: asked.append(args) or QMessageBox.Yes
    )
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat)
    window = MainWindow(Workspace(Project.open(str(db_path), "new-user")), settings)
    qtbot.addWidget(window)
    window.show()
    assert window.corpus.ids() == []
    window.offer_demo()
    assert len(asked) == 1
    qtbot.waitUntil(lambda: window.job is None and len(window.corpus.ids()) == 5, timeout=20_000)
    assert window.doc is not None  # the first article opens by itself
    outlets = {d.meta.outlet for d in window.corpus.model.rows}
    assert "عنب بلدي" in outlets
    window.offer_demo()  # not empty any more: no second question
    assert len(asked) == 1
    window.close()
    window.workspace.project.close()


def test_import_from_the_window_runs_off_the_gui_thread_with_progress(qtbot, db_path, tmp_path):
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat)
    window = MainWindow(Workspace(Project.open(str(db_path), "u")), settings)
    qtbot.addWidget(window)
    window.show()
    window.import_paths([SEEDS / f"{SPUTNIK}.txt"])
    assert window.progress.isVisible() and window.cancel_button.isVisible()
    qtbot.waitUntil(lambda: window.job is None, timeout=20_000)
    assert [d.external_id for d in window.corpus.model.rows] == [SPUTNIK]
    assert not window.progress.isVisible()
    window.close()
    window.workspace.project.close()


def test_the_windows_own_import_is_staged_so_the_window_keeps_saving(
    qtbot, db_path, tmp_path, monkeypatch
):
    """An open window has its database open (it watches it for other writers), so an import it
    runs stages its rows and holds the write lock only to publish them
    (desktop/storage/staging.py): the window's own edits are not kept waiting meanwhile."""
    project = Project.open(str(db_path), "u")
    project.import_paths([SEEDS])
    project.close()
    seen = []
    real_init = staging.ImportStage.__init__

    def init(stage, *args, **kwargs):
        real_init(stage, *args, **kwargs)
        seen.append(stage.direct)

    monkeypatch.setattr(staging.ImportStage, "__init__", init)
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat)
    window = MainWindow(Workspace(Project.open(str(db_path), "u")), settings)
    qtbot.addWidget(window)
    window.show()
    corpus = tmp_path / "more.jsonl"
    write_corpus(corpus, 40, 3)
    window.import_paths([corpus])
    qtbot.waitUntil(lambda: window.job is None, timeout=20_000)
    assert seen == [False]
    assert len(window.corpus.ids()) == 5 + 40
    indexer = window.findChild(SearchIndexer)  # the search index is built after the import
    qtbot.waitUntil(lambda: indexer.job is None, timeout=20_000)
    window.close()
    window.workspace.project.close()


def test_a_bad_file_imported_from_the_window_is_reported_not_crashed(
    qtbot, db_path, tmp_path, monkeypatch
):
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warnings.append(a[2]))
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02binary")
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat)
    window = MainWindow(Workspace(Project.open(str(db_path), "u")), settings)
    qtbot.addWidget(window)
    window.import_paths([bad])
    qtbot.waitUntil(lambda: window.job is None, timeout=20_000)
    assert len(warnings) == 1 and "bad.txt" in warnings[0]
    assert window.corpus.ids() == []
    window.close()
    window.workspace.project.close()


def test_screenshot_option_writes_a_png_of_the_window(tmp_path):
    db = tmp_path / "shot.db"
    project = Project.open(str(db), "u")
    project.import_paths([SEEDS])
    project.close()
    for language in ("en", "ar"):
        out = tmp_path / f"shot-{language}.png"
        r = subprocess.run(
            [
                sys.executable,
                "-m",
                "desktop",
                "--db",
                str(db),
                "--screenshot",
                str(out),
                "--document",
                SPUTNIK,
                "--ui-language",
                language,
            ],
            capture_output=True,
            text=True,
            timeout=120,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        )
        assert r.returncode == 0, r.stderr
        assert f"wrote {out}" in r.stdout
        image = QImage(str(out))
        assert image.width() >= 1200 and image.height() >= 700
    r = subprocess.run(
        [
            sys.executable,
            "-m",
            "desktop",
            "--db",
            str(db),
            "--screenshot",
            str(tmp_path / "x.png"),
            "--document",
            "no-such-doc",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert r.returncode == 1 and "no-such-doc" in r.stderr
