"""Other writers' changes in an open window: a timer asks the database about once a second
whether anyone else wrote (`desktop.app.live.ExternalChanges`) and broadcasts what changed on
the hub with origin EXTERNAL, so every window updates as for its own edits."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer

from desktop.app.live import ExternalChanges
from desktop.core.changes import Change, Origin
from desktop.core.errors import MizanError

INTERVAL_MS = 1000


class LiveRefresh(QObject):
    def __init__(self, workspace, hub, parent=None, interval_ms: int = INTERVAL_MS):
        super().__init__(parent)
        self.hub = hub
        self.watcher = ExternalChanges(workspace.db)
        hub.changed.connect(self._on_change)
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.poll)
        self.timer.start()

    def _on_change(self, change: Change) -> None:
        if change.origin is not Origin.EXTERNAL:
            self.watcher.seen()  # our own write: not someone else's news

    def poll(self) -> Change | None:
        window = self.parent()
        if window is not None and not window.isVisible():
            return None  # a closed window asks nothing (its database may be closed too)
        try:
            change = self.watcher.poll()
        except MizanError:
            return None  # the database is busy or gone for a moment: ask again next time
        if change is not None:
            self.hub.publish(change)
        return change
