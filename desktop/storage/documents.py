"""Documents: the corpus list, one document's text and details, and whole documents streamed
with their mentions, claims, statuses and registry entries (what the article view and every
export read). Also `Lookup`, the name -> id caches for the outlets, events and annotators
documents refer to.
"""

from __future__ import annotations

import dataclasses
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import replace
from itertools import chain
from operator import itemgetter

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.core import model as core
from desktop.core.filters import CorpusFilter, ExportFilter
from desktop.storage import orm
from desktop.storage.registry import insert_if_absent, registry_entities

MENTION, CLAIM = orm.Mention.__table__, orm.Claim.__table__
# What a document's readers use: the bookkeeping timestamps are left out, so no row pays for
# parsing two datetimes (on a 50,000-mention article that was most of the read).
# The document id comes second in both, which `_Peek.take` relies on.
MENTION_COLUMNS = tuple(
    MENTION.c[n]
    for n in (
        "id document_id ext_id start end label entity_id prefix_len status annotator_id".split()
    )
)
CLAIM_COLUMNS = tuple(
    CLAIM.c[n]
    for n in (
        "id document_id ext_id start end source_kind source_mention_id source_entity_id"
        " cue_start cue_end quote_type polarity note annotator_id"
    ).split()
)
_MENTION_STATUS = {s.value: s for s in core.MentionStatus}
_QUOTE_TYPE = {q.value: q for q in core.QuoteType}
_POLARITY = {p.value: p for p in core.Polarity}


class Lookup:
    """Name -> id caches for small tables, so bulk imports do not query per row."""

    def __init__(self, session: Session):
        self.session = session
        self._cache: dict[tuple[type, str], int] = {}

    def id_of(self, table: type, name: str, *, column: str = "name") -> int:
        key = (table, name)
        found = self._cache.get(key)
        if found is None:
            col = getattr(table, column)
            found = self.session.execute(select(table.id).where(col == name)).scalar()
            if found is None:
                found = self._create(table, name, column)
            self._cache[key] = found
        return found

    def _create(self, table: type, name: str, column: str) -> int:
        """The id of a name not stored yet. Another writer may insert it meanwhile: no
        IntegrityError, its id is taken."""
        insert_if_absent(self.session, table, {column: name}, column)
        col = getattr(table, column)
        return self.session.execute(select(table.id).where(col == name)).scalar_one()

    def annotator(self, name: str | None) -> int | None:
        return None if name is None else self.id_of(orm.Annotator, name)

    def outlet(self, name: str | None) -> int | None:
        return None if not name else self.id_of(orm.Outlet, name)

    def event(self, name: str | None) -> int | None:
        return None if not name else self.id_of(orm.Event, name)


def annotator_id(session: Session, name: str) -> int | None:
    return session.execute(select(orm.Annotator.id).where(orm.Annotator.name == name)).scalar()


def status_exists(session: Session, doc_id: int, annotator_id: int | None) -> bool:
    """Whether this annotator has given the document a status yet (none means not started)."""
    found = session.execute(
        select(orm.DocumentStatus.status).where(
            orm.DocumentStatus.document_id == doc_id,
            orm.DocumentStatus.annotator_id == annotator_id,
        )
    ).first()
    return found is not None


# --------------------------------------------------------------------------- corpus list


