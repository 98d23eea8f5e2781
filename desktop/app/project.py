"""A project: one database opened by one annotator, and the use cases the CLI calls
(import, export, statistics, integrity check). Importing lives in `desktop.app.importing`,
exporting in `desktop.app.exporting`; the window's use cases in `desktop.app.workspace`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.app.resources import default_label_set
from desktop.core.errors import MizanError
from desktop.core.filters import ExportFilter
from desktop.core.model import ClaimCluster, Document
from desktop.storage import corpus
from desktop.storage.database import Database, WaitNotice

if TYPE_CHECKING:  # importing is loaded when used: the window and read commands start without it
    from desktop.app.importing import ImportReport, Progress
    from desktop.app.reading import ReadAhead
    from desktop.storage.health import Problem


class Project:
    """The open database plus who is working on it."""

    def __init__(self, db: Database, annotator: str):
        self.db = db
        self.annotator = annotator
        try:
            with db.rows() as rows:  # opening takes no write lock unless there is work
                installed = corpus.has_label_set(rows)
        except MizanError:  # a damaged database: nothing is written, `check` can still report
            installed = True
        if not installed and not db.read_only:
            from desktop.storage import labels

            labels.install_label_set(db, default_label_set())

    @classmethod
    def open(
        cls,
        path_or_url: str,
        annotator: str,
        *,
        create: bool = True,
        on_wait: WaitNotice | None = None,
    ) -> Project:
        """Open (with `create`, make) a database. `create=False` refuses a missing file, as
        read-only commands do for a mistyped `--db`; `on_wait` hears when a write has to wait
        for another Mizan (docs/architecture.md, "Units of work and durability")."""
        return cls(Database(path_or_url, create=create, on_wait=on_wait), annotator)

    @property
    def read_only(self) -> bool:
        return self.db.read_only

    def on_wait(self, notice: WaitNotice | None) -> None:
        """Who hears "waiting for another Mizan…" (a status bar, stderr)."""
        self.db.on_wait = notice

    def close(self) -> None:
        self.db.dispose()

    # ----------------------------------------------------------------- import

    def import_paths(
        self,
        paths: Iterable[Path | str] | ReadAhead,
        *,
        fmt: str = "auto",
        outlet: str | None = None,
        event: str | None = None,
        progress: Progress | None = None,
        cancelled: Callable[[], bool] | None = None,
        read_options: dict | None = None,
    ) -> ImportReport:
        """Import files and folders in one transaction: all of them, or nothing. ``read_options``
        reach the readers that take them (doccano ``units`` ...). ``paths`` may be the files a
        `desktop.app.reading.read_ahead` began reading before the project was opened."""
        from desktop.app import importing

        return importing.import_paths(
            self.db,
            self.annotator,
            paths,
            fmt=fmt,
            outlet=outlet,
            event=event,
            progress=progress,
            cancelled=cancelled,
            read_options=read_options,
        )

    def build_search_index(self, **kwargs) -> int:
        """Index what imports left pending (desktop.app.importing.build_search_index)."""
        from desktop.app import importing

        return importing.build_search_index(self.db, **kwargs)

    # ----------------------------------------------------------------- export

    def iter_documents(self, flt: ExportFilter | None = None) -> Iterator[Document]:
        with self.db.rows() as rows:
            yield from corpus.iter_documents(rows, flt)

    def clusters(self, document_ids: Iterable[int] | None = None) -> list[ClaimCluster]:
        with self.db.rows() as rows:
            return corpus.load_clusters(rows, document_ids)

    def document_ids(self, flt: ExportFilter | None = None) -> list[int]:
        with self.db.rows() as rows:
            return corpus.document_ids(rows, flt)

    def export_jsonl(self, out: Path | str, flt: ExportFilter | None = None) -> int:
        return self.write_jsonl_export(self.iter_documents(flt), out)

    def write_jsonl_export(self, docs: Iterable[Document], out: Path | str) -> int:
        """Documents, then the claim clusters among them (members outside the export dropped)."""
        from desktop.app.exporting import write_jsonl_export  # the formats, when exporting

        return write_jsonl_export(self, docs, out)

    # ----------------------------------------------------------------- inspection

    def stats(self) -> dict:
        """The counts of `desktop.app.statistics.statistics`, which the window and CLI show."""
        from desktop.app.statistics import statistics

        return statistics(self)

    def check(self) -> list[Problem]:
        from desktop.storage import health

        with self.db.rows() as rows:
            return health.check(rows, self.db.is_sqlite)
