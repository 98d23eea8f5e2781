"""Row-level edit operations that can be replayed and inverted: the machinery under undo/redo.

An operation is a JSON-safe dict:

    {"op": "insert", "table": "mention", "row": {...every column...}}
    {"op": "delete", "table": "mention", "key": {"id": 7}}
    {"op": "update", "table": "mention", "key": {"id": 7}, "values": {"label": "ORG"}}

A value `{"$ref": i}` stands for the id the database gave the row inserted by operation `i` of the
same list (an alias pointing at the entity created just before it); it is replaced by the real id
as the operations run, so what is stored for redo is concrete.

`execute` applies operations and returns the operations that undo them, computed from the rows
as they were. Deletes also capture what the database would cascade (child rows deleted, or
references set to NULL), so an undo restores those as well.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Table, and_, delete, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from desktop.core.changes import Change, ChangeKind, Origin, RowChanges
from desktop.storage.orm import Base

Op = dict[str, Any]


class EditConflict(Exception):
    """The row an operation needs is gone or already there (someone else changed it)."""


def _table(name: str) -> Table:
    try:
        return Base.metadata.tables[name]
    except KeyError:
        raise ValueError(f"unknown table {name!r}") from None


def _to_json(value: Any) -> Any:
    if isinstance(value, datetime):
        return {"$dt": value.isoformat()}
    if isinstance(value, date):
        return {"$date": value.isoformat()}
    return value


def _from_json(value: Any) -> Any:
    if isinstance(value, dict):
        if "$dt" in value:
            return datetime.fromisoformat(value["$dt"])
        if "$date" in value:
            return date.fromisoformat(value["$date"])
    return value


def _decode(values: dict) -> dict:
    return {k: _from_json(v) for k, v in values.items()}


def _where(table: Table, key: dict):
    return and_(*(table.c[k] == _from_json(v) for k, v in key.items()))


def _key_of(table: Table, row: dict) -> dict:
    return {c.name: _to_json(row[c.name]) for c in table.primary_key.columns}


def _rows(session: Session, table: Table, condition) -> list[dict]:
    return [
        {k: _to_json(v) for k, v in r._mapping.items()}
        for r in session.execute(select(table).where(condition))
    ]


def _children(table: Table):
    """(child table, fk column, referenced column, ondelete) for every FK pointing at `table`."""
    for child in Base.metadata.sorted_tables:
        for fk in child.foreign_keys:
            if fk.column.table is table:
                yield child, fk.parent, fk.column, (fk.ondelete or "").upper()


def _capture_delete(session: Session, table: Table, condition, undo: list[Op]) -> None:
    """Append to `undo` what re-creates the rows matched by `condition` and their dependents."""
    rows = _rows(session, table, condition)
    for row in rows:
        undo.append({"op": "insert", "table": table.name, "row": row})
    for row in rows:
        for child, column, ref, ondelete in _children(table):
            value = _from_json(row[ref.name])
            if ondelete == "CASCADE":
                _capture_delete(session, child, column == value, undo)
            elif ondelete == "SET NULL":
                for child_row in _rows(session, child, column == value):
                    undo.append(
                        {
                            "op": "update",
                            "table": child.name,
                            "key": _key_of(child, child_row),
                            "values": {column.name: child_row[column.name]},
                        }
                    )


def execute(session: Session, ops: list[Op]) -> list[Op]:
    """Apply `ops` in order; return the operations that undo them (to apply in order)."""
    undo_blocks: list[list[Op]] = []
    for op in ops:
        for part in ("row", "values", "key"):
            if part in op:
                op[part] = {k: _resolve(v, ops) for k, v in op[part].items()}
        table = _table(op["table"])
        kind = op["op"]
        block: list[Op] = []
        if kind == "insert":
            row = _decode(op["row"])
            try:
                with session.begin_nested():
                    inserted = session.execute(
                        insert(table).values(row).returning(*table.primary_key)
                    ).one()
            except IntegrityError:
                raise EditConflict(f"{table.name} row {op['row']} cannot be restored") from None
            key = dict(inserted._mapping)
            op["row"].update({k: _to_json(v) for k, v in key.items()})  # ids chosen by the DB
            block.append({"op": "delete", "table": table.name, "key": _key_of(table, key)})
        elif kind == "delete":
            condition = _where(table, op["key"])
            _capture_delete(session, table, condition, block)
            if not block:
                raise EditConflict(f"{table.name} {op['key']} no longer exists")
            session.execute(delete(table).where(condition))
        elif kind == "update":
            condition = _where(table, op["key"])
            before = _rows(session, table, condition)
            if not before:
                raise EditConflict(f"{table.name} {op['key']} no longer exists")
            old = {k: before[0][k] for k in op["values"]}
            session.execute(update(table).where(condition).values(_decode(op["values"])))
            block.append({"op": "update", "table": table.name, "key": op["key"], "values": old})
        else:
            raise ValueError(f"unknown operation {kind!r}")
        undo_blocks.append(block)
    return [op for block in reversed(undo_blocks) for op in block]


def _resolve(value: Any, ops: list[Op]) -> Any:
    if isinstance(value, dict) and "$ref" in value:
        return ops[value["$ref"]]["row"]["id"]
    return value


def row_of(session: Session, table_name: str, key: dict) -> dict | None:
    table = _table(table_name)
    rows = _rows(session, table, _where(table, key))
    return rows[0] if rows else None


# --------------------------------------------------------------------------- what changed

_KIND_OF_TABLE = {
    "mention": ChangeKind.MENTION,
    "claim": ChangeKind.CLAIM,
    "claim_topic": ChangeKind.CLAIM,
    "claim_cluster": ChangeKind.CLUSTER,
    "cluster_member": ChangeKind.CLUSTER,
    "alignment_rejection": ChangeKind.CLUSTER,
    "curation_drop": ChangeKind.CLAIM,
    "entity": ChangeKind.ENTITY,
    "entity_alias": ChangeKind.ENTITY,
    "document": ChangeKind.META,
    "outlet": ChangeKind.META,
    "event": ChangeKind.META,
    "document_status": ChangeKind.STATUS,
}


def change_of(
    description: str,
    ops: list[Op],
    *,
    origin: Origin = Origin.ACTION,
    document_ids: frozenset[int] | set[int] = frozenset(),
) -> Change:
    """The typed `Change` of applied operations: kinds from their tables, row ids per kind.

    An insert adds its row, a delete removes it, an update updates it; documents are those the
    caller names plus every `document_id` the rows carry."""
    kinds: set[ChangeKind] = set()
    docs = set(document_ids)
    rows: dict[str, tuple[set[int], set[int], set[int]]] = {
        t: (set(), set(), set()) for t in ("mention", "claim", "claim_cluster", "entity")
    }
    for op in ops:
        table = op["table"]
        kind = _KIND_OF_TABLE.get(table)
        if kind is not None:
            kinds.add(kind)
        data = op.get("row") or op.get("key") or {}
        doc = data.get("document_id")
        if table == "document" and "id" in data:
            doc = data["id"]
        if isinstance(doc, int):
            docs.add(doc)
        if table in rows and isinstance(data.get("id"), int):
            added, updated, removed = rows[table]
            {"insert": added, "update": updated, "delete": removed}[op["op"]].add(data["id"])
    mentions, claims, clusters, entities = (
        RowChanges.of(*rows[t]) for t in ("mention", "claim", "claim_cluster", "entity")
    )
    return Change(
        description,
        frozenset(kinds),
        frozenset(docs),
        mentions=mentions,
        claims=claims,
        clusters=clusters,
        entities=entities,
        origin=origin,
    )