def list_documents(
    session: Session, annotator_id: int | None, flt: CorpusFilter | None = None
) -> list[core.DocumentSummary]:
    flt = flt or CorpusFilter()
    d = orm.Document
    mentions = (
        select(orm.Mention.document_id, func.count().label("n"))
        .where(orm.Mention.status.in_(("manual", "accepted")))
        .group_by(orm.Mention.document_id)
        .subquery()
    )
    claims = (
        select(orm.Claim.document_id, func.count().label("n"))
        .group_by(orm.Claim.document_id)
        .subquery()
    )
    suggested = (
        select(orm.Mention.document_id, func.count().label("n"))
        .where(orm.Mention.status == "suggested")
        .group_by(orm.Mention.document_id)
        .subquery()
    )
    status = (
        select(orm.DocumentStatus.document_id, orm.DocumentStatus.status)
        .where(orm.DocumentStatus.annotator_id == annotator_id)
        .subquery()
    )
    q = (
        select(
            d.id,
            d.external_id,
            d.title,
            d.url,
            d.published,
            d.original_source,
            d.source_file,
            d.notes,
            d.language,
            d.length,
            func.substr(d.text, 1, 160).label("head"),
            orm.Outlet.name.label("outlet"),
            orm.Event.name.label("event"),
            func.coalesce(mentions.c.n, 0).label("mentions"),
            func.coalesce(claims.c.n, 0).label("claims"),
            func.coalesce(suggested.c.n, 0).label("suggestions"),
            func.coalesce(status.c.status, "not_started").label("status"),
        )
        .outerjoin(orm.Outlet, d.outlet_id == orm.Outlet.id)
        .outerjoin(orm.Event, d.event_id == orm.Event.id)
        .outerjoin(mentions, mentions.c.document_id == d.id)
        .outerjoin(claims, claims.c.document_id == d.id)
        .outerjoin(suggested, suggested.c.document_id == d.id)
        .outerjoin(status, status.c.document_id == d.id)
        .order_by(d.published.is_(None), d.published, d.id)
    )
    if flt.outlet:
        q = q.where(orm.Outlet.name == flt.outlet)
    if flt.event:
        q = q.where(orm.Event.name == flt.event)
    if flt.status:
        q = q.where(func.coalesce(status.c.status, "not_started") == flt.status.value)
    if flt.document_ids is not None:
        q = q.where(d.id.in_(flt.document_ids))
    out = []
    for r in session.execute(q):
        title = r.title or _first_line(r.head)
        out.append(
            core.DocumentSummary(
                id=r.id,
                external_id=r.external_id,
                meta=replace(document_meta(r, r.outlet, r.event), title=title),
                length=r.length,
                mentions=r.mentions,
                claims=r.claims,
                status=core.DocStatus(r.status),
                suggestions=r.suggestions,
            )
        )
    return out


def _first_line(head: str) -> str:
    line = head.strip().split("\n", 1)[0]
    return line if len(line) < 120 else line[:117] + "…"


def outlets_and_events(session: Session) -> tuple[list[str], list[str]]:
    outlets = session.execute(select(orm.Outlet.name).order_by(orm.Outlet.name)).scalars().all()
    events = session.execute(select(orm.Event.name).order_by(orm.Event.name)).scalars().all()
    return list(outlets), list(events)


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


# --------------------------------------------------------------------------- one document


def document_text(session: Session, doc_id: int) -> str:
    body = session.execute(select(orm.Document.text).where(orm.Document.id == doc_id)).scalar()
    if body is None:
        raise KeyError(doc_id)
    return body


def load_document(session: Session, doc_id: int) -> core.Document:
    """One document with every layer. Its mentions come as the driver's plain tuples: the
    article view opens 50,000 of them, and row objects would cost as much as the query
    (docs/benchmarks.md)."""
    mq = (
        select(*MENTION_COLUMNS)
        .where(MENTION.c.document_id == doc_id)
        .order_by(MENTION.c.start, MENTION.c.end.desc(), MENTION.c.id)
    )
    flt = ExportFilter(document_ids=(doc_id,), include_rejected=True)
    docs = list(iter_documents(session, flt, mention_rows=_driver_rows(session, mq)))
    if not docs:
        raise KeyError(doc_id)
    return docs[0]


def _driver_rows(session: Session, stmt) -> list[tuple]:
    """The rows of `stmt` (plain bound parameters only) as the database driver returns them,
    read in the session's transaction."""
    conn = session.connection()
    compiled = stmt.compile(dialect=conn.dialect)
    params = compiled.params
    if compiled.positional:
        params = tuple(params[name] for name in compiled.positiontup)
    cursor = conn.connection.cursor()
    try:
        cursor.execute(str(compiled), params)
        return cursor.fetchall()
    finally:
        cursor.close()


