"""What an import reads, begun before the database is opened.

`mizan import` starts reading its first file in a second process (desktop/formats/ahead.py) as
soon as it knows the file: while this process imports the storage code and opens or creates the
database, the reader is already records ahead, and the importer's first batch is waiting for it
(docs/benchmarks.md, "Session 6"). This module imports no storage code, so that starting costs
only the reading code itself; `desktop.app.importing` reads every file through it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop.core.model import ClaimCluster, Document
from desktop.formats import ahead
from desktop.formats import registry as formats
from desktop.text import bidi_report


@dataclass
class ReadAhead:
    """The files of one import, in order, as `formats.expand_import_paths` lists them, and the
    reading of the first one when it was begun early."""

    files: list[tuple[Path, str]]
    options: dict[str, Any] = field(default_factory=dict)
    first: ahead.Reading | None = None

    def records(
        self, index: int, manifests: dict
    ) -> Iterator[tuple[int | None, Document | ClaimCluster, str | None]]:
        """(line, record, bidi warning) of file ``index``; ``manifests``: the plain-text
        reader's table of manifest values, filled as it reads."""
        path, kind = self.files[index]
        started = self.first if index == 0 else None
        return ahead.read_with(
            bidi_warning, kind, path, started=started, **_options(kind, self.options, manifests)
        )

    def close(self) -> None:
        """Stop a reading begun early and never consumed (the database could not be opened)."""
        if self.first is not None:
            self.first.close()


@contextmanager
def read_ahead(
    paths: Iterable[Path | str], fmt: str = "auto", read_options: dict[str, Any] | None = None
) -> Iterator[ReadAhead]:
    """The import's files listed (a missing file or an unknown format is named now, before
    any database is touched) and the first one's reading begun, where it is read in a second
    process; stopped at the end of the block if nothing consumed it."""
    files = formats.expand_import_paths(paths, fmt)
    options = dict(read_options or {})
    early = ReadAhead(files, options)
    if files and files[0][1] != "txt":  # plain text fills the manifests the importer reads
        path, kind = files[0]
        early.first = ahead.start(bidi_warning, kind, path, **_options(kind, options, {}))
    try:
        yield early
    finally:
        early.close()


def bidi_warning(record: Document | ClaimCluster) -> str | None:
    """The warning about a document's bidi controls, found in the reading process when there
    is one: scanning every text was a tenth of storing 10,000 articles."""
    return bidi_report(record.text) if isinstance(record, Document) else None


def _options(kind: str, options: dict[str, Any], manifests: dict) -> dict[str, Any]:
    if kind == "txt":
        return {"manifests": manifests}
    entry = formats.FORMATS[kind]
    return {k: v for k, v in options.items() if k in entry.read_options}
