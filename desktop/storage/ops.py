"""Typed builders of the invertible operations a user action applies.

A use case describes its edit by calling methods of one `Ops` (`add_mention`, `update_claim`,
`delete_member` …) and hands it to `history.record`, which applies it in the open transaction
and stores it with its inverse for undo. A method that inserts a row returns a `Handle`; later
operations of the same action refer to that row through it (an alias of the entity created
just before, the members of a new cluster), so nobody counts list positions. Underneath, the
operations are the JSON dicts of `desktop.storage.edits`, which stay internal to storage.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from desktop.core import model as core
from desktop.text import fold_key

if TYPE_CHECKING:  # the operations are built before a write imports SQLAlchemy (storage/__init__)
    from desktop.storage.edits import Op


@dataclass(frozen=True)
class Handle:
    """A row inserted by an earlier operation of the same `Ops`; the database gives its id when
    the operations run."""

    index: int


Ref = int | Handle
_KEEP: Any = object()  # "leave this column as it is" in the update builders


def _value(value: Any) -> Any:
    if isinstance(value, Handle):
        return {"$ref": value.index}
    if isinstance(value, datetime):
        return {"$dt": value.isoformat()}
    if isinstance(value, date):
        return {"$date": value.isoformat()}
    return value


def _now() -> dict:
    from desktop.storage.orm import utcnow

    return {"$dt": utcnow().isoformat()}


class Ops:
    """The operations of one user action, in the order they run."""

    def __init__(self) -> None:
        self._ops: list[Op] = []

    def __len__(self) -> int:
        return len(self._ops)

    def __bool__(self) -> bool:
        return bool(self._ops)

    def to_list(self) -> list[Op]:
        """The storage-internal operations (`desktop.storage.edits`), ready to apply."""
        return self._ops

    # ------------------------------------------------------------------- the three primitives

    def _insert(self, table: str, row: dict) -> Handle:
        self._ops.append(
            {"op": "insert", "table": table, "row": {k: _value(v) for k, v in row.items()}}
        )
        return Handle(len(self._ops) - 1)

    def _update(self, table: str, key: dict, values: dict, *, stamp: bool = False) -> None:
        values = {k: _value(v) for k, v in values.items() if v is not _KEEP}
        if not values:
            return
        if stamp:
            values["updated_at"] = _now()
        self._ops.append({"op": "update", "table": table, "key": key, "values": values})

    def _delete(self, table: str, key: dict) -> None:
        self._ops.append({"op": "delete", "table": table, "key": key})

    # ------------------------------------------------------------------- mentions

    def add_mention(
        self,
        document_id: int,
        ext_id: str,
        start: int,
        end: int,
        label: str,
        *,
        entity: Ref | None,
        prefix_len: int | None,
        status: core.MentionStatus,
        annotator_id: int | None,
    ) -> Handle:
        now = _now()
        return self._insert(
            "mention",
            {
                "document_id": document_id,
                "ext_id": ext_id,
                "start": start,
                "end": end,
                "label": label,
                "entity_id": entity,
                "prefix_len": prefix_len,
                "status": core.MentionStatus(status).value,
                "annotator_id": annotator_id,
                "created_at": now,
                "updated_at": now,
            },
        )

    def update_mention(
        self,
        mention_id: int,
        *,
        label: str = _KEEP,
        start: int = _KEEP,
        end: int = _KEEP,
        entity: Ref | None = _KEEP,
        prefix_len: int | None = _KEEP,
        status: core.MentionStatus = _KEEP,
        annotator_id: int | None = _KEEP,
    ) -> None:
        values = {
            "label": label,
            "start": start,
            "end": end,
            "entity_id": entity,
            "prefix_len": prefix_len,
            "status": status if status is _KEEP else core.MentionStatus(status).value,
            "annotator_id": annotator_id,
        }
        self._update("mention", {"id": mention_id}, values, stamp=True)

    def delete_mention(self, mention_id: int) -> None:
        self._delete("mention", {"id": mention_id})

    # ------------------------------------------------------------------- claims

    def add_claim(
        self,
        document_id: int,
        ext_id: str,
        start: int,
        end: int,
        *,
        source: core.SourceKind | None,
        source_mention_id: int | None,
        source_entity_id: int | None,
        cue: core.Span | None,
        quote_type: core.QuoteType,
        polarity: core.Polarity,
        note: str | None,
        annotator_id: int | None,
    ) -> Handle:
        now = _now()
        return self._insert(
            "claim",
            {
                "document_id": document_id,
                "ext_id": ext_id,
                "start": start,
                "end": end,
                "source_kind": None if source is None else core.SourceKind(source).value,
                "source_mention_id": source_mention_id,
                "source_entity_id": source_entity_id,
                "cue_start": cue.start if cue else None,
                "cue_end": cue.end if cue else None,
                "quote_type": core.QuoteType(quote_type).value,
                "polarity": core.Polarity(polarity).value,
                "note": note or None,
                "annotator_id": annotator_id,
                "created_at": now,
                "updated_at": now,
            },
        )

    def update_claim(
        self,
        claim_id: int,
        *,
        start: int = _KEEP,
        end: int = _KEEP,
        source: core.SourceKind | None = _KEEP,
        source_mention_id: int | None = _KEEP,
        source_entity_id: int | None = _KEEP,
        cue: core.Span | None = _KEEP,
        quote_type: core.QuoteType = _KEEP,
        polarity: core.Polarity = _KEEP,
        note: str | None = _KEEP,
    ) -> None:
        values = {"start": start, "end": end}
        if source is not _KEEP:
            values["source_kind"] = None if source is None else core.SourceKind(source).value
        values.update(source_mention_id=source_mention_id, source_entity_id=source_entity_id)
        if cue is not _KEEP:
            values.update(cue_start=cue.start if cue else None, cue_end=cue.end if cue else None)
        if quote_type is not _KEEP:
            values["quote_type"] = core.QuoteType(quote_type).value
        if polarity is not _KEEP:
            values["polarity"] = core.Polarity(polarity).value
        if note is not _KEEP:
            values["note"] = note or None
        self._update("claim", {"id": claim_id}, values, stamp=True)

    def delete_claim(self, claim_id: int) -> None:
        self._delete("claim", {"id": claim_id})

    def add_topic(self, claim: Ref, topic: str) -> None:
        self._insert("claim_topic", {"claim_id": claim, "topic": topic})

    def delete_topic(self, claim_id: int, topic: str) -> None:
        self._delete("claim_topic", {"claim_id": claim_id, "topic": topic})

    # ------------------------------------------------------------------- registry

    def add_entity(self, key: str, name: str, type_: str | None) -> Handle:
        return self._insert("entity", {"key": key, "name": name, "type": type_})

    def add_alias(self, entity: Ref, alias: str) -> None:
        self._insert(
            "entity_alias", {"entity_id": entity, "alias": alias, "folded": fold_key(alias)}
        )

    # ------------------------------------------------------------------- clusters

    def add_cluster(self, label: str, *, event_id: int | None, annotator_id: int | None) -> Handle:
        return self._insert(
            "claim_cluster",
            {
                "label": label,
                "event_id": event_id,
                "annotator_id": annotator_id,
                "created_at": _now(),
            },
        )

    def update_cluster(self, cluster_id: int, *, label: str) -> None:
        self._update("claim_cluster", {"id": cluster_id}, {"label": label})

    def delete_cluster(self, cluster_id: int) -> None:
        """The cluster and (by cascade, restored on undo) its members."""
        self._delete("claim_cluster", {"id": cluster_id})

    def add_member(self, cluster: Ref, claim_id: int, relation: core.Relation | str) -> None:
        self._insert(
            "cluster_member",
            {
                "cluster_id": cluster,
                "claim_id": claim_id,
                "relation": core.Relation(relation).value,
            },
        )

    def set_relation(self, cluster_id: int, claim_id: int, relation: core.Relation | str) -> None:
        key = {"cluster_id": cluster_id, "claim_id": claim_id}
        self._update("cluster_member", key, {"relation": core.Relation(relation).value})

    def delete_member(self, cluster_id: int, claim_id: int) -> None:
        self._delete("cluster_member", {"cluster_id": cluster_id, "claim_id": claim_id})

    def add_rejection(self, claim_a: int, claim_b: int, *, annotator_id: int | None) -> None:
        """A suggested pair the annotator said is not the same proposition (`a` < `b`)."""
        self._insert(
            "alignment_rejection",
            {
                "claim_a_id": claim_a,
                "claim_b_id": claim_b,
                "annotator_id": annotator_id,
                "at": _now(),
            },
        )

    # ------------------------------------------------------------------- curation

    def add_drop(self, document_id: int, start: int, end: int, *, annotator_id: int | None):
        """A claim region the curator dropped (decided: nothing curated there)."""
        row = {"document_id": document_id, "start": start, "end": end}
        self._insert("curation_drop", {**row, "annotator_id": annotator_id, "at": _now()})

    def delete_drop(self, document_id: int, start: int, end: int) -> None:
        self._delete("curation_drop", {"document_id": document_id, "start": start, "end": end})

    # ------------------------------------------------------------------- documents

    def set_status(
        self, document_id: int, annotator_id: int, status: core.DocStatus | str, *, exists: bool
    ) -> None:
        """This annotator's status of the document; `exists` says whether it has one yet."""
        key = {"document_id": document_id, "annotator_id": annotator_id}
        value = core.DocStatus(status).value
        if exists:
            self._update("document_status", key, {"status": value})
        else:
            self._insert("document_status", {**key, "status": value, "updated_at": _now()})

    def update_document(
        self,
        document_id: int,
        meta: core.DocumentMeta,
        *,
        outlet_id: int | None,
        event_id: int | None,
    ) -> None:
        """The editable details of a document (outlet and event by id)."""
        values = {
            "outlet_id": outlet_id,
            "event_id": event_id,
            "original_source": meta.original_source or None,
            "title": meta.title or None,
            "url": meta.url or None,
            "published": meta.published or None,
            "notes": meta.notes or None,
        }
        self._update("document", {"id": document_id}, values)
