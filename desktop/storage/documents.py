"""Documents: the corpus list, one document's text and details, and the annotations of one
document (what the article view reads). Whole documents streamed for exports are read in
`desktop.storage.corpus`, with SQL text that needs no SQLAlchemy. Also `Lookup`, the name -> id
caches for the outlets, events and annotators documents refer to.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core import model as core
from desktop.storage import listing, orm
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

# The window's reads, SQL text without SQLAlchemy (storage/listing.py), under their old names.
annotator_id = listing.annotator_id
list_documents = listing.list_documents
load_document = listing.load_document
outlets_and_events = listing.outlets_and_events

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


def status_exists(session: Session, doc_id: int, annotator_id: int | None) -> bool:
    """Whether this annotator has given the document a status yet (none means not started)."""
    found = session.execute(
        select(orm.DocumentStatus.status).where(
            orm.DocumentStatus.document_id == doc_id,
            orm.DocumentStatus.annotator_id == annotator_id,
        )
    ).first()
    return found is not None


# --------------------------------------------------------------------------- one document


def document_text(session: Session, doc_id: int) -> str:
    body = session.execute(select(orm.Document.text).where(orm.Document.id == doc_id)).scalar()
    if body is None:
        raise KeyError(doc_id)
    return body


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
