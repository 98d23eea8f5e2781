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
    Mention,
    MentionStatus,
    Polarity,
    QuoteType,
    SourceKind,
    Span,
)

#: The fields of a mention row, in order (``status`` as its string value).
MENTION_ROW = ("start", "end", "label", "entity", "prefix_len", "status", "annotator", "ext_id")
_STATUS = {s.value: s for s in MentionStatus}

MentionRow = tuple[int, int, str, str | None, int | None, str, str | None, str | None]


def mention_row(m: Mention) -> MentionRow:
    return (m.start, m.end, m.label, m.entity, m.prefix_len, m.status.value, m.annotator, m.ext_id)


def packable(spans: Iterable) -> bool:
    """Whether rows carry everything of these mentions (or claims): a reader's spans have no
    database ids; any that has one travels as an object."""
    if isinstance(spans, MentionRows | ClaimRows):
        return True
    return all(m.id is None and m.document_id is None for m in spans)


class MentionRows(Sequence[Mention]):
    """A document's mentions held as rows (:data:`MENTION_ROW`); a sequence of `Mention`."""

    __slots__ = ("_objects", "rows")

    def __init__(self, rows: list[MentionRow]):
        self.rows = rows
        self._objects: tuple[Mention, ...] | None = None

    def _mentions(self) -> tuple[Mention, ...]:
        if self._objects is None:
            status = _STATUS
            self._objects = tuple(
                Mention(s, e, label, entity, prefix, status[st], who, ext)
                for s, e, label, entity, prefix, st, who, ext in self.rows
            )
        return self._objects

    def __len__(self) -> int:
        return len(self.rows)

    def __bool__(self) -> bool:
        return bool(self.rows)

    def __getitem__(self, index):  # type: ignore[override]
        return self._mentions()[index]

    def __iter__(self) -> Iterator[Mention]:
        return iter(self._mentions())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, MentionRows):
            return self.rows == other.rows
        if isinstance(other, tuple):
            return self._mentions() == other
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._mentions())

    def __repr__(self) -> str:
        return f"MentionRows({len(self.rows)} mentions)"


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
_QUOTE = {q.value: q for q in QuoteType}
_POLARITY = {p.value: p for p in Polarity}
_SOURCE = {s.value: s for s in SourceKind}


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


_THAWED_CLAIM = thawed(Claim)  # claims built without the frozen class's per-field setattr


def claim_from_row(row: ClaimRow) -> Claim:
    start, end, kind, mention, entity, cue_start, cue_end, quote, polarity = row[:9]
    topics, note, annotator, ext_id = row[9:]
    claim = _THAWED_CLAIM(
        start,
        end,
        None if kind is None else ClaimSource(_SOURCE[kind], mention, entity),
        None if cue_start is None else Span(cue_start, cue_end),
        _QUOTE[quote],
        _POLARITY[polarity],
        tuple(topics),
        note,
        annotator,
        ext_id,
    )
    claim.__class__ = Claim
    return claim


class ClaimRows(Sequence[Claim]):
    """A document's claims held as rows (:data:`CLAIM_ROW`); a sequence of `Claim`, built on
    first use, as :class:`MentionRows` does for mentions."""

    __slots__ = ("_objects", "rows")

    def __init__(self, rows: list[ClaimRow]):
        self.rows = rows
        self._objects: tuple[Claim, ...] | None = None

    def _claims(self) -> tuple[Claim, ...]:
        if self._objects is None:
            self._objects = tuple(map(claim_from_row, self.rows))
        return self._objects

    def __len__(self) -> int:
        return len(self.rows)

    def __bool__(self) -> bool:
        return bool(self.rows)

    def __getitem__(self, index):  # type: ignore[override]
        return self._claims()[index]

    def __iter__(self) -> Iterator[Claim]:
        return iter(self._claims())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, ClaimRows):
            return self._claims() == other._claims()
        if isinstance(other, tuple):
            return self._claims() == other
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._claims())

    def __repr__(self) -> str:
        return f"ClaimRows({len(self.rows)} claims)"


def claim_rows(claims: Sequence[Claim]) -> list[ClaimRow]:
    """The rows of a document's claims, without building objects when they came as rows."""
    if isinstance(claims, ClaimRows):
        return claims.rows
    return [claim_row(c) for c in claims]
