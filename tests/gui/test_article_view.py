"""The article view: offsets in code points, word snapping, highlights, RTL, bidi markers, clicks."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QFontInfo, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QApplication

from desktop.gui.article.span_index import ViewSpan
from desktop.gui.article.view import ArticleView
from desktop.gui.fonts import load_bundled_fonts, reading_font
from tests.conftest import SPUTNIK, seed_text

PERS = "#ffb3ba"
OCC = "#fff3a3"
GPE = "#a8d8ff"


def u16(s: str) -> int:
    """UTF-16 length, computed independently of the code under test."""
    return len(s.encode("utf-16-le")) // 2


@pytest.fixture
def view(qtbot):
    v = ArticleView()
    qtbot.addWidget(v)
    v.resize(640, 420)
    v.show()
    qtbot.waitExposed(v)
    return v


def paint(view: ArticleView) -> None:
    view.viewport().repaint()
    QApplication.processEvents()


def formats_of(view: ArticleView, block_number: int = 0) -> list:
    return list(view.document().findBlockByNumber(block_number).layout().formats())


def format_at(view: ArticleView, pos16: int, block_number: int = 0) -> QTextCharFormat | None:
    """The span format covering block-relative UTF-16 position ``pos16`` (None when plain)."""
    for r in formats_of(view, block_number):
        if r.start <= pos16 < r.start + r.length:
            return QTextCharFormat(r.format)  # a copy: the range owns its format
    return None


def covered(view: ArticleView, block_number: int = 0) -> set[int]:
    out: set[int] = set()
    for r in formats_of(view, block_number):
        out.update(range(r.start, r.start + r.length))
    return out


def drag(qtbot, view: ArticleView, a: QPoint, b: QPoint, modifier=Qt.NoModifier) -> None:
    vp = view.viewport()
    qtbot.mousePress(vp, Qt.LeftButton, modifier, a)
    qtbot.mouseMove(vp, b)
    qtbot.mouseRelease(vp, Qt.LeftButton, modifier, b)


# --- offsets -------------------------------------------------------------------------------------

EMOJI_TEXT = "عائلة 👨\u200d👩\u200d👧 سعيدة 😀 قال بوتين اليوم"


def test_select_range_after_emoji_returns_code_points(view):
    text = EMOJI_TEXT
    view.set_article(text, [])
    start = text.index("بوتين")
    view.select_range(start, start + 5)
    assert view.selected_range() == (start, start + 5)
    assert view.selected_range(snap=False) == (start, start + 5)
    s, e = view.selected_range()
    assert text[s:e] == "بوتين"
    # Qt holds the same selection in UTF-16 units (the ZWJ family is 8 units, 😀 is 2)
    cursor = view.textCursor()
    assert cursor.selectionStart() == u16(text[:start])
    assert cursor.selectedText() == "بوتين"


def test_cursor_moved_in_qt_units_maps_back_to_the_word(view):
    text = EMOJI_TEXT
    view.set_article(text, [])
    start = text.index("بوتين")
    cursor = QTextCursor(view.document())
    cursor.setPosition(u16(text[:start]))
    cursor.movePosition(QTextCursor.EndOfWord, QTextCursor.KeepAnchor)
    view.setTextCursor(cursor)
    assert view.selected_range(snap=False) == (start, start + 5)
    assert view.text[slice(*view.selected_range())] == "بوتين"


def test_mouse_drag_over_a_word_after_emoji(qtbot, view):
    text = EMOJI_TEXT
    view.set_article(text, [])
    start = text.index("بوتين")
    ranges = []
    view.selectionChangedRange.connect(lambda a, b: ranges.append((a, b)))
    drag(qtbot, view, view.point_of(start), view.point_of(start + 5))
    assert view.selected_range(snap=False) == (start, start + 5)
    assert view.selected_range() == (start, start + 5)
    assert ranges[-1] == (start, start + 5)
    view.clear_selection()
    assert view.selected_range() is None
    assert ranges[-1] == (-1, -1)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    text=st.lists(
        st.sampled_from([*"بوتين قال\n", "😀", "👨\u200d👩", "\u064e", "\u202e", "\r"]),
        min_size=1,
        max_size=30,
    ).map("".join),
    data=st.data(),
)
def test_offsets_round_trip_through_qt(view, text, data):
    view.set_article(text, [])
    # one block break per line break; a stray CR (never stored) is shown as one, same length
    assert view.document().toRawText().replace("\u2029", "\n") == text.replace("\r", "\n")
    assert view.text == text
    a = data.draw(st.integers(0, len(text)))
    b = data.draw(st.integers(0, len(text)))
    view.select_range(a, b)
    lo, hi = min(a, b), max(a, b)
    assert view.selected_range(snap=False) == ((lo, hi) if lo < hi else None)


# --- snapping ------------------------------------------------------------------------------------


def test_partial_selection_snaps_to_word_with_proclitic(view):
    text = "قال الرئيس وبوتين أمس"
    view.set_article(text, [])
    start = text.index("وبوتين")
    ranges = []
    view.selectionChangedRange.connect(lambda a, b: ranges.append((a, b)))
    view.select_range(start + 2, start + 4)
    assert view.selected_range() == (start, start + 6)
    assert ranges[-1] == (start, start + 6)
    assert view.selected_range(snap=False) == (start + 2, start + 4)
    view.snap_to_words = False
    assert view.selected_range() == (start + 2, start + 4)
    assert ranges[-1] == (start + 2, start + 4)


def test_alt_drag_keeps_exact_characters(qtbot, view):
    text = "قال الرئيس وبوتين أمس"
    view.set_article(text, [])
    start = text.index("وبوتين")
    a, b = view.point_of(start + 1), view.point_of(start + 4)
    drag(qtbot, view, a, b, Qt.AltModifier)
    assert view.selected_range() == (start + 1, start + 4)
    drag(qtbot, view, b, a)  # reversed, so the press is not taken as a double click
    assert view.selected_range() == (start, start + 6)


def test_keyboard_selection_snaps_and_alt_keeps_exact_characters(qtbot, view):
    text = "قال الرئيس وبوتين أمس"
    view.set_article(text, [])
    start = text.index("وبوتين")
    cursor = view.textCursor()
    cursor.setPosition(start + 1)
    view.setTextCursor(cursor)
    view.setFocus()
    forward = Qt.Key_Left  # in a right-to-left line, Left moves forward through the text
    for _ in range(2):
        qtbot.keyClick(view, forward, Qt.ShiftModifier)
    assert view.selected_range(snap=False) == (start + 1, start + 3)
    assert view.selected_range() == (start, start + 6)
    qtbot.keyClick(view, forward, Qt.ShiftModifier | Qt.AltModifier)
    assert view.selected_range() == (start + 1, start + 4)


def test_selection_never_splits_a_letter_from_its_harakat(view):
    text = "كَتَبَ الوَلَدُ الدَّرْسَ"
    view.set_article(text, [])
    word = text.index("الوَلَدُ")
    # end between و and its fatha, start between ل and its fatha: snapping takes the whole word
    view.select_range(word + 3, word + 4)
    s, e = view.selected_range()
    assert text[s:e] == "الوَلَدُ"
    # Qt's own cursor never stops between a letter and its marks either
    cursor = QTextCursor(view.document())
    stops = []
    while cursor.movePosition(QTextCursor.NextCharacter):
        stops.append(cursor.position())
    assert all(not ("\u064b" <= text[p] <= "\u0652") for p in stops if p < len(text))


# --- highlighting --------------------------------------------------------------------------------


def test_span_formats_cover_exactly_their_utf16_range_after_an_astral_char(view):
    text = "😀 قال الرئيس فلاديمير بوتين في موسكو"
    outer_start = text.index("الرئيس")
    outer = ViewSpan("outer", outer_start, text.index(" في"), "mention", PERS, "PERS", "بوتين")
    occ = ViewSpan("occ", outer_start, outer_start + 6, "mention", OCC, "OCC", "الرئيس")
    gpe = ViewSpan("gpe", text.index("موسكو"), len(text), "mention", GPE, "GPE", "موسكو")
    view.set_article(text, [outer, occ, gpe])
    shift = u16("😀") - 1
    assert covered(view) == set(range(outer.start + shift, outer.end + shift)) | set(
        range(gpe.start + shift, gpe.end + shift)
    )
    inner_fmt = format_at(view, occ.start + shift)
    outer_fmt = format_at(view, text.index("بوتين") + shift)
    # the inner (shorter) mention gives the background; the enclosing one underlines it
    assert inner_fmt.background().color() != outer_fmt.background().color()
    assert inner_fmt.underlineStyle() == QTextCharFormat.SingleUnderline
    assert outer_fmt.underlineStyle() == QTextCharFormat.NoUnderline
    assert inner_fmt.background().color().name() == QColor(OCC).darker(107).name()
    assert outer_fmt.background().color().name() == PERS
    assert format_at(view, gpe.start + shift).background().color().name() == GPE
    assert format_at(view, gpe.start + shift - 3) is None  # "في" is plain


def test_kinds_are_drawn_differently(view):
    text = "قال الرئيس إن بوتين سيزور موسكو غدا"
    cue = ViewSpan("cue", 0, 3, "cue", "#3b7dd8", "cue")
    claim = ViewSpan("claim", text.index("بوتين"), len(text), "claim", "#3b7dd8", "claim")
    sugg = ViewSpan("s", text.index("موسكو"), text.index(" غدا"), "suggestion", GPE, "GPE")
    view.set_article(text, [cue, claim, sugg])
    cue_fmt = format_at(view, 1)
    claim_fmt = format_at(view, claim.start + 1)
    sugg_fmt = format_at(view, sugg.start + 1)
    assert cue_fmt.fontWeight() == 700 and cue_fmt.fontOverline()
    assert claim_fmt.background().style() == Qt.NoBrush  # claims leave the background alone
    assert claim_fmt.foreground().color().lightnessF() < 0.35  # dark text, still readable
    assert sugg_fmt.underlineStyle() == QTextCharFormat.DotLine
    assert sugg_fmt.background().color().lightnessF() > QColor(GPE).lightnessF()
    # the claim bar is painted in the right margin
    paint(view)
    img = view.viewport().grab().toImage()
    y = view.point_of(claim.start + 2).y()
    margin = [img.pixelColor(x, y) for x in range(img.width() - 22, img.width())]
    assert any(c.blue() > 150 and c.red() < 120 for c in margin)


def test_set_spans_rehighlights_changed_blocks_and_keeps_scroll(view):
    text = "\n".join(f"الفقرة {i} قال بوتين في موسكو" for i in range(200))
    view.set_article(text, [])
    view.verticalScrollBar().setValue(50)
    paint(view)
    top = view.verticalScrollBar().value()
    block = view.firstVisibleBlock().blockNumber()
    line = text.split("\n")[block]
    start = sum(len(x) + 1 for x in text.split("\n")[:block]) + line.index("بوتين")
    view.set_spans([ViewSpan(1, start, start + 5, "mention", PERS, "PERS")])
    paint(view)
    assert view.verticalScrollBar().value() == top
    assert covered(view, block) == set(range(line.index("بوتين"), line.index("بوتين") + 5))
    view.set_spans([])
    assert covered(view, block) == set()


def test_large_documents_are_formatted_when_painted(view, monkeypatch):
    monkeypatch.setattr(ArticleView, "LAZY_CHARS", 100)
    text = "\n".join(f"الفقرة {i} قال بوتين في موسكو" for i in range(300))
    starts = [i for i in range(len(text)) if text.startswith("بوتين", i)]
    view.set_article(
        text, [ViewSpan(k, s, s + 5, "mention", PERS, "PERS") for k, s in enumerate(starts)]
    )
    assert view.highlighter.lazy
    paint(view)
    first = view.firstVisibleBlock().blockNumber()
    assert covered(view, first)
    assert not covered(view, 299)  # far below: not formatted yet
    view.scroll_to(starts[299])
    paint(view)
    assert covered(view, 299)
    view.set_spans([ViewSpan("only", starts[0], starts[0] + 5, "mention", PERS, "PERS")])
    paint(view)
    assert not covered(view, 299)  # on screen: re-formatted at once
    view.scroll_to(0)
    paint(view)
    assert covered(view, 0) and not covered(view, 1)


def test_selected_span_is_emphasised_and_scrolled_into_view(view):
    text = "\n".join(f"الفقرة {i} قال بوتين" for i in range(150))
    start = text.rindex("بوتين")
    view.set_article(text, [ViewSpan("p", start, start + 5, "mention", PERS, "PERS")])
    block = view.document().blockCount() - 1
    rel = start - text.rindex("\n") - 1 + 2
    before = format_at(view, rel, block).background().color()
    assert not view.viewport().rect().contains(view.point_of(start + 2))
    view.set_selected_span("p")
    paint(view)
    assert view.viewport().rect().contains(view.point_of(start + 2))
    after = format_at(view, rel, block).background().color()
    assert after.lightnessF() < before.lightnessF()
    view.set_selected_span(None)
    assert format_at(view, rel, block).background().color() == before


# --- direction, plain text, bidi controls ---------------------------------------------------------


@pytest.mark.parametrize("direction", [Qt.LeftToRight, Qt.RightToLeft])
def test_paragraph_starting_with_latin_is_still_right_to_left(view, direction):
    view.setLayoutDirection(direction)
    text = "RT: قال الرئيس الروسي فلاديمير بوتين إن العلاقات جيدة"
    view.set_article(text, [])
    paint(view)
    option = view.document().defaultTextOption()
    assert option.textDirection() == Qt.RightToLeft
    assert option.alignment() & Qt.AlignRight
    block = view.document().firstBlock()
    assert block.layout().textOption().textDirection() == Qt.RightToLeft
    # "R" is laid out on the right-hand side, the Arabic continues to its left
    assert view.point_of(0).x() > view.viewport().width() / 2
    assert view.point_of(text.index("بوتين")).x() < view.point_of(0).x()


def test_text_is_never_interpreted_as_html(view):
    text = "<b>عريض</b> &amp; <img src=x> <script>alert(1)</script>"
    view.set_article(text, [ViewSpan(1, 0, 11, "mention", PERS, "<i>PERS</i>", "<b>x</b>")])
    assert view.toPlainText() == text
    assert view.tooltip_text(view.point_of(5)) == "<i>PERS</i> — <b>x</b>"


def test_bidi_override_is_kept_and_made_visible(view):
    text = "قال \u202eبوتين\u202c اليوم"
    view.set_article(text, [])
    assert view.document().toRawText() == text
    assert view.text == text
    markers = view.bidi_marker_positions()
    assert [cp for cp, _ in markers] == [4, 10]
    paint(view)
    img = view.viewport().grab().toImage()
    rect = markers[0][1].toRect()
    reds = [
        img.pixelColor(x, y)
        for x in range(rect.left(), rect.right() + 1)
        for y in range(rect.top(), rect.bottom() + 1)
    ]
    assert any(c.red() > 180 and c.green() < 80 and c.blue() < 80 for c in reds)
    assert "RIGHT-TO-LEFT OVERRIDE" in view.tooltip_text(rect.center())
    # the same text without the control has no red at all
    view.set_article(text.replace("\u202e", "").replace("\u202c", ""), [])
    paint(view)
    img = view.viewport().grab().toImage()
    assert not any(
        (c := img.pixelColor(x, y)).red() > 180 and c.green() < 80 and c.blue() < 80
        for x in range(0, img.width(), 2)
        for y in range(0, min(img.height(), 80), 2)
    )


def test_zwj_and_zwnj_stay_invisible(view):
    text = "مي\u200cخواهم 👨\u200d👩\u200d👧"
    view.set_article(text, [])
    assert view.bidi_marker_positions() == []
    assert view.toPlainText() == text


# --- mouse ---------------------------------------------------------------------------------------


def test_click_on_a_highlight_emits_its_innermost_span(qtbot, view):
    text = "😀 قال الرئيس فلاديمير بوتين في موسكو"
    outer = ViewSpan("outer", text.index("فلاديمير"), text.index(" في"), "mention", PERS, "PERS")
    inner = ViewSpan("inner", text.index("بوتين"), text.index(" في"), "mention", PERS, "PERS")
    gpe = ViewSpan("gpe", text.index("موسكو"), len(text), "mention", GPE, "GPE")
    view.set_article(text, [outer, inner, gpe])
    for span in (inner, gpe, outer):
        with qtbot.waitSignal(view.spanClicked, timeout=1000) as blocker:
            qtbot.mouseClick(view.viewport(), Qt.LeftButton, pos=view.point_of(span.start + 2))
        assert blocker.args == [span.id]
    # a click on plain text emits nothing
    with qtbot.assertNotEmitted(view.spanClicked):
        qtbot.mouseClick(view.viewport(), Qt.LeftButton, pos=view.point_of(text.index("قال") + 1))


def test_hover_lists_all_spans_under_the_mouse(qtbot, view):
    text = "قال الرئيس فلاديمير بوتين"
    outer = ViewSpan(
        "o", text.index("فلاديمير"), len(text), "mention", PERS, "PERS", "PERS → بوتين"
    )
    inner = ViewSpan("i", text.index("بوتين"), len(text), "suggestion", PERS, "PERS", "")
    view.set_article(text, [outer, inner])
    point = view.point_of(inner.start + 2)
    assert view.tooltip_text(point).splitlines() == ["PERS → بوتين", "PERS"]
    with qtbot.waitSignal(view.spanHovered, timeout=1000) as blocker:
        qtbot.mouseMove(view.viewport(), point)
    assert blocker.args == ["i"]


# --- fonts and zoom ------------------------------------------------------------------------------


def test_bundled_reading_font_and_fallback(view):
    assert "Noto Naskh Arabic" in load_bundled_fonts()
    assert QFontInfo(reading_font()).family() == "Noto Naskh Arabic"
    assert QFontInfo(reading_font("Noto Sans Arabic", 12)).family() == "Noto Sans Arabic"
    assert reading_font("No Such Font Family", 20).family() == "Noto Naskh Arabic"
    view.set_reading_font("No Such Font Family", 20)
    assert view.font().family() == "Noto Naskh Arabic" and view.font().pointSizeF() == 20


def test_zoom_keeps_the_text_in_view(view):
    text = seed_text(SPUTNIK)
    view.set_article(text, [])
    size = view.font().pointSizeF()
    view.zoom_in()
    view.zoom_in()
    assert view.font().pointSizeF() > size
    view.zoom_out()
    view.zoom_out()
    view.zoom_out()
    assert view.font().pointSizeF() < size
    view.reset_zoom()
    assert view.font().pointSizeF() == size
    assert view.toPlainText() == text
