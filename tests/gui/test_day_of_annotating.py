"""A day of annotating, as a user does it: resize, drag, type, switch, press — and what shows."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from desktop.app.project import Project
from desktop.app.workspace import Workspace
from desktop.gui.dialogs.annotate_all import OccurrencesDialog
from desktop.gui.dialogs.shortcuts import ShortcutsDialog
from desktop.gui.window_layout import MIN_ARTICLE_WIDTH
from desktop.text import snap_to_words
from tests.conftest import SPUTNIK, seed_text
from tests.gui.test_main_window import open_doc, press, select_with_cursor, settle

LRI, PDI = "\u2066", "\u2069"


@pytest.fixture
def window(seeded_window):
    return seeded_window


@pytest.mark.parametrize("size", [(1024, 640), (1366, 768)])
def test_a_small_window_leaves_the_article_readable(qtbot, window, size):
    open_doc(window, SPUTNIK)
    settle(qtbot, window, *size)
    assert window.width() == size[0]  # the panels do not force a wider window
    assert window.view.width() >= MIN_ARTICLE_WIDTH
    assert window.view.width() >= 0.4 * size[0]
    # the header is one line, cut with "…" rather than wrapped word by word
    line = window.header.fontMetrics().height()
    assert window.header.height() < 3 * line
    assert "\n" not in window.header.shown_text()
    # Compare and Export stay on the toolbar, not in its overflow
    for action in (window.act_compare, window.act_export):
        button = window.toolbar.widgetForAction(action)
        assert button.isVisible()
        assert window.toolbar.rect().contains(button.geometry())


def test_panels_can_be_closed_to_give_the_article_everything(qtbot, window):
    settle(qtbot, window, 1024, 640)
    before = window.view.width()
    window.corpus_dock.toggleViewAction().trigger()
    settle(qtbot, window, 1024, 640)
    assert not window.corpus_dock.isVisible()
    assert window.view.width() > before


def test_details_are_saved_field_by_field_and_when_switching_documents(qtbot, window, db_path):
    doc_id = open_doc(window, SPUTNIK)
    assert not hasattr(window.panel, "meta_save")  # no button to forget
    window.panel.setCurrentIndex(2)
    window.panel.meta_outlet.lineEdit().setFocus()
    window.panel.meta_outlet.setCurrentText("سبوتنيك عربي")
    window.panel.meta_url.setText("https://example.org/a")
    window.panel.meta_url.editingFinished.emit()  # left the URL field: saved
    window.panel.meta_title.setFocus()
    window.panel.meta_title.setText("قمة موسكو")
    window.step_document(1)  # switched away while typing the title: it is saved too
    assert window.doc.id != doc_id
    project = Project.open(str(db_path), "reader")
    try:
        meta = Workspace(project).document(doc_id).meta
    finally:
        project.close()
    assert (meta.outlet, meta.url, meta.title) == (
        "سبوتنيك عربي",
        "https://example.org/a",
        "قمة موسكو",
    )
    # one undo step per field: the title goes first, the URL stays
    window.undo()
    window.open_document(doc_id)
    assert window.doc.meta.title is None and window.doc.meta.url == "https://example.org/a"


def _drag(qtbot, view, a, b, modifier=Qt.NoModifier):
    start, end = view.point_of(a), view.point_of(b)
    qtbot.mousePress(view.viewport(), Qt.LeftButton, modifier, start)
    qtbot.mouseMove(view.viewport(), end)
    QApplication.processEvents()
    qtbot.mouseRelease(view.viewport(), Qt.LeftButton, modifier, end)


def test_dragging_across_part_of_a_name_shows_the_whole_word_that_will_be_stored(qtbot, window):
    open_doc(window, SPUTNIK)
    text = seed_text(SPUTNIK)
    word = text.index("فلاديمير")
    inside = word + len("فلا")
    select_with_cursor(window.view, inside, word + len("فلاديمير"))  # "ديمير"
    snapped = snap_to_words(text, inside, word + len("فلاديمير"))
    assert window.view.preview_range() == snapped
    assert window.panel.selection_text.text() == f"«{text[snapped[0] : snapped[1]]}»"
    # the letters outside the cursor's selection but inside the stored range are tinted
    image = window.view.viewport().grab().toImage()
    point = window.view.point_of(word + 1)
    point = QPoint(point.x() - 2, point.y())
    shade = QColor(image.pixel(point))
    assert shade != QColor("#fdfcf8")


def test_after_saving_a_claim_the_panel_no_longer_offers_the_old_selection(qtbot, window):
    open_doc(window, SPUTNIK)
    text = seed_text(SPUTNIK)
    first = text.index("بوتين")
    select_with_cursor(window.view, first, first + 20)
    opened = []

    def save_form():
        opened.append(window.claim_dialog)
        window.claim_dialog.accept()

    from tests.gui.test_claims_window import when_form_opens

    when_form_opens(window, save_form)
    press(qtbot, window, Qt.Key_S)
    assert len(window.doc.claims) == 1
    assert "will be stored" not in window.panel.selection_offsets.text()
    second = text.index("بوتين", first + 40)
    select_with_cursor(window.view, second, second + 20)
    assert "will be stored" in window.panel.selection_offsets.text()
    when_form_opens(window, save_form)
    press(qtbot, window, Qt.Key_S)
    assert len(opened) == 2 and len(window.doc.claims) == 2


def test_claim_form_lists_sources_in_text_order_with_their_words(qtbot, window):
    open_doc(window, SPUTNIK)
    text = seed_text(SPUTNIK)
    names = [text.index("بوتين"), text.index("الأسد")]
    for start in names:
        end = snap_to_words(text, start, start + 3)[1]
        window.view.select_range(start, end)
        press(qtbot, window, Qt.Key_P)
    end_of_both = max(m.end for m in window.doc.mentions)
    select_with_cursor(window.view, end_of_both + 30, end_of_both + 90)
    seen = {}

    def look():
        form = window.claim_dialog
        seen["items"] = [form.source.itemText(i) for i in range(form.source.count())]
        form.reject()

    from tests.gui.test_claims_window import when_form_opens

    when_form_opens(window, look)
    press(qtbot, window, Qt.Key_S)
    mentions = [s for s in seen["items"] if "[" in s]  # keyword-in-context lines
    assert len(mentions) == 2
    order = sorted(window.doc.mentions, key=lambda m: m.start)
    for item, m in zip(mentions, order, strict=True):
        assert item.startswith(text[m.start : m.end])
        assert f"[{text[m.start : m.end]}]" in item
        assert str(m.start) not in item  # words, not offsets


def test_suggestions_read_in_context_and_are_reviewed_in_order_with_keys(qtbot, window):
    doc_id = open_doc(window, SPUTNIK)
    text = seed_text(SPUTNIK)
    first = text.index("بوتين")
    window.view.select_range(first, first + 5)
    press(qtbot, window, Qt.Key_P)
    window.on_mention_selected(window.doc.mentions[0].id, from_view=True)
    job = window.find_and_suggest("بوتين", "PERS", None, document_id=doc_id, clitics=True)
    qtbot.waitUntil(lambda: window.job is None, timeout=10000)
    assert job is not None
    ids = window.panel.tree_model.suggestion_ids()
    assert len(ids) >= 2
    rows = [window.panel.tree_model.index_of(i).data() for i in ids]
    assert all("¶" in r and "[بوتين]" in r for r in rows)
    assert len(set(rows)) == len(rows)  # each row can be told apart
    row = window.corpus.model.row_of(doc_id)
    progress = window.corpus.model.index(row, 3).data()
    assert progress.endswith(f"+ {len(ids)}?")
    # review in text order with the keyboard: accept moves on to the next one
    window.on_mention_selected(ids[0], from_view=True)
    press(qtbot, window, Qt.Key_Return, Qt.ControlModifier)
    assert window.selected_mention == ids[1]
    press(qtbot, window, Qt.Key_Backspace, Qt.ControlModifier)
    assert window.panel.tree_model.suggestion_ids() == ids[2:]
    assert window.corpus.model.index(row, 3).data().startswith("2")


class _Paints(QObject):
    def __init__(self):
        super().__init__()
        self.rects = []

    def eventFilter(self, watched, event):
        if event.type() == QEvent.Paint:
            self.rects.append(event.region().boundingRect())
        return False


def test_clicking_another_document_repaints_the_row_left_behind(qtbot, window):
    table = window.corpus.table
    first = table.visualRect(window.corpus.model.index(0, 0))
    second = table.visualRect(window.corpus.model.index(1, 0))
    qtbot.mouseClick(table.viewport(), Qt.LeftButton, pos=first.center())
    paints = _Paints()
    table.viewport().installEventFilter(paints)
    qtbot.mouseClick(table.viewport(), Qt.LeftButton, pos=second.center())
    qtbot.waitUntil(lambda: any(r.intersects(first) for r in paints.rects), timeout=2000)
    assert table.selectionModel().selectedRows()[0].row() == 1
    assert window.doc.id == window.corpus.model.rows[1].id


def test_ctrl_drag_and_the_toolbar_toggle_select_exact_characters(qtbot, window):
    open_doc(window, SPUTNIK)
    text = seed_text(SPUTNIK)
    word = text.index("فلاديمير")
    _drag(qtbot, window.view, word + 3, word + 8, Qt.ControlModifier)
    raw = window.view.raw_selection()
    assert window.view.selected_range() == raw  # exact characters, not snapped
    window.view.clear_selection()
    _drag(qtbot, window.view, word + 3, word + 8)
    assert window.view.selected_range() == snap_to_words(text, *window.view.raw_selection())
    assert window.toolbar.widgetForAction(window.act_exact).isVisible()
    window.act_exact.trigger()
    assert window.view.selected_range() == window.view.raw_selection()
    window.act_exact.trigger()
    help_rows = ShortcutsDialog(window.labels, window).table
    keys = [help_rows.item(r, 1).text() for r in range(help_rows.rowCount())]
    assert any("Ctrl" in k and "Ctrl+Shift+X" in k for k in keys)


def test_the_language_switches_live_and_mirrors_everything(qtbot, window, settings):
    open_doc(window, SPUTNIK)
    text = seed_text(SPUTNIK)
    start = text.index("بوتين")
    window.view.select_range(start, start + 5)
    press(qtbot, window, Qt.Key_P)
    doc_id = window.doc.id
    english_state = window.saveState()
    window.act_ui_ar.trigger()  # no restart, no message box
    settle(qtbot, window, 1400, 860)
    assert window.doc.id == doc_id
    assert "&ملف" in [a.text() for a in window.menuBar().actions()]
    assert window.corpus_dock.windowTitle() == "المدوّنة" or window.corpus_dock.windowTitle()
    assert window.corpus_dock.x() > window.view.mapTo(window, QPoint(0, 0)).x()
    # undo text in Arabic, the shortcut isolated left-to-right
    undo = window.act_undo.text()
    assert undo.startswith("تراجع") and "PERS" in undo
    assert f"{LRI}Ctrl+Z{PDI}" in undo
    # a layout saved in English does not pin the English sides
    window.restoreState(english_state)
    QApplication.processEvents()
    assert window.dockWidgetArea(window.corpus_dock) == Qt.RightDockWidgetArea
    window.act_ui_en.trigger()
    assert "&File" in [a.text() for a in window.menuBar().actions()]
    assert window.dockWidgetArea(window.corpus_dock) == Qt.LeftDockWidgetArea
    assert settings.value("ui/language") == "en"


def test_annotate_all_shows_its_whole_explanation(qtbot, window):
    dialog = OccurrencesDialog("بوتين", "PERS", window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    label = dialog.explain
    assert label.height() >= label.heightForWidth(label.width())


def test_compare_window_fits_the_screen_closes_with_escape_and_names_entities(qtbot, window):
    open_doc(window, SPUTNIK)
    window.open_compare()
    compare = window.compare_window
    qtbot.waitExposed(compare)
    free = compare.screen().availableGeometry()
    assert free.contains(compare.frameGeometry())
    assert compare.windowTitle().count("Mizan") == 0  # Qt adds " — Mizan" once
    for r in range(compare.naming_model.rowCount()):
        header = compare.naming_model.headerData(r, Qt.Vertical)
        key = compare.naming_model.rows[r].entity
        assert key not in header
    compare.activateWindow()
    qtbot.keyClick(compare, Qt.Key_Escape)
    assert not compare.isVisible()


def test_window_title_names_mizan_once_and_toolbar_buttons_stay_put(qtbot, window):
    app_name = QApplication.applicationDisplayName()
    title = window.windowTitle()
    shown = title if title.endswith(app_name) else f"{title} — {app_name}"
    assert shown.count(app_name) == 1
    next_button = window.toolbar.widgetForAction(window.act_next_doc)
    x = next_button.x()
    open_doc(window, SPUTNIK)
    text = seed_text(SPUTNIK)
    start = text.index("بوتين")
    window.view.select_range(start, start + 5)
    press(qtbot, window, Qt.Key_P)
    QApplication.processEvents()
    assert "PERS" in window.act_undo.text()  # the menu says what will be undone …
    assert next_button.x() == x  # … and the toolbar does not move
