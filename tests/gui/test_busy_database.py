"""The window and a database another process is writing to: the wait is shown, the outcome is
the real one (saved, or a message and nothing saved), and a failing use case never reaches Qt as
a raw exception (docs/architecture.md, "Units of work and durability")."""

from __future__ import annotations

import sqlite3
import subprocess
import sys

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.app.project import Project
from desktop.app.workspace import Workspace
from desktop.gui import hub as hub_module
from desktop.gui.i18n import set_language
from desktop.gui.main_window import MainWindow
from tests.conftest import SEEDS, SPUTNIK, seed_text

#: Holds the write lock of the database argv[1] for argv[2] seconds, saying when it has it.
HOLDER = """
import sqlite3, sys, time
con = sqlite3.connect(sys.argv[1], isolation_level=None)
con.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
con.execute("COMMIT")
"""


def hold_write_lock(db_path, seconds: float) -> subprocess.Popen:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db_path), str(seconds)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout.readline().strip() == "locked"
    return holder


def stored_mentions(db_path) -> list[tuple[int, int, str]]:
    con = sqlite3.connect(db_path)
    try:
        return con.execute('SELECT start, "end", label FROM mention ORDER BY start').fetchall()
    finally:
        con.close()


@pytest.fixture
def window(qtbot, db_path, settings):
    project = Project.open(str(db_path), "tester")
    project.import_paths([SEEDS / f"{SPUTNIK}.txt"])
    window = MainWindow(Workspace(project), settings)
    qtbot.addWidget(window)
    window.show()
    window.open_first_document()
    yield window
    window.close()
    project.close()


def label_moscow(window) -> tuple[int, int]:
    start = seed_text(SPUTNIK).index("موسكو")
    window.view.select_range(start, start + 5)
    window.apply_label("GPE")
    return start, start + 5


def test_a_write_waiting_for_another_process_says_so_then_saves(window, db_path):
    seen = []  # what the status bar says while the write waits
    window.hub.waiting.connect(lambda _m: seen.append(window.status_saved.text()))
    holder = hold_write_lock(db_path, 1.0)
    try:
        start, end = label_moscow(window)
    finally:
        holder.wait(timeout=30)
    assert seen == ["Waiting for another Mizan…"]
    assert window.status_saved.text() == "All changes saved"
    assert [(m.start, m.end, m.label) for m in window.doc.mentions] == [(start, end, "GPE")]
    assert stored_mentions(db_path) == [(start, end, "GPE")]


def test_a_write_that_waits_too_long_is_not_saved_and_says_why(window, db_path, monkeypatch):
    shown = []
    monkeypatch.setattr(hub_module.QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    window.workspace.project.db.wait_seconds = 0.4
    seen = []
    window.hub.waiting.connect(lambda _m: seen.append(window.status_saved.text()))
    holder = hold_write_lock(db_path, 2.0)
    try:
        label_moscow(window)
    finally:
        holder.wait(timeout=30)
    assert seen == ["Waiting for another Mizan…"]
    assert len(shown) == 1 and "busy" in shown[0] and "nothing was saved" in shown[0]
    assert str(db_path) in shown[0]  # the message names the database
    assert window.status_saved.text() == "Not saved"
    assert window.doc.mentions == ()
    assert not window.act_undo.isEnabled()  # nothing to undo: the edit never happened
    assert stored_mentions(db_path) == []
    label_moscow(window)  # the database is free again: the same edit now saves
    assert window.status_saved.text() == "All changes saved"
    assert len(stored_mentions(db_path)) == 1


def test_the_wait_is_shown_in_arabic(window, db_path):
    set_language(QApplication.instance(), "ar")
    try:
        seen = []
        window.hub.waiting.connect(lambda _m: seen.append(window.status_saved.text()))
        holder = hold_write_lock(db_path, 0.6)
        try:
            label_moscow(window)
        finally:
            holder.wait(timeout=30)
    finally:
        set_language(QApplication.instance(), "en")
    assert len(seen) == 1 and "Mizan" not in seen[0] and "ميزان" in seen[0]


def test_an_unexpected_error_in_a_use_case_is_a_message_not_a_raw_exception(
    window, db_path, monkeypatch
):
    """Another process removed the open document: proposing a claim on it fails inside the
    use case; the window says so and opens no claim form."""
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text: shown.append(text))
    con = sqlite3.connect(db_path)
    con.execute("DELETE FROM document WHERE id = ?", (window.doc.id,))
    con.commit()
    con.close()
    start = seed_text(SPUTNIK).index("موسكو")
    window.view.select_range(start, start + 20)
    window.new_claim()
    assert len(shown) == 1 and "nothing was saved" in shown[0]
    assert getattr(window, "claim_dialog", None) is None
    assert window.status_saved.text() == "Not saved"
