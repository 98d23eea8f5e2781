"""A one-line label that elides its text to the width it gets instead of asking for more.

The article header uses it: in a small window the article, not the title, must win the space
(docs/architecture.md, "The rooms"). The full text stays in the tooltip.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QLabel, QSizePolicy


class ElidedLabel(QLabel):
    """One line of plain text, elided at its end (the reading direction decides which side)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._full = ""
        self.setTextFormat(Qt.PlainText)
        self.setWordWrap(False)
        self.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Fixed)

    def setText(self, text: str) -> None:
        self._full = " ".join(text.split("\n"))
        self.setToolTip(self._full)
        super().setText(self._full)
        self.update()

    def full_text(self) -> str:
        return self._full

    def shown_text(self) -> str:
        """The text as painted at the current width ("…" where it was cut)."""
        rect = self.contentsRect()
        margin = self.margin() * 2
        return self.fontMetrics().elidedText(self._full, Qt.ElideRight, rect.width() - margin)

    def minimumSizeHint(self) -> QSize:
        return QSize(0, super().minimumSizeHint().height())

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        self.style().drawItemText(
            painter,
            self.contentsRect().adjusted(self.margin(), 0, -self.margin(), 0),
            int(self.alignment()) | Qt.AlignVCenter,
            self.palette(),
            self.isEnabled(),
            self.shown_text(),
            self.foregroundRole(),
        )
