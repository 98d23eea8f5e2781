"""Plain keys to review suggestions in the mention list: A accept, R reject, N next.

They act only while the list has focus and a suggestion (or the Suggestions group) is its current
row; anywhere else A, R and N stay label keys. The list takes the key before the label shortcut
by accepting Qt's ShortcutOverride event for it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt

from desktop.core.model import MentionStatus
from desktop.gui.models.base import ID_ROLE, KIND_ROLE
from desktop.gui.models.mention_tree import SUGGESTIONS

ACCEPT, REJECT, NEXT = Qt.Key_A, Qt.Key_R, Qt.Key_N


class ReviewKeys(QObject):
    """Event filter of the main window's mention list (`MainWindow.panel.tree`)."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        window.panel.tree.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        kind = event.type()
        if kind not in (QEvent.ShortcutOverride, QEvent.KeyPress):
            return False
        if event.key() not in (ACCEPT, REJECT, NEXT) or event.modifiers() not in (
            Qt.NoModifier,
            Qt.KeypadModifier,
        ):
            return False
        current = self._current_suggestion()
        if current is None:
            return False  # a label key as usual
        if kind == QEvent.ShortcutOverride:
            event.accept()  # the key comes to the list as a key press, not to the label shortcut
            return True
        if event.key() == NEXT:
            self.next_suggestion(current)
        elif current != "group":
            self.window.on_mention_selected(current, from_view=True)
            self.window.judge_selected(event.key() == ACCEPT)
        return True

    def _current_suggestion(self):
        """The suggestion id of the list's current row, "group" for the Suggestions group, or
        None when the current row is no suggestion."""
        index = self.window.panel.tree.currentIndex()
        if not index.isValid():
            return None
        if index.data(KIND_ROLE) == SUGGESTIONS:
            return "group"
        mention = self.window._mention(index.data(ID_ROLE))
        if mention is not None and mention.status is MentionStatus.SUGGESTED:
            return mention.id
        return None

    def next_suggestion(self, current) -> None:
        """Select the suggestion after `current` in the list (the first after the last)."""
        ids = self.window.panel.tree_model.suggestion_ids()
        if not ids:
            return
        at = ids.index(current) + 1 if current in ids else 0
        target = ids[at % len(ids)]
        self.window.on_mention_selected(target, from_view=True)  # its row becomes current
