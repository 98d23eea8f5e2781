"""Bulk import: documents with their spans, and claim clusters, written in one transaction.

These paths use SQLAlchemy Core statements and the driver's executemany: the ORM unit of work
manages about 30,000 rows/s, executemany several times that (docs/benchmarks.md, import).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import insert, select, text
from sqlalchemy.orm import Session

from desktop.core import model as core
from desktop.storage import orm
from desktop.storage.documents import CLAIM, MENTION, Lookup
from desktop.storage.search import fts_available, index_document


class ImportLookup(Lookup):
    """The name caches of one import, plus whether documents go into the full-text index
    (asked once per import, not once per document)."""

    def __init__(self, session: Session):
        super().__init__(session)
        self.fts = fts_available(session)


# Plain SQL for the per-document lookups of a bulk import: building select() objects for each of
# 100,000 documents costs more than running the queries.
_BY_SHA = text("SELECT id, external_id FROM document WHERE text_sha256 = :sha")
_BY_EXTERNAL_ID = text("SELECT 1 FROM document WHERE external_id = :external_id")


def document_id_by_sha(session: Session, sha: str) -> tuple[int, str] | None:
    row = session.execute(_BY_SHA, {"sha": sha}).first()
    return None if row is None else (row[0], row[1])


def external_id_taken(session: Session, external_id: str) -> bool:
    return session.execute(_BY_EXTERNAL_ID, {"external_id": external_id}).first() is not None


def _unique_ext_ids(items: Iterable, prefix: str) -> list[str]:
    """Keep given span ids; give the others the first free `prefix<n>`."""
    items = list(items)
    taken = {item.ext_id for item in items if item.ext_id}
    out, n = [], 0
    for item in items:
        if item.ext_id:
            out.append(item.ext_id)
            continue
        n += 1
        while f"{prefix}{n}" in taken:
            n += 1
        out.append(f"{prefix}{n}")
        taken.add(out[-1])
    return out


@dataclass
class InsertedDocument:
    id: int
    mentions: int
    claims: int


def _bulk_insert(session: Session, table, rows: list[dict]) -> None:
    """executemany straight to the driver: SQLAlchemy's per-row parameter processing costs more
    than SQLite's insert itself at 100,000 rows. Values must already be in the driver's types
    (see `_db_time`)."""
    if not rows:
        return
    connection = session.connection()
    dialect = connection.dialect
    columns = list(rows[0])
    mark = {"qmark": "?", "format": "%s", "pyformat": "%s"}.get(dialect.paramstyle)
    if mark is None:  # pragma: no cover - other drivers: let SQLAlchemy do it
        session.execute(insert(table), rows)
        return
    quoted = ", ".join(dialect.identifier_preparer.quote(c) for c in columns)
    marks = ", ".join(mark for _ in columns)
    connection.exec_driver_sql(
        f"INSERT INTO {table.name} ({quoted}) VALUES ({marks})", [tuple(r.values()) for r in rows]
    )


def _db_time(session: Session, value: datetime):
    """A timestamp as SQLAlchemy's SQLite dialect stores it (text), or as is elsewhere."""
    if session.get_bind().dialect.name == "sqlite":
        return value.isoformat(sep=" ", timespec="microseconds")
    return value


def _ids_by_ext(session: Session, table, doc_id: int, ext_ids: list[str]) -> dict[str, int]:
    """Ids of the rows just inserted for a document, by their span ids."""
    if session.get_bind().dialect.name == "sqlite":
        # inside our IMMEDIATE transaction nobody else inserts, and AUTOINCREMENT hands out
        # consecutive ids in insertion order
        last = session.execute(text("SELECT last_insert_rowid()")).scalar_one()
        return {ext: last - len(ext_ids) + 1 + i for i, ext in enumerate(ext_ids)}
    return _select_ids_by_ext(session, table, doc_id)


def _select_ids_by_ext(session: Session, table, doc_id: int) -> dict[str, int]:
    return dict(
        session.execute(
            select(table.c.ext_id, table.c.id).where(table.c.document_id == doc_id)
        ).all()
    )


