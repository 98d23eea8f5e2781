"""Repositories: functions that take a Session and speak in core objects.

Bulk paths (import, export) use SQLAlchemy Core statements: the ORM unit of work manages about
30,000 rows/s, Core executemany several times that (quality.md S5).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, insert, select, text, update
from sqlalchemy.orm import Session

from desktop.core import model as core
from desktop.core.errors import RecordError
from desktop.core.filters import ExportFilter
from desktop.storage import orm
from desktop.text import fold_key


class Lookup:
    """Name -> id caches for small tables, so bulk imports do not query per row."""

    def __init__(self, session: Session):
        from desktop.storage.annotations import fts_available

        self.session = session
        self._cache: dict[tuple[type, str], int] = {}
        self.fts = fts_available(session)  # asked once per import, not once per document

    def id_of(self, table: type, name: str, *, column: str = "name") -> int:
        key = (table, name)
        found = self._cache.get(key)
        if found is None:
            col = getattr(table, column)
            found = self.session.execute(select(table.id).where(col == name)).scalar()
            if found is None:
                found = self.session.execute(
                    insert(table).values({column: name}).returning(table.id)
                ).scalar_one()
            self._cache[key] = found
        return found

    def annotator(self, name: str | None) -> int | None:
        return None if name is None else self.id_of(orm.Annotator, name)

    def outlet(self, name: str | None) -> int | None:
        return None if not name else self.id_of(orm.Outlet, name)

    def event(self, name: str | None) -> int | None:
        return None if not name else self.id_of(orm.Event, name)


# --------------------------------------------------------------------------- registry


def merge_registry_entity(session: Session, entity: core.RegistryEntity) -> int:
    """Insert a registry entity, or add new aliases to the one with the same key."""
    row = session.execute(select(orm.Entity).where(orm.Entity.key == entity.key)).scalar()
    if row is None:
        row = orm.Entity(
            key=entity.key,
            name=entity.name,
            type=entity.type,
            external_id=entity.external_id,
            notes=entity.notes,
        )
        session.add(row)
        session.flush()
        known: set[str] = set()
    else:
        known = set(
            session.execute(
                select(orm.EntityAlias.alias).where(orm.EntityAlias.entity_id == row.id)
            ).scalars()
        )
        if row.type is None and entity.type:
            row.type = entity.type
        if row.external_id is None and entity.external_id:
            row.external_id = entity.external_id
    for alias in dict.fromkeys((entity.name, *entity.aliases)):
        if alias and alias not in known:
            session.add(orm.EntityAlias(entity_id=row.id, alias=alias, folded=fold_key(alias)))
            known.add(alias)
    session.flush()
    return row.id


def registry_entities(session: Session, ids: Iterable[int]) -> dict[int, core.RegistryEntity]:
    ids = sorted(set(ids))
    if not ids:
        return {}
    aliases: dict[int, list[str]] = {}
    for entity_id, alias in session.execute(
        select(orm.EntityAlias.entity_id, orm.EntityAlias.alias)
        .where(orm.EntityAlias.entity_id.in_(ids))
        .order_by(orm.EntityAlias.id)
    ):
        aliases.setdefault(entity_id, []).append(alias)
    out = {}
    for row in session.execute(select(orm.Entity).where(orm.Entity.id.in_(ids))).scalars():
        names = [a for a in aliases.get(row.id, []) if a != row.name]
        out[row.id] = core.RegistryEntity(
            key=row.key,
            name=row.name,
            type=row.type,
            aliases=tuple(names),
            external_id=row.external_id,
            notes=row.notes,
            id=row.id,
        )
    return out


# --------------------------------------------------------------------------- documents (write)


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


MENTION, CLAIM = orm.Mention.__table__, orm.Claim.__table__


def _bulk_insert(session: Session, table, rows: list[dict]) -> None:
    """executemany straight to the driver: SQLAlchemy's per-row parameter processing costs more
    than SQLite's insert itself at 100,000 rows (quality.md S5). Values must already be in the
    driver's types (see `_db_time`)."""
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
    lookup: Lookup,
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

    from desktop.storage.annotations import index_document

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


# --------------------------------------------------------------------------- documents (read)


