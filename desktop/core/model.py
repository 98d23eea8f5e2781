"""The domain, as plain frozen dataclasses that every layer can pass around.

Offsets are always `[start, end)` in Unicode code points of the document's stored text
(docs/data-model.md, "The offset contract"). Conversion to Qt's UTF-16 units happens only in the
GUI, through `desktop.text.offsets`.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date, datetime


class DocStatus(enum.StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"


class MentionStatus(enum.StrEnum):
    MANUAL = "manual"
    SUGGESTED = "suggested"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


class QuoteType(enum.StrEnum):
    DIRECT = "direct"
    INDIRECT = "indirect"
    MIXED = "mixed"
    OUTLET_ASSERTION = "outlet_assertion"


class Polarity(enum.StrEnum):
    ASSERTED = "asserted"
    DENIED = "denied"
    HEDGED = "hedged"


class SourceKind(enum.StrEnum):
    """Who a claim is attributed to."""

    MENTION = "mention"  # a mention in the same document
    ENTITY = "entity"  # a registry entity not mentioned by name here
    OUTLET = "outlet"  # the outlet itself
    UNNAMED = "unnamed"  # "sources said", "according to informed sources"


class Relation(enum.StrEnum):
    AGREES = "agrees"
    CONTRADICTS = "contradicts"
    ADDS_DETAIL = "adds_detail"
    REFRAMES = "reframes"


@dataclass(frozen=True, slots=True)
class Label:
    key: str
    name_en: str
    name_ar: str
    color: str  # "#rrggbb"
    shortcut: str | None = None
    description: str = ""


@dataclass(frozen=True, slots=True)
class LabelSet:
    name: str
    labels: tuple[Label, ...]

    def get(self, key: str) -> Label | None:
        for label in self.labels:  # 21 labels: a scan beats building a dict per frozen instance
            if label.key == key:
                return label
        return None

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(label.key for label in self.labels)


@dataclass(frozen=True, slots=True)
class DocumentMeta:
    """Metadata an annotator may edit; never the text."""

    outlet: str | None = None
    original_source: str | None = None
    title: str | None = None
    url: str | None = None
    published: date | None = None
    event: str | None = None
    source_file: str | None = None
    notes: str | None = None
    language: str = "ar"


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class RegistryEntity:
    key: str  # stable key used in exports ("putin")
    name: str  # canonical name
    type: str | None = None  # a label key, e.g. PERS
    aliases: tuple[str, ...] = ()
    external_id: str | None = None  # e.g. a Wikidata QID
    notes: str | None = None
    id: int | None = None


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    label: str
    entity: str | None = None  # registry key
    prefix_len: int | None = None
    status: MentionStatus = MentionStatus.MANUAL
    annotator: str | None = None
    ext_id: str | None = None  # the span id in exports ("m1")
    id: int | None = None
    document_id: int | None = None


@dataclass(frozen=True, slots=True)
class ClaimSource:
    kind: SourceKind
    mention: str | None = None  # ext id of a mention in the same document
    entity: str | None = None  # registry key

    def to_json(self) -> dict:
        if self.kind is SourceKind.MENTION:
            return {"mention": self.mention}
        if self.kind is SourceKind.ENTITY:
            return {"entity": self.entity}
        return {self.kind.value: True}


@dataclass(frozen=True, slots=True)
class Claim:
    start: int
    end: int
    source: ClaimSource | None = None
    cue: Span | None = None
    quote_type: QuoteType = QuoteType.INDIRECT
    polarity: Polarity = Polarity.ASSERTED
    topics: tuple[str, ...] = ()
    note: str | None = None
    annotator: str | None = None
    ext_id: str | None = None
    id: int | None = None
    document_id: int | None = None


@dataclass(frozen=True, slots=True)
class Document:
    """A document as imported or exported: text, metadata and its annotations."""

    external_id: str
    text: str
    meta: DocumentMeta = field(default_factory=DocumentMeta)
    mentions: tuple[Mention, ...] = ()
    claims: tuple[Claim, ...] = ()
    registry: dict[str, RegistryEntity] = field(default_factory=dict)
    text_sha256: str | None = None
    status: dict[str, DocStatus] = field(default_factory=dict)  # annotator -> status
    id: int | None = None
    imported_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class DocumentSummary:
    """One row of the corpus list: everything but the text."""

    id: int
    external_id: str
    meta: DocumentMeta
    length: int
    mentions: int
    claims: int
    status: DocStatus
    suggestions: int = 0  # pending (not yet accepted or rejected)


@dataclass(frozen=True, slots=True)
class ClusterMember:
    document: str  # the document's external id
    claim: str  # the claim's span id in that document ("c1")
    relation: Relation = Relation.AGREES
    claim_id: int | None = None  # database id, when read from a database


@dataclass(frozen=True, slots=True)
class ClaimCluster:
    """One proposition reported across documents, with how each report relates to it."""

    key: str  # stable id in exports ("k1")
    label: str  # short summary
    event: str | None = None
    members: tuple[ClusterMember, ...] = ()
    note: str | None = None
    annotator: str | None = None
    id: int | None = None


@dataclass(frozen=True)
class ClaimRow:
    """One line of the corpus-wide claims list."""

    id: int
    document_id: int
    document: str  # external id
    ext_id: str
    start: int
    end: int
    text: str
    speaker: str  # display name of the source
    speaker_key: str | None  # registry key when known
    source_kind: str | None
    quote_type: str
    polarity: str
    topics: tuple[str, ...]
    outlet: str | None
    event: str | None
    published: date | None
