"""The article view: a read-only, right-to-left plain-text view with annotation highlights.

Built on ``QPlainTextEdit`` + ``QSyntaxHighlighter`` because that pair lays out only what is on
screen: a 1 MB article with 10,000 spans opens in tens of milliseconds, where ``ExtraSelections``
or ``QTextEdit.setHtml`` take hundreds (quality.md S2/S3). Spans are indexed once per
``set_spans`` (sorted by start, sliced per block); large articles are formatted lazily, a block at
a time just before it first comes on screen, so opening one costs one screen of formatting. Text
is set with ``setPlainText`` only and is never interpreted as HTML; hover tooltips are escaped
before display. Lines are kept to a readable length (:attr:`ArticleView.MAX_LINE_EM`): a wide
window centres the text column.

Offsets: every offset in this module's API is a **code point** of the stored text. Qt counts UTF-16
units; the one conversion point is the document's :class:`~desktop.text.Utf16Map`. ``QTextDocument``
separates blocks with one unit, the same as ``"\\n"``, so a stored offset maps to a document
position with ``Utf16Map.to_utf16`` alone. The document text equals the stored text character for
character (``\\r`` and the two frame noncharacters U+FDD0/U+FDD1, which Qt would treat as block
breaks, are replaced one-for-one in what Qt sees; the stored text never contains ``\\r``).

Visual encoding (chosen so nested, overlapping and long spans stay distinguishable and the text
stays black on pastel):

* **mention** — background in the label colour (made pastel if it is not already). Where mentions
  nest or overlap, the *innermost* (shortest) one gives the background, slightly darker for each
  enclosing level, and the nearest *enclosing* mention draws a solid underline in a strong shade of
  its colour. So a PERS mention ``الرئيس الروسي فلاديمير بوتين`` with OCC ``الرئيس`` and NORP
  ``الروسي`` inside shows the OCC and NORP backgrounds with the PERS underline running under both.
* **suggestion** — (propagated, not yet accepted) a pale tint of the label colour with a dotted
  underline; a real mention on the same text wins the background, the suggestion keeps the dotted
  underline unless an enclosing mention needs it.
* **claim** — claims are long and overlap mentions, so they do not touch the background: a coloured
  bar in the right (RTL-side) margin along the claim's lines, painted over the viewport for visible
  blocks only (overlapping claims get side-by-side lanes), plus claim text in a dark shade of the
  claim colour.
* **cue** — (reporting verb of a claim) bold with an overline, in a dark shade of its colour.
* **selected span** (``set_selected_span``) — a stronger background and a rounded outline in a
  strong shade of its colour.
* **bidi overrides** (U+202A–U+202E, U+2066–U+2069) — zero-width, so a small red bracket is
  painted at their position and the hover tooltip names them; ZWJ/ZWNJ stay invisible.

Colour changes inside a word keep Arabic letters joined (Qt shapes across format boundaries).
"""

from __future__ import annotations

import html
import logging
import operator
import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import compress, islice

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontInfo,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QResizeEvent,
    QSyntaxHighlighter,
    QTextBlock,
    QTextCharFormat,
    QTextCursor,
    QTextOption,
)
from PySide6.QtWidgets import QApplication, QFrame, QPlainTextEdit, QToolTip, QWidget

from desktop.gui.fonts import reading_font
from desktop.text import OVERRIDE_CONTROLS, Utf16Map, snap_to_words

__all__ = ["KINDS", "ArticleView", "ViewSpan"]

log = logging.getLogger(__name__)

KINDS = ("mention", "suggestion", "claim", "cue")

_SELECTION_KEYS = frozenset(
    (
        Qt.Key.Key_Left,
        Qt.Key.Key_Right,
        Qt.Key.Key_Up,
        Qt.Key.Key_Down,
        Qt.Key.Key_Home,
        Qt.Key.Key_End,
    )
)
_OVERRIDES = re.compile("[" + "".join(sorted(OVERRIDE_CONTROLS)) + "]")

DOCUMENT_MARGIN = 22  # px around the text; the right one carries the claim bars
CLAIM_BAR_WIDTH = 4
CLAIM_BAR_GAP = 2
MAX_CLAIM_LANES = 3
MARKER_COLOR = QColor("#d00000")
TEXT_COLOR = QColor("#1b1b1b")
PAPER_COLOR = QColor("#fdfcf8")
ZOOM_STEP = 1.1
ZOOM_MIN, ZOOM_MAX = -6, 12


@dataclass(frozen=True)
class ViewSpan:
    """One highlighted span, offsets in code points of the stored text."""

    id: object
    start: int
    end: int
    kind: str  # "mention" | "suggestion" | "claim" | "cue"
    color: str  # "#rrggbb"
    label: str = ""
    tooltip: str = ""


# --- colours -------------------------------------------------------------------------------------


def _mix(a: QColor, b: QColor, t: float) -> QColor:
    """``a`` moved a fraction ``t`` of the way to ``b``."""
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * t,
        a.greenF() + (b.greenF() - a.greenF()) * t,
        a.blueF() + (b.blueF() - a.blueF()) * t,
    )


