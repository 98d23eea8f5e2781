"""The last mile of a day of annotating: reviewing suggestions with plain keys, a label palette and
a corpus list that fit a small window, a window that fits the screen it opens on."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.core.model import MentionStatus
from desktop.gui.dialogs.shortcuts import ShortcutsDialog
from desktop.gui.i18n import set_language
from tests.conftest import SPUTNIK, seed_text
from tests.gui.test_main_window import make_window, open_doc, press, stored_mentions


@pytest.fixture
def window(qtbot, seeded, db_path, settings):
    w = make_window(qtbot, db_path, settings)
    yield w
    w.close()
    w.workspace.project.close()
    set_language(QApplication.instance(), "en")


def settle(qtbot, window, width, height):
    window.resize(width, height)
    for _ in range(3):
        qtbot.wait(20)
        QApplication.processEvents()


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
