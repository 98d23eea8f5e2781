"""Reading what the annotating window shows, and recording user actions with their undo.

Every user action is a list of edit operations (`desktop.storage.edits`) applied in one
transaction and written to the `history` table with the operations that undo it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from sqlalchemy import func, select, text, update
from sqlalchemy.orm import Session

from desktop.core import model as core
from desktop.core.filters import ClaimFilter, CorpusFilter, ExportFilter
from desktop.core.model import ClaimRow
from desktop.storage import edits, orm
from desktop.storage.repo import Lookup, document_meta, registry_entities
from desktop.text import fold_key

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
            func.coalesce(status.c.status, "not_started").label("status"),
        )
        .outerjoin(orm.Outlet, d.outlet_id == orm.Outlet.id)
        .outerjoin(orm.Event, d.event_id == orm.Event.id)
        .outerjoin(mentions, mentions.c.document_id == d.id)
        .outerjoin(claims, claims.c.document_id == d.id)
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


# --------------------------------------------------------------------------- search


def fts_available(session: Session) -> bool:
    if session.get_bind().dialect.name != "sqlite":
        return False
    found = session.execute(text("SELECT 1 FROM sqlite_master WHERE name = 'document_fts'")).first()
    return found is not None


def search_document_ids(session: Session, query: str, limit: int = 1000) -> list[int]:
    """Documents whose folded text contains the folded query (substring, like the trigram
    index), in id order. Falls back to a scan where FTS5 is not available or the query is short.
    (Ranking by bm25 would cost more than the search itself when every article matches.)"""
    key = fold_key(query).strip()
    if not key:
        return []
    if len(key) >= 3 and fts_available(session):
        phrase = '"' + key.replace('"', '""') + '"'
        rows = session.execute(
            text("SELECT rowid FROM document_fts WHERE document_fts MATCH :q LIMIT :limit"),
            {"q": phrase, "limit": limit},
        )
        return [r[0] for r in rows]
    out = []
    for doc_id, body in session.execute(select(orm.Document.id, orm.Document.text)):
        if key in fold_key(body):
            out.append(doc_id)
            if len(out) >= limit:
                break
    return out


def index_document(session: Session, doc_id: int, body: str, *, fts: bool | None = None) -> None:
    if fts_available(session) if fts is None else fts:
        session.execute(
            text("INSERT INTO document_fts(rowid, folded) VALUES (:id, :folded)"),
            {"id": doc_id, "folded": fold_key(body)},
        )


# --------------------------------------------------------------------------- one document


def document_text(session: Session, doc_id: int) -> str:
    body = session.execute(select(orm.Document.text).where(orm.Document.id == doc_id)).scalar()
    if body is None:
        raise KeyError(doc_id)
    return body


def load_document(session: Session, doc_id: int) -> core.Document:
    from desktop.storage.repo import iter_documents

    docs = list(
        iter_documents(session, ExportFilter(document_ids=(doc_id,), include_rejected=True))
    )
    if not docs:
        raise KeyError(doc_id)
    return docs[0]


# --------------------------------------------------------------------------- registry


def find_entities(session: Session, query: str = "", limit: int = 50) -> list[core.RegistryEntity]:
    """Registry entities whose name or an alias contains the folded query."""
    q = select(orm.EntityAlias.entity_id).distinct()
    key = fold_key(query).strip()
    if key:
        q = q.where(orm.EntityAlias.folded.contains(key, autoescape=True))
    ids = session.execute(q.limit(limit)).scalars().all()
    found = registry_entities(session, ids)
    return sorted(found.values(), key=lambda e: (e.name, e.key))


def annotator_id(session: Session, name: str) -> int | None:
    return session.execute(select(orm.Annotator.id).where(orm.Annotator.name == name)).scalar()


def entity_id(session: Session, key: str) -> int | None:
    return session.execute(select(orm.Entity.id).where(orm.Entity.key == key)).scalar()


def fresh_entity_key(session: Session, name: str) -> str:
    base = re.sub(r"\W+", "_", name.strip().lower()).strip("_") or "entity"
    taken = set(
        session.execute(select(orm.Entity.key).where(orm.Entity.key.startswith(base))).scalars()
    )
    key, n = base, 1
    while key in taken:
        n += 1
        key = f"{base}_{n}"
    return key


# --------------------------------------------------------------------------- edit operations


def fresh_ext_ids(session: Session, table, doc_id: int, prefix: str, count: int) -> list[str]:
    taken = set(session.execute(select(table.ext_id).where(table.document_id == doc_id)).scalars())
    out, n = [], len(taken)
    while len(out) < count:
        n += 1
        candidate = f"{prefix}{n}"
        if candidate not in taken:
            out.append(candidate)
            taken.add(candidate)
    return out


def mention_row(
    doc_id: int,
    ext_id: str,
    start: int,
    end: int,
    label: str,
    *,
    entity_id: int | None,
    prefix_len: int | None,
    status: core.MentionStatus,
    annotator_id: int | None,
) -> dict:
    now = {"$dt": orm.utcnow().isoformat()}
    return {
        "document_id": doc_id,
        "ext_id": ext_id,
        "start": start,
        "end": end,
        "label": label,
        "entity_id": entity_id,
        "prefix_len": prefix_len,
        "status": status.value,
        "annotator_id": annotator_id,
        "created_at": now,
        "updated_at": now,
    }


def mention_documents(session: Session, ids: list[int]) -> dict[int, int]:
    return dict(
        session.execute(
            select(orm.Mention.id, orm.Mention.document_id).where(orm.Mention.id.in_(ids))
        ).all()
    )


def existing_mention_spans(session: Session, doc_ids: list[int]) -> set[tuple[int, int, int]]:
    """(document id, start, end) of every mention (any status) in these documents."""
    return set(
        session.execute(
            select(orm.Mention.document_id, orm.Mention.start, orm.Mention.end).where(
                orm.Mention.document_id.in_(doc_ids)
            )
        ).all()
    )


def meta_values(lookup: Lookup, meta: core.DocumentMeta) -> dict:
    return {
        "outlet_id": lookup.outlet(meta.outlet),
        "event_id": lookup.event(meta.event),
        "original_source": meta.original_source or None,
        "title": meta.title or None,
        "url": meta.url or None,
        "published": {"$date": meta.published.isoformat()} if meta.published else None,
        "notes": meta.notes or None,
    }


def status_op(session: Session, doc_id: int, annotator_id: int, status: str) -> dict:
    key = {"document_id": doc_id, "annotator_id": annotator_id}
    if edits.row_of(session, "document_status", key) is None:
        return {
            "op": "insert",
            "table": "document_status",
            "row": {**key, "status": status, "updated_at": {"$dt": orm.utcnow().isoformat()}},
        }
    return {"op": "update", "table": "document_status", "key": key, "values": {"status": status}}


# --------------------------------------------------------------------------- history


@dataclass(frozen=True)
class HistoryEntry:
    id: int
    action: str
    description: str
    document_id: int | None
    redo: list
    undo: list


def record_action(
    session: Session,
    *,
    annotator_id: int | None,
    document_id: int | None,
    action: str,
    description: str,
    ops: list[dict],
) -> list[dict]:
    """Apply `ops`, store them with their inverse, and forget this annotator's redo stack."""
    undo = edits.execute(session, ops)
    session.execute(
        update(orm.History)
        .where(orm.History.annotator_id == annotator_id, orm.History.state == "undone")
        .values(state="dropped")
    )
    session.add(
        orm.History(
            annotator_id=annotator_id,
            document_id=document_id,
            action=action,
            description=description,
            redo=ops,
            undo=undo,
        )
    )
    session.flush()
    return undo


