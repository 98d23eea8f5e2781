"""A project: one database, and the use cases the CLI and the window call.

Each use case is one transaction: an import either lands whole or leaves the database exactly
as it was.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from desktop.app.resources import default_label_set
from desktop.core.errors import Cancelled, InputError, MizanError, RecordError
from desktop.core.filters import ExportFilter
from desktop.core.model import ClaimCluster, Document, DocumentMeta, SourceKind
from desktop.core.rules import text_sha256
from desktop.formats.jsonl import read_jsonl, write_jsonl
from desktop.formats.plaintext import TEXT_SUFFIXES, read_manifest, read_text_file
from desktop.formats.split import atomic_output as formats_atomic_output
from desktop.storage import repo
from desktop.storage.annotations import claim_ids_by_ref, list_claims, load_clusters
from desktop.storage.database import Database
from desktop.text import bidi_report

FORMATS = ("auto", "txt", "jsonl", "doccano", "labelstudio", "brat", "xmi")
Progress = Callable[[int, int], None]  # (done, total)
FOREIGN_READERS = {  # module, function: imported when used, to keep start-up light
    "doccano": ("desktop.formats.doccano", "read_doccano"),
    "labelstudio": ("desktop.formats.labelstudio", "read_labelstudio"),
    "brat": ("desktop.formats.brat", "read_brat"),
    "xmi": ("desktop.formats.xmi", "read_xmi"),
}


def foreign_reader(kind: str):
    import importlib

    module, name = FOREIGN_READERS[kind]
    return getattr(importlib.import_module(module), name)


@dataclass
class ImportReport:
    documents: list[tuple[str, int]] = field(default_factory=list)  # (external id, db id)
    skipped: list[str] = field(default_factory=list)  # duplicates, one line each
    warnings: list[str] = field(default_factory=list)
    mentions: int = 0
    claims: int = 0
    clusters: int = 0

    def summary(self) -> str:
        text = (
            f"imported {len(self.documents)} document(s), {self.mentions} mention(s), "
            f"{self.claims} claim(s)"
        )
        if self.clusters:
            text += f", {self.clusters} claim cluster(s)"
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
    """The reader for a file: by `--format`, else by its suffix and a look at its first line."""
    if fmt != "auto":
        return fmt
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        return "doccano" if looks_like_doccano(path) else "jsonl"
    if suffix == ".json":
        return "labelstudio"
    if suffix == ".ann":
        return "brat"
    if suffix == ".xmi":
        return "xmi"
    if suffix == ".zip":
        import zipfile

        try:
            names = zipfile.ZipFile(path).namelist()
        except (OSError, zipfile.BadZipFile) as exc:
            raise InputError(path, f"not a readable zip archive ({exc})") from None
        return "xmi" if any(n.endswith(".xmi") for n in names) else "brat"
    return "txt"


def looks_like_doccano(path: Path) -> bool:
    """doccano lines have `label: [[start, end, label]]` or `entities` with `start_offset`."""
    import json

    try:
        with path.open(encoding="utf-8-sig") as handle:
            first = next((line for line in handle if line.strip()), "")
        record = json.loads(first)
    except (OSError, UnicodeDecodeError, ValueError):
        return False
    if not isinstance(record, dict) or "meta" in record or "claims" in record:
        return False
    entities = record.get("entities")
    if isinstance(entities, list) and entities and isinstance(entities[0], dict):
        return "start_offset" in entities[0]
    return isinstance(record.get("label"), list)


def expand_import_paths(paths: Iterable[Path | str], fmt: str) -> list[tuple[Path, str]]:
    """(file, reader) pairs: folders of brat or XMI files are read whole by their reader."""
    out: list[tuple[Path, str]] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            if fmt in ("brat", "xmi"):
                out.append((path, fmt))
                continue
            if fmt == "auto" and any(path.glob("*.ann")):
                out.append((path, "brat"))
                continue
            if fmt == "auto" and any(path.glob("*.xmi")):
                out.append((path, "xmi"))
                continue
        out.extend((p, detect_format(p, fmt)) for p in expand_paths([path]))
    return out


class Project:
    """The open database plus who is working on it."""

    def __init__(self, db: Database, annotator: str):
        self.db = db
        self.annotator = annotator
        with db.reading() as session:  # opening takes no write lock unless there is work
            installed = repo.load_label_set(session) is not None
        if not installed:
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
        files = expand_import_paths(paths, fmt)
        report = ImportReport()
        manifests: dict[Path, dict[str, DocumentMeta]] = {}
        with self.db.writing() as session:
            lookup = repo.Lookup(session)
            seen_sha: dict[str, str] = {}
            renamed: dict[str, str] = {}
            clusters: list[tuple[Path, int, ClaimCluster]] = []
            for done, (path, kind) in enumerate(files):
                if cancelled and cancelled():
                    raise Cancelled()
                if kind == "txt":
                    records = [(None, self._read_txt(path, manifests, outlet, event))]
                elif kind == "jsonl":
                    records = read_jsonl(path)
                else:
                    records = ((None, doc) for doc in foreign_reader(kind)(path))
                for line, record in self._fill_meta(records, outlet, event):
                    if isinstance(record, ClaimCluster):
                        clusters.append((path, line, record))
                        continue
                    new_id = self._import_one(session, lookup, record, path, line, seen_sha, report)
                    renamed[record.external_id] = new_id or record.external_id
                if progress:
                    progress(done + 1, len(files))
            for path, line, cluster in clusters:
                self._import_cluster(session, lookup, cluster, renamed, path, line)
                report.clusters += 1
        return report

    def _import_cluster(self, session, lookup, cluster, renamed, path, line) -> None:
        refs = [(renamed.get(m.document, m.document), m.claim) for m in cluster.members]
        ids = claim_ids_by_ref(session, refs)
        for ref, member in zip(refs, cluster.members, strict=True):
            if ref not in ids:
                raise InputError(
                    path,
                    f"cluster member {member.document}/{member.claim} is not a claim "
                    "of an imported document",
                    line=line,
                )
        repo.insert_cluster(session, cluster, [ids[r] for r in refs], lookup, self.annotator)

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
    def _fill_meta(docs: Iterable[tuple[int | None, Document | ClaimCluster]], outlet, event):
        for line, doc in docs:
            if isinstance(doc, ClaimCluster):
                yield line, doc
                continue
            meta = doc.meta
            if outlet and not meta.outlet:
                meta = replace(meta, outlet=outlet)
            if event and not meta.event:
                meta = replace(meta, event=event)
            yield line, (doc if meta is doc.meta else replace(doc, meta=meta))

    def _import_one(self, session, lookup, doc, path, line, seen_sha, report) -> str | None:
        """Insert one document; returns its id in the database (None when skipped)."""
        where = str(path) if line is None else f"{path}, line {line}"
        sha = doc.text_sha256 or text_sha256(doc.text)
        existing = repo.document_id_by_sha(session, sha)
        if existing is not None or sha in seen_sha:
            other = existing[1] if existing else seen_sha[sha]
            report.skipped.append(f"{where}: same text as document {other}; not imported again")
            return other  # later cluster records refer to the copy already stored
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
        return external_id

    # ----------------------------------------------------------------- export

    def iter_documents(self, flt: ExportFilter | None = None) -> Iterator[Document]:
        with self.db.reading() as session:
            yield from repo.iter_documents(session, flt)

    def clusters(self, document_ids: Iterable[int] | None = None) -> list[ClaimCluster]:
        with self.db.reading() as session:
            return load_clusters(session, document_ids)

    def document_ids(self, flt: ExportFilter | None = None) -> list[int]:
        with self.db.reading() as session:
            return repo.document_ids(session, flt)

    def export_jsonl(self, out: Path | str, flt: ExportFilter | None = None) -> int:
        return self.write_jsonl_export(self.iter_documents(flt), out)

    def write_jsonl_export(self, docs: Iterable[Document], out: Path | str) -> int:
        """Documents, then the claim clusters among them (members outside the export dropped)."""
        with atomic_output(Path(out)) as handle:
            exported: set[str] = set()

            def documents():
                for doc in docs:
                    exported.update(f"{doc.external_id}\0{c.ext_id}" for c in doc.claims)
                    yield doc

            n = write_jsonl(documents(), handle)
            clusters = []
            for cluster in self.clusters():
                members = tuple(
                    m for m in cluster.members if f"{m.document}\0{m.claim}" in exported
                )
                if members:
                    clusters.append(replace(cluster, members=members))
            write_jsonl((), handle, clusters)
            return n

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
    """Write beside `path`, flush to disk, and rename over it only when complete."""
    path = path.absolute()
    if path.is_dir():
        raise MizanError(f"{path}: is a folder; give a file name")
    if not path.parent.is_dir():
        raise MizanError(f"{path.parent}: no such folder")
    with formats_atomic_output(path, "w", encoding=encoding, newline="\n") as handle:
        yield handle
        handle.flush()
        os.fsync(handle.fileno())
