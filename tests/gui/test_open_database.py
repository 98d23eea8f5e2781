"""Starting the window on a database that is not there or not usable: a mistyped path is created
only when the user says so; a foreign, newer or damaged database is a message naming the file,
never a traceback, and is left as it was (docs/architecture.md, "Units of work and
durability")."""

from __future__ import annotations

import argparse
import hashlib
import logging
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.app.project import Project
from desktop.app.settings import Preferences
from desktop.gui import main
from tests.conftest import SEEDS, SPUTNIK


@pytest.fixture
def start(qtbot, tmp_path, monkeypatch):
    """`mizan --db PATH` up to the point where the window would show: returns the exit status
    when start-up ends early, and the messages shown."""
    prefs = Preferences(QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat))
    monkeypatch.setattr(main, "preferences", lambda store=None: prefs)
    monkeypatch.setattr(main, "application", lambda *a, **k: QApplication.instance())
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text: shown.append(text))

    monkeypatch.setattr(main, "first_start", lambda *a: None)
    monkeypatch.setattr(main, "index_in_background", lambda *a: None)

    def run(db: Path, document: str | None = None) -> int:
        args = argparse.Namespace(
            db=str(db), annotator="tester", ui_language="en", document=document, screenshot=None
        )
        # had the window opened, it would wait for the user: end it, failing the test
        QTimer.singleShot(5000, QApplication.instance().quit)
        return main.run(args)

    run.shown = shown
    return run


def answer_next_question(button_text: str, asked: list[str]) -> None:
    """Click `button_text` in the next message box, remembering its text."""

    def click():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, click)
            return
        asked.append(f"{box.text()} {box.informativeText()}")
        (button,) = [b for b in box.buttons() if b.text().replace("&", "") == button_text]
        button.click()

    QTimer.singleShot(0, click)


def files_under(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def seeded_db(tmp_path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    path = folder / "mizan.db"
    project = Project.open(str(path), "tester")
    project.import_paths([SEEDS])
    project.close()
    return path


def test_a_mistyped_database_path_asks_and_cancel_creates_nothing(start, tmp_path):
    typo = tmp_path / "typo-folder" / "typo.sqlite"
    asked: list[str] = []
    answer_next_question("Cancel", asked)
    assert start(typo) == 0
    assert len(asked) == 1 and "Create a new database" in asked[0] and "typo.sqlite" in asked[0]
    assert not typo.exists() and not typo.parent.exists()
    assert start.shown == []


def test_create_makes_the_new_database(qtbot, tmp_path):
    new = tmp_path / "new.sqlite"
    asked: list[str] = []
    answer_next_question("Create", asked)
    assert main.confirm_new_database(str(new)) is True
    assert len(asked) == 1 and str(new) in asked[0]
    assert not new.exists()  # the question creates nothing; opening it does
    assert main.confirm_new_database(":memory:") is True  # nothing to ask about


def test_an_existing_database_opens_without_a_question(seeded_db):
    assert main.confirm_new_database(str(seeded_db)) is True  # no box: it would block here


def test_a_database_from_a_newer_mizan_is_a_message_naming_it(start, seeded_db):
    con = sqlite3.connect(seeded_db)
    con.execute("UPDATE alembic_version SET version_num = '9999'")
    con.commit()
    con.close()
    before = files_under(seeded_db.parent)
    assert start(seeded_db) == 1
    assert len(start.shown) == 1
    assert str(seeded_db) in start.shown[0] and "newer Mizan" in start.shown[0]
    assert files_under(seeded_db.parent) == before


def test_a_foreign_sqlite_file_is_a_message_naming_it(start, tmp_path):
    other = tmp_path / "photos.db"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE photos (id INTEGER, path TEXT)")
    con.commit()
    con.close()
    before = files_under(tmp_path)
    assert start(other) == 1
    assert len(start.shown) == 1 and "photos.db" in start.shown[0]
    assert "not a Mizan database" in start.shown[0]
    assert files_under(tmp_path) == before


def test_a_damaged_database_is_a_message_naming_it_not_a_traceback(start, seeded_db, caplog):
    con = sqlite3.connect(seeded_db)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page = con.execute("PRAGMA page_size").fetchone()[0]
    con.close()
    data = seeded_db.read_bytes()
    with seeded_db.open("r+b") as handle:  # the schema page: nothing can be read any more
        handle.seek(0)
        handle.write(data[:100] + b"\xa5" * (page - 100))
    with caplog.at_level(logging.ERROR):
        assert start(seeded_db) == 1
    assert len(start.shown) == 1 and str(seeded_db) in start.shown[0]
    assert "Traceback" not in start.shown[0]


def test_an_unknown_document_is_a_message_not_a_traceback(start, seeded_db):
    assert start(seeded_db, document="no-such-document") == 1
    assert len(start.shown) == 1 and "no-such-document" in start.shown[0]
    assert SPUTNIK  # the seeded database itself opens (the other tests start from it)


def test_opening_a_damaged_or_missing_database_from_the_window_keeps_it_open(
    qtbot, seeded_db, tmp_path, monkeypatch
):
    from desktop.app.workspace import Workspace
    from desktop.gui.main_window import MainWindow

    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat)
    window = MainWindow(Workspace(Project.open(str(seeded_db), "tester")), settings)
    qtbot.addWidget(window)
    window.show()
    broken = tmp_path / "broken.db"
    broken.write_bytes(b"SQLite format 3\x00" + b"\xa5" * 8000)
    main.reopen(window, str(broken))
    assert len(warnings) == 1 and "broken.db" in warnings[0]
    assert window.isVisible() and len(window.corpus.ids()) == 5  # still the same database
    asked: list[str] = []
    answer_next_question("Cancel", asked)
    main.reopen(window, str(tmp_path / "gone" / "old.db"))  # a vanished recent database
    assert len(asked) == 1 and not (tmp_path / "gone").exists()
    assert window.isVisible() and len(window.workspace.documents()) == 5
    window.close()
    window.workspace.project.close()