def annotations_of(
    session: Session, doc_id: int, mention_ids: Iterable[int], claim_ids: Iterable[int]
) -> tuple[tuple[core.Mention, ...], tuple[core.Claim, ...], dict[str, core.RegistryEntity]]:
    """Only these mentions and claims of a document, as `load_document` gives them, and the
    registry entities they name: what an edit reads back instead of the whole document
    (docs/architecture.md, "The change flow"). Ids no longer stored are left out."""
    mention_ids, claim_ids = sorted(set(mention_ids)), sorted(set(claim_ids))
    names = _annotator_names(session)
    m_rows = (
        session.execute(
            select(*MENTION_COLUMNS)
            .where(MENTION.c.document_id == doc_id, MENTION.c.id.in_(mention_ids))
            .order_by(MENTION.c.start, MENTION.c.end.desc(), MENTION.c.id)
        ).all()
        if mention_ids
        else []
    )
    c_rows = (
        session.execute(
            select(*CLAIM_COLUMNS)
            .where(CLAIM.c.document_id == doc_id, CLAIM.c.id.in_(claim_ids))
            .order_by(CLAIM.c.start, CLAIM.c.end.desc(), CLAIM.c.id)
        ).all()
        if claim_ids
        else []
    )
    mention_ext: dict[int, str] = {m.id: m.ext_id for m in m_rows}
    sources = {c.source_mention_id for c in c_rows if c.source_mention_id is not None}
    if sources - mention_ext.keys():
        mention_ext.update(
            session.execute(
                select(MENTION.c.id, MENTION.c.ext_id).where(
                    MENTION.c.id.in_(sorted(sources - mention_ext.keys()))
                )
            ).all()
        )
    topics: dict[int, list[str]] = {}
    if c_rows:
        for claim_id, topic in session.execute(
            select(orm.ClaimTopic.claim_id, orm.ClaimTopic.topic)
            .where(orm.ClaimTopic.claim_id.in_([c.id for c in c_rows]))
            .order_by(orm.ClaimTopic.claim_id, orm.ClaimTopic.topic)
        ):
            topics.setdefault(claim_id, []).append(topic)
    wanted = {m.entity_id for m in m_rows if m.entity_id} | {
        c.source_entity_id for c in c_rows if c.source_entity_id
    }
    entities = registry_entities(session, wanted) if wanted else {}
    return (
        _mentions(m_rows, names, entities),
        tuple(_claim(c, names, entities, mention_ext, topics) for c in c_rows),
        {entities[i].key: entities[i] for i in sorted(wanted)},
    )


# --------------------------------------------------------------------------- many documents


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


def _annotator_names(session: Session) -> dict[int, str]:
    return dict(session.execute(select(orm.Annotator.id, orm.Annotator.name)).all())