def _entry(row: orm.History) -> HistoryEntry:
    return HistoryEntry(row.id, row.action, row.description, row.document_id, row.redo, row.undo)


def next_undo(session: Session, annotator_id: int | None) -> HistoryEntry | None:
    row = session.execute(
        select(orm.History)
        .where(orm.History.annotator_id == annotator_id, orm.History.state == "done")
        .order_by(orm.History.id.desc())
        .limit(1)
    ).scalar()
    return None if row is None else _entry(row)


def next_redo(session: Session, annotator_id: int | None) -> HistoryEntry | None:
    row = session.execute(
        select(orm.History)
        .where(orm.History.annotator_id == annotator_id, orm.History.state == "undone")
        .order_by(orm.History.id)
        .limit(1)
    ).scalar()
    return None if row is None else _entry(row)


def replay(session: Session, entry: HistoryEntry, *, undo: bool) -> None:
    """Undo or redo one history entry and flip its state."""
    edits.execute(session, [dict(op) for op in (entry.undo if undo else entry.redo)])
    session.execute(
        update(orm.History)
        .where(orm.History.id == entry.id)
        .values(state="undone" if undo else "done")
    )


# --------------------------------------------------------------------------- claims


def claim_row(
    doc_id: int,
    ext_id: str,
    start: int,
    end: int,
    *,
    source_kind: str | None,
    source_mention_id: int | None,
    source_entity_id: int | None,
    cue: tuple[int, int] | None,
    quote_type: str,
    polarity: str,
    note: str | None,
    annotator_id: int | None,
) -> dict:
    now = {"$dt": orm.utcnow().isoformat()}
    return {
        "document_id": doc_id,
        "ext_id": ext_id,
        "start": start,
        "end": end,
        "source_kind": source_kind,
        "source_mention_id": source_mention_id,
        "source_entity_id": source_entity_id,
        "cue_start": cue[0] if cue else None,
        "cue_end": cue[1] if cue else None,
        "quote_type": quote_type,
        "polarity": polarity,
        "note": note or None,
        "annotator_id": annotator_id,
        "created_at": now,
        "updated_at": now,
    }