class _Palette:
    """Derived shades of span colours, computed once per colour."""

    def __init__(self) -> None:
        self._cache: dict[tuple[str, str], QColor] = {}

    def _base(self, color: str) -> QColor:
        c = QColor(color)
        return c if c.isValid() else QColor("#c0c0c0")

    def get(self, color: str, shade: str) -> QColor:
        key = (color, shade)
        hit = self._cache.get(key)
        if hit is None:
            hit = self._cache[key] = self._make(self._base(color), shade)
        return hit

    @staticmethod
    def _make(c: QColor, shade: str) -> QColor:
        white = QColor("#ffffff")
        h, s, l_, _ = c.getHslF()
        if shade == "bg":  # pastel: black text must stay readable
            return c if l_ >= 0.78 else _mix(c, white, (0.82 - l_) / max(1e-6, 1.0 - l_))
        if shade == "pale":  # suggestions: paler than a mention
            bg = _Palette._make(c, "bg")
            return _mix(bg, white, 0.55)
        if shade == "selected":
            return QColor.fromHslF(h, min(1.0, max(s, 0.55)), 0.70)
        if shade == "strong":  # lines, bars and outlines on white paper
            return QColor.fromHslF(h, min(1.0, max(s, 0.55)), 0.45 if s > 0.05 else 0.40)
        if shade == "dark":  # text colour: still reads as black at a glance
            return QColor.fromHslF(h, min(1.0, max(s, 0.45)), 0.24 if s > 0.05 else 0.15)
        raise ValueError(shade)

    def darker(self, color: QColor, levels: int) -> QColor:
        return color if levels <= 0 else color.darker(100 + 7 * min(levels, 3))


# --- span index ----------------------------------------------------------------------------------


class _SpanIndex:
    """Spans sorted by start, with per-block slices; built once per ``set_spans``.

    Spans are kept in one list sorted by start, so the spans that start in block ``n`` are the
    slice ``first[n]:first[n + 1]``; the few that run on from an earlier block (a claim over two
    paragraphs) are listed in ``carried[n]``. Building costs a handful of C-level passes plus a sort
    when the input is not already in document order (storage returns it ordered), which keeps a
    50,000-span article well inside the open budget (quality.md S2).
    """

    __slots__ = ("_by_id", "_claims", "_lanes", "carried", "ends", "first", "spans", "starts")

    def __init__(self, spans: Sequence[ViewSpan], line_starts: list[int], length: int) -> None:
        spans = list(spans)
        starts = [s.start for s in spans]
        ends = [s.end for s in spans]
        if spans and not (
            min(starts) >= 0 and max(ends) <= length and all(map(operator.lt, starts, ends))
        ):
            valid = [0 <= a < b <= length for a, b in zip(starts, ends, strict=True)]
            log.warning(
                "article view: ignored %d spans outside the text or empty", valid.count(False)
            )
            spans = list(compress(spans, valid))
            starts = list(compress(starts, valid))
            ends = list(compress(ends, valid))
        if not all(map(operator.le, starts, islice(starts, 1, None))):
            order = sorted(range(len(spans)), key=starts.__getitem__)
            spans = [spans[i] for i in order]
            starts = [starts[i] for i in order]
            ends = [ends[i] for i in order]
        self.spans = spans
        self.starts = starts
        self.ends = ends
        first = [bisect_left(starts, ls) for ls in line_starts]
        first.append(len(spans))
        self.first = first
        # Spans that reach past the end of the block they start in.
        carried: dict[int, list[ViewSpan]] = {}
        nblocks = len(line_starts)
        for b in range(nblocks - 1):
            f0, f1 = first[b], first[b + 1]
            if f0 == f1:
                continue
            limit = line_starts[b + 1]
            if max(ends[f0:f1]) <= limit:
                continue
            for i in range(f0, f1):
                if ends[i] > limit:
                    e = ends[i]
                    for c in range(b + 1, nblocks):
                        if line_starts[c] >= e:
                            break
                        carried.setdefault(c, []).append(spans[i])
        self.carried = carried
        self._claims: list[ViewSpan] | None = None
        self._by_id: dict[object, ViewSpan] | None = None
        self._lanes: dict[object, int] | None = None

    def block(self, n: int) -> list[ViewSpan]:
        """Spans overlapping block ``n``: carried-over ones first, then by start."""
        if n + 1 >= len(self.first):
            return []
        own = self.spans[self.first[n] : self.first[n + 1]]
        extra = self.carried.get(n)
        return extra + own if extra else own

    def has_block(self, n: int) -> bool:
        return (n + 1 < len(self.first) and self.first[n] != self.first[n + 1]) or (
            n in self.carried
        )

    @property
    def claims(self) -> list[ViewSpan]:
        if self._claims is None:
            self._claims = [s for s in self.spans if s.kind == "claim"]
        return self._claims

    @property
    def by_id(self) -> dict[object, ViewSpan]:
        if self._by_id is None:
            # Reversed, so the first span with a given id wins.
            self._by_id = {s.id: s for s in reversed(self.spans)}
        return self._by_id

    @property
    def claim_lanes(self) -> dict[object, int]:
        """Lane of each claim's margin bar: overlapping claims sit side by side."""
        if self._lanes is None:
            lanes: dict[object, int] = {}
            lane_ends: list[int] = []
            for s in self.claims:
                for lane, end in enumerate(lane_ends):
                    if end <= s.start:
                        lane_ends[lane] = s.end
                        break
                else:
                    lane = min(len(lane_ends), MAX_CLAIM_LANES - 1)
                    if lane == len(lane_ends):
                        lane_ends.append(s.end)
                    else:
                        lane_ends[lane] = max(lane_ends[lane], s.end)
                lanes[s.id] = lane
            self._lanes = lanes
        return self._lanes


