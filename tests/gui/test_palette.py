"""The annotation panel in a small window: at 1024×640 the label palette takes a few rows of
small chips (each with its key, none cut), the mention list keeps most of the height, and the
palette folds away under its header, the choice kept for the next window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication

from tests.conftest import SPUTNIK, seed_text
from tests.gui.test_main_window import make_window, open_doc, press, settle, stored_mentions

TEXT = seed_text(SPUTNIK)
SIZES = [(1024, 640), (1600, 1000)]


@pytest.fixture(params=["en", "ar"])
def window(request, seeded_window):
    if request.param == "ar":
        seeded_window.set_ui_language("ar")
    return seeded_window


def annotate_a_few(window) -> int:
    doc_id = open_doc(window, SPUTNIK)
    for word, label in (("بوتين", "PERS"), ("موسكو", "GPE"), ("الأسد", "PERS")):
        start = TEXT.index(word)
        window.hub.run(
            lambda s=start, w=word, lb=label: window.workspace.create_mention(
                doc_id, s, s + len(w), lb
            ),
            window,
        )
    return doc_id


def page_of(panel):
    return panel.widget(0).widget()  # the scrolled page of the Annotations tab


def in_page(panel, widget) -> QRect:
    page = page_of(panel)
    return QRect(widget.mapTo(page, widget.rect().topLeft()), widget.size())


def test_the_mention_list_keeps_the_height_at_1024x640(qtbot, window):
    annotate_a_few(window)
    settle(qtbot, window, 1024, 640)
    panel = window.panel
    tree = panel.tree
    row = tree.sizeHintForRow(0)
    assert row > 0
    assert tree.viewport().height() >= 6 * row, (tree.viewport().height(), row)
    # the whole page fits the tab: nothing to scroll to reach the list's end
    assert not panel.widget(0).verticalScrollBar().isVisible()
    assert in_page(panel, tree).bottom() <= panel.widget(0).viewport().height()


@pytest.mark.parametrize("size", SIZES)
def test_every_label_chip_is_whole_with_its_key(qtbot, window, size):
    annotate_a_few(window)
    settle(qtbot, window, *size)
    panel = window.panel
    page = page_of(panel).rect()
    places = []
    for lb in window.labels.labels:
        chip = panel.label_buttons[lb.key]
        assert chip.isVisible(), lb.key
        assert chip.text().endswith(lb.shortcut), (lb.key, chip.text())
        ink = QFontMetrics(chip.font())
        assert chip.width() >= ink.horizontalAdvance(chip.text()) + 2, (lb.key, chip.text())
        assert chip.height() >= ink.tightBoundingRect(chip.text()).height() + 2, lb.key
        place = in_page(panel, chip)
        assert page.contains(place), (lb.key, place, page)
        places.append(place)
    for i, a in enumerate(places):  # no chip over another
        assert not any(a.intersects(b) for b in places[i + 1 :])


def test_the_palette_fills_the_width_in_a_few_rows(qtbot, window):
    open_doc(window, SPUTNIK)
    settle(qtbot, window, 1024, 640)
    chips = window.panel.label_palette.chips
    places = [b.geometry() for b in window.panel.label_buttons.values()]
    rows = sorted({p.top() for p in places})
    assert len(rows) <= 7, len(rows)
    for top in rows[:-1]:  # every full row reaches both edges (a grid that uses the width)
        row = [p for p in places if p.top() == top]
        assert min(p.left() for p in row) == 0
        assert max(p.right() for p in row) == chips.width() - 1


def test_folding_the_palette_gives_the_list_its_rows_and_is_remembered(
    qtbot, seeded_window, db_path, settings
):
    window = seeded_window
    doc_id = annotate_a_few(window)
    settle(qtbot, window, 1024, 640)
    palette = window.panel.label_palette
    before = window.panel.tree.height()
    qtbot.mouseClick(palette.header, Qt.LeftButton)
    settle(qtbot, window, 1024, 640)
    assert not palette.chips.isVisible()
    assert window.panel.tree.height() > before + 80

    start = TEXT.index("سوريا")  # the label keys work with the palette folded
    window.view.select_range(start, start + len("سوريا"))
    press(qtbot, window, Qt.Key_G)
    made = {m.start for m in stored_mentions(db_path, doc_id) if m.label == "GPE"}
    assert any(start - 2 <= s <= start for s in made), made

    window.close()
    again = make_window(qtbot, db_path, settings)  # the next window opens folded
    try:
        assert not again.panel.label_palette.is_shown()
        assert not again.panel.label_palette.chips.isVisible()
        qtbot.mouseClick(again.panel.label_palette.header, Qt.LeftButton)
        assert again.panel.label_palette.chips.isVisible()
    finally:
        again.close()
        again.workspace.project.close()


def test_the_selection_box_stays_small(qtbot, window):
    open_doc(window, SPUTNIK)
    settle(qtbot, window, 1024, 640)
    panel = window.panel
    assert panel.selection_hint.isVisible() and not panel.selection_text.isVisible()
    one_line = panel.selection_hint.fontMetrics().height()
    assert panel.selection_hint.height() <= 2 * one_line + 4
    chips_top = panel.label_palette.mapTo(page_of(panel), panel.label_palette.rect().topLeft())
    window.view.select_range(0, 600)  # a long selection is shortened in the middle
    QApplication.processEvents()
    assert panel.selection_text.isVisible() and not panel.selection_hint.isVisible()
    assert "…" in panel.selection_text.text()
    assert len(panel.selection_text.toolTip()) > len(panel.selection_text.text())  # all of it
    settle(qtbot, window, 1024, 640)
    lines = panel.selection_text.height() / panel.selection_text.fontMetrics().height()
    assert lines <= 5, lines
    assert panel.selection_offsets.isVisible()
    window.view.select_range(0, 0)
    QApplication.processEvents()
    settle(qtbot, window, 1024, 640)
    assert panel.selection_hint.isVisible() and not panel.selection_offsets.isVisible()
    top = panel.label_palette.mapTo(page_of(panel), panel.label_palette.rect().topLeft())
    assert top == chips_top


def test_the_suggestion_buttons_show_only_with_suggestions(qtbot, seeded_window):
    window = seeded_window
    doc_id = open_doc(window, SPUTNIK)
    settle(qtbot, window, 1024, 640)
    assert not window.panel.accept_all.isVisible()
    window.find_and_suggest("بوتين", "PERS", None, document_id=doc_id, clitics=True)
    qtbot.waitUntil(lambda: window.job is None, timeout=10000)
    assert window.panel.tree_model.suggestion_ids()
    assert window.panel.accept_all.isVisible() and window.panel.accept_all.isEnabled()
    assert window.panel.reject_all.isVisible()
