"""A layout that places its widgets in rows and wraps them to the width it is given.

The label palette uses it so that each button keeps its whole text (name and key) in a narrow
annotation panel: the buttons wrap onto more rows instead of being cut to "LAN…t+L".
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QStyle


class FlowLayout(QLayout):
    """Rows of widgets at their size hints, wrapped to the width; right to left in an RTL
    interface."""

    def __init__(self, parent=None, spacing: int = 3):
        super().__init__(parent)
        self._items = []
        self._spacing = spacing
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item) -> None:  # Qt overrides keep their names
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int):
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int):
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        return size

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        """Lay the items out in `rect` (when `move`) and return the height they need."""
        x, y, row_height = rect.x(), rect.y(), 0
        right = rect.right()
        for item in self._items:
            hint = item.sizeHint()
            if x > rect.x() and x + hint.width() - 1 > right:
                x, y, row_height = rect.x(), y + row_height + self._spacing, 0
            if move:
                place = QRect(QPoint(x, y), QSize(min(hint.width(), rect.width()), hint.height()))
                if self.parentWidget() is not None:
                    direction = self.parentWidget().layoutDirection()
                    place = QStyle.visualRect(direction, rect, place)
                item.setGeometry(place)
            x += hint.width() + self._spacing
            row_height = max(row_height, hint.height())
        return y + row_height - rect.y()
