"""Importing files into a project: the reader of each file comes from the formats registry
(desktop/formats/registry.py), in a second process for a large file (desktop/formats/ahead.py);
documents are staged in batches of one executemany per table outside the database's tables and
published in one short write transaction (desktop/storage/staging.py): other writers are not held
up while the files are read, and the import lands whole or leaves the database exactly as it was.
Into a database this process has just created, the batches go straight into its tables, in the
same one transaction. The search index is built afterwards (:func:`build_search_index`; the window
does it in the background), off the import's critical path.

A text already stored (same SHA-256) that comes with spans adds them as another annotator's layer
(docs/data-model.md): spans already stored for that annotator are skipped (importing twice is
idempotent); the same span id with other offsets is a conflict, reported by file, line and span.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from desktop.app.reading import ReadAhead, read_ahead
from desktop.core.collector import collector_paused
from desktop.core.errors import Cancelled, InputError, RecordError
from desktop.core.model import ClaimCluster, ClaimSource, Document, SourceKind
from desktop.core.packed import claim_rows, mention_rows, spans_as_rows
from desktop.core.rules import text_sha256
from desktop.storage import importing, staging
from desktop.storage.database import Database

Progress = Callable[[int, int], None]  # (done, total)
BATCH = 100  # documents per executemany round
#: The first rounds are smaller, doubling up to BATCH: the reading process hands over its first
#: records within milliseconds, and the importer starts storing them instead of waiting for a
#: hundred (docs/benchmarks.md, "Session 6").
FIRST_BATCH = 8


@dataclass
class ImportReport:
    documents: list[tuple[str, int]] = field(default_factory=list)  # (external id, db id)
    skipped: list[str] = field(default_factory=list)  # duplicates, one line each
    warnings: list[str] = field(default_factory=list)
    mentions: int = 0
    claims: int = 0
    clusters: int = 0
    layers: list[tuple[str, str]] = field(default_factory=list)  # (external id, annotator)

    def summary(self) -> str:
        text = (
            f"imported {len(self.documents)} document(s), {self.mentions} mention(s), "
            f"{self.claims} claim(s)"
        )
        if self.clusters:
            text += f", {self.clusters} claim cluster(s)"
        if self.layers:
            text += f"; added {len(self.layers)} annotator layer(s) to documents already stored"
        if self.skipped:
            text += f"; skipped {len(self.skipped)} already in the database"
        return text


def import_paths(
    db: Database,
    annotator: str,
    paths: Iterable[Path | str] | ReadAhead,
    *,
    fmt: str = "auto",
    outlet: str | None = None,
    event: str | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    read_options: dict[str, Any] | None = None,
) -> ImportReport:
    """Import files and folders in one transaction: all of them, or nothing. ``read_options``
    go to the readers that take them (doccano ``units``, Label Studio ``text_key`` ...).
    ``paths`` may be the files a :func:`desktop.app.reading.read_ahead` began reading (its
    own format and options then apply)."""
    if isinstance(paths, ReadAhead):
        return _import_files(db, annotator, paths, outlet, event, progress, cancelled)
    with read_ahead(paths, fmt, read_options) as early:
        return _import_files(db, annotator, early, outlet, event, progress, cancelled)


def _import_files(
    db: Database,
    annotator: str,
    early: ReadAhead,
    outlet: str | None,
    event: str | None,
    progress: Progress | None,
    cancelled: Callable[[], bool] | None,
) -> ImportReport:
    # Every record and row lives until its batch is written, and none is in a reference cycle:
    # the collector's walks over them were a tenth of the importer's work (the reading process
    # does without them too: desktop/core/collector.py).
    with collector_paused():
        stage = staging.ImportStage(db)
        try:
            run = _Import(stage, annotator, outlet, event)
            clusters: list[tuple[Path, int, ClaimCluster]] = []
            for done, (path, kind) in enumerate(early.files):
                if cancelled and cancelled():
                    raise Cancelled()
                for line, record, bidi in run.fill_meta(kind, early.records(done, run.manifests)):
                    if isinstance(record, ClaimCluster):
                        clusters.append((path, line, record))
                        continue
                    run.add(record, path, line, bidi)
                if progress:
                    progress(done + 1, len(early.files))
            run.flush()
            if cancelled and cancelled():
                raise Cancelled()
            with stage.publishing():
                for path, line, cluster in clusters:
                    run.cluster(cluster, path, line)
            run.report.documents = [
                (ext, stage.real_id("document", local)) for ext, local in run.report.documents
            ]
        finally:
            stage.close()
        return run.report


def build_search_index(
    db: Database,
    *,
    batch: int = 200,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> int:
    """Index the documents an import left pending, ``batch`` per short write transaction (other
    writers get their turn between batches; a killed run resumes where it stopped). Returns how
    many were indexed."""
    from desktop.storage import search

    with db.reading() as session:
        total = search.pending_count(session)
    if not total:
        return 0  # nothing to do: no write lock taken
    done = 0
    while True:
        if cancelled and cancelled():
            raise Cancelled()
        with db.writing() as session:
            n = search.index_pending(session, batch)
        if not n:
            _merge_index(db, cancelled)
            return done
        done += n
        if progress:
            progress(min(done, total), max(total, done))


def _merge_index(db: Database, cancelled: Callable[[], bool] | None) -> None:
    """Merge the index segments the batches left (one per batch; every query reads them all),
    in short steps: about 0.25 s for 10,000 articles, and search then takes about half as long
    (docs/benchmarks.md, search)."""
    from desktop.storage import search

    while not (cancelled and cancelled()):
        with db.writing() as session:
            if not search.merge_index(session):
                return


@dataclass
class _Pending:
    doc: Document
    path: Path
    line: int | None
    sha: str
    bidi: str | None  # the warning about its bidi controls

    @property
    def where(self) -> str:
        """Where the record is, for the report."""
        return str(self.path) if self.line is None else f"{self.path}, line {self.line}"


class _Import:
    """The state of one import: name caches, texts seen, renamed ids, the report."""

    def __init__(
        self, stage: staging.ImportStage, annotator: str, outlet: str | None, event: str | None
    ):
        self.stage = stage
        self.conn = stage.conn  # reads, and the clusters once the import is published
        self.annotator = annotator
        self.outlet = outlet
        self.event = event
        self.lookup = staging.StagedLookup(stage)
        self.names = staging.Names(stage.conn)  # the clusters' names, made at publishing
        self.statuses: set[tuple[int, int]] = set()
        self.staged: dict[str, tuple[int, str]] = {}  # sha -> (local id, external id)
        self.report = ImportReport()
        self.seen_sha: dict[str, str] = {}  # sha -> external id, this import
        self.ext_ids: set[str] = set()  # external ids given out by this import
        self.renamed: dict[str, str] = {}
        # (stored document external id, claim span id, annotator) -> the id stored for it: a
        # layer's claim c1 is stored as c1@name when c1 is taken, and its clusters follow
        self.claims_renamed: dict[tuple[str, str, str], str] = {}
        self.manifests: dict = {}
        self.pending: list[_Pending] = []
        self.pending_sha: set[str] = set()
        self.batch = FIRST_BATCH  # documents in the next round, doubling up to BATCH

    def fill_meta(self, kind: str, docs):
        """--outlet / --event: they replace a plain text's manifest values and fill the gaps of
        other formats' metadata."""
        outlet, event = self.outlet, self.event
        for line, doc, bidi in docs:
            if isinstance(doc, ClaimCluster) or not (outlet or event):
                yield line, doc, bidi
                continue
            meta = doc.meta
            if outlet and (kind == "txt" or not meta.outlet):
                meta = replace(meta, outlet=outlet)
            if event and (kind == "txt" or not meta.event):
                meta = replace(meta, event=event)
            yield line, replace(doc, meta=meta), bidi

    def add(self, doc: Document, path: Path, line: int | None, bidi: str | None) -> None:
        doc = spans_as_rows(doc)
        sha = doc.text_sha256 or text_sha256(doc.text)
        if sha in self.pending_sha:  # the same text twice in one batch: store the first
            self.flush()
        self.pending.append(_Pending(doc, path, line, sha, bidi))
        self.pending_sha.add(sha)
        if len(self.pending) >= self.batch:
            self.batch = min(BATCH, self.batch * 2)
            self.flush()

    def flush(self) -> None:
        """Write the batch: lookups in bulk, then one executemany per table."""
        batch, self.pending, self.pending_sha = self.pending, [], set()
        if not batch:
            return
        conn, report = self.conn, self.report
        stored = importing.documents_by_sha(conn, (p.sha for p in batch))
        taken = importing.external_ids_taken(conn, (p.doc.external_id for p in batch))
        items: list[importing.NewDocument] = []
        for p in batch:
            try:
                entity_ids = self._entities(p.doc)
            except RecordError as exc:
                raise InputError(p.path, exc.reason, line=p.line, span=exc.span) from None
            known = stored.get(p.sha) or self.staged.get(p.sha)
            if known is not None or p.sha in self.seen_sha:
                other = known[1] if known else self.seen_sha[p.sha]
                self.renamed[p.doc.external_id] = other
                layer = self._layer(p, known, entity_ids) if known else None
                if layer is None and known and (p.doc.mentions or p.doc.claims):
                    report.skipped.append(
                        f"{p.where}: the spans are stored already on document {other}"
                    )
                elif layer is None:
                    report.skipped.append(
                        f"{p.where}: same text as document {other}; not imported again"
                    )
                else:
                    items.append(layer)
                continue
            external_id = p.doc.external_id
            n = 1
            while external_id in taken or external_id in self.ext_ids:
                n += 1
                external_id = f"{p.doc.external_id}-{n}"
                if external_id not in self.ext_ids and importing.external_id_taken(
                    conn, external_id
                ):
                    taken.add(external_id)
            if external_id != p.doc.external_id:
                report.warnings.append(
                    f"{p.where}: id {p.doc.external_id} is taken; imported as {external_id}"
                )
            self.ext_ids.add(external_id)
            self.seen_sha[p.sha] = external_id
            self.renamed[p.doc.external_id] = external_id
            doc = (
                p.doc
                if external_id == p.doc.external_id
                else replace(p.doc, external_id=external_id)
            )
            items.append(importing.NewDocument(doc, p.sha, entity_ids))
            if p.bidi:
                report.warnings.append(f"{p.where}: {p.bidi}")
        layers = [item.id is not None for item in items]
        inserted = importing.stage_documents(
            self.stage, items, self.lookup, self.annotator, self.statuses
        )
        self.stage.end_batch()
        for item, done, layer in zip(items, inserted, layers, strict=True):
            if layer:
                continue  # counted by _layer
            self.staged[item.sha] = (item.id, item.doc.external_id)
            report.documents.append((item.doc.external_id, done.id))
            report.mentions += done.mentions
            report.claims += done.claims

    def _entities(self, doc: Document) -> dict[str, int]:
        entity_ids = {key: self.stage.entity(entity) for key, entity in doc.registry.items()}
        wanted = {row[3] for row in mention_rows(doc.mentions) if row[3]} | {
            row[4] for row in claim_rows(doc.claims) if row[2] == "entity"
        }
        for key in wanted - entity_ids.keys():  # in the registry of an earlier record
            staged = self.stage.staged_entity(key)
            if staged is not None:
                entity_ids[key] = staged
        staging.entity_ids(self.conn, wanted, entity_ids)
        return entity_ids

    def _layer(
        self, p: _Pending, known: tuple[int, str], entity_ids
    ) -> importing.NewDocument | None:
        """The spans of ``p`` not yet stored on document ``known``, as another layer; None when
        there is nothing new. Raises InputError on a conflict."""
        doc = p.doc
        if not doc.mentions and not doc.claims:
            return None
        doc_id, external_id = known
        spans = importing.stored_spans(self.conn, doc_id, self.stage)
        taken = {s.ext_id for s in spans}
        mine = {}
        for s in spans:
            mine.setdefault((s.kind, s.annotator), {})[s.ext_id] = s
        renames: dict[tuple[str, str], str] = {}  # (kind, span id) -> stored span id

        def place(kind: str, item, label: str | None):
            who = item.annotator or self.annotator
            own = mine.get((kind, who), {})
            same = next(
                (
                    s
                    for s in own.values()
                    if (s.start, s.end, s.label) == (item.start, item.end, label)
                ),
                None,
            )
            ext = item.ext_id
            if same is not None:
                if ext:
                    renames[kind, ext] = same.ext_id
                    self._renamed(kind, external_id, ext, who, same.ext_id)
                return None
            for stored_ext in (ext, f"{ext}@{who}") if ext else ():
                s = own.get(stored_ext)
                if s is not None:
                    raise InputError(
                        p.path,
                        f"{kind} {ext} of annotator {who} is stored at [{s.start}, {s.end}) on "
                        f"document {external_id}, here at [{item.start}, {item.end})",
                        line=p.line,
                        span=ext,
                    )
            if ext and ext in taken:
                new_ext = f"{ext}@{who}"
                renames[kind, ext] = new_ext
                self._renamed(kind, external_id, ext, who, new_ext)
                taken.add(new_ext)
                return replace(item, ext_id=new_ext, annotator=who)
            if ext:
                taken.add(ext)
            return replace(item, annotator=who)

        mentions = [m for m in (place("mention", m, m.label) for m in doc.mentions) if m]
        claims = []
        for c in doc.claims:
            placed = place("claim", c, None)
            if placed is None:
                continue
            src = placed.source
            if src and src.kind is SourceKind.MENTION and ("mention", src.mention) in renames:
                mention = renames["mention", src.mention]
                placed = replace(placed, source=ClaimSource(SourceKind.MENTION, mention=mention))
            claims.append(placed)
        if not mentions and not claims:
            return None  # reported by the caller
        who = sorted({s.annotator for s in (*mentions, *claims)})
        self.report.layers.extend((external_id, w) for w in who)
        self.report.mentions += len(mentions)
        self.report.claims += len(claims)
        status = {w: doc.status[w] for w in who if w in doc.status}
        layer = replace(
            doc,
            external_id=external_id,
            mentions=tuple(mentions),
            claims=tuple(claims),
            status=status,
        )
        return importing.NewDocument(layer, p.sha, entity_ids, id=doc_id, taken_ext_ids=taken)

    def _renamed(self, kind: str, document: str, ext: str, who: str, stored: str) -> None:
        if kind == "claim":
            self.claims_renamed[document, ext, who] = stored

    def cluster(self, cluster: ClaimCluster, path: Path, line: int) -> None:
        """Members name claims by document and span id; a layer's claims are the cluster's
        annotator's own (another annotator's ``c1`` is not theirs, docs/data-model.md)."""
        who = cluster.annotator or self.annotator
        refs = []
        for m in cluster.members:
            document = self.renamed.get(m.document, m.document)
            claim = self.claims_renamed.get((document, m.claim, who), m.claim)
            refs.append((document, claim, who))
        ids = importing.claim_ids_by_ref(self.conn, refs)
        for ref, member in zip(refs, cluster.members, strict=True):
            if ref not in ids:
                raise InputError(
                    path,
                    f"cluster member {member.document}/{member.claim} is not a claim "
                    "of an imported document",
                    line=line,
                )
        cluster_id = importing.insert_cluster(
            self.conn, cluster, [ids[r] for r in refs], self.names, self.annotator
        )
        if cluster_id is None:
            self.report.skipped.append(f"{path}, line {line}: the cluster is stored already")
        else:
            self.report.clusters += 1