def _document_query(flt: ExportFilter):
    q = (
        select(
            orm.Document.__table__,
            orm.Outlet.name.label("outlet"),
            orm.Event.name.label("event"),
        )
        .outerjoin(orm.Outlet, orm.Document.outlet_id == orm.Outlet.id)
        .outerjoin(orm.Event, orm.Document.event_id == orm.Event.id)
        .order_by(orm.Document.id)
    )
    if flt.outlets:
        q = q.where(orm.Outlet.name.in_(flt.outlets))
    if flt.events:
        q = q.where(orm.Event.name.in_(flt.events))
    if flt.document_ids:
        q = q.where(orm.Document.id.in_(flt.document_ids))
    if flt.statuses:
        ds = orm.DocumentStatus
        who = (
            select(orm.Annotator.id).where(orm.Annotator.name.in_(flt.annotators))
            if flt.annotators
            else None
        )
        with_status = select(ds.document_id).where(ds.status.in_(flt.statuses))
        any_status = select(ds.document_id)
        if who is not None:
            with_status = with_status.where(ds.annotator_id.in_(who))
            any_status = any_status.where(ds.annotator_id.in_(who))
        condition = orm.Document.id.in_(with_status)
        if "not_started" in flt.statuses:
            condition = condition | orm.Document.id.not_in(any_status)
        q = q.where(condition)
    return q


def document_ids(session: Session, flt: ExportFilter | None = None) -> list[int]:
    q = _document_query(flt or ExportFilter()).with_only_columns(orm.Document.id)
    return list(session.execute(q).scalars())


def document_meta(row: orm.Document, outlet: str | None, event: str | None) -> core.DocumentMeta:
    return core.DocumentMeta(
        outlet=outlet,
        original_source=row.original_source,
        title=row.title,
        url=row.url,
        published=row.published,
        event=event,
        source_file=row.source_file,
        notes=row.notes,
        language=row.language,
    )


def _annotator_names(session: Session) -> dict[int, str]:
    return dict(session.execute(select(orm.Annotator.id, orm.Annotator.name)).all())


def iter_documents(session: Session, flt: ExportFilter | None = None) -> Iterator[core.Document]:
    """Stream whole documents with their annotations, in id order, without loading the corpus.

    Documents, mentions and claims are read by three cursors ordered by document id and merged.
    """
    flt = flt or ExportFilter()
    names = _annotator_names(session)
    annotator_ids = (
        {i for i, n in names.items() if n in set(flt.annotators)} if flt.annotators else None
    )
    doc_ids_subq = _document_query(flt).with_only_columns(orm.Document.id).scalar_subquery()

    # Core rows (not ORM objects) stream lighter.
    mq, cq = (
        select(t)
        .where(t.c.document_id.in_(doc_ids_subq))
        .order_by(t.c.document_id, t.c.start, t.c.end.desc(), t.c.id)
        for t in (MENTION, CLAIM)
    )
    if annotator_ids is not None:
        mq = mq.where(MENTION.c.annotator_id.in_(annotator_ids))
        cq = cq.where(CLAIM.c.annotator_id.in_(annotator_ids))
    if not flt.include_rejected:
        mq = mq.where(MENTION.c.status != "rejected")

    topics: dict[int, list[str]] = {}
    for claim_id, topic in session.execute(
        select(orm.ClaimTopic.claim_id, orm.ClaimTopic.topic)
        .join(orm.Claim, orm.Claim.id == orm.ClaimTopic.claim_id)
        .where(orm.Claim.document_id.in_(doc_ids_subq))
        .order_by(orm.ClaimTopic.claim_id, orm.ClaimTopic.topic)
    ):
        topics.setdefault(claim_id, []).append(topic)

    statuses: dict[int, dict[str, core.DocStatus]] = {}
    for doc_id, annotator_id, status in session.execute(
        select(
            orm.DocumentStatus.document_id,
            orm.DocumentStatus.annotator_id,
            orm.DocumentStatus.status,
        )
        .where(orm.DocumentStatus.document_id.in_(doc_ids_subq))
        .order_by(orm.DocumentStatus.document_id, orm.DocumentStatus.annotator_id)
    ):
        statuses.setdefault(doc_id, {})[names[annotator_id]] = core.DocStatus(status)

    entity_cache: dict[int, core.RegistryEntity] = {}
    mentions = _Peek(session.execute(mq.execution_options(yield_per=2000)))
    claims = _Peek(session.execute(cq.execution_options(yield_per=2000)))
    docs = session.execute(_document_query(flt).execution_options(yield_per=200))
    for row in docs:
        outlet, event = row.outlet, row.event
        m_rows = mentions.take_while(lambda m, d=row.id: m.document_id == d)
        c_rows = claims.take_while(lambda c, d=row.id: c.document_id == d)
        mention_ext = {m.id: m.ext_id for m in m_rows}
        # a claim may name a mention of another annotator as its source
        missing = [
            c.source_mention_id for c in c_rows if c.source_mention_id not in (None, *mention_ext)
        ]
        if missing:
            mention_ext.update(
                session.execute(
                    select(orm.Mention.id, orm.Mention.ext_id).where(orm.Mention.id.in_(missing))
                ).all()
            )
        wanted = {m.entity_id for m in m_rows if m.entity_id} | {
            c.source_entity_id for c in c_rows if c.source_entity_id
        }
        new = wanted - entity_cache.keys()
        if new:
            entity_cache.update(registry_entities(session, new))
        yield core.Document(
            external_id=row.external_id,
            text=row.text,
            meta=document_meta(row, outlet, event),
            mentions=tuple(_mention(m, names, entity_cache) for m in m_rows),
            claims=tuple(_claim(c, names, entity_cache, mention_ext, topics) for c in c_rows),
            registry={entity_cache[i].key: entity_cache[i] for i in sorted(wanted)},
            text_sha256=row.text_sha256,
            status=statuses.get(row.id, {}),
            id=row.id,
            imported_at=row.imported_at,
        )