# --- highlighter ---------------------------------------------------------------------------------


class SpanHighlighter(QSyntaxHighlighter):
    """Applies the span formats of one block from the view's per-block index.

    Works in two modes. *Eager* (small documents): every block is formatted when the text is set,
    like any syntax highlighter. *Lazy* (large documents): blocks are formatted only when they are
    about to be painted (:meth:`ArticleView.paintEvent` calls :meth:`ensure_block`), so opening a
    1 MB article costs one screen of formatting instead of the whole text.
    """

    def __init__(self, view: ArticleView) -> None:
        super().__init__(view.document())
        self._view = view
        self._palette = _Palette()
        self._formats: dict[tuple, QTextCharFormat] = {}
        self.lazy = False
        self._done = bytearray()
        self._forcing = False

    def reset(self, block_count: int, *, lazy: bool) -> None:
        self.lazy = lazy
        self._done = bytearray(block_count)

    def forget_all(self) -> None:
        """Lazy mode: every block is formatted again before it is next painted."""
        self._done = bytearray(len(self._done))

    def invalidate(self, block_numbers) -> None:
        """Re-format these blocks now (eager) or when next painted (lazy)."""
        doc = self.document()
        for n in block_numbers:
            if n >= len(self._done):
                continue
            if self.lazy and not self._done[n]:
                continue  # not formatted yet: will be when painted
            block = doc.findBlockByNumber(n)
            if block.isValid():
                self._forcing = True
                try:
                    self.rehighlightBlock(block)
                finally:
                    self._forcing = False

    def ensure_block(self, block: QTextBlock) -> bool:
        """Format ``block`` if it has not been yet; True when that changed something."""
        n = block.blockNumber()
        if n >= len(self._done) or self._done[n]:
            return False
        self._forcing = True
        try:
            self.rehighlightBlock(block)
        finally:
            self._forcing = False
        return self._view._index.has_block(n)

    def is_formatted(self, block_number: int) -> bool:
        return block_number < len(self._done) and bool(self._done[block_number])

    # -- formats --

    def _format(self, key: tuple) -> QTextCharFormat:
        fmt = self._formats.get(key)
        if fmt is None:
            fmt = self._formats[key] = self._make_format(*key)
        return fmt

    def _make_format(
        self,
        inner: str | None,
        depth: int,
        outer: str | None,
        suggestion: str | None,
        claim: str | None,
        cue: str | None,
        selected: bool,
    ) -> QTextCharFormat:
        p = self._palette
        fmt = QTextCharFormat()
        if inner is not None:
            bg = p.get(inner, "selected" if selected else "bg")
            fmt.setBackground(p.darker(bg, depth - 1))
        elif suggestion is not None:
            fmt.setBackground(p.get(suggestion, "selected" if selected else "pale"))
        if outer is not None:
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
            fmt.setUnderlineColor(p.get(outer, "strong"))
        elif suggestion is not None:
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
            fmt.setUnderlineColor(p.get(suggestion, "strong"))
        if cue is not None:
            fmt.setForeground(p.get(cue, "dark"))
            fmt.setFontWeight(QFont.Weight.Bold)
            fmt.setFontOverline(True)
        elif claim is not None:
            fmt.setForeground(p.get(claim, "dark"))
        return fmt

    def _key(self, active: list[ViewSpan], selected_id: object) -> tuple:
        inner = outer = suggestion = claim = cue = None
        inner_len = outer_len = sugg_len = 1 << 62
        depth = 0
        selected = False
        for s in active:
            kind = s.kind
            length = s.end - s.start
            if kind == "mention":
                depth += 1
                if length < inner_len or (length == inner_len and inner is not None):
                    if inner is not None and inner_len < outer_len:
                        outer, outer_len = inner, inner_len
                    inner, inner_len = s, length
                elif length < outer_len:
                    outer, outer_len = s, length
            elif kind == "suggestion":
                if length < sugg_len:
                    suggestion, sugg_len = s, length
            elif kind == "claim":
                claim = s
            elif kind == "cue":
                cue = s
        if selected_id is not None:
            top = inner if inner is not None else suggestion
            selected = top is not None and top.id == selected_id
        return (
            inner.color if inner is not None else None,
            depth,
            outer.color if outer is not None else None,
            suggestion.color if suggestion is not None else None,
            claim.color if claim is not None else None,
            cue.color if cue is not None else None,
            selected,
        )

    # -- QSyntaxHighlighter --

    def highlightBlock(self, text: str) -> None:
        block = self.currentBlock()
        n = block.blockNumber()
        done = self._done
        if n >= len(done):
            return
        if self.lazy and not self._forcing:
            done[n] = 0
            return
        done[n] = 1
        view = self._view
        spans = view._index.block(n)
        if not spans:
            return
        cp0 = view._line_starts[n]
        cp1 = cp0 + view._line_lengths[n]
        to16 = view._map.to_utf16
        base16 = block.position()
        selected_id = view._selected_id
        if len(spans) == 1:
            s = spans[0]
            a = max(s.start, cp0)
            b = min(s.end, cp1)
            if a < b:
                u = to16(a) - base16
                self.setFormat(u, to16(b) - base16 - u, self._format(self._key(spans, selected_id)))
            return
        # Sweep over the span boundaries inside this block; ``spans`` is sorted by start.
        points = {cp0, cp1}
        for s in spans:
            if s.start > cp0:
                points.add(s.start)
            if s.end < cp1:
                points.add(s.end)
        bounds = sorted(points)
        active: list[ViewSpan] = []
        i = 0
        count = len(spans)
        for j in range(len(bounds) - 1):
            a, b = bounds[j], bounds[j + 1]
            if active:
                active = [s for s in active if s.end > a]
            while i < count and spans[i].start <= a:
                if spans[i].end > a:
                    active.append(spans[i])
                i += 1
            if not active:
                continue
            u = to16(a) - base16
            self.setFormat(u, to16(b) - base16 - u, self._format(self._key(active, selected_id)))


