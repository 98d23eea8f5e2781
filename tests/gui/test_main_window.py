"""The annotating window driven like a user: select, press a label key, undo, restart."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from desktop.app.project import Project
from desktop.app.workspace import Workspace
from desktop.core.model import MentionStatus
from desktop.gui.dialogs.registry_link import EntityDialog
from desktop.gui.main_window import MainWindow
from desktop.text import Utf16Map
from tests.conftest import SEEDS, SPUTNIK, seed_text


def make_window(qtbot, db_path, settings, annotator="tester"):
    window = MainWindow(Workspace(Project.open(str(db_path), annotator)), settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def window(qtbot, seeded, db_path, settings):
    w = make_window(qtbot, db_path, settings)
    yield w
    w.close()
    w.workspace.project.close()


def open_doc(window, external_id):
    doc_id = next(d.id for d in window.corpus.model.rows if d.external_id == external_id)
    row = window.corpus.model.row_of(doc_id)
    window.corpus.table.setCurrentIndex(window.corpus.model.index(row, 0))  # a click on the row
    assert window.doc.external_id == external_id
    return doc_id


def select_with_cursor(view, start, end):
    """Move the text cursor like a keyboard user: anchor, then extend (UTF-16 positions)."""
    u16 = Utf16Map(view.text)
    cursor = view.textCursor()
    cursor.setPosition(u16.to_utf16(start))
    cursor.setPosition(u16.to_utf16(end), QTextCursor.KeepAnchor)
    view.setTextCursor(cursor)


def press(qtbot, window, key, modifier=Qt.NoModifier):
    window.activateWindow()
    window.view.setFocus()
    QApplication.processEvents()
    qtbot.keyClick(window.view, key, modifier)


def stored_mentions(db_path, doc_id):
    project = Project.open(str(db_path), "reader")
    try:
        return Workspace(project).document(doc_id).mentions
    finally:
        project.close()


def test_label_key_stores_the_selected_word_and_undo_and_restart(qtbot, window, db_path, settings):
    doc_id = open_doc(window, SPUTNIK)
    text = seed_text(SPUTNIK)
    start = text.index("بوتين")
    select_with_cursor(window.view, start, start + len("بوتين"))
    assert window.panel.selection_text.text() == "«بوتين»"
    assert f"[{start}, {start + 5})" in window.panel.selection_offsets.text()

    press(qtbot, window, Qt.Key_P)  # P = PERS in the Wojood label set
    (m,) = stored_mentions(db_path, doc_id)
    assert (m.start, m.end, m.label) == (start, start + 5, "PERS")
    assert text[m.start : m.end] == "بوتين"
    assert window.panel.tree_model.index_of(m.id).isValid()  # listed in the panel
    assert any(s.id == m.id for s in window.view.spans)  # and highlighted

    press(qtbot, window, Qt.Key_Z, Qt.ControlModifier)
    assert stored_mentions(db_path, doc_id) == ()
    assert not window.panel.tree_model.index_of(m.id).isValid()
    press(qtbot, window, Qt.Key_Z, Qt.ControlModifier | Qt.ShiftModifier)
    assert len(stored_mentions(db_path, doc_id)) == 1

    window.close()
    window.workspace.project.close()
    again = make_window(qtbot, db_path, settings)  # a restart over the same database
    open_doc(again, SPUTNIK)
    (m2,) = again.doc.mentions
    assert (m2.start, m2.end, m2.label) == (start, start + 5, "PERS")
    assert any(s.id == m2.id for s in again.view.spans)
    again.close()
    again.workspace.project.close()


def test_partial_mouse_selection_snaps_to_the_whole_word_with_its_proclitic(qtbot, window):
    open_doc(window, SPUTNIK)
    text = seed_text(SPUTNIK)
    word = "وبوتين" if "وبوتين" in text else "والأسد"
    start = text.index(word)
    view = window.view
    view.scroll_to(start)
    QApplication.processEvents()
    u16 = Utf16Map(view.text)
    # drag from inside the word (after its first two letters) to just before its last letter
    a = view.cursorRect(_cursor_at(view, u16.to_utf16(start + 2))).center()
    b = view.cursorRect(_cursor_at(view, u16.to_utf16(start + len(word) - 1))).center()
    qtbot.mousePress(view.viewport(), Qt.LeftButton, Qt.NoModifier, a)
    qtbot.mouseMove(view.viewport(), b)
    qtbot.mouseRelease(view.viewport(), Qt.LeftButton, Qt.NoModifier, b)
    raw = view.raw_selection()
    assert raw is not None and raw[0] > start  # the drag itself was partial
    assert view.selected_range() == (start, start + len(word))
    assert window.panel.selection_text.text() == f"«{word}»"
    press(qtbot, window, Qt.Key_P)
    (m,) = window.doc.mentions
    assert text[m.start : m.end] == word


def _cursor_at(view, pos16):
    cursor = QTextCursor(view.document())
    cursor.setPosition(pos16)
    return cursor


def test_emoji_before_the_span_does_not_shift_offsets(qtbot, window, tmp_path):
    body = "👨‍👩‍👧 😀 قال الرئيس فلاديمير بوتين إن\u200f 🇸🇾 العلاقات قوية"
    f = tmp_path / "emoji.txt"
    f.write_text(body, encoding="utf-8")
    window.workspace.project.import_paths([f])
    window.corpus.refresh()
    open_doc(window, "emoji")
    start = body.index("بوتين")
    select_with_cursor(window.view, start, start + 5)
    press(qtbot, window, Qt.Key_P)
    (m,) = window.doc.mentions
    assert (m.start, m.end) == (start, start + 5)
    assert body[m.start : m.end] == "بوتين"
    later = body.index("العلاقات")
    select_with_cursor(window.view, later, later + len("العلاقات"))
    press(qtbot, window, Qt.Key_O)
    assert {window.doc.text[x.start : x.end] for x in window.doc.mentions} == {"بوتين", "العلاقات"}


def test_clicking_a_highlight_selects_it_in_the_panel_and_relabel_delete(qtbot, window):
    open_doc(window, SPUTNIK)
    text = seed_text(SPUTNIK)
    start = text.index("موسكو")
    window.view.select_range(start, start + 5)
    press(qtbot, window, Qt.Key_G)
    (m,) = window.doc.mentions
    view = window.view
    window.view.clear_selection()
    view.scroll_to(start)
    QApplication.processEvents()
    point = view.cursorRect(_cursor_at(view, Utf16Map(view.text).to_utf16(start + 2))).center()
    qtbot.mouseClick(view.viewport(), Qt.LeftButton, Qt.NoModifier, point)
    assert window.selected_mention == m.id
    current = window.panel.tree.currentIndex()
    assert current.isValid() and "موسكو" in current.data()
    press(qtbot, window, Qt.Key_L)  # relabel the selected mention: GPE -> LOC
    assert window.doc.mentions[0].label == "LOC"
    press(qtbot, window, Qt.Key_Delete)
    assert window.doc.mentions == ()


def test_annotate_all_occurrences_finds_folded_variants(qtbot, window, tmp_path):
    body = "التقى بُوتِين بالأسد. وقال بوتـــين إن ‏بوتين سيزور دمشق، ولبوتين رأي."
    f = tmp_path / "variants.txt"
    f.write_text(body, encoding="utf-8")
    window.workspace.project.import_paths([f])
    window.corpus.refresh()
    open_doc(window, "variants")
    window.view.select_range(body.index("بوتين"), body.index("بوتين") + 5)
    press(qtbot, window, Qt.Key_P)
    job = window.find_and_suggest("بوتين", "PERS", None, document_id=window.doc.id, clitics=True)
    qtbot.waitUntil(lambda: window.job is None, timeout=10_000)
    assert job is not None
    suggested = [m for m in window.doc.mentions if m.status is MentionStatus.SUGGESTED]
    assert sorted(body[m.start : m.end] for m in suggested) == sorted(
        ["بُوتِين", "بوتـــين", "ولبوتين"]
    )
    assert len(window.panel.tree_model.suggestion_ids()) == 3
    press(qtbot, window, Qt.Key_Return, Qt.ControlModifier)  # accept the first, move to next
    press(qtbot, window, Qt.Key_Backspace, Qt.ControlModifier)  # reject the next
    window.panel.accept_all.click()
    statuses = sorted(m.status.value for m in window.doc.mentions)
    assert statuses == ["accepted", "accepted", "manual", "rejected"]


def test_corpus_search_filters_the_list(qtbot, window):
    window.corpus.search.setText("بُوتِين")  # vowelled query still finds the articles
    window.corpus.refresh()
    found = {d.external_id for d in window.corpus.model.rows}
    assert SPUTNIK in found and len(found) >= 3
    window.corpus.search.setText("لافروف")
    window.corpus.refresh()
    expected = {p.stem for p in SEEDS.glob("*.txt") if "لافروف" in p.read_text(encoding="utf-8")}
    assert 0 < len(expected) < 5
    assert {d.external_id for d in window.corpus.model.rows} == expected
    assert window.corpus.count.text() == f"{len(expected)} document(s)"


def test_next_and_previous_document_keys(qtbot, window):
    ids = window.corpus.ids()
    window.open_document(ids[0])
    press(qtbot, window, Qt.Key_PageDown, Qt.ControlModifier)
    assert window.doc.id == ids[1]
    press(qtbot, window, Qt.Key_PageUp, Qt.ControlModifier)
    assert window.doc.id == ids[0]


def test_metadata_editor_saves_and_undoes(qtbot, window):
    """Each field is saved when it is left (no Save button); the last one is undone first."""
    open_doc(window, SPUTNIK)
    window.panel.meta_published.setText("2023-03-15")
    window.panel.meta_published.editingFinished.emit()
    window.panel.meta_outlet.setCurrentText("سبوتنيك عربي")
    window.panel.meta_outlet.lineEdit().editingFinished.emit()
    assert window.doc.meta.outlet == "سبوتنيك عربي"
    window.panel.meta_published.setText("15/3/2023")
    window.panel.meta_published.editingFinished.emit()
    assert "2023-03-15" in window.panel.meta_error.text()
    window.undo()
    assert window.doc.meta.outlet is None


def test_adjust_the_boundaries_of_a_mention_to_a_new_selection(qtbot, window):
    open_doc(window, SPUTNIK)
    text = seed_text(SPUTNIK)
    start = text.index("فلاديمير بوتين")
    putin = start + len("فلاديمير ")
    window.view.select_range(putin, putin + 5)
    press(qtbot, window, Qt.Key_P)
    (m,) = window.doc.mentions
    window.view.select_range(start, putin + 5)  # widen to the full name
    press(qtbot, window, Qt.Key_B, Qt.ControlModifier)
    (m2,) = window.doc.mentions
    assert (m2.id, m2.start, m2.end) == (m.id, start, putin + 5)
    assert text[m2.start : m2.end] == "فلاديمير بوتين"
    window.undo()
    assert (window.doc.mentions[0].start, window.doc.mentions[0].end) == (putin, putin + 5)


def when_modal(action, errors):
    """Run `action(dialog)` on the next modal dialog; on failure close it so the test ends."""
    from PySide6.QtCore import QTimer

    def poll():
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, poll)
            return
        try:
            action(dialog)
        except Exception as exc:  # reported by the test after exec() returns
            errors.append(exc)
            dialog.reject()

    QTimer.singleShot(20, poll)


def test_link_a_mention_to_a_new_then_an_existing_registry_entity(qtbot, window):
    open_doc(window, SPUTNIK)
    text = seed_text(SPUTNIK)
    first = text.index("بوتين")
    second = text.index("بوتين", first + 5)
    for start in (first, second):
        window.view.select_range(start, start + 5)
        press(qtbot, window, Qt.Key_P)
    m1, m2 = sorted(window.doc.mentions, key=lambda m: m.start)
    errors = []

    def create(dialog):
        assert isinstance(dialog, EntityDialog)
        dialog.name.setText("فلاديمير بوتين")
        dialog.aliases.setText("بوتين؛ Putin")
        dialog.create_button.click()

    window.on_mention_selected(m1.id, from_view=True)
    when_modal(create, errors)
    window.link_entity()
    assert errors == []
    linked = {m.id: m.entity for m in window.doc.mentions}
    assert linked[m1.id] and window.doc.registry[linked[m1.id]].name == "فلاديمير بوتين"

    def pick(dialog):
        dialog.search.setText("بُوتِين")  # vowelled search still finds the alias
        dialog._refresh()
        assert dialog.results.count() == 1
        dialog.link_button.click()

    window.on_mention_selected(m2.id, from_view=True)
    when_modal(pick, errors)
    window.link_entity()
    assert errors == []
    linked = {m.id: m.entity for m in window.doc.mentions}
    assert linked[m2.id] == linked[m1.id]
    window.panel.group_by.setCurrentIndex(1)  # group by entity: one group holds both
    group = window.panel.tree_model.item(0)
    assert "فلاديمير بوتين" in group.text() and group.rowCount() == 2


def settle(qtbot, window, width, height):
    """Resize the window and let layouts, docks and the highlighter catch up."""
    window.resize(width, height)
    for _ in range(3):
        qtbot.wait(20)
        QApplication.processEvents()
