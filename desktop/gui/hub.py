"""One signal carrying every change to every open window.

Each use case of `desktop.app` returns a `desktop.core.changes.Change`. Windows never call a use
case directly: they hand it to `Hub.run`, which shows a refusal (`MizanError`) instead of raising
it into Qt and broadcasts the Change once on `changed`. Every window subscribes and updates what
it shows from the Change alone, so an edit in one window is seen in all of them
(docs/architecture.md, "The change flow"). A write that fails in any way is reported on `failed`
and never as saved; a write that waits for another Mizan says so on `waiting`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.core.changes import Change
from desktop.core.errors import MizanError
from desktop.gui.i18n import tr

log = logging.getLogger(__name__)


class Hub(QObject):
    #: A `desktop.core.changes.Change` that was just written (or undone / redone).
    changed = Signal(object)
    #: The message of a refused action: nothing was written.
    failed = Signal(str)
    #: A write waits for another process holding the database (emitted from any thread).
    waiting = Signal(str)

    def watch(self, project) -> None:
        """Hear when a write of `project` has to wait for another Mizan (the database calls
        back from the writing thread; the signal reaches the window on the GUI thread)."""
        project.on_wait(self.waiting.emit)

    def run(self, fn: Callable[[], object], parent: QWidget | None = None):
        """Call the use case `fn`; its Change (the result, or the Change inside a tuple result)
        is emitted on `changed`. Returns the result, or None when the action was refused."""
        try:
            result = fn()
        except MizanError as exc:
            self.failed.emit(str(exc))
            QMessageBox.warning(parent, tr("Mizan"), str(exc))
            return None
        except Exception as exc:  # a bug: the write was rolled back; say so, keep the traceback
            log.exception("use case failed")
            reason = f"{type(exc).__name__}: {exc}"
            message = tr("An internal error occurred; nothing was saved.") + "\n" + reason
            self.failed.emit(message)
            QMessageBox.critical(parent, tr("Mizan"), message)
            return None
        change = result
        if isinstance(result, tuple):
            change = next((r for r in result if isinstance(r, Change)), None)
        if isinstance(change, Change):
            self.changed.emit(change)
        return result

    def publish(self, change: Change) -> None:
        """Broadcast the Change of a use case a worker ran off the GUI thread (its refusals
        arrive through the worker's `failed` signal)."""
        self.changed.emit(change)
