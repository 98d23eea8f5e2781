"""Settings from one option list, and remembering where the user was: File ▸ Open recent, the
last document and scroll position per database, a vanished database dropped with a message."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

import desktop.gui
from desktop.app.project import Project
from desktop.app.settings import HIDDEN, OPTIONS, Preferences
from desktop.app.workspace import Workspace
from desktop.gui.dialogs.settings import SettingsDialog
from desktop.gui.dialogs.welcome import WelcomeDialog
from desktop.gui.main import choose_database, make_window
from desktop.gui.places import open_recent
from tests.conftest import SEEDS


def window_on(qtbot, db, settings, annotator="tester"):
    window = make_window(Workspace(Project.open(str(db), annotator)), settings=settings)
    qtbot.addWidget(window)
    window.show()
    return window


def test_the_dialog_has_an_editor_for_every_shown_option_and_stores_what_changed(qtbot, settings):
    prefs = Preferences(settings)
    dialog = SettingsDialog(prefs)
    qtbot.addWidget(dialog)
    shown = {o.name for o in OPTIONS if o.shown != HIDDEN}
    assert set(dialog.editors) == shown
    dialog.editors["reading/size"].setValue(21)
    dialog.editors["ui/theme"].setCurrentIndex(dialog.editors["ui/theme"].findData("dark"))
    dialog.editors["editing/snap"].setChecked(False)
    dialog.editors["annotator"].setText("Amal")
    dialog.accept()
    assert dialog.changed == {"reading/size", "ui/theme", "editing/snap", "annotator"}
    again = Preferences(QSettings(settings.fileName(), QSettings.IniFormat))
    assert again.get("reading/size") == 21.0
    assert again.get("ui/theme") == "dark"
    assert again.get("editing/snap") is False
    assert again.get("annotator") == "Amal"


def test_a_restart_uses_the_stored_font_size_and_snapping(qtbot, seeded, db_path, settings):
    prefs = Preferences(settings)
    prefs.set("reading/size", 22.0)
    prefs.set("editing/snap", False)
    window = window_on(qtbot, db_path, settings)
    assert window.view.font().pointSizeF() == 22.0
    assert window.view.snap_to_words is False
    window.close()
    window.workspace.project.close()


def test_no_window_reads_a_settings_key_by_its_string():
    root = Path(desktop.gui.__file__).parent
    pattern = re.compile(r"""\.(value|setValue|remove)\(\s*["']""")
    offenders = [
        f"{path.relative_to(root)}:{n}"
        for path in root.rglob("*.py")
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line)
    ]
    assert offenders == []


def test_last_document_and_scroll_are_kept_per_database(qtbot, tmp_path, settings):
    a, b = tmp_path / "a.db", tmp_path / "b.db"
    for db in (a, b):
        p = Project.open(str(db), "tester")
        p.import_paths([SEEDS])
        p.close()
    window = window_on(qtbot, a, settings)
    window.resize(700, 400)
    ids = window.corpus.ids()
    window.open_document(ids[3])
    qtbot.wait(20)
    window.view.scroll_to_top(300)
    top = window.view._top_position()
    assert top > 0
    window.close()
    window.workspace.project.close()
    other = window_on(qtbot, b, settings)  # the other database opens where it was: its first
    assert other.doc.id == other.corpus.ids()[0]
    other.close()
    other.workspace.project.close()
    again = window_on(qtbot, a, settings)
    again.resize(700, 400)
    assert again.doc.id == ids[3]
    qtbot.waitUntil(lambda: again.view._top_position() == top)
    again.close()
    again.workspace.project.close()


def test_a_recent_database_that_has_gone_is_dropped_with_a_message(
    qtbot, tmp_path, settings, monkeypatch
):
    prefs = Preferences(settings)
    kept, gone = tmp_path / "kept.db", tmp_path / "gone.db"
    for db in (kept, gone):
        Project.open(str(db), "tester").close()
    prefs.add_recent(str(kept))
    prefs.add_recent(str(gone))
    gone.unlink()
    messages, opened = [], []
    monkeypatch.setattr(QMessageBox, "information", lambda *a: messages.append(a[2]))
    assert open_recent(None, prefs, str(gone), opened.append) is False
    assert opened == [] and "no longer exists" in messages[0]
    assert prefs.recent_databases() == [str(kept)]
    assert open_recent(None, prefs, str(kept), opened.append) is True
    assert opened == [str(kept)]


def test_start_up_opens_the_last_database_and_says_when_it_has_gone(tmp_path, settings):
    prefs = Preferences(settings)
    last = tmp_path / "last.db"
    Project.open(str(last), "tester").close()
    prefs.add_recent(str(last))

    class Args:
        db = None

    assert choose_database(Args, prefs) == (str(last), None)
    last.unlink()
    db, gone = choose_database(Args, prefs)
    assert gone == str(last) and db != str(last)
    assert prefs.recent_databases() == []


def test_welcome_offers_the_demo_and_the_open_recent_menu_lists_databases(
    qtbot, tmp_path, settings
):
    empty = tmp_path / "empty.db"
    window = window_on(qtbot, empty, settings)
    dialog = WelcomeDialog(window)
    qtbot.addWidget(dialog)
    assert not dialog.show_again.isChecked()
    dialog.demo_button.click()
    assert dialog.choice == "demo"
    window.import_paths([SEEDS])
    qtbot.waitUntil(lambda: len(window.corpus.ids()) == 5, timeout=20000)
    window.prefs.add_recent(str(tmp_path / "other.db"))
    window.prefs.add_recent(str(empty))
    window.recent_menu.aboutToShow.emit()
    entries = [a.data() for a in window.recent_menu.actions() if a.data()]
    assert entries == [str(tmp_path / "other.db")]  # the open database is not offered
    window.close()
    window.workspace.project.close()
