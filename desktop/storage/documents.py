"""Documents: the corpus list, one document's text and details, and the annotations of one
document (what the article view reads). Whole documents streamed for exports are read in
`desktop.storage.corpus`, with SQL text that needs no SQLAlchemy. Also `Lookup`, the name -> id
caches for the outlets, events and annotators documents refer to.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.core import model as core
from desktop.core.filters import CorpusFilter, ExportFilter
from desktop.storage import orm
from desktop.storage.corpus import (  # noqa: F401 - the corpus reads, under their old names
    MENTION_SELECT,
    SPAN_ORDER,
    annotator_names,
    claim_of,
    document_ids,
    iter_documents,
    mentions_of,
    registry_entities,
)
from desktop.storage.registry import insert_if_absent
from desktop.storage.rows import Rows

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
    rows = Rows.of(session)
    mention_rows = rows.all(
        f"{MENTION_SELECT} WHERE m.document_id = :doc ORDER BY {SPAN_ORDER}", doc=doc_id
    )
    flt = ExportFilter(document_ids=(doc_id,), include_rejected=True)
    docs = list(iter_documents(rows, flt, mention_rows=mention_rows))
    if not docs:
        raise KeyError(doc_id)
    return docs[0]


def annotations_of(
    session: Session, doc_id: int, mention_ids: Iterable[int], claim_ids: Iterable[int]
) -> tuple[tuple[core.Mention, ...], tuple[core.Claim, ...], dict[str, core.RegistryEntity]]:
    """Only these mentions and claims of a document, as `load_document` gives them, and the
    registry entities they name: what an edit reads back instead of the whole document
    (docs/architecture.md, "The change flow"). Ids no longer stored are left out."""
    mention_ids, claim_ids = sorted(set(mention_ids)), sorted(set(claim_ids))
    names = annotator_names(session)
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
        mentions_of(m_rows, names, entities),
        tuple(claim_of(c, names, entities, mention_ext, topics) for c in c_rows),
        {entities[i].key: entities[i] for i in sorted(wanted)},
    )