class _Peek:
    """An iterator one can look ahead in, to merge ordered cursors."""

    _END = object()

    def __init__(self, it: Iterable):
        self._it = iter(it)
        self._next = next(self._it, self._END)

    def take_while(self, pred) -> list:
        out = []
        while self._next is not self._END and pred(self._next):
            out.append(self._next)
            self._next = next(self._it, self._END)
        return out


def _mention(m: orm.Mention, names, entities) -> core.Mention:
    return core.Mention(
        start=m.start,
        end=m.end,
        label=m.label,
        entity=entities[m.entity_id].key if m.entity_id else None,
        prefix_len=m.prefix_len,
        status=core.MentionStatus(m.status),
        annotator=names.get(m.annotator_id),
        ext_id=m.ext_id,
        id=m.id,
        document_id=m.document_id,
    )


def _claim(c: orm.Claim, names, entities, mention_ext, topics) -> core.Claim:
    source = None
    if c.source_kind == "mention" and c.source_mention_id is not None:
        source = core.ClaimSource(core.SourceKind.MENTION, mention=mention_ext[c.source_mention_id])
    elif c.source_kind == "entity" and c.source_entity_id is not None:
        source = core.ClaimSource(core.SourceKind.ENTITY, entity=entities[c.source_entity_id].key)
    elif c.source_kind in ("outlet", "unnamed"):
        source = core.ClaimSource(core.SourceKind(c.source_kind))
    return core.Claim(
        start=c.start,
        end=c.end,
        source=source,
        cue=core.Span(c.cue_start, c.cue_end) if c.cue_start is not None else None,
        quote_type=core.QuoteType(c.quote_type),
        polarity=core.Polarity(c.polarity),
        topics=tuple(topics.get(c.id, ())),
        note=c.note,
        annotator=names.get(c.annotator_id),
        ext_id=c.ext_id,
        id=c.id,
        document_id=c.document_id,
    )


# --------------------------------------------------------------------------- statistics, checks


def stats(session: Session) -> dict:
    count = lambda table: session.execute(select(func.count()).select_from(table)).scalar_one()  # noqa: E731
    mentions_q = (
        select(func.count()).select_from(orm.Mention).where(orm.Mention.status != "rejected")
    )
    by_label = dict(
        session.execute(
            select(orm.Mention.label, func.count())
            .where(orm.Mention.status != "rejected")
            .group_by(orm.Mention.label)
            .order_by(orm.Mention.label)
        ).all()
    )
    by_outlet = {
        (name or "(none)"): n
        for name, n in session.execute(
            select(orm.Outlet.name, func.count(orm.Document.id))
            .select_from(orm.Document)
            .outerjoin(orm.Outlet, orm.Document.outlet_id == orm.Outlet.id)
            .group_by(orm.Outlet.name)
            .order_by(orm.Outlet.name)
        )
    }
    by_annotator: dict[str, dict[str, int]] = {}
    for table, key in ((orm.Mention, "mentions"), (orm.Claim, "claims")):
        for name, n in session.execute(
            select(orm.Annotator.name, func.count(table.id))
            .select_from(table)
            .outerjoin(orm.Annotator, table.annotator_id == orm.Annotator.id)
            .group_by(orm.Annotator.name)
            .order_by(orm.Annotator.name)
        ):
            by_annotator.setdefault(name or "(none)", {"mentions": 0, "claims": 0})[key] = n
    by_quote = dict(
        session.execute(
            select(orm.Claim.quote_type, func.count())
            .group_by(orm.Claim.quote_type)
            .order_by(orm.Claim.quote_type)
        ).all()
    )
    return {
        "documents": count(orm.Document),
        "mentions": session.execute(mentions_q).scalar_one(),
        "claims": count(orm.Claim),
        "entities": count(orm.Entity),
        "clusters": count(orm.ClaimCluster),
        "mentions_by_label": by_label,
        "documents_by_outlet": by_outlet,
        "by_annotator": by_annotator,
        "claims_by_quote_type": by_quote,
    }


