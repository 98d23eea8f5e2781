"""Claims: what creating and changing a claim needs (in one call), the corpus-wide claims list
with its filters, topics and speakers."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.core import model as core
from desktop.core.filters import ClaimFilter
from desktop.core.model import ClaimRow
from desktop.core.speakers import speaker_label
from desktop.storage import orm
from desktop.storage.documents import document_text, status_exists
from desktop.storage.mentions import fresh_ext_ids, mention_id_by_ext
from desktop.storage.registry import entity_id


@dataclass(frozen=True)
class ClaimState:
    """The stored values of a claim a use case is about to change."""

    id: int
    document_id: int
    start: int
    end: int
    topics: tuple[str, ...]


@dataclass(frozen=True)
class ClaimContext:
    """One document as a claim use case needs it."""

    document_id: int
    text: str
    ext_id: str | None  # a fresh span id, when a claim is about to be created
    has_status: bool  # whether the annotator has given the document a status (asked when new)
    source_mention_id: int | None  # the source asked for, resolved (None when not found)
    source_entity_id: int | None
    claim: ClaimState | None = None


def claim_context(
    session: Session,
    doc_id: int | None = None,
    *,
    claim_id: int | None = None,
    source: core.ClaimSource | None = None,
    new: bool = False,
    annotator_id: int | None = None,
) -> ClaimContext | None:
    """Everything a claim use case reads, for a document or an existing claim (None when that
    claim no longer exists)."""
    state = None
    if claim_id is not None:
        row = session.execute(
            select(orm.Claim.document_id, orm.Claim.start, orm.Claim.end).where(
                orm.Claim.id == claim_id
            )
        ).first()
        if row is None:
            return None
        doc_id = row.document_id
        state = ClaimState(
            claim_id, doc_id, row.start, row.end, tuple(claim_topics(session, claim_id))
        )
    assert doc_id is not None
    mention_id = entity = None
    if source is not None and source.kind is core.SourceKind.MENTION:
        mention_id = mention_id_by_ext(session, doc_id, source.mention or "")
    elif source is not None and source.kind is core.SourceKind.ENTITY:
        entity = entity_id(session, source.entity or "")
    return ClaimContext(
        document_id=doc_id,
        text=document_text(session, doc_id),
        ext_id=fresh_ext_ids(session, orm.Claim, doc_id, "c", 1)[0] if new else None,
        has_status=status_exists(session, doc_id, annotator_id) if new else True,
        source_mention_id=mention_id,
        source_entity_id=entity,
        claim=state,
    )


def claim_topics(session: Session, claim_id: int) -> list[str]:
    return list(
        session.execute(
            select(orm.ClaimTopic.topic)
            .where(orm.ClaimTopic.claim_id == claim_id)
            .order_by(orm.ClaimTopic.topic)
        ).scalars()
    )


def claim_documents(session: Session, ids: list[int]) -> dict[int, int]:
    return dict(
        session.execute(
            select(orm.Claim.id, orm.Claim.document_id).where(orm.Claim.id.in_(ids))
        ).all()
    )


def used_topics(session: Session) -> list[str]:
    return list(
        session.execute(
            select(orm.ClaimTopic.topic)
            .group_by(orm.ClaimTopic.topic)
            .order_by(func.count().desc(), orm.ClaimTopic.topic)
        ).scalars()
    )


def list_claims(
    session: Session, flt: ClaimFilter | None = None, limit: int | None = 5000
) -> list[ClaimRow]:
    flt = flt or ClaimFilter()
    c, d = orm.Claim, orm.Document
    speaker_mention = orm.Mention.__table__.alias("speaker_mention")
    mention_entity = orm.Entity.__table__.alias("mention_entity")
    direct_entity = orm.Entity.__table__.alias("direct_entity")
    q = (
        select(
            c.id,
            c.document_id,
            d.external_id,
            c.ext_id,
            c.start,
            c.end,
            func.substr(d.text, c.start + 1, c.end - c.start).label("covered"),
            c.source_kind,
            c.quote_type,
            c.polarity,
            func.substr(
                d.text, speaker_mention.c.start + 1, speaker_mention.c.end - speaker_mention.c.start
            ).label("mention_text"),
            mention_entity.c.key.label("mention_entity_key"),
            mention_entity.c.name.label("mention_entity_name"),
            direct_entity.c.key.label("entity_key"),
            direct_entity.c.name.label("entity_name"),
            orm.Outlet.name.label("outlet"),
            orm.Event.name.label("event"),
            d.published,
        )
        .join(d, d.id == c.document_id)
        .outerjoin(speaker_mention, speaker_mention.c.id == c.source_mention_id)
        .outerjoin(mention_entity, mention_entity.c.id == speaker_mention.c.entity_id)
        .outerjoin(direct_entity, direct_entity.c.id == c.source_entity_id)
        .outerjoin(orm.Outlet, orm.Outlet.id == d.outlet_id)
        .outerjoin(orm.Event, orm.Event.id == d.event_id)
        .order_by(d.published.is_(None), d.published, d.id, c.start, c.id)
        .limit(limit)
    )
    if flt.speaker:
        q = q.where((mention_entity.c.key == flt.speaker) | (direct_entity.c.key == flt.speaker))
    if flt.outlet:
        q = q.where(orm.Outlet.name == flt.outlet)
    if flt.event:
        q = q.where(orm.Event.name == flt.event)
    if flt.quote_type:
        q = q.where(c.quote_type == flt.quote_type)
    if flt.topic:
        q = q.where(
            c.id.in_(select(orm.ClaimTopic.claim_id).where(orm.ClaimTopic.topic == flt.topic))
        )
    if flt.document_ids is not None:
        q = q.where(c.document_id.in_(flt.document_ids))
    rows = session.execute(q).all()
    topics: dict[int, list[str]] = {}
    if rows:
        for claim_id, topic in session.execute(
            select(orm.ClaimTopic.claim_id, orm.ClaimTopic.topic)
            .where(orm.ClaimTopic.claim_id.in_([r.id for r in rows]))
            .order_by(orm.ClaimTopic.topic)
        ):
            topics.setdefault(claim_id, []).append(topic)
    return [
        ClaimRow(
            id=r.id,
            document_id=r.document_id,
            document=r.external_id,
            ext_id=r.ext_id,
            start=r.start,
            end=r.end,
            text=r.covered,
            speaker=speaker_name(r),
            speaker_key=r.entity_key or r.mention_entity_key,
            source_kind=r.source_kind,
            quote_type=r.quote_type,
            polarity=r.polarity,
            topics=tuple(topics.get(r.id, ())),
            outlet=r.outlet,
            event=r.event,
            published=r.published,
        )
        for r in rows
    ]


def speaker_name(r) -> str:
    """The speaker of a claims-list row, by the one rule of `desktop.core.speakers`."""
    if r.source_kind == "entity":
        key, name = r.entity_key, r.entity_name
    else:
        key, name = r.mention_entity_key, r.mention_entity_name
    return speaker_label(
        r.source_kind, entity_key=key, entity_name=name, mention_text=r.mention_text
    )


def speakers(session: Session) -> list[tuple[str, str]]:
    """(registry key, name) of every entity that is the source of a claim."""
    via_mention = (
        select(orm.Entity.key, orm.Entity.name)
        .join(orm.Mention, orm.Mention.entity_id == orm.Entity.id)
        .join(orm.Claim, orm.Claim.source_mention_id == orm.Mention.id)
    )
    direct = select(orm.Entity.key, orm.Entity.name).join(
        orm.Claim, orm.Claim.source_entity_id == orm.Entity.id
    )
    rows = set(session.execute(via_mention).all()) | set(session.execute(direct).all())
    return sorted(rows, key=lambda kv: kv[1])
