"""The article view: a read-only, right-to-left plain-text view with annotation highlights.

Built on ``QPlainTextEdit`` + ``QSyntaxHighlighter`` because that pair lays out only what is on
screen: a 1 MB article with 10,000 spans opens in tens of milliseconds, where ``ExtraSelections``
or ``QTextEdit.setHtml`` take hundreds (docs/benchmarks.md). Spans are indexed once per
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

How spans look is described in `highlighter.py`.
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence

from PySide6.QtCore import QEvent, QPoint, QRect, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPalette,
    QTextBlock,
    QTextCursor,
    QTextOption,
)
from PySide6.QtWidgets import QFrame, QPlainTextEdit, QWidget

from desktop.core.errors import MizanError
from desktop.gui.article.highlighter import Palette, SpanHighlighter
from desktop.gui.article.overlays import (
    DOCUMENT_MARGIN,
    marker_rects,
    paint_overlays,
    range_rects,
)
from desktop.gui.article.point_lookup import PointLookup
from desktop.gui.article.reading_font import ReadingFont
from desktop.gui.article.span_index import (
    KINDS,
    SpanIndex,
    ViewSpan,
    block_starts,
    qt_text,
    qt_text_strict,
)
from desktop.text import OVERRIDE_CONTROLS, Utf16Map, snap_to_words

__all__ = ["KINDS", "ArticleView", "ViewSpan"]

log = logging.getLogger(__name__)

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
#: Held while dragging: exact characters. Ctrl, because Openbox and XFCE take Alt+drag to move
#: the window; Alt still works where the desktop leaves it alone.
_EXACT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
_OUTLINE = 3  # pixels a selected span's outline (overlays.py) may reach past its line
PREVIEW_COLOR = QColor(70, 130, 200, 70)  # the snapped range that will be stored

TEXT_COLOR = QColor("#1b1b1b")
PAPER_COLOR = QColor("#fdfcf8")


class ArticleView(ReadingFont, PointLookup, QPlainTextEdit):
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

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self._map = Utf16Map("")
        self._line_starts: list[int] = [0]
        self._line_lengths: list[int] = [0]
        self._markers_by_block: dict[int, list[int]] = {}
        self._spans: tuple[ViewSpan, ...] | None = ()
        self._index = SpanIndex((), [0], 0)
        self._selected_id: object = None
        self._after_paint: list = []  # what waits for the next paint (`after_paint`)
        self._snap = True
        self._exact_modifier = False  # Ctrl/Alt held during the last mouse selection
        self._last_emitted: tuple[int, int] = (-1, -1)
        self._press_pos: QPoint | None = None
        self._hovered: object = None
        self._family: str | None = None
        self._base_size: float | None = None
        self._zoom = 0
        self._palette_cache = Palette()

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
        if self._spans is None:
            self._spans = tuple(self._index.spans)
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

    def set_article(self, text: str, spans: Sequence[ViewSpan] = (), *, strict: bool = False):
        """Show ``text`` (plain text, never HTML) with ``spans``; resets scroll and selection.

        Offsets hold only if Qt makes the lines `block_starts` expects. When it does not, the
        text is shown again with every character that is not ordinary text replaced
        (``strict``); if Qt still disagrees nothing is shown and `MizanError` is raised."""
        self._text = text
        self._map = Utf16Map(text)
        shown = qt_text_strict(text) if strict else qt_text(text)
        starts = block_starts(shown)
        self._line_starts = starts
        ends = [*starts[1:], len(text) + 1]
        self._line_lengths = [e - s - 1 for s, e in zip(starts, ends, strict=True)]
        markers: dict[int, list[int]] = {}
        if any(ch in text for ch in OVERRIDE_CONTROLS):
            for m in _OVERRIDES.finditer(text):
                markers.setdefault(bisect_right(starts, m.start()) - 1, []).append(m.start())
        self._markers_by_block = markers
        self._spans = tuple(spans)
        self._index = SpanIndex(self._spans, starts, len(text))
        self._selected_id = None
        self._hovered = None
        lazy = len(self._spans) > self.LAZY_SPANS or len(text) > self.LAZY_CHARS
        self._highlighter.reset(len(starts), lazy=lazy)
        self._exact_modifier = False
        self.setPlainText(shown)
        self._emit_selection()  # (-1, -1) if the old article had a selection
        blocks, units = self.document().blockCount(), self.document().characterCount() - 1
        expected = (len(starts), self._map.to_utf16(len(text)))
        if (blocks, units) != expected:  # never expected: never go on with wrong offsets
            if strict:
                self.set_article("")
                raise MizanError(
                    f"the article view cannot keep this text's offsets exact (Qt: {blocks} lines,"
                    f" {units} units; expected {expected[0]}, {expected[1]}); it is not shown"
                )
            log.error("article view: Qt %s, expected %s; reloading", (blocks, units), expected)
            self.set_article(text, spans, strict=True)
            return
        self._format_visible()

    def set_spans(self, spans: Sequence[ViewSpan]) -> None:
        """Replace the spans; re-formats only the blocks whose spans changed, keeps the scroll."""
        old = self._index
        self._spans = tuple(spans)
        self._index = new = SpanIndex(self._spans, self._line_starts, len(self._text))
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

    def update_spans(self, removed: Iterable[object] = (), added: Sequence[ViewSpan] = ()) -> None:
        """Take out the spans with the ids `removed` and put in `added` (an edit): only the blocks
        those spans cover are formatted again; the scroll and the selection stay."""
        removed = set(removed)
        if not removed and not added:
            return
        gone = self._index.replace(removed, added, self._line_starts, len(self._text))
        if gone is None:  # an id held by two spans: build the index again
            gone = [s for s in self.spans if s.id in removed]
            kept = [s for s in self.spans if s.id not in removed] if gone else list(self.spans)
            kept.extend(added)
            self._index = SpanIndex(kept, self._line_starts, len(self._text))
        self._spans = None  # made from the index when asked for (`spans`)
        if self._selected_id is not None and self._selected_id not in self._index.by_id:
            self._selected_id = None
        blocks: set[int] = set()
        for s in (*gone, *added):
            blocks.update(self._blocks_of(s.start, s.end))
        self._highlighter.invalidate(sorted(blocks))
        self._format_visible()
        self._update_blocks(blocks, (*gone, *added))

    def _update_blocks(self, blocks: Iterable[int], spans: Iterable[ViewSpan]) -> None:
        """Repaint the lines of these blocks across the viewport's width (outlines, margin
        bars), not the whole screen: a label key changes a line or two of 40. A claim may move
        the margin bars of other claims (their lanes), so it repaints everything."""
        viewport = self.viewport()
        if any(s.kind == "claim" or s.kind == "cue" for s in spans):
            viewport.update()
            return
        doc, offset = self.document(), self.contentOffset()
        width, height = viewport.width(), viewport.height()
        region = QRect()
        for n in blocks:
            block = doc.findBlockByNumber(n)
            if not block.isValid():
                continue
            geo = self.blockBoundingGeometry(block).translated(offset)
            if geo.bottom() < 0 or geo.top() > height:
                continue
            top = int(geo.top()) - _OUTLINE
            region = region.united(QRect(0, top, width, int(geo.height()) + 2 * _OUTLINE + 1))
        if not region.isEmpty():
            viewport.update(region)

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
        else:
            self._update_blocks(blocks, [s for s in (old, new) if s is not None])

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
            self.viewport().update()  # the preview of the snapped range moves with it
            self.selectionChangedRange.emit(*rng)

    def preview_range(self) -> tuple[int, int] | None:
        """The range that will be stored when it differs from what the cursor selected (the
        selection snapped to whole words): painted over the text so the annotator sees it."""
        raw = self.raw_selection()
        rng = self.selected_range()
        return rng if raw is not None and rng is not None and rng != raw else None

    def _paint_preview(self, painter: QPainter, start: int, end: int) -> None:
        to16 = self._map.to_utf16
        a16, b16 = to16(start), to16(end)
        painter.setPen(PREVIEW_COLOR.darker(160))
        for block, geo in self._visible_blocks():
            base = block.position()
            a, b = max(a16, base) - base, min(b16, base + block.length() - 1) - base
            if a < b:
                for rect in self._range_rects(block, geo, a, b):
                    painter.fillRect(rect, PREVIEW_COLOR)
                    painter.drawRect(rect.adjusted(0, 0, -1, -1))

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

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._update_measure()
        self._format_visible()

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
        return range_rects(block, geo, a16, b16)

    def bidi_marker_positions(self) -> list[tuple[int, QRectF]]:
        """(code point offset, viewport rectangle) of each visible bidi override marker."""
        return list(self._marker_rects())

    def _marker_rects(self):
        return marker_rects(self)

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

    def after_paint(self, fn) -> None:
        """Call `fn` once, just after the viewport's next paint has been drawn: work the user
        need not see in the first screen of an article waits for it (docs/benchmarks.md)."""
        self._after_paint.append(fn)

    def paintEvent(self, event) -> None:
        self._format_visible()
        super().paintEvent(event)
        if self._after_paint:
            waiting, self._after_paint = self._after_paint, []
            for fn in waiting:
                QTimer.singleShot(0, fn)  # once this paint has reached the screen
        preview = self.preview_range()
        if not self._index.spans and not self._markers_by_block and preview is None:
            return
        painter = QPainter(self.viewport())
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            self._paint_overlays(painter)
            if preview is not None:
                self._paint_preview(painter, *preview)
        finally:
            painter.end()

    def _paint_overlays(self, painter: QPainter) -> None:
        paint_overlays(self, painter)

    def _block_end_cp(self, n: int) -> int:
        return self._line_starts[n] + self._line_lengths[n]

    # -- mouse and keyboard --

    def mousePressEvent(self, event: QMouseEvent) -> None:
        mods = event.modifiers()
        self._exact_modifier = bool(mods & _EXACT)
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
            self._exact_modifier = bool(event.modifiers() & _EXACT)
            super().mouseMoveEvent(event)
            return
        super().mouseMoveEvent(event)
        self._hover(event.position().toPoint(), event.globalPosition().toPoint())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._exact_modifier = bool(event.modifiers() & _EXACT)
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
