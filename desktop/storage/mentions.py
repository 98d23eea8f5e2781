"""Mentions: what creating, changing and finding mentions needs from the database, each read
in one call (the document's text, fresh span ids, the linked entity's names, whether the
document has a status yet)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from desktop.storage import orm
from desktop.storage.documents import document_text, status_exists
from desktop.storage.listing import document_part  # noqa: F401 - read without SQLAlchemy
from desktop.storage.registry import entity_id, entity_names


@dataclass(frozen=True)
class MentionContext:
    """One document as a mention use case needs it."""

    document_id: int
    text: str
    ext_ids: tuple[str, ...]  # fresh span ids for the mentions about to be created
    entity_id: int | None  # the entity asked for, None when not asked or not in the registry
    entity_names: tuple[str, ...]  # its name and aliases
    has_status: bool  # whether the annotator has given the document a status yet (asked
    # only when creating: True otherwise)
    start: int | None = None  # the span of the mention being changed
    end: int | None = None
    length: int | None = None  # the text's length and the words of `span`, when asked for
    surface: str | None = None  # (a new mention reads these, not the whole text)


def mention_context(
    session: Session,
    doc_id: int | None = None,
    *,
    mention_id: int | None = None,
    entity: str | None = None,
    new: int = 0,
    annotator_id: int | None = None,
    with_text: bool = True,
    span: tuple[int, int] | None = None,
) -> MentionContext | None:
    """Everything a mention use case reads, for a document or for an existing mention
    (None when that mention no longer exists); `text` is "" unless `with_text`; `span` asks
    for the text's length and the words of that span only."""
    start = end = None
    if mention_id is not None:
        row = session.execute(
            select(orm.Mention.document_id, orm.Mention.start, orm.Mention.end).where(
                orm.Mention.id == mention_id
            )
        ).first()
        if row is None:
            return None
        doc_id, start, end = row
    assert doc_id is not None
    found = entity_id(session, entity) if entity else None
    length = surface = count = has_status = None
    if span is not None:
        a, b = max(span[0], 0), max(span[1], span[0], 0)
        cols = [orm.Document.length, func.substr(orm.Document.text, a + 1, b - a)]
        if new:  # the span count and the status asked in the same statement (a label key)
            m, ds = orm.Mention, orm.DocumentStatus
            cols += [
                select(func.count()).where(m.document_id == doc_id).scalar_subquery(),
                exists().where(ds.document_id == doc_id, ds.annotator_id == annotator_id),
            ]
        row = session.execute(select(*cols).where(orm.Document.id == doc_id)).first()
        if row is None:
            raise KeyError(doc_id)  # as `document_text` does
        length, surface = row[0], row[1]
        if new:
            count, has_status = row[2], bool(row[3])
    if new and has_status is None:
        has_status = status_exists(session, doc_id, annotator_id)
    return MentionContext(
        document_id=doc_id,
        text=document_text(session, doc_id) if with_text else "",
        ext_ids=tuple(fresh_ext_ids(session, orm.Mention, doc_id, "m", new, stored=count))
        if new
        else (),
        entity_id=found,
        entity_names=entity_names(session, found) if found is not None else (),
        has_status=has_status if new else True,
        start=start,
        end=end,
        length=length,
        surface=surface,
    )


def fresh_ext_ids(
    session: Session, table, doc_id: int, prefix: str, count: int, *, stored: int | None = None
) -> list[str]:
    """`count` span ids (`m7`, `c3` …) not yet used in the document: the first free ones after
    the document's span count (`stored` when the caller read it already). Only the candidates
    are looked up (the unique index on document and span id), not every id of the document:
    one new mention in an article of 50,000 reads a few rows."""
    if count > 64:  # many at once (suggestions): one read of every id is cheaper
        taken = set(
            session.execute(select(table.ext_id).where(table.document_id == doc_id)).scalars()
        )
        out, n = [], len(taken)
        while len(out) < count:
            n += 1
            if f"{prefix}{n}" not in taken:
                out.append(f"{prefix}{n}")
        return out
    n = stored
    if n is None:
        n = session.execute(
            select(func.count()).select_from(table).where(table.document_id == doc_id)
        ).scalar_one()
    out = []
    while len(out) < count:
        candidates = [f"{prefix}{i}" for i in range(n + 1, n + 1 + max(count - len(out), 8))]
        n += len(candidates)
        taken = set(
            session.execute(
                select(table.ext_id).where(
                    table.document_id == doc_id, table.ext_id.in_(candidates)
                )
            ).scalars()
        )
        out.extend(c for c in candidates if c not in taken)
    return out[:count]


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


def mention_id_by_ext(session: Session, doc_id: int, ext_id: str) -> int | None:
    return session.execute(
        select(orm.Mention.id).where(
            orm.Mention.document_id == doc_id, orm.Mention.ext_id == ext_id
        )
    ).scalar()


@dataclass(frozen=True)
class SuggestionContext:
    """Fresh span ids per document, and the entity the suggestions link to."""

    ext_ids: dict[int, list[str]]
    entity_id: int | None
    entity_names: tuple[str, ...]


def suggestion_context(
    session: Session, counts: dict[int, int], entity: str | None = None
) -> SuggestionContext:
    """What storing `counts[document id]` suggested mentions needs, in one call."""
    found = entity_id(session, entity) if entity else None
    return SuggestionContext(
        ext_ids={
            doc_id: fresh_ext_ids(session, orm.Mention, doc_id, "m", n)
            for doc_id, n in counts.items()
        },
        entity_id=found,
        entity_names=entity_names(session, found) if found is not None else (),
    )
