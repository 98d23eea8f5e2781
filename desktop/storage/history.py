"""The history of user actions: each action's operations and their inverse, per annotator,
so undo and redo survive a restart and two windows each undo their own actions.

`record` applies an action's `Ops` and returns the typed `Change`; `replay` undoes or redoes
the next entry and returns its `Change`, with rows read from the operations actually replayed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from desktop.core.changes import Change, ChangeKind, Origin
from desktop.storage import edits, orm
from desktop.storage.listing import undo_texts  # noqa: F401 - read without SQLAlchemy
from desktop.storage.ops import Ops


@dataclass(frozen=True)
class HistoryEntry:
    id: int
    action: str
    description: str
    document_id: int | None
    redo: list
    undo: list


def record(
    session: Session,
    ops: Ops,
    *,
    action: str,
    description: str,
    annotator_id: int | None,
    document_id: int | None = None,
    document_ids: Iterable[int] = (),
    kinds: Iterable[ChangeKind] = (),
) -> Change:
    """Apply one action, store it for undo, and say what changed: the kinds and rows of the
    operations, `kinds` the caller adds (e.g. CORPUS), `document_id` and `document_ids`."""
    applied = ops.to_list()
    record_action(
        session,
        annotator_id=annotator_id,
        document_id=document_id,
        action=action,
        description=description,
        ops=applied,
    )
    docs = set(document_ids)
    if document_id is not None:
        docs.add(document_id)
    change = edits.change_of(description, applied, document_ids=docs)
    return replace(change, kinds=change.kinds | frozenset(kinds))


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
    session.execute(  # a Core insert: the ORM's unit of work costs more than the row (a key)
        insert(orm.History).values(
            annotator_id=annotator_id,
            document_id=document_id,
            action=action,
            description=description,
            redo=ops,
            undo=undo,
        )
    )
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


def replay(session: Session, entry: HistoryEntry, *, undo: bool) -> Change:
    """Undo or redo one history entry, flip its state, and say what changed.

    Raises `edits.EditConflict` when the rows it needs changed since."""
    ops = [dict(op) for op in (entry.undo if undo else entry.redo)]
    edits.execute(session, ops)
    session.execute(
        update(orm.History)
        .where(orm.History.id == entry.id)
        .values(state="undone" if undo else "done")
    )
    verb = "undo" if undo else "redo"
    return edits.change_of(
        f"{verb} {entry.description}",
        ops,
        origin=Origin.UNDO if undo else Origin.REDO,
        document_ids={entry.document_id} if entry.document_id else set(),
    )