# --- the view ------------------------------------------------------------------------------------


class ArticleView(QPlainTextEdit):
    """Read-only right-to-left article text with highlighted spans; offsets in code points."""

    #: The range that would be stored if the annotator labelled now (snapped unless exact), or
    #: (-1, -1) when nothing is selected.
    selectionChangedRange = Signal(int, int)
    #: Id of the innermost span under a click that did not select text.
    spanClicked = Signal(object)
    #: Id of the innermost span under the mouse (None when the mouse leaves all spans).
    spanHovered = Signal(object)

    #: Above these sizes blocks are formatted when first painted instead of all at once.
    LAZY_SPANS = 2_000
    LAZY_CHARS = 200_000
    #: Longest line, in ems of the reading font; wider windows get side margins instead.
    MAX_LINE_EM = 42

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self._map = Utf16Map("")
        self._line_starts: list[int] = [0]
        self._line_lengths: list[int] = [0]
        self._markers_by_block: dict[int, list[int]] = {}
        self._spans: tuple[ViewSpan, ...] = ()
        self._index = _SpanIndex((), [0], 0)
        self._selected_id: object = None
        self._snap = True
        self._exact_modifier = False  # Alt held during the last mouse/keyboard selection
        self._last_emitted: tuple[int, int] = (-1, -1)
        self._press_pos: QPoint | None = None
        self._hovered: object = None
        self._family: str | None = None
        self._base_size: float | None = None
        self._zoom = 0
        self._palette_cache = _Palette()

        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setCenterOnScroll(False)
        doc = self.document()
        doc.setDocumentMargin(DOCUMENT_MARGIN)
        option = doc.defaultTextOption()
        option.setTextDirection(Qt.LayoutDirection.RightToLeft)
        option.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute)
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        doc.setDefaultTextOption(option)
        pal = self.palette()
        pal.setColor(QPalette.ColorRole.Base, PAPER_COLOR)
        pal.setColor(QPalette.ColorRole.Window, PAPER_COLOR)
        pal.setColor(QPalette.ColorRole.Text, TEXT_COLOR)
        self.setPalette(pal)
        self.setAutoFillBackground(True)
        self.viewport().setMouseTracking(True)
        self._highlighter = SpanHighlighter(self)
        self.set_reading_font(None, None)
        self.selectionChanged.connect(self._on_selection_changed)

    # -- properties --

    @property
    def text(self) -> str:
        """The stored text shown (code points; equal to the document text)."""
        return self._text

    @property
    def spans(self) -> tuple[ViewSpan, ...]:
        return self._spans

    @property
    def snap_to_words(self) -> bool:
        """Whether selections snap to whole words by default (True unless turned off)."""
        return self._snap

    @snap_to_words.setter
    def snap_to_words(self, value: bool) -> None:
        self._snap = bool(value)
        self._emit_selection()

    @property
    def selected_span_id(self) -> object:
        return self._selected_id

    @property
    def highlighter(self) -> SpanHighlighter:
        return self._highlighter

    # -- content --

    def set_article(self, text: str, spans: Sequence[ViewSpan] = ()) -> None:
        """Show ``text`` (plain text, never HTML) with ``spans``; resets scroll and selection."""
        self._text = text
        self._map = Utf16Map(text)
        qt_text = _qt_text(text)
        starts = _block_starts(qt_text)
        self._line_starts = starts
        ends = [*starts[1:], len(text) + 1]
        self._line_lengths = [e - s - 1 for s, e in zip(starts, ends, strict=True)]
        markers: dict[int, list[int]] = {}
        if any(ch in text for ch in OVERRIDE_CONTROLS):
            for m in _OVERRIDES.finditer(text):
                markers.setdefault(bisect_right(starts, m.start()) - 1, []).append(m.start())
        self._markers_by_block = markers
        self._spans = tuple(spans)
        self._index = _SpanIndex(self._spans, starts, len(text))
        self._selected_id = None
        self._hovered = None
        lazy = len(self._spans) > self.LAZY_SPANS or len(text) > self.LAZY_CHARS
        self._highlighter.reset(len(starts), lazy=lazy)
        self._exact_modifier = False
        self.setPlainText(qt_text)
        self._emit_selection()  # (-1, -1) if the old article had a selection
        if self.document().blockCount() != len(starts):  # never expected; keep offsets honest
            log.error(
                "article view: %d blocks in Qt, %d expected",
                self.document().blockCount(),
                len(starts),
            )
        self._format_visible()

    def set_spans(self, spans: Sequence[ViewSpan]) -> None:
        """Replace the spans; re-formats only the blocks whose spans changed, keeps the scroll."""
        old = self._index
        self._spans = tuple(spans)
        self._index = new = _SpanIndex(self._spans, self._line_starts, len(self._text))
        if self._selected_id is not None and self._selected_id not in new.by_id:
            self._selected_id = None
        hl = self._highlighter
        if hl.lazy:
            # Large article: re-format what is on screen now, the rest when it is scrolled to.
            hl.forget_all()
        else:
            hl.invalidate(
                [n for n in range(len(self._line_starts)) if old.block(n) != new.block(n)]
            )
        self._format_visible()
        self.viewport().update()

    def set_selected_span(self, span_id: object) -> None:
        """Emphasise the span with this id (None clears) and scroll it into view.

        Setting the id that is already selected changes nothing, so a refresh after an edit
        elsewhere does not pull the view back to the selected span.
        """
        if span_id is None and self._selected_id is None:
            return
        by_id = self._index.by_id
        if span_id not in by_id:
            span_id = None
        if span_id == self._selected_id:
            return
        old = by_id.get(self._selected_id)
        self._selected_id = span_id
        new = by_id.get(span_id)
        blocks: set[int] = set()
        for s in (old, new):
            if s is not None:
                blocks.update(self._blocks_of(s.start, s.end))
        self._highlighter.invalidate(sorted(blocks))
        if new is not None and not self._is_visible(new.start):
            self.scroll_to(new.start)
        self.viewport().update()

    # -- selection --

    def select_range(self, start: int, end: int) -> None:
        """Select ``[start, end)`` (code points) with the text cursor."""
        n = len(self._text)
        start = max(0, min(start, n))
        end = max(0, min(end, n))
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._map.to_utf16(start))
        cursor.setPosition(self._map.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
        self._exact_modifier = False
        self.setTextCursor(cursor)

    def clear_selection(self) -> None:
        cursor = self.textCursor()
        cursor.clearSelection()
        self.setTextCursor(cursor)

    def raw_selection(self) -> tuple[int, int] | None:
        """The selection exactly as the cursor has it (code points), or None."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        a = self._map.to_cp(cursor.selectionStart())
        b = self._map.to_cp(cursor.selectionEnd())
        return (a, b) if a < b else None

    def selected_range(self, *, snap: bool | None = None) -> tuple[int, int] | None:
        """The selected range in code points, snapped to whole words unless ``snap`` is False.

        With ``snap=None`` snapping follows :attr:`snap_to_words`, except that a selection made
        while holding Alt keeps its exact characters.
        """
        raw = self.raw_selection()
        if raw is None:
            return None
        if snap is None:
            snap = self._snap and not self._exact_modifier
        return snap_to_words(self._text, *raw) if snap else raw

    def _on_selection_changed(self) -> None:
        self._emit_selection()

    def _emit_selection(self) -> None:
        rng = self.selected_range() or (-1, -1)
        if rng != self._last_emitted:
            self._last_emitted = rng
            self.selectionChangedRange.emit(*rng)

    # -- scrolling --

    def scroll_to(self, start: int) -> None:
        """Scroll so that code point ``start`` is about a third down the viewport."""
        start = max(0, min(start, len(self._text)))
        pos16 = self._map.to_utf16(start)
        doc = self.document()
        block = doc.findBlock(pos16)
        if not block.isValid():
            return
        layout = doc.documentLayout()
        layout.ensureBlockLayout(block)
        line = block.layout().lineForTextPosition(pos16 - block.position())
        line_no = block.firstLineNumber() + (line.lineNumber() if line.isValid() else 0)
        spacing = max(1.0, self.fontMetrics().lineSpacing())
        above = int(self.viewport().height() / 3 / spacing)
        bar = self.verticalScrollBar()
        bar.setValue(max(bar.minimum(), min(bar.maximum(), line_no - above)))

    def _is_visible(self, start: int) -> bool:
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._map.to_utf16(start))
        rect = self.cursorRect(cursor)
        return self.viewport().rect().contains(rect.center())

    # -- fonts and zoom --

    def set_reading_font(self, family: str | None, point_size: float | None) -> None:
        """Use ``family`` (falls back when not installed) at ``point_size`` points; resets zoom."""
        self._family = family
        self._base_size = point_size
        self._zoom = 0
        self._apply_font()

    def zoom_in(self) -> None:
        self._set_zoom(self._zoom + 1)

    def zoom_out(self) -> None:
        self._set_zoom(self._zoom - 1)

    def reset_zoom(self) -> None:
        self._set_zoom(0)

    @property
    def zoom_level(self) -> int:
        return self._zoom

    def _set_zoom(self, level: int) -> None:
        level = max(ZOOM_MIN, min(ZOOM_MAX, level))
        if level != self._zoom:
            self._zoom = level
            self._apply_font()

    def _apply_font(self) -> None:
        anchor = self._top_position()
        font = reading_font(self._family, self._base_size)
        font.setPointSizeF(font.pointSizeF() * ZOOM_STEP**self._zoom)
        self.setFont(font)
        self._update_measure()
        if anchor is not None and anchor > 0:
            self.scroll_to_top(anchor)

    def _update_measure(self) -> None:
        """Keep lines at a readable length: on a wide window the text column is centred."""
        em = QFontInfo(self.font()).pixelSize() or 20
        widest = int(self.MAX_LINE_EM * em) + 2 * DOCUMENT_MARGIN
        spare = max(0, self.width() - self.verticalScrollBar().sizeHint().width() - widest)
        side = spare // 2
        if self.viewportMargins().left() != side or self.viewportMargins().right() != side:
            self.setViewportMargins(side, 0, side, 0)
            # QPlainTextEdit re-wraps its lines on its own resize events only.
            vp = self.viewport()
            QApplication.sendEvent(vp, QResizeEvent(vp.size(), QSize(-1, -1)))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._update_measure()
        self._format_visible()

    def _top_position(self) -> int | None:
        if not self._text:
            return None
        cursor = self.cursorForPosition(QPoint(self.viewport().width() // 2, 2))
        return self._map.to_cp(cursor.position())

    def scroll_to_top(self, start: int) -> None:
        """Scroll so the line holding code point ``start`` is the first one shown."""
        pos16 = self._map.to_utf16(max(0, min(start, len(self._text))))
        block = self.document().findBlock(pos16)
        if not block.isValid():
            return
        self.document().documentLayout().ensureBlockLayout(block)
        line = block.layout().lineForTextPosition(pos16 - block.position())
        self.verticalScrollBar().setValue(
            block.firstLineNumber() + (line.lineNumber() if line.isValid() else 0)
        )

    # -- geometry helpers --

    def _blocks_of(self, start: int, end: int) -> range:
        starts = self._line_starts
        b0 = bisect_right(starts, start) - 1
        b1 = bisect_right(starts, max(start, end - 1)) - 1
        return range(max(0, b0), b1 + 1)

    def _visible_blocks(self):
        """(block, its geometry in viewport coordinates) for each block on screen."""
        block = self.firstVisibleBlock()
        offset = self.contentOffset()
        height = self.viewport().height()
        while block.isValid():
            geo = self.blockBoundingGeometry(block).translated(offset)
            if geo.top() > height:
                break
            if block.isVisible() and geo.bottom() >= 0:
                yield block, geo
            block = block.next()

    def _range_rects(self, block: QTextBlock, geo: QRectF, a16: int, b16: int) -> list[QRectF]:
        """Rectangles (viewport coordinates) covering block-relative UTF-16 range [a16, b16)."""
        layout = block.layout()
        rects: list[QRectF] = []
        for i in range(layout.lineCount()):
            line = layout.lineAt(i)
            ls = line.textStart()
            le = ls + line.textLength()
            a, b = max(a16, ls), min(b16, le)
            if a >= b:
                continue
            xa = line.cursorToX(a)[0]
            xb = line.cursorToX(b)[0]
            left, right = min(xa, xb), max(xa, xb)
            if right - left < 1:
                continue
            rects.append(
                QRectF(
                    geo.left() + left,
                    geo.top() + line.y(),
                    right - left,
                    line.height(),
                )
            )
        return rects

    def _position_at(self, point: QPoint) -> int | None:
        """Cursor position (UTF-16) nearest to ``point`` if the point is over a line of text."""
        if not self._text:
            return None
        cursor = self.cursorForPosition(point)
        block = cursor.block()
        geo = self.blockBoundingGeometry(block).translated(self.contentOffset())
        layout = block.layout()
        rel = cursor.positionInBlock()
        line = layout.lineForTextPosition(rel)
        if not line.isValid():
            return None
        top = geo.top() + line.y()
        if not top <= point.y() < top + line.height():
            return None
        return cursor.position()

    def spans_at_point(self, point: QPoint) -> list[ViewSpan]:
        """Spans whose painted text lies under ``point`` (viewport coordinates), outer first."""
        pos16 = self._position_at(point)
        if pos16 is None:
            return []
        cp = self._map.to_cp(pos16)
        block = self.document().findBlock(pos16)
        n = block.blockNumber()
        # The spans touching the boundary at ``cp``; the painted rectangles decide.
        candidates = [s for s in self._index.block(n) if s.start <= cp <= s.end]
        if not candidates:
            return []
        geo = self.blockBoundingGeometry(block).translated(self.contentOffset())
        base16 = block.position()
        to16 = self._map.to_utf16
        hits = []
        pt = QPointF(point)
        for s in candidates:
            a = max(to16(s.start), base16) - base16
            b = min(to16(s.end), base16 + block.length() - 1) - base16
            for r in self._range_rects(block, geo, a, b):
                if r.adjusted(-0.5, 0, 0.5, 0).contains(pt):
                    hits.append(s)
                    break
        hits.sort(key=lambda s: (-(s.end - s.start), s.start))
        return hits

    def span_at_point(self, point: QPoint) -> ViewSpan | None:
        """The innermost (shortest) span under ``point``."""
        hits = self.spans_at_point(point)
        return hits[-1] if hits else None

    def markers_at_point(self, point: QPoint) -> list[int]:
        """Code point offsets of bidi override controls painted near ``point``."""
        out = []
        for cp, rect in self._marker_rects():
            if rect.adjusted(-3, 0, 3, 0).contains(QPointF(point)):
                out.append(cp)
        return out

    def bidi_marker_positions(self) -> list[tuple[int, QRectF]]:
        """(code point offset, viewport rectangle) of each visible bidi override marker."""
        return list(self._marker_rects())

    def _marker_rects(self):
        if not self._markers_by_block:
            return
        to16 = self._map.to_utf16
        for block, geo in self._visible_blocks():
            cps = self._markers_by_block.get(block.blockNumber())
            if not cps:
                continue
            layout = block.layout()
            base16 = block.position()
            for cp in cps:
                rel = to16(cp) - base16
                line = layout.lineForTextPosition(rel)
                if not line.isValid():
                    continue
                x = geo.left() + line.cursorToX(rel)[0]
                yield cp, QRectF(x - 3, geo.top() + line.y(), 6, line.height())

    # -- painting --

    def _format_visible(self) -> None:
        """Lazy mode: format the blocks on screen before they are painted.

        Called when the view scrolls or resizes, so the formats are in place before Qt's paint
        (formatting inside the paint would cost a second paint per frame); the paint event calls
        it too, as a fallback. Runs twice if formatting changed a block's height.
        """
        hl = self._highlighter
        if not hl.lazy:
            return
        for _ in range(2):
            changed = False
            for block, _geo in self._visible_blocks():
                changed |= hl.ensure_block(block)
            if not changed:
                break

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        super().scrollContentsBy(dx, dy)
        self._format_visible()

    def paintEvent(self, event) -> None:
        self._format_visible()
        super().paintEvent(event)
        if not self._index.spans and not self._markers_by_block:
            return
        painter = QPainter(self.viewport())
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            self._paint_overlays(painter)
        finally:
            painter.end()

    def _paint_overlays(self, painter: QPainter) -> None:
        index = self._index
        pal = self._palette_cache
        to16 = self._map.to_utf16
        width = self.viewport().width()
        selected = index.by_id.get(self._selected_id) if self._selected_id is not None else None
        bar_x0 = width - DOCUMENT_MARGIN + 4
        for block, geo in self._visible_blocks():
            n = block.blockNumber()
            base16 = block.position()
            end16 = base16 + block.length() - 1
            layout = block.layout()
            for s in index.block(n):
                if s.kind != "claim":
                    continue
                a = max(to16(s.start), base16) - base16
                b = min(to16(s.end), end16) - base16
                first = layout.lineForTextPosition(a)
                last = layout.lineForTextPosition(max(a, b - 1))
                if not (first.isValid() and last.isValid()):
                    continue
                lane = index.claim_lanes.get(s.id, 0)
                x = bar_x0 + lane * (CLAIM_BAR_WIDTH + CLAIM_BAR_GAP)
                top = geo.top() + first.y() + 2
                bottom = geo.top() + last.y() + last.height() - 2
                color = pal.get(s.color, "strong")
                if s.id == self._selected_id:
                    color = color.darker(130)
                painter.fillRect(QRectF(x, top, CLAIM_BAR_WIDTH, bottom - top), color)
            if (
                selected is not None
                and selected.start <= self._block_end_cp(n)
                and selected.end > self._line_starts[n]
            ):
                a = max(to16(selected.start), base16) - base16
                b = min(to16(selected.end), end16) - base16
                pen = QPen(pal.get(selected.color, "strong"), 1.6)
                painter.setPen(pen)
                painter.setBrush(Qt.BrushStyle.NoBrush)
                for r in self._range_rects(block, geo, a, b):
                    painter.drawRoundedRect(r.adjusted(-1, 1, 1, -1), 3, 3)
            cps = self._markers_by_block.get(n)
            if cps:
                for cp in cps:
                    rel = to16(cp) - base16
                    line = layout.lineForTextPosition(rel)
                    if line.isValid():
                        x = geo.left() + line.cursorToX(rel)[0]
                        _paint_marker(painter, x, geo.top() + line.y(), line.height())

    def _block_end_cp(self, n: int) -> int:
        return self._line_starts[n] + self._line_lengths[n]

    # -- mouse and keyboard --

    def mousePressEvent(self, event: QMouseEvent) -> None:
        mods = event.modifiers()
        self._exact_modifier = bool(mods & Qt.KeyboardModifier.AltModifier)
        self._press_pos = event.position().toPoint()
        cursor = self.textCursor()
        if (
            event.button() == Qt.MouseButton.LeftButton
            and not mods & Qt.KeyboardModifier.ShiftModifier
            and cursor.hasSelection()
        ):
            # A press inside the selection would start dragging the text out; annotators mean
            # to select again, so drop the old selection first (without scrolling to its end).
            vbar, hbar = self.verticalScrollBar().value(), self.horizontalScrollBar().value()
            cursor.clearSelection()
            self.setTextCursor(cursor)
            self.verticalScrollBar().setValue(vbar)
            self.horizontalScrollBar().setValue(hbar)
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._exact_modifier = bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
            super().mouseMoveEvent(event)
            return
        super().mouseMoveEvent(event)
        self._hover(event.position().toPoint(), event.globalPosition().toPoint())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._exact_modifier = bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
        super().mouseReleaseEvent(event)
        self._emit_selection()
        pos = event.position().toPoint()
        press, self._press_pos = self._press_pos, None
        if (
            event.button() == Qt.MouseButton.LeftButton
            and not self.textCursor().hasSelection()
            and (press is None or (press - pos).manhattanLength() < 4)
        ):
            span = self.span_at_point(pos)
            if span is not None:
                self.spanClicked.emit(span.id)

    def keyPressEvent(self, event) -> None:
        mods = event.modifiers()
        if mods & Qt.KeyboardModifier.ShiftModifier:
            alt = bool(mods & Qt.KeyboardModifier.AltModifier)
            self._exact_modifier = alt
            if alt and event.key() in _SELECTION_KEYS:
                # Alt+Shift+arrow selects exact characters: Qt knows only Shift+arrow.
                event = QKeyEvent(
                    event.type(),
                    event.key(),
                    mods & ~Qt.KeyboardModifier.AltModifier,
                    event.text(),
                    event.isAutoRepeat(),
                    event.count(),
                )
        super().keyPressEvent(event)
        if mods & Qt.KeyboardModifier.ShiftModifier:
            self._emit_selection()

    def viewportEvent(self, event) -> bool:
        if event.type() == QEvent.Type.Leave and self._hovered is not None:
            self._hovered = None
            self.spanHovered.emit(None)
        return super().viewportEvent(event)

    def _hover(self, point: QPoint, global_point: QPoint) -> None:
        spans = self.spans_at_point(point)
        markers = self.markers_at_point(point)
        inner = spans[-1].id if spans else None
        if inner != self._hovered:
            self._hovered = inner
            self.spanHovered.emit(inner)
        lines = [_tooltip_line(s) for s in spans]
        lines.extend(_marker_line(self._text[cp], cp) for cp in markers)
        if lines:
            QToolTip.showText(global_point, _plain_tooltip("\n".join(lines)), self.viewport())
        else:
            QToolTip.hideText()

    def tooltip_text(self, point: QPoint) -> str:
        """The plain text the hover tooltip shows at ``point`` ("" when none)."""
        lines = [_tooltip_line(s) for s in self.spans_at_point(point)]
        lines.extend(_marker_line(self._text[cp], cp) for cp in self.markers_at_point(point))
        return "\n".join(lines)

    def point_of(self, cp: int) -> QPoint:
        """Viewport point in the middle of the cursor rectangle at code point ``cp``."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._map.to_utf16(max(0, min(cp, len(self._text)))))
        return self.cursorRect(cursor).center()


def _qt_text(text: str) -> str:
    """``text`` as handed to Qt: the same length, with characters Qt would treat as extra block
    breaks (``\r`` merges with a following ``\n``; U+FDD0/U+FDD1 are frame markers) replaced
    one-for-one, so every offset stays valid."""
    if "\r" in text:
        text = text.replace("\r", "\n")
    if "\ufdd0" in text or "\ufdd1" in text:
        text = text.replace("\ufdd0", "\ufffd").replace("\ufdd1", "\ufffd")
    return text


def _block_starts(qt_text: str) -> list[int]:
    """Code point offset where each QTextDocument block starts ("\n" and U+2029 end a block)."""
    starts = [0]
    for sep in ("\n", "\u2029"):
        if sep not in qt_text:
            continue
        found = []
        i = qt_text.find(sep)
        while i >= 0:
            found.append(i + 1)
            i = qt_text.find(sep, i + 1)
        starts = sorted(starts + found) if len(starts) > 1 else starts + found
    return starts


def _plain_tooltip(text: str) -> str:
    """Tooltip markup that shows ``text`` literally: QToolTip guesses rich text from content, so
    article text and labels are escaped rather than trusted (quality.md, Security)."""
    return "<p style='white-space:pre-wrap'>" + html.escape(text, quote=False) + "</p>"


def _tooltip_line(span: ViewSpan) -> str:
    label, tip = span.label, span.tooltip
    if not tip:
        return label or span.kind
    if not label or tip.startswith(label):
        return tip
    return f"{label} — {tip}"


def _marker_line(ch: str, cp: int) -> str:
    return f"⚠ U+{ord(ch):04X} {unicodedata.name(ch, 'BIDI CONTROL')} (offset {cp})"


def _paint_marker(painter: QPainter, x: float, top: float, height: float) -> None:
    """A red bracket at a zero-width bidi control: a bar with a flag on top."""
    pen = QPen(MARKER_COLOR, 1.5)
    painter.setPen(pen)
    painter.drawLine(QPointF(x, top + 3), QPointF(x, top + height - 3))
    path = QPainterPath()
    path.moveTo(x - 4, top + 2)
    path.lineTo(x + 4, top + 2)
    path.lineTo(x, top + 8)
    path.closeSubpath()
    painter.fillPath(path, MARKER_COLOR)
    painter.drawLine(QPointF(x - 3, top + height - 3), QPointF(x + 3, top + height - 3))
