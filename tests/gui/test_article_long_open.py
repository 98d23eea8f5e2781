"""Opening a long article: its first screen is painted from the mentions around the place it
opens at, and the whole article is read just after that paint (docs/benchmarks.md, "Opening the
big article")."""

from __future__ import annotations

import re

from desktop.gui.main_window import MainWindow
from tests.gui.test_big_article import N_MENTIONS, big_db
from tests.gui.test_live_updates import highlighted_text, painted_background
from tests.gui.test_main_window import make_window, select_with_cursor, stored_mentions


def open_long(qtbot, monkeypatch, db_path, tmp_path, settings):
    monkeypatch.setattr(MainWindow, "LONG_ARTICLE", N_MENTIONS // 4)  # 4,000 mentions is long
    record = big_db(db_path, tmp_path)
    window = make_window(qtbot, db_path, settings, annotator="tester")
    window.open_first_document()
    return record, window


def test_the_first_screen_is_painted_first_and_the_rest_read_after_it(
    qtbot, monkeypatch, db_path, tmp_path, settings
):
    record, window = open_long(qtbot, monkeypatch, db_path, tmp_path, settings)
    view, tree = window.view, window.panel.tree_model
    assert window.loading_rest
    part = window.doc.mentions
    assert 0 < len(part) < N_MENTIONS
    assert max(m.start for m in part) < 4 * MainWindow.FIRST_SCREEN_CHARS
    first = part[0]
    assert highlighted_text(view, first.id) == record["text"][first.start : first.end]
    assert tree.rowCount() == 0  # the mention tree waits for the rest

    qtbot.waitUntil(lambda: not window.loading_rest)  # after the first paint
    doc = window.doc
    assert doc.mentions == stored_mentions(db_path, doc.id)
    assert len(doc.mentions) == N_MENTIONS
    titles = [tree.item(r).text() for r in range(tree.rowCount())]
    assert sum(int(re.search(r"\((\d+)\)$", t).group(1)) for t in titles) == N_MENTIONS
    last = doc.mentions[-1]
    assert highlighted_text(view, last.id) == record["text"][last.start : last.end]
    view.scroll_to(last.start)
    qtbot.waitUntil(lambda: bool(painted_background(view, last.start, last.end)))
    assert str(N_MENTIONS) in window.status_counts.text().replace(",", "")


def test_a_label_key_before_the_rest_is_read_is_kept_once(
    qtbot, monkeypatch, db_path, tmp_path, settings
):
    record, window = open_long(qtbot, monkeypatch, db_path, tmp_path, settings)
    assert window.loading_rest
    taken = {(m.start, m.end) for m in window.doc.mentions}
    words = [m.span() for m in re.finditer(r"\w+", record["text"][:3000])]
    start, end = next(w for w in words if w not in taken)
    select_with_cursor(window.view, start, end)
    assert window.loading_rest
    window.panel.labelChosen.emit("PERS")  # the label's button in the panel, no event loop
    (new,) = [m for m in window.doc.mentions if (m.start, m.end) == (start, end)]
    assert window.loading_rest  # stored and shown while only the first screen was read

    qtbot.waitUntil(lambda: not window.loading_rest)
    doc = window.doc
    assert [m.id for m in doc.mentions if (m.start, m.end) == (start, end)] == [new.id]
    assert len(doc.mentions) == N_MENTIONS + 1
    assert doc.mentions == stored_mentions(db_path, doc.id)
    assert window.panel.tree_model.index_of(new.id).isValid()
    assert painted_background(window.view, start, end)
    row = window.corpus.model.rows[window.corpus.model.row_of(doc.id)]
    assert row.mentions == N_MENTIONS + 1  # the corpus list counts the whole article


def test_the_rest_is_read_even_when_no_paint_comes(qtbot, monkeypatch, db_path, tmp_path, settings):
    monkeypatch.setattr(MainWindow, "LONG_ARTICLE", N_MENTIONS // 4)
    big_db(db_path, tmp_path)
    window = make_window(qtbot, db_path, settings, annotator="tester")
    window.view.viewport().setUpdatesEnabled(False)  # as good as minimised: nothing is painted
    window.open_first_document()
    assert window.loading_rest
    qtbot.waitUntil(lambda: not window.loading_rest, timeout=10_000)
    assert len(window.doc.mentions) == N_MENTIONS
