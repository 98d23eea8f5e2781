"""A document's mentions as plain rows: how they cross from the process that reads an import's
files to the process that stores them (desktop/formats/ahead.py), and what the import stages.

Building 90,000 `Mention` objects costs the importing process about 0.2 s, as much as staging
them; the rows are what staging needs anyway (docs/benchmarks.md, "Session 4: reading in a second
process"). :class:`MentionRows` holds the rows and still behaves as the document's tuple of
mentions for any code that iterates it (it builds the objects once, on first use).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from desktop.core.model import (
    Claim,
    ClaimSource,
    Document,
    Mention,
    MentionStatus,
    Polarity,
    QuoteType,
    SourceKind,
    Span,
)

#: The fields of a mention row, in order (``status`` as its string value).
MENTION_ROW = ("start", "end", "label", "entity", "prefix_len", "status", "annotator", "ext_id")
#: A value as stored or read -> its enum member (one table each, shared by the readers).
STATUS_OF = {s.value: s for s in MentionStatus}

MentionRow = tuple[int, int, str, str | None, int | None, str, str | None, str | None]


def mention_row(m: Mention) -> MentionRow:
    return (m.start, m.end, m.label, m.entity, m.prefix_len, m.status.value, m.annotator, m.ext_id)


def packable(spans: Iterable) -> bool:
    """Whether rows carry everything of these mentions (or claims): a reader's spans have no
    database ids; any that has one travels as an object."""
    if isinstance(spans, _Rows):
        return True
    return all(m.id is None and m.document_id is None for m in spans)


class _Rows(Sequence[Any]):
    """A document's spans held as rows; a sequence of their objects, built once, on first use
    (for code that iterates them: the import itself takes the rows)."""

    __slots__ = ("_objects", "rows")
    _what = "spans"

    def __init__(self, rows: list[tuple]):
        self.rows = rows
        self._objects: tuple | None = None

    def _build(self, rows: list[tuple]) -> tuple:  # pragma: no cover - each kind has its own
        raise NotImplementedError

    def _all(self) -> tuple:
        if self._objects is None:
            self._objects = self._build(self.rows)
        return self._objects

    def __len__(self) -> int:
        return len(self.rows)

    def __bool__(self) -> bool:
        return bool(self.rows)

    def __getitem__(self, index):  # type: ignore[override]
        return self._all()[index]

    def __iter__(self) -> Iterator[Any]:
        return iter(self._all())

    def __eq__(self, other: object) -> bool:
        if type(other) is type(self):
            return self.rows == other.rows or self._all() == other._all()
        if isinstance(other, tuple):
            return self._all() == other
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._all())

    def __repr__(self) -> str:
        return f"{type(self).__name__}({len(self.rows)} {self._what})"


class MentionRows(_Rows):
    """A document's mentions held as rows (:data:`MENTION_ROW`); a sequence of `Mention`."""

    __slots__ = ()
    _what = "mentions"

    def _build(self, rows: list[MentionRow]) -> tuple[Mention, ...]:
        status = STATUS_OF
        return tuple(
            Mention(s, e, label, entity, prefix, status[st], who, ext)
            for s, e, label, entity, prefix, st, who, ext in rows
        )


def thawed(cls: type) -> type:
    """A class laid out like the frozen dataclass ``cls`` (same slots, same order) but not
    frozen: its ``__init__`` stores each field plainly instead of through
    ``object.__setattr__``, and each object built becomes a ``cls`` by ``__class__`` assignment
    (Python allows it between classes of the same layout). A record's 100 spans are built in
    half the time (docs/benchmarks.md, "Importing"): the JSONL reader and the import's second
    process build claims so."""
    fields = dataclasses.fields(cls)
    body: dict[str, Any] = {
        f.name: f.default for f in fields if f.default is not dataclasses.MISSING
    }
    body.update(
        (f.name, dataclasses.field(default_factory=f.default_factory))
        for f in fields
        if f.default_factory is not dataclasses.MISSING
    )
    body["__annotations__"] = {f.name: f.type for f in fields}
    plain = type(f"_{cls.__name__}", (), body)
    twin = dataclasses.dataclass(slots=True, eq=False, repr=False)(plain)
    assert twin.__slots__ == cls.__slots__
    return twin


def mention_rows(mentions: Sequence[Mention]) -> list[MentionRow]:
    """The rows of a document's mentions, without building objects when they came as rows."""
    if isinstance(mentions, MentionRows):
        return mentions.rows
    return [mention_row(m) for m in mentions]


#: The fields of a claim row, in order (enums as their string values; a source as its kind,
#: mention and entity; a cue as its two offsets).
CLAIM_ROW = (
    "start", "end", "source_kind", "source_mention", "source_entity", "cue_start", "cue_end",
    "quote_type", "polarity", "topics", "note", "annotator", "ext_id",
)  # fmt: skip
ClaimRow = tuple
QUOTE_TYPE_OF = {q.value: q for q in QuoteType}
POLARITY_OF = {p.value: p for p in Polarity}
SOURCE_KIND_OF = {s.value: s for s in SourceKind}


def claim_row(c: Claim) -> ClaimRow:
    src, cue = c.source, c.cue
    return (
        c.start,
        c.end,
        None if src is None else src.kind.value,
        None if src is None else src.mention,
        None if src is None else src.entity,
        None if cue is None else cue.start,
        None if cue is None else cue.end,
        c.quote_type.value,
        c.polarity.value,
        c.topics,
        c.note,
        c.annotator,
        c.ext_id,
    )


#: Claims built without the frozen class's per-field setattr (the JSONL reader's too).
ThawedClaim = thawed(Claim)


def claim_from_row(row: ClaimRow) -> Claim:
    start, end, kind, mention, entity, cue_start, cue_end, quote, polarity = row[:9]
    topics, note, annotator, ext_id = row[9:]
    claim = ThawedClaim(
        start,
        end,
        None if kind is None else ClaimSource(SOURCE_KIND_OF[kind], mention, entity),
        None if cue_start is None else Span(cue_start, cue_end),
        QUOTE_TYPE_OF[quote],
        POLARITY_OF[polarity],
        tuple(topics),
        note,
        annotator,
        ext_id,
    )
    claim.__class__ = Claim
    return claim


class ClaimRows(_Rows):
    """A document's claims held as rows (:data:`CLAIM_ROW`); a sequence of `Claim`."""

    __slots__ = ()
    _what = "claims"

    def _build(self, rows: list[ClaimRow]) -> tuple[Claim, ...]:
        return tuple(map(claim_from_row, rows))


def claim_rows(claims: Sequence[Claim]) -> list[ClaimRow]:
    """The rows of a document's claims, without building objects when they came as rows."""
    if isinstance(claims, ClaimRows):
        return claims.rows
    return [claim_row(c) for c in claims]


def spans_as_rows(doc: Document) -> Document:
    """``doc`` with its mentions and claims held as rows: as they came from the reading
    process, or made here once (the import reads them as rows several times)."""
    if isinstance(doc.mentions, MentionRows) and isinstance(doc.claims, ClaimRows):
        return doc
    return dataclasses.replace(
        doc,
        mentions=MentionRows(mention_rows(doc.mentions)),
        claims=ClaimRows(claim_rows(doc.claims)),
    )