def insert_document(
    session: Session,
    doc: core.Document,
    sha: str,
    lookup: ImportLookup,
    entity_ids: dict[str, int],
    annotator: str | None = None,
) -> InsertedDocument:
    """Insert one validated document with its spans. `entity_ids` maps registry keys to ids;
    spans without an annotator are credited to `annotator`."""
    meta = doc.meta
    now = orm.utcnow()
    stamp = _db_time(session, now)
    doc_id = session.execute(
        insert(orm.Document)
        .values(
            external_id=doc.external_id,
            outlet_id=lookup.outlet(meta.outlet),
            original_source=meta.original_source,
            event_id=lookup.event(meta.event),
            title=meta.title,
            url=meta.url,
            published=meta.published,
            language=meta.language or "ar",
            text=doc.text,
            length=len(doc.text),
            text_sha256=sha,
            source_file=meta.source_file,
            notes=meta.notes,
            imported_at=doc.imported_at or now,
        )
        .returning(orm.Document.id)
    ).scalar_one()

    statuses = dict(doc.status)
    if not statuses:  # annotated elsewhere: the work is in progress for whoever annotated
        for item in (*doc.mentions, *doc.claims):
            statuses.setdefault(item.annotator or annotator, core.DocStatus.IN_PROGRESS)
    statuses.pop(None, None)
    for annotator_name, status in statuses.items():
        session.execute(
            insert(orm.DocumentStatus).values(
                document_id=doc_id,
                annotator_id=lookup.annotator(annotator_name),
                status=str(status),
            )
        )

    index_document(session, doc_id, doc.text, fts=lookup.fts)
    default_annotator = lookup.annotator(annotator)
    mention_ids: dict[str, int] = {}
    if doc.mentions:
        ext_ids = _unique_ext_ids(doc.mentions, "m")
        rows = [
            {
                "document_id": doc_id,
                "ext_id": ext_id,
                "start": m.start,
                "end": m.end,
                "label": m.label,
                "entity_id": entity_ids[m.entity] if m.entity else None,
                "prefix_len": m.prefix_len,
                "status": m.status.value,
                "annotator_id": lookup.annotator(m.annotator) if m.annotator else default_annotator,
                "created_at": stamp,
                "updated_at": stamp,
            }
            for m, ext_id in zip(doc.mentions, ext_ids, strict=True)
        ]
        # no RETURNING: SQLite would fall back to one statement per row to keep the order
        _bulk_insert(session, MENTION, rows)
        mention_ids = _ids_by_ext(session, MENTION, doc_id, ext_ids)

    if doc.claims:
        ext_ids = _unique_ext_ids(doc.claims, "c")
        rows = []
        for c, ext_id in zip(doc.claims, ext_ids, strict=True):
            src = c.source
            kind = None if src is None else src.kind
            rows.append(
                {
                    "document_id": doc_id,
                    "ext_id": ext_id,
                    "start": c.start,
                    "end": c.end,
                    "source_kind": None if kind is None else kind.value,
                    "source_mention_id": mention_ids[src.mention]
                    if kind is core.SourceKind.MENTION
                    else None,
                    "source_entity_id": entity_ids[src.entity]
                    if kind is core.SourceKind.ENTITY
                    else None,
                    "cue_start": c.cue.start if c.cue else None,
                    "cue_end": c.cue.end if c.cue else None,
                    "quote_type": c.quote_type.value,
                    "polarity": c.polarity.value,
                    "note": c.note,
                    "annotator_id": lookup.annotator(c.annotator)
                    if c.annotator
                    else default_annotator,
                    "created_at": stamp,
                    "updated_at": stamp,
                }
            )
        _bulk_insert(session, CLAIM, rows)
        if any(c.topics for c in doc.claims):
            claim_ids = _ids_by_ext(session, CLAIM, doc_id, ext_ids)
            topic_rows = [
                {"claim_id": claim_ids[ext_id], "topic": topic}
                for c, ext_id in zip(doc.claims, ext_ids, strict=True)
                for topic in dict.fromkeys(c.topics)
            ]
            _bulk_insert(session, orm.ClaimTopic.__table__, topic_rows)
    return InsertedDocument(doc_id, len(doc.mentions), len(doc.claims))


def claim_ids_by_ref(
    session: Session, refs: Iterable[tuple[str, str]]
) -> dict[tuple[str, str], int]:
    """Claim ids by (document external id, claim span id): how cluster records name claims."""
    refs = set(refs)
    if not refs:
        return {}
    docs = {d for d, _ in refs}
    rows = session.execute(
        select(orm.Document.external_id, orm.Claim.ext_id, orm.Claim.id)
        .join(orm.Claim, orm.Claim.document_id == orm.Document.id)
        .where(orm.Document.external_id.in_(docs))
    )
    return {(d, c): i for d, c, i in rows if (d, c) in refs}


def insert_cluster(
    session: Session,
    cluster: core.ClaimCluster,
    claim_ids: list[int],
    lookup: Lookup,
    annotator: str | None,
) -> int:
    """A claim cluster from an import; a claim already in another cluster moves to this one."""
    cluster_id = session.execute(
        insert(orm.ClaimCluster)
        .values(
            label=cluster.label,
            event_id=lookup.event(cluster.event),
            note=cluster.note,
            annotator_id=lookup.annotator(cluster.annotator or annotator),
            created_at=orm.utcnow(),
        )
        .returning(orm.ClaimCluster.id)
    ).scalar_one()
    session.execute(
        orm.ClusterMember.__table__.delete().where(orm.ClusterMember.claim_id.in_(claim_ids))
    )
    session.execute(
        insert(orm.ClusterMember),
        [
            {"cluster_id": cluster_id, "claim_id": claim_id, "relation": m.relation.value}
            for claim_id, m in zip(claim_ids, cluster.members, strict=True)
        ],
    )
    return cluster_id
