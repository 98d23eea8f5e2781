"""Long work off the GUI thread: a job runs in the thread pool and reports through signals.

Modelled on Anki's operations: the job is a plain function that returns a result (often a
`Change`); the GUI refreshes from it on the GUI thread. Progress is throttled so a fast job does
not flood the event loop.
"""

from __future__ import annotations

import threading
import time
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from desktop.core.errors import Cancelled, MizanError


class JobSignals(QObject):
    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal()


class Job(QRunnable):
    """Runs `fn(progress, cancelled)`; emits finished(result), failed(message) or cancelled()."""

    def __init__(self, fn: Callable[[Callable[[int, int], None], Callable[[], bool]], Any]):
        super().__init__()
        self.fn = fn
        self.signals = JobSignals()
        self._cancel = threading.Event()
        self._last = 0.0
        self.setAutoDelete(False)

    def cancel(self) -> None:
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def _progress(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done >= total or now - self._last > 0.05:
            self._last = now
            self.signals.progress.emit(done, total)

    def run(self) -> None:
        try:
            result = self.fn(self._progress, self.is_cancelled)
        except Cancelled:
            self.signals.cancelled.emit()
        except MizanError as exc:
            self.signals.failed.emit(str(exc))
        except Exception as exc:  # a bug: report it rather than lose it
            traceback.print_exc()
            self.signals.failed.emit(f"{type(exc).__name__}: {exc}")
        else:
            self.signals.finished.emit(result)


def start(job: Job) -> Job:
    QThreadPool.globalInstance().start(job)
    return job
