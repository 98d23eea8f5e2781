"""Both interface languages: every string translated, every dialog opens, Arabic mirrors."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from desktop.app.project import Project
from desktop.app.workspace import Workspace
from desktop.gui.dialogs.annotate_all import OccurrencesDialog
from desktop.gui.dialogs.registry_link import EntityDialog
from desktop.gui.dialogs.shortcuts import ShortcutsDialog
from desktop.gui.i18n import read_ts, set_language, translations_dir, ui_strings
from desktop.gui.main_window import MainWindow


def test_every_interface_string_has_an_arabic_translation():
    table = read_ts(translations_dir() / "mizan_ar.ts")
    missing = sorted(ui_strings() - table.keys())
    assert missing == [], "run packaging/update_translations.py and translate: " + repr(missing)
    for source, arabic in table.items():  # placeholders survive translation
        for token in ("{n}", "{start}", "{end}", "{label}"):
            assert (token in source) == (token in arabic), (source, arabic)


@pytest.fixture(params=["en", "ar"])
def language(request, qapp):
    set_language(qapp, request.param)
    yield request.param
    set_language(qapp, "en")


def test_every_window_and_dialog_opens_in_both_languages(
    qtbot, language, seeded, db_path, tmp_path
):
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat)
    window = MainWindow(Workspace(Project.open(str(db_path), "tester")), settings)
    qtbot.addWidget(window)
    window.show()
    window.open_first_document()
    expected = Qt.RightToLeft if language == "ar" else Qt.LeftToRight
    assert QApplication.layoutDirection() == expected
    assert window.layoutDirection() == expected
    # the article is right-to-left whatever the interface language
    assert window.view.document().defaultTextOption().textDirection() == Qt.RightToLeft
    menus = [a.text() for a in window.menuBar().actions()]
    assert ("&ملف" in menus) == (language == "ar")
    dialogs = [
        EntityDialog(window.workspace, "بوتين", "PERS", window.labels, window),
        OccurrencesDialog("بوتين", "PERS", window),
        ShortcutsDialog(window.labels, window),
    ]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        assert dialog.layoutDirection() == expected
        assert dialog.windowTitle()
        if language == "ar":
            assert any("\u0600" <= ch <= "\u06ff" for ch in dialog.windowTitle())
        dialog.close()
    window.close()
    window.workspace.project.close()


def test_a_string_without_translation_falls_back_to_english(qapp):
    from PySide6.QtCore import QCoreApplication

    set_language(qapp, "ar")
    try:
        assert QCoreApplication.translate("Mizan", "Undo") == "تراجع"
        assert QCoreApplication.translate("Mizan", "no such string") == "no such string"
    finally:
        set_language(qapp, "en")
