"""What the article view paints over its text (claim bars in the margin, the selected span's
outline, bidi override markers) and what its tooltips say."""

from __future__ import annotations

import html
import unicodedata

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QTextBlock

from desktop.gui.article.span_index import ViewSpan

DOCUMENT_MARGIN = 22  # px around the text; the right one carries the claim bars
CLAIM_BAR_WIDTH = 4
CLAIM_BAR_GAP = 2
MARKER_COLOR = QColor("#d00000")


def range_rects(block: QTextBlock, geo: QRectF, a16: int, b16: int) -> list[QRectF]:
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


def paint_overlays(view, painter: QPainter) -> None:
    index = view._index
    pal = view._palette_cache
    to16 = view._map.to_utf16
    width = view.viewport().width()
    selected = index.by_id.get(view._selected_id) if view._selected_id is not None else None
    bar_x0 = width - DOCUMENT_MARGIN + 4
    for block, geo in view._visible_blocks():
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
            if s.id == view._selected_id:
                color = color.darker(130)
            painter.fillRect(QRectF(x, top, CLAIM_BAR_WIDTH, bottom - top), color)
        if (
            selected is not None
            and selected.start <= view._block_end_cp(n)
            and selected.end > view._line_starts[n]
        ):
            a = max(to16(selected.start), base16) - base16
            b = min(to16(selected.end), end16) - base16
            pen = QPen(pal.get(selected.color, "strong"), 1.6)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            for r in range_rects(block, geo, a, b):
                painter.drawRoundedRect(r.adjusted(-1, 1, 1, -1), 3, 3)
        cps = view._markers_by_block.get(n)
        if cps:
            for cp in cps:
                rel = to16(cp) - base16
                line = layout.lineForTextPosition(rel)
                if line.isValid():
                    x = geo.left() + line.cursorToX(rel)[0]
                    paint_marker(painter, x, geo.top() + line.y(), line.height())


def plain_tooltip(text: str) -> str:
    """Tooltip markup that shows ``text`` literally: QToolTip guesses rich text from content, so
    article text and labels are escaped rather than trusted."""
    return "<p style='white-space:pre-wrap'>" + html.escape(text, quote=False) + "</p>"


def tooltip_line(span: ViewSpan) -> str:
    label, tip = span.label, span.tooltip
    if not tip:
        return label or span.kind
    if not label or tip.startswith(label):
        return tip
    return f"{label} — {tip}"


def marker_line(ch: str, cp: int) -> str:
    return f"⚠ U+{ord(ch):04X} {unicodedata.name(ch, 'BIDI CONTROL')} (offset {cp})"


def paint_marker(painter: QPainter, x: float, top: float, height: float) -> None:
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


def marker_rects(view):
    """(code point, viewport rectangle) of each bidi override marker on screen."""
    if not view._markers_by_block:
        return
    to16 = view._map.to_utf16
    for block, geo in view._visible_blocks():
        cps = view._markers_by_block.get(block.blockNumber())
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
