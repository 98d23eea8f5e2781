"""A project: one database, and the use cases the CLI and the window call.

Each use case is one transaction: an import either lands whole or leaves the database exactly
as it was.
"""

from __future__ import annotations

import os
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from desktop.app.resources import default_label_set
from desktop.core.errors import Cancelled, InputError, MizanError, RecordError
from desktop.core.model import Document, DocumentMeta, SourceKind
from desktop.core.rules import text_sha256
from desktop.formats.jsonl import read_jsonl, write_jsonl
from desktop.formats.plaintext import TEXT_SUFFIXES, read_manifest, read_text_file
from desktop.storage import repo
from desktop.storage.annotations import list_claims
from desktop.storage.database import Database
from desktop.storage.repo import ExportFilter
from desktop.text import bidi_report

FORMATS = ("auto", "txt", "jsonl")
Progress = Callable[[int, int], None]  # (done, total)


@dataclass
class ImportReport:
    documents: list[tuple[str, int]] = field(default_factory=list)  # (external id, db id)
    skipped: list[str] = field(default_factory=list)  # duplicates, one line each
    warnings: list[str] = field(default_factory=list)
    mentions: int = 0
    claims: int = 0

    def summary(self) -> str:
        text = (
            f"imported {len(self.documents)} document(s), {self.mentions} mention(s), "
            f"{self.claims} claim(s)"
        )
        if self.skipped:
            text += f"; skipped {len(self.skipped)} already in the database"
        return text


def expand_paths(paths: Iterable[Path | str]) -> list[Path]:
    """Files as given, and the text/JSONL files inside folders (sorted, recursive)."""
    out: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in (*TEXT_SUFFIXES, ".jsonl")
            )
            if not found:
                raise InputError(path, "folder holds no .txt or .jsonl files")
            out.extend(found)
        elif path.exists():
            out.append(path)
        else:
            raise InputError(path, "no such file or folder")
    return out


def detect_format(path: Path, fmt: str) -> str:
    if fmt != "auto":
        return fmt
    return "jsonl" if path.suffix.lower() in (".jsonl", ".ndjson") else "txt"


class Project:
    """The open database plus who is working on it."""

    def __init__(self, db: Database, annotator: str):
        self.db = db
        self.annotator = annotator
        with db.writing() as session:
            repo.ensure_label_set(session, default_label_set())

    @classmethod
    def open(cls, path_or_url: str, annotator: str) -> Project:
        return cls(Database(path_or_url), annotator)

    def close(self) -> None:
        self.db.dispose()

    # ----------------------------------------------------------------- import

    def import_paths(
        self,
        paths: Iterable[Path | str],
        *,
        fmt: str = "auto",
        outlet: str | None = None,
        event: str | None = None,
        progress: Progress | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> ImportReport:
        """Import files and folders in one transaction: all of them, or nothing."""
        if fmt not in FORMATS:
            raise MizanError(f"unknown import format {fmt!r} (choose from {', '.join(FORMATS)})")
        files = expand_paths(paths)
        report = ImportReport()
        manifests: dict[Path, dict[str, DocumentMeta]] = {}
        with self.db.writing() as session:
            lookup = repo.Lookup(session)
            seen_sha: dict[str, str] = {}
            for done, path in enumerate(files):
                if cancelled and cancelled():
                    raise Cancelled()
                kind = detect_format(path, fmt)
                if kind == "txt":
                    docs = [(None, self._read_txt(path, manifests, outlet, event))]
                else:
                    docs = self._fill_meta(read_jsonl(path), outlet, event)
                for line, doc in docs:
                    self._import_one(session, lookup, doc, path, line, seen_sha, report)
                if progress:
                    progress(done + 1, len(files))
        return report

    def _read_txt(self, path, manifests, outlet, event) -> Document:
        folder = path.parent
        if folder not in manifests:
            manifest = folder / "manifest.json"
            manifests[folder] = read_manifest(manifest) if manifest.is_file() else {}
        meta = manifests[folder].get(path.name, DocumentMeta())
        if outlet:
            meta = replace(meta, outlet=outlet)
        if event:
            meta = replace(meta, event=event)
        return read_text_file(path, meta)

    @staticmethod
    def _fill_meta(docs: Iterable[tuple[int, Document]], outlet, event):
        for line, doc in docs:
            meta = doc.meta
            if outlet and not meta.outlet:
                meta = replace(meta, outlet=outlet)
            if event and not meta.event:
                meta = replace(meta, event=event)
            yield line, (doc if meta is doc.meta else replace(doc, meta=meta))

    def _import_one(self, session, lookup, doc, path, line, seen_sha, report) -> None:
        where = str(path) if line is None else f"{path}, line {line}"
        sha = doc.text_sha256 or text_sha256(doc.text)
        existing = repo.document_id_by_sha(session, sha)
        if existing is not None or sha in seen_sha:
            other = existing[1] if existing else seen_sha[sha]
            report.skipped.append(f"{where}: same text as document {other}; not imported again")
            return
        external_id = doc.external_id
        n = 1
        while repo.external_id_taken(session, external_id):
            n += 1
            external_id = f"{doc.external_id}-{n}"
        if external_id != doc.external_id:
            report.warnings.append(
                f"{where}: id {doc.external_id} is taken; imported as {external_id}"
            )
        try:
            entity_ids = {
                key: repo.merge_registry_entity(session, entity)
                for key, entity in doc.registry.items()
            }
            wanted = {m.entity for m in doc.mentions if m.entity} | {
                c.source.entity
                for c in doc.claims
                if c.source and c.source.kind is SourceKind.ENTITY
            }
            repo.require_entities(session, wanted, entity_ids)
        except RecordError as exc:
            raise InputError(path, exc.reason, line=line, span=exc.span) from None
        doc = replace(doc, external_id=external_id)
        inserted = repo.insert_document(session, doc, sha, lookup, entity_ids, self.annotator)
        seen_sha[sha] = external_id
        report.documents.append((external_id, inserted.id))
        report.mentions += inserted.mentions
        report.claims += inserted.claims
        bidi = bidi_report(doc.text)
        if bidi:
            report.warnings.append(f"{where}: {bidi}")

    # ----------------------------------------------------------------- export

    def iter_documents(self, flt: ExportFilter | None = None) -> Iterator[Document]:
        with self.db.reading() as session:
            yield from repo.iter_documents(session, flt)

    def export_jsonl(self, out: Path | str, flt: ExportFilter | None = None) -> int:
        with atomic_output(Path(out)) as handle:
            return write_jsonl(self.iter_documents(flt), handle)

    # ----------------------------------------------------------------- inspection

    def stats(self) -> dict:
        with self.db.reading() as session:
            stats = repo.stats(session)
            speakers = Counter(row.speaker or "(none)" for row in list_claims(session, limit=None))
        stats["claims_by_speaker"] = dict(sorted(speakers.items(), key=lambda kv: (-kv[1], kv[0])))
        return stats

    def check(self) -> list[repo.Problem]:
        with self.db.reading() as session:
            return repo.check(session, self.db.is_sqlite)


@contextmanager
def atomic_output(path: Path, *, encoding: str = "utf-8"):
    """Write to a temporary file beside `path`, rename over it only when complete."""
    path = path.absolute()
    if path.is_dir():
        raise MizanError(f"{path}: is a folder; give a file name")
    if not path.parent.is_dir():
        raise MizanError(f"{path.parent}: no such folder")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline="\n") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
