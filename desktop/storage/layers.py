"""Annotator layers: who annotated what, which rows an edit would take from another annotator's
layer (docs/data-model.md: mentions, claims and document statuses carry their annotator).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.core.errors import MizanError
from desktop.storage import orm


@dataclass(frozen=True)
class AnnotatorRow:
    id: int
    name: str
    mentions: int
    claims: int
    documents: int  # documents with a status other than "not started"


def dropped_claim_regions(session: Session, document_id: int) -> list[tuple[int, int]]:
    """(start, end) of the claim regions the curator dropped in a document."""
    d = orm.CurationDrop
    q = select(d.start, d.end).where(d.document_id == document_id).order_by(d.start, d.end)
    return [(a, b) for a, b in session.execute(q).all()]


def annotators(session: Session) -> list[AnnotatorRow]:
    """Every annotator with the size of their layer, by name."""

    def counts(table) -> dict[int, int]:
        q = select(table.annotator_id, func.count()).group_by(table.annotator_id)
        return dict(session.execute(q).all())

    mentions = counts(orm.Mention)
    claims = counts(orm.Claim)
    ds = orm.DocumentStatus
    docs = dict(
        session.execute(
            select(ds.annotator_id, func.count())
            .where(ds.status != "not_started")
            .group_by(ds.annotator_id)
        ).all()
    )
    a = orm.Annotator
    rows = session.execute(select(a.id, a.name).order_by(a.name))
    return [
        AnnotatorRow(i, name, mentions.get(i, 0), claims.get(i, 0), docs.get(i, 0))
        for i, name in rows
    ]


def foreign_rows(
    session: Session, ops: list[dict], annotator_id: int | None
) -> list[tuple[str, int, str]]:
    """``(table, id, owner)`` of the mention and claim rows that ``ops`` update or delete and
    that belong to another annotator's layer (rows without an annotator belong to everyone)."""
    wanted: dict[str, set[int]] = {"mention": set(), "claim": set()}
    for op in ops:
        if op.get("op") in ("update", "delete"):
            table, key = op.get("table"), op.get("key") or {}
            if table in wanted and isinstance(key.get("id"), int):
                wanted[table].add(key["id"])
            elif table == "claim_topic" and isinstance(key.get("claim_id"), int):
                wanted["claim"].add(key["claim_id"])
    out = []
    for table, model in (("mention", orm.Mention), ("claim", orm.Claim)):
        ids = wanted[table]
        if not ids:
            continue
        q = (
            select(model.id, orm.Annotator.name)
            .join(orm.Annotator, orm.Annotator.id == model.annotator_id)
            .where(model.id.in_(ids), model.annotator_id != annotator_id)
            .order_by(model.id)
        )
        if annotator_id is None:
            q = q.where(model.annotator_id.is_not(None))
        out.extend((table, i, name) for i, name in session.execute(q))
    return out


def refuse_foreign(session: Session, ops: list[dict], annotator_id: int | None) -> None:
    """Raise when ``ops`` would change or delete another annotator's mentions or claims."""
    foreign = foreign_rows(session, ops, annotator_id)
    if foreign:
        owners = ", ".join(sorted({owner for _, _, owner in foreign}))
        raise MizanError(
            f"{owners}: another annotator's annotations are read-only "
            "(switch to that annotator to change them)"
        )
