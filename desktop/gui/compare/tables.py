"""The Compare window's table views and their keys."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtWidgets import QTableView


class ClaimsTable(QTableView):
    """The side-by-side table; remembers where a double-click landed (which claim of a cell)."""

    deletePressed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.last_click = QPoint()

    def mouseDoubleClickEvent(self, event) -> None:
        self.last_click = event.position().toPoint()
        super().mouseDoubleClickEvent(event)

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and not event.modifiers():
            self.deletePressed.emit()
            return
        super().keyPressEvent(event)


class SuggestionsTable(QTableView):
    """The suggestions list: Enter accepts, Delete (or Backspace) rejects the current pair."""

    acceptPressed = Signal()
    rejectPressed = Signal()

    def keyPressEvent(self, event) -> None:
        plain = not (event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier)
        if plain and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.acceptPressed.emit()
            return
        if plain and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.rejectPressed.emit()
            return
        super().keyPressEvent(event)