def iter_documents(
    session: Session, flt: ExportFilter | None = None, *, mention_rows: Iterable | None = None
) -> Iterator[core.Document]:
    """Stream whole documents with their annotations, in id order, without loading the corpus.

    Documents, mentions and claims are read by three cursors ordered by document id and merged.
    `mention_rows` (rows of `MENTION_COLUMNS` in that order) stand for the mention cursor.
    """
    flt = flt or ExportFilter()
    names = _annotator_names(session)
    annotator_ids = (
        {i for i, n in names.items() if n in set(flt.annotators)} if flt.annotators else None
    )
    doc_ids_subq = _document_query(flt).with_only_columns(orm.Document.id).scalar_subquery()

    # Core rows (not ORM objects) of the columns readers use stream lighter.
    mq, cq = (
        select(*cols)
        .where(t.c.document_id.in_(doc_ids_subq))
        .order_by(t.c.document_id, t.c.start, t.c.end.desc(), t.c.id)
        for t, cols in ((MENTION, MENTION_COLUMNS), (CLAIM, CLAIM_COLUMNS))
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
    for doc_id, annotator, status in session.execute(
        select(
            orm.DocumentStatus.document_id,
            orm.DocumentStatus.annotator_id,
            orm.DocumentStatus.status,
        )
        .where(orm.DocumentStatus.document_id.in_(doc_ids_subq))
        .order_by(orm.DocumentStatus.document_id, orm.DocumentStatus.annotator_id)
    ):
        statuses.setdefault(doc_id, {})[names[annotator]] = core.DocStatus(status)

    entity_cache: dict[int, core.RegistryEntity] = {}
    # on the session's connection, not through the ORM: these are plain rows, read by the million
    conn = session.connection()
    mentions = _Peek(
        conn.execute(mq.execution_options(yield_per=2000)) if mention_rows is None else mention_rows
    )
    claims = _Peek(conn.execute(cq.execution_options(yield_per=2000)))
    docs = conn.execute(_document_query(flt).execution_options(yield_per=200))
    for row in docs:
        outlet, event = row.outlet, row.event
        m_rows = mentions.take(row.id)
        c_rows = claims.take(row.id)
        # span ids of the mentions claims name as their source (rows are MENTION_COLUMNS)
        sources = {c.source_mention_id for c in c_rows} - {None}
        mention_ext = {m[0]: m[2] for m in m_rows if m[0] in sources} if sources else {}
        if len(mention_ext) < len(sources):  # a mention of another annotator
            missing = sorted(sources - mention_ext.keys())
            mention_ext.update(
                session.execute(
                    select(orm.Mention.id, orm.Mention.ext_id).where(orm.Mention.id.in_(missing))
                ).all()
            )
        wanted = {m[6] for m in m_rows} | {c.source_entity_id for c in c_rows}
        wanted.discard(None)
        new = wanted - entity_cache.keys()
        if new:
            entity_cache.update(registry_entities(session, new))
        yield core.Document(
            external_id=row.external_id,
            text=row.text,
            meta=document_meta(row, outlet, event),
            mentions=_mentions(m_rows, names, entity_cache),
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
        # a list of rows (one document's, read at once) is sliced, not walked row by row
        self._rows = it if isinstance(it, list) else None
        self._pos = 0
        # a result is read a batch at a time (`partitions`): per-row fetches cost more than rows
        parts = getattr(it, "partitions", None)
        self._it = chain.from_iterable(parts()) if parts is not None else iter(it)
        self._next = next(self._it, self._END)

    def take(self, doc_id: int) -> list:
        """The rows of `doc_id` at the head of the cursor (its second column is the document)."""
        rows = self._rows
        if rows is not None:
            pos = self._pos
            if pos == len(rows) or rows[pos][1] != doc_id:
                return []
            self._pos = end = bisect_right(rows, doc_id, lo=pos, key=itemgetter(1))
            return rows[pos:end]
        out = []
        end, it = self._END, self._it
        row = self._next
        while row is not end and row[1] == doc_id:
            out.append(row)
            row = next(it, end)
        self._next = row
        return out


def _mention_twin() -> type:
    """A class laid out like `core.Mention` (same slots, same order) but not frozen.

    A frozen dataclass stores each field through `object.__setattr__`, which makes building
    50,000 mentions cost more than reading their rows; the twin's `__init__` stores plainly, and
    each object then becomes a `core.Mention` by `__class__` assignment, which Python allows
    between classes of the same layout. The result is an ordinary, frozen `core.Mention`
    (docs/benchmarks.md, "Opening the big article").
    """
    fields = dataclasses.fields(core.Mention)
    body = {f.name: f.default for f in fields if f.default is not dataclasses.MISSING}
    body["__annotations__"] = {f.name: f.type for f in fields}
    twin = dataclasses.dataclass(slots=True, eq=False, repr=False)(type("_Mention", (), body))
    assert twin.__slots__ == core.Mention.__slots__
    return twin


_MENTION_TWIN = _mention_twin()


def _mentions(rows, names, entities) -> tuple[core.Mention, ...]:
    """Mentions from rows of `MENTION_COLUMNS`, positionally: this runs once per stored mention
    on every open and export, so it avoids keyword arguments, enum calls and the frozen
    dataclass's slow `__init__` (see `_mention_twin`)."""
    twin, status, annotator = _MENTION_TWIN, _MENTION_STATUS, names.get
    out = [
        twin(
            start,
            end,
            label,
            entities[ent].key if ent else None,
            plen,
            status[st],
            annotator(who),
            ext,
            id_,
            doc,
        )
        for (id_, doc, ext, start, end, label, ent, plen, st, who) in rows
    ]
    cls = core.Mention
    for m in out:
        m.__class__ = cls
    return tuple(out)


def _claim(row, names, entities, mention_ext, topics) -> core.Claim:
    """A claim from a row of `CLAIM_COLUMNS`, read by position (cheaper than by name)."""
    (
        id_, doc_id, ext_id, start, end, kind, mention_id, entity_id,
        cue_start, cue_end, quote_type, polarity, note, annotator_id,
    ) = row  # fmt: skip
    source = None
    if kind == "mention" and mention_id is not None:
        source = core.ClaimSource(core.SourceKind.MENTION, mention=mention_ext[mention_id])
    elif kind == "entity" and entity_id is not None:
        source = core.ClaimSource(core.SourceKind.ENTITY, entity=entities[entity_id].key)
    elif kind in ("outlet", "unnamed"):
        source = core.ClaimSource(core.SourceKind(kind))
    return core.Claim(
        start=start,
        end=end,
        source=source,
        cue=core.Span(cue_start, cue_end) if cue_start is not None else None,
        quote_type=_QUOTE_TYPE[quote_type],
        polarity=_POLARITY[polarity],
        topics=tuple(topics.get(id_, ())),
        note=note,
        annotator=names.get(annotator_id),
        ext_id=ext_id,
        id=id_,
        document_id=doc_id,
    )
