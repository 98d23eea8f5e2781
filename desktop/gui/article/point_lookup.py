"""What lies under a point of the article view: spans, bidi markers, the hover tooltip.

A mixin of :class:`~desktop.gui.article.view.ArticleView` (like ``ReadingFont``): it reads the
view's text, offsets map and span index, and answers in code points of the stored text. A span
is "under" a point when its painted rectangles contain it, so nested and overlapping spans are
told apart the way the user sees them.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QToolTip

from desktop.gui.article.overlays import marker_line, plain_tooltip, tooltip_line
from desktop.gui.article.span_index import ViewSpan


class PointLookup:
    """Hit-testing for the article view (viewport coordinates in, code points out)."""

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

    def _hover(self, point: QPoint, global_point: QPoint) -> None:
        spans = self.spans_at_point(point)
        markers = self.markers_at_point(point)
        inner = spans[-1].id if spans else None
        if inner != self._hovered:
            self._hovered = inner
            self.spanHovered.emit(inner)
        lines = [tooltip_line(s) for s in spans]
        lines.extend(marker_line(self._text[cp], cp) for cp in markers)
        if lines:
            QToolTip.showText(global_point, plain_tooltip("\n".join(lines)), self.viewport())
        else:
            QToolTip.hideText()

    def tooltip_text(self, point: QPoint) -> str:
        """The plain text the hover tooltip shows at ``point`` ("" when none)."""
        lines = [tooltip_line(s) for s in self.spans_at_point(point)]
        lines.extend(marker_line(self._text[cp], cp) for cp in self.markers_at_point(point))
        return "\n".join(lines)

    def point_of(self, cp: int) -> QPoint:
        """Viewport point in the middle of the cursor rectangle at code point ``cp``."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._map.to_utf16(max(0, min(cp, len(self._text)))))
        return self.cursorRect(cursor).center()
