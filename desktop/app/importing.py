"""Importing files into a project: which reader a file needs (by `--format`, else by its suffix
and a look inside), and the import itself, one transaction for all files: it lands whole or
leaves the database exactly as it was."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from desktop.core.errors import Cancelled, InputError, MizanError, RecordError
from desktop.core.model import ClaimCluster, Document, DocumentMeta, SourceKind
from desktop.core.rules import text_sha256
from desktop.formats.jsonl import read_jsonl
from desktop.formats.plaintext import TEXT_SUFFIXES, read_manifest, read_text_file
from desktop.storage import importing, registry
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


def import_paths(
    db: Database,
    annotator: str,
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
    with db.writing() as session:
        run = _Import(session, annotator, outlet, event)
        clusters: list[tuple[Path, int, ClaimCluster]] = []
        for done, (path, kind) in enumerate(files):
            if cancelled and cancelled():
                raise Cancelled()
            if kind == "txt":
                records = [(None, run.read_txt(path))]
            elif kind == "jsonl":
                records = read_jsonl(path)
            else:
                records = ((None, doc) for doc in foreign_reader(kind)(path))
            for line, record in run.fill_meta(records):
                if isinstance(record, ClaimCluster):
                    clusters.append((path, line, record))
                    continue
                new_id = run.document(record, path, line)
                run.renamed[record.external_id] = new_id or record.external_id
            if progress:
                progress(done + 1, len(files))
        for path, line, cluster in clusters:
            run.cluster(cluster, path, line)
    return run.report


class _Import:
    """The state of one import: name caches, texts seen, renamed ids, the report."""

    def __init__(self, session, annotator: str, outlet: str | None, event: str | None):
        self.session = session
        self.annotator = annotator
        self.outlet = outlet
        self.event = event
        self.lookup = importing.ImportLookup(session)
        self.report = ImportReport()
        self.seen_sha: dict[str, str] = {}
        self.renamed: dict[str, str] = {}
        self.manifests: dict[Path, dict[str, DocumentMeta]] = {}

    def read_txt(self, path: Path) -> Document:
        folder = path.parent
        if folder not in self.manifests:
            manifest = folder / "manifest.json"
            self.manifests[folder] = read_manifest(manifest) if manifest.is_file() else {}
        meta = self.manifests[folder].get(path.name, DocumentMeta())
        if self.outlet:
            meta = replace(meta, outlet=self.outlet)
        if self.event:
            meta = replace(meta, event=self.event)
        return read_text_file(path, meta)

    def fill_meta(self, docs: Iterable[tuple[int | None, Document | ClaimCluster]]):
        outlet, event = self.outlet, self.event
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

    def document(self, doc: Document, path: Path, line: int | None) -> str | None:
        """Insert one document; returns its id in the database (None when skipped)."""
        session, report = self.session, self.report
        where = str(path) if line is None else f"{path}, line {line}"
        sha = doc.text_sha256 or text_sha256(doc.text)
        existing = importing.document_id_by_sha(session, sha)
        if existing is not None or sha in self.seen_sha:
            other = existing[1] if existing else self.seen_sha[sha]
            report.skipped.append(f"{where}: same text as document {other}; not imported again")
            return other  # later cluster records refer to the copy already stored
        external_id = doc.external_id
        n = 1
        while importing.external_id_taken(session, external_id):
            n += 1
            external_id = f"{doc.external_id}-{n}"
        if external_id != doc.external_id:
            report.warnings.append(
                f"{where}: id {doc.external_id} is taken; imported as {external_id}"
            )
        try:
            entity_ids = {
                key: registry.merge_registry_entity(session, entity)
                for key, entity in doc.registry.items()
            }
            wanted = {m.entity for m in doc.mentions if m.entity} | {
                c.source.entity
                for c in doc.claims
                if c.source and c.source.kind is SourceKind.ENTITY
            }
            registry.require_entities(session, wanted, entity_ids)
        except RecordError as exc:
            raise InputError(path, exc.reason, line=line, span=exc.span) from None
        doc = replace(doc, external_id=external_id)
        inserted = importing.insert_document(
            session, doc, sha, self.lookup, entity_ids, self.annotator
        )
        self.seen_sha[sha] = external_id
        report.documents.append((external_id, inserted.id))
        report.mentions += inserted.mentions
        report.claims += inserted.claims
        bidi = bidi_report(doc.text)
        if bidi:
            report.warnings.append(f"{where}: {bidi}")
        return external_id

    def cluster(self, cluster: ClaimCluster, path: Path, line: int) -> None:
        refs = [(self.renamed.get(m.document, m.document), m.claim) for m in cluster.members]
        ids = importing.claim_ids_by_ref(self.session, refs)
        for ref, member in zip(refs, cluster.members, strict=True):
            if ref not in ids:
                raise InputError(
                    path,
                    f"cluster member {member.document}/{member.claim} is not a claim "
                    "of an imported document",
                    line=line,
                )
        importing.insert_cluster(
            self.session, cluster, [ids[r] for r in refs], self.lookup, self.annotator
        )
        self.report.clusters += 1
