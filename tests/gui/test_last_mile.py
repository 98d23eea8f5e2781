"""The last mile of a day of annotating: reviewing suggestions with plain keys, a label palette and
a corpus list that fit a small window, a window that fits the screen it opens on."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from desktop.core.model import MentionStatus
from desktop.gui.dialogs.shortcuts import ShortcutsDialog
from tests.conftest import SPUTNIK, seed_text
from tests.gui.test_main_window import open_doc, press, settle, stored_mentions


@pytest.fixture
def window(seeded_window):
    return seeded_window


def suggest_putin(qtbot, window):
    doc_id = open_doc(window, SPUTNIK)
    text = seed_text(SPUTNIK)
    first = text.index("بوتين")
    window.view.select_range(first, first + 5)
    press(qtbot, window, Qt.Key_P)
    window.find_and_suggest("بوتين", "PERS", None, document_id=doc_id, clitics=True)
    qtbot.waitUntil(lambda: window.job is None, timeout=10000)
    ids = window.panel.tree_model.suggestion_ids()
    assert len(ids) >= 3
    return doc_id, ids


def key_in_list(qtbot, window, key):
    window.activateWindow()
    window.panel.tree.setFocus()
    QApplication.processEvents()
    qtbot.keyClick(window.panel.tree, key)


def test_suggestions_are_reviewed_with_a_r_n_in_the_mention_list(qtbot, window, db_path):
    doc_id, ids = suggest_putin(qtbot, window)
    tree = window.panel.tree
    window.on_mention_selected(ids[0], from_view=True)
    assert tree.currentIndex().data() == window.panel.tree_model.index_of(ids[0]).data()
    key_in_list(qtbot, window, Qt.Key_N)  # next: nothing judged, the next one is selected
    assert window.selected_mention == ids[1]
    assert window.panel.tree_model.suggestion_ids() == ids
    key_in_list(qtbot, window, Qt.Key_A)  # accept: stored as accepted, PERS kept (A is not LAW)
    assert window.selected_mention == ids[2]
    key_in_list(qtbot, window, Qt.Key_R)  # reject: moves on as well
    assert window.panel.tree_model.suggestion_ids() == [ids[0], *ids[3:]]
    status = {m.id: (m.status, m.label) for m in stored_mentions(db_path, doc_id)}
    assert status[ids[1]] == (MentionStatus.ACCEPTED, "PERS")
    assert status[ids[2]][0] is MentionStatus.REJECTED
    assert status[ids[0]] == (MentionStatus.SUGGESTED, "PERS")
    # on a reviewed mention the same keys are label keys again: A relabels it LAW
    window.on_mention_selected(ids[1], from_view=True)
    key_in_list(qtbot, window, Qt.Key_A)
    assert {m.id: m.label for m in stored_mentions(db_path, doc_id)}[ids[1]] == "LAW"


def test_the_review_keys_are_listed_in_f1(qtbot, window):
    dialog = ShortcutsDialog(window.labels, window)
    qtbot.addWidget(dialog)
    rows = [
        (dialog.table.item(r, 0).text(), dialog.table.item(r, 1).text())
        for r in range(dialog.table.rowCount())
    ]
    assert any("suggestion" in a and keys.startswith("A / R / N") for a, keys in rows)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_every_label_button_shows_its_whole_name_and_key_at_1024x640(qtbot, window, language):
    if language == "ar":
        window.set_ui_language("ar")
    open_doc(window, SPUTNIK)
    settle(qtbot, window, 1024, 640)
    panel = window.panel
    page = panel.currentWidget().widget()  # the scrolled page of the Annotations tab
    for key, button in panel.label_buttons.items():
        assert button.isVisible(), key
        # nothing elided: the button is as wide as its text needs
        assert button.width() >= button.sizeHint().width(), (key, button.text())
        assert page.rect().contains(button.geometry().translated(button.parent().pos())), key
    lb = window.labels.labels[0]
    assert panel.label_buttons[lb.key].text().endswith(lb.shortcut)


@pytest.mark.parametrize("width", [1024, 1600])
def test_the_corpus_list_shows_every_column_without_a_horizontal_scrollbar(qtbot, window, width):
    settle(qtbot, window, width, 900)
    table = window.corpus.table
    header = table.horizontalHeader()
    assert not table.horizontalScrollBar().isVisible()
    assert header.length() <= table.viewport().width()
    for col in (2, 3):  # date and progress whole
        assert header.sectionSize(col) >= table.sizeHintForColumn(col), col
    assert header.sectionSize(0) > 0  # the title keeps a share, elided


def test_a_geometry_saved_on_a_larger_screen_is_fitted_to_a_smaller_one(qtbot, window):
    from desktop.gui.window_layout import restore_geometry

    room = window.screen().availableGeometry()
    window.setGeometry(room.x() + 200, room.y() + 150, room.width() + 600, room.height() + 400)
    saved = window.saveGeometry()
    window.setGeometry(room.x(), room.y(), 500, 400)
    restore_geometry(window, saved, window.saveState())
    frame = window.frameGeometry()
    # inside the screen (a screen narrower than the window's minimum keeps its left edge)
    assert frame.top() >= room.top() and frame.bottom() <= room.bottom(), (room, frame)
    assert frame.left() >= room.left(), (room, frame)
    if window.minimumWidth() <= room.width():
        assert frame.right() <= room.right(), (room, frame)
    assert window.width() <= max(room.width(), window.minimumWidth())


def test_the_welcome_says_the_demo_has_claims_and_clusters(qtbot):
    from desktop.gui.dialogs.welcome import WelcomeDialog

    dialog = WelcomeDialog()
    qtbot.addWidget(dialog)
    shown = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "claims" in shown and "clusters" in shown


def test_the_default_size_is_fitted_to_a_small_screen_on_the_first_start(qtbot, window):
    from desktop.gui.window_layout import restore_geometry

    room = window.screen().availableGeometry()
    window.resize(room.width() + 600, room.height() + 400)  # nothing saved yet
    restore_geometry(window, None, None)
    frame = window.frameGeometry()
    assert frame.top() >= room.top() and frame.bottom() <= room.bottom(), (room, frame)
    assert window.width() <= max(room.width(), window.minimumWidth())