def mention_id_by_ext(session: Session, doc_id: int, ext_id: str) -> int | None:
    return session.execute(
        select(orm.Mention.id).where(
            orm.Mention.document_id == doc_id, orm.Mention.ext_id == ext_id
        )
    ).scalar()


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
    session: Session, flt: ClaimFilter | None = None, limit: int = 5000
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
    if r.source_kind == "entity" and r.entity_name:
        return r.entity_name
    if r.source_kind == "mention":
        return r.mention_entity_name or r.mention_text or ""
    if r.source_kind == "outlet":
        return "(outlet)"
    if r.source_kind == "unnamed":
        return "(unnamed sources)"
    return ""


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


# --------------------------------------------------------------------------- claim clusters


def load_clusters(
    session: Session, document_ids: Iterable[int] | None = None
) -> list[core.ClaimCluster]:
    """Clusters with their members (those in `document_ids` when given), oldest first."""
    m, c, d = orm.ClusterMember, orm.Claim, orm.Document
    q = (
        select(m.cluster_id, m.claim_id, m.relation, d.external_id, c.ext_id)
        .join(c, c.id == m.claim_id)
        .join(d, d.id == c.document_id)
        .order_by(m.cluster_id, d.id, c.start)
    )
    if document_ids is not None:
        q = q.where(c.document_id.in_(list(document_ids)))
    members: dict[int, list[core.ClusterMember]] = {}
    for cluster_id, claim_id, relation, doc_ext, claim_ext in session.execute(q):
        members.setdefault(cluster_id, []).append(
            core.ClusterMember(doc_ext, claim_ext, core.Relation(relation), claim_id)
        )
    rows = session.execute(
        select(orm.ClaimCluster, orm.Event.name, orm.Annotator.name)
        .outerjoin(orm.Event, orm.Event.id == orm.ClaimCluster.event_id)
        .outerjoin(orm.Annotator, orm.Annotator.id == orm.ClaimCluster.annotator_id)
        .order_by(orm.ClaimCluster.id)
    ).all()
    return [
        core.ClaimCluster(
            key=f"k{row.id}",
            label=row.label,
            event=event,
            members=tuple(members.get(row.id, ())),
            note=row.note,
            annotator=annotator,
            id=row.id,
        )
        for row, event, annotator in rows
        if document_ids is None or row.id in members
    ]


def cluster_of_claims(session: Session, claim_ids: Iterable[int]) -> dict[int, int]:
    return dict(
        session.execute(
            select(orm.ClusterMember.claim_id, orm.ClusterMember.cluster_id).where(
                orm.ClusterMember.claim_id.in_(list(claim_ids))
            )
        ).all()
    )


def cluster_members(session: Session, cluster_id: int) -> list[tuple[int, str]]:
    return [
        (claim_id, relation)
        for claim_id, relation in session.execute(
            select(orm.ClusterMember.claim_id, orm.ClusterMember.relation).where(
                orm.ClusterMember.cluster_id == cluster_id
            )
        )
    ]


def claim_event_id(session: Session, claim_id: int) -> int | None:
    return session.execute(
        select(orm.Document.event_id)
        .join(orm.Claim, orm.Claim.document_id == orm.Document.id)
        .where(orm.Claim.id == claim_id)
    ).scalar()


def rejected_pairs(session: Session) -> set[tuple[tuple[str, str], tuple[str, str]]]:
    """Rejected alignment pairs as ((document, claim), (document, claim)) external ids."""
    a_claim, b_claim = orm.Claim.__table__.alias("a"), orm.Claim.__table__.alias("b")
    a_doc, b_doc = orm.Document.__table__.alias("ad"), orm.Document.__table__.alias("bd")
    q = (
        select(a_doc.c.external_id, a_claim.c.ext_id, b_doc.c.external_id, b_claim.c.ext_id)
        .select_from(orm.AlignmentRejection)
        .join(a_claim, a_claim.c.id == orm.AlignmentRejection.claim_a_id)
        .join(b_claim, b_claim.c.id == orm.AlignmentRejection.claim_b_id)
        .join(a_doc, a_doc.c.id == a_claim.c.document_id)
        .join(b_doc, b_doc.c.id == b_claim.c.document_id)
    )
    return {((ad, ac), (bd, bc)) for ad, ac, bd, bc in session.execute(q)}


def claim_ids_by_ref(
    session: Session, refs: Iterable[tuple[str, str]]
) -> dict[tuple[str, str], int]:
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