@dataclass(frozen=True)
class Problem:
    where: str
    reason: str

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"


def check(session: Session, is_sqlite: bool) -> list[Problem]:
    """Integrity: stored text hashes, every span inside its text, and the engine's own check."""
    from desktop.core.rules import text_sha256

    problems: list[Problem] = []
    if is_sqlite:
        for (row,) in session.execute(text("PRAGMA integrity_check")):
            if row != "ok":
                problems.append(Problem("database", f"integrity_check: {row}"))
        for row in session.execute(text("PRAGMA foreign_key_check")):
            problems.append(Problem("database", f"foreign key violation in {row[0]} row {row[1]}"))
    for doc in session.execute(
        select(
            orm.Document.external_id,
            orm.Document.text,
            orm.Document.text_sha256,
            orm.Document.length,
        ).execution_options(yield_per=200)
    ):
        if text_sha256(doc.text) != doc.text_sha256:
            problems.append(
                Problem(f"document {doc.external_id}", "text does not match its SHA-256")
            )
        if len(doc.text) != doc.length:
            problems.append(Problem(f"document {doc.external_id}", "stored length is wrong"))
    for table, what in ((orm.Mention, "mention"), (orm.Claim, "claim")):
        bad = session.execute(
            select(orm.Document.external_id, table.ext_id, table.start, table.end)
            .join(orm.Document, orm.Document.id == table.document_id)
            .where(
                (table.start < 0) | (table.end <= table.start) | (table.end > orm.Document.length)
            )
        )
        for ext_doc, ext_id, start, end in bad:
            problems.append(
                Problem(
                    f"document {ext_doc}, {what} {ext_id}", f"offsets [{start}, {end}) out of range"
                )
            )
    bad_cues = session.execute(
        select(orm.Document.external_id, orm.Claim.ext_id)
        .join(orm.Document, orm.Document.id == orm.Claim.document_id)
        .where(orm.Claim.cue_end > orm.Document.length)
    )
    for ext_doc, ext_id in bad_cues:
        problems.append(Problem(f"document {ext_doc}, claim {ext_id}", "cue out of range"))
    return problems


def set_document_status(session: Session, doc_id: int, annotator_id: int, status: str) -> None:
    updated = session.execute(
        update(orm.DocumentStatus)
        .where(
            orm.DocumentStatus.document_id == doc_id,
            orm.DocumentStatus.annotator_id == annotator_id,
        )
        .values(status=status, updated_at=orm.utcnow())
    )
    if updated.rowcount == 0:
        session.execute(
            insert(orm.DocumentStatus).values(
                document_id=doc_id, annotator_id=annotator_id, status=status
            )
        )


def ensure_label_set(session: Session, labels: core.LabelSet) -> int:
    """Install a label set once; later runs keep the user's edits."""
    found = session.execute(
        select(orm.LabelSet.id).where(orm.LabelSet.name == labels.name)
    ).scalar()
    if found is not None:
        return found
    set_id = session.execute(
        insert(orm.LabelSet).values(name=labels.name).returning(orm.LabelSet.id)
    ).scalar_one()
    session.execute(
        insert(orm.Label),
        [
            {
                "label_set_id": set_id,
                "key": lb.key,
                "name_en": lb.name_en,
                "name_ar": lb.name_ar,
                "color": lb.color,
                "shortcut": lb.shortcut,
                "description": lb.description,
                "position": i,
            }
            for i, lb in enumerate(labels.labels)
        ],
    )
    return set_id


def load_label_set(session: Session, name: str | None = None) -> core.LabelSet | None:
    q = select(orm.LabelSet).order_by(orm.LabelSet.id)
    if name:
        q = q.where(orm.LabelSet.name == name)
    row = session.execute(q).scalars().first()
    if row is None:
        return None
    labels = session.execute(
        select(orm.Label).where(orm.Label.label_set_id == row.id).order_by(orm.Label.position)
    ).scalars()
    return core.LabelSet(
        row.name,
        tuple(
            core.Label(lb.key, lb.name_en, lb.name_ar, lb.color, lb.shortcut, lb.description or "")
            for lb in labels
        ),
    )


def entity_ids_for(session: Session, keys: Iterable[str]) -> dict[str, int]:
    keys = set(keys)
    if not keys:
        return {}
    return dict(
        session.execute(select(orm.Entity.key, orm.Entity.id).where(orm.Entity.key.in_(keys))).all()
    )


def require_entities(session: Session, keys: Iterable[str], known: dict[str, int]) -> None:
    missing = set(keys) - known.keys()
    if missing:
        known.update(entity_ids_for(session, missing))
        still = sorted(set(keys) - known.keys())
        if still:
            raise RecordError(f"entity {still[0]!r} is not in the registry")


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
