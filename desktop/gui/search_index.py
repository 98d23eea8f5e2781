"""The search index, built in the background after start-up and after an import.

`mizan import` returns as soon as the documents are stored; the folded search index of what it
imported is built here, in a worker thread, in short write transactions (other writers get their
turn between batches). Search is complete meanwhile: documents not yet indexed are folded on the
fly (docs/architecture.md, desktop/storage/search.py).
"""

from __future__ import annotations

from PySide6.QtCore import QObject

from desktop.gui import workers
from desktop.gui.i18n import tr


class SearchIndexer(QObject):
    """One background index build per window; a request while one runs starts another after it.
    Parented to the window: its slots die with it, and closing the window cancels the job."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.job: workers.Job | None = None
        self.again = False
        window.destroyed.connect(self.cancel)

    def start(self) -> None:
        if self.job is not None:
            self.again = True
            return
        project = self.window.workspace.project
        if project.read_only:
            return
        self.again = False
        job = workers.Job(
            lambda progress, cancelled: project.build_search_index(
                progress=progress, cancelled=cancelled
            )
        )
        job.signals.progress.connect(self.on_progress)
        job.signals.finished.connect(self.on_done)
        job.signals.failed.connect(self.on_failed)
        job.signals.cancelled.connect(self.on_cancelled)
        self.job = workers.start(job)

    def cancel(self, *_args) -> None:
        if self.job is not None:
            self.job.cancel()

    def on_progress(self, done: int, total: int) -> None:
        self.window.statusBar().showMessage(
            tr("Indexing for search…") + f" {done:,} / {total:,}", 2000
        )

    def on_done(self, indexed) -> None:
        self.job = None
        if indexed:
            self.window.statusBar().showMessage(tr("Search index ready"), 4000)
        if self.again:
            self.start()

    def on_failed(self, message: str) -> None:
        self.job = None
        self.window.statusBar().showMessage(tr("Search index not built:") + " " + message, 8000)

    def on_cancelled(self) -> None:
        self.job = None


def index_in_background(window) -> SearchIndexer:
    """Start (or queue) the index build of what imports left pending, for this window."""
    indexer = window.findChild(SearchIndexer)
    if indexer is None:
        indexer = SearchIndexer(window)
    indexer.start()
    return indexer
