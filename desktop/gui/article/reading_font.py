"""The article view's reading font, zoom and line length (a part of `ArticleView`)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QSize
from PySide6.QtGui import QFontInfo, QResizeEvent
from PySide6.QtWidgets import QApplication

from desktop.gui.article.overlays import DOCUMENT_MARGIN
from desktop.gui.fonts import reading_font

ZOOM_STEP = 1.1
ZOOM_MIN, ZOOM_MAX = -6, 12


class ReadingFont:
    """Font, zoom and measure of `ArticleView` (it provides `_text`, `_map` and Qt's methods)."""

    #: Longest line, in ems of the reading font; wider windows get side margins instead.
    MAX_LINE_EM = 42

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
