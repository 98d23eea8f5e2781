"""SQLAlchemy 2 typed models. Rows never leave `desktop.storage`: repositories return core objects.

Every schema change needs an Alembic migration in `migrations/versions` (a test compares these
models with the migrated schema).
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def include_name(name: str | None, type_: str, _parents) -> bool:
    """For Alembic's comparisons: tables the models do not describe (the FTS5 index, and the
    folded text PostgreSQL searches with pg_trgm)."""
    return not (type_ == "table" and name and name.startswith(("document_fts", "document_folded")))


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def one_of(column: str, values: tuple[str, ...]) -> str:
    """A CHECK that ``column`` holds one of ``values``, written as ``=`` comparisons joined by
    OR: SQLite builds a lookup table for ``IN`` with three or more values at every row it
    checks, which cost a third of inserting a mention (migration 0008)."""
    return " OR ".join(f"{column} = '{v}'" for v in values)


# Undo re-inserts rows with their old ids; SQLite must never hand a deleted id to a new row.
NO_REUSE = {"sqlite_autoincrement": True}

DOC_STATUSES = ("not_started", "in_progress", "done")
MENTION_STATUSES = ("manual", "suggested", "accepted", "rejected")
QUOTE_TYPES = ("direct", "indirect", "mixed", "outlet_assertion")
POLARITIES = ("asserted", "denied", "hedged")
SOURCE_KINDS = ("mention", "entity", "outlet", "unnamed")
RELATIONS = ("agrees", "contradicts", "adds_detail", "reframes")
HISTORY_STATES = ("done", "undone", "dropped")


class Annotator(Base):
    __tablename__ = "annotator"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Outlet(Base):
    __tablename__ = "outlet"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300), unique=True)
    website: Mapped[str | None] = mapped_column(String(500))
    country: Mapped[str | None] = mapped_column(String(100))
    notes: Mapped[str | None] = mapped_column(Text)


class Event(Base):
    __tablename__ = "event"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(500), unique=True)
    notes: Mapped[str | None] = mapped_column(Text)


class Document(Base):
    __tablename__ = "document"
    __table_args__ = (CheckConstraint("length >= 0", name="length"), NO_REUSE)
    id: Mapped[int] = mapped_column(primary_key=True)
    external_id: Mapped[str] = mapped_column(String(300), unique=True)
    outlet_id: Mapped[int | None] = mapped_column(ForeignKey("outlet.id", ondelete="SET NULL"))
    original_source: Mapped[str | None] = mapped_column(String(300))
    event_id: Mapped[int | None] = mapped_column(ForeignKey("event.id", ondelete="SET NULL"))
    title: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    published: Mapped[date | None] = mapped_column(Date)
    language: Mapped[str] = mapped_column(String(20), default="ar")
    text: Mapped[str] = mapped_column(Text)
    length: Mapped[int] = mapped_column(Integer)  # len(text) in code points, for span checks
    text_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    source_file: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)
    imported_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class SearchPending(Base):
    """A document not yet in the folded search index (desktop/storage/search.py)."""

    __tablename__ = "search_pending"
    document_id: Mapped[int] = mapped_column(
        ForeignKey("document.id", ondelete="CASCADE"), primary_key=True
    )


class DocumentStatus(Base):
    """Progress of one annotator on one document."""

    __tablename__ = "document_status"
    __table_args__ = (CheckConstraint(one_of("status", DOC_STATUSES), name="status"),)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("document.id", ondelete="CASCADE"), primary_key=True
    )
    annotator_id: Mapped[int] = mapped_column(
        ForeignKey("annotator.id", ondelete="CASCADE"), primary_key=True
    )
    status: Mapped[str] = mapped_column(String(20))
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class LabelSet(Base):
    __tablename__ = "label_set"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)


class Label(Base):
    __tablename__ = "label"
    __table_args__ = (UniqueConstraint("label_set_id", "key"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    label_set_id: Mapped[int] = mapped_column(ForeignKey("label_set.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(50))
    name_en: Mapped[str] = mapped_column(String(200))
    name_ar: Mapped[str] = mapped_column(String(200))
    color: Mapped[str] = mapped_column(String(9))
    shortcut: Mapped[str | None] = mapped_column(String(20))
    description: Mapped[str | None] = mapped_column(Text)
    position: Mapped[int] = mapped_column(Integer, default=0)


class Entity(Base):
    """A registry entity: the project-local knowledge base mentions link to."""

    __tablename__ = "entity"
    __table_args__ = (NO_REUSE,)
    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(200), unique=True)
    name: Mapped[str] = mapped_column(Text)
    type: Mapped[str | None] = mapped_column(String(50))
    external_id: Mapped[str | None] = mapped_column(String(200))
    notes: Mapped[str | None] = mapped_column(Text)


class EntityAlias(Base):
    __tablename__ = "entity_alias"
    __table_args__ = (UniqueConstraint("entity_id", "alias"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    entity_id: Mapped[int] = mapped_column(ForeignKey("entity.id", ondelete="CASCADE"))
    alias: Mapped[str] = mapped_column(Text)
    folded: Mapped[str] = mapped_column(Text, index=True)  # desktop.text.fold_key(alias)


def _linked(table: str, column: str) -> Index:
    """An index of the rows whose ``column`` (a nullable foreign key) is set, on SQLite and
    PostgreSQL: `column = ?` and the foreign key's actions use it, rows without cost nothing."""
    where = text(f"{column} IS NOT NULL")
    return Index(f"ix_{table}_{column}", column, sqlite_where=where, postgresql_where=where)


class Mention(Base):
    __tablename__ = "mention"
    __table_args__ = (
        CheckConstraint('start >= 0 AND "end" > start', name="offsets"),
        CheckConstraint("prefix_len IS NULL OR prefix_len >= 0", name="prefix_len"),
        CheckConstraint(one_of("status", MENTION_STATUSES), name="status"),
        UniqueConstraint("document_id", "ext_id"),
        Index("ix_mention_document_start", "document_id", "start"),
        # Only linked mentions: most are not, and each entry costs every import (a fifth of
        # inserting a mention, docs/benchmarks.md); `entity_id = ?` and the foreign key's
        # SET NULL still find their rows through it.
        _linked("mention", "entity_id"),
        NO_REUSE,
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id", ondelete="CASCADE"))
    ext_id: Mapped[str] = mapped_column(String(100))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    label: Mapped[str] = mapped_column(String(50))
    entity_id: Mapped[int | None] = mapped_column(ForeignKey("entity.id", ondelete="SET NULL"))
    prefix_len: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20), default="manual")
    annotator_id: Mapped[int | None] = mapped_column(ForeignKey("annotator.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class Claim(Base):
    __tablename__ = "claim"
    __table_args__ = (
        CheckConstraint('start >= 0 AND "end" > start', name="offsets"),
        CheckConstraint(
            "(cue_start IS NULL AND cue_end IS NULL) OR (cue_start >= 0 AND cue_end > cue_start)",
            name="cue_offsets",
        ),
        CheckConstraint(
            "source_kind IS NULL OR " + one_of("source_kind", SOURCE_KINDS), name="source_kind"
        ),
        CheckConstraint(one_of("quote_type", QUOTE_TYPES), name="quote_type"),
        CheckConstraint(one_of("polarity", POLARITIES), name="polarity"),
        UniqueConstraint("document_id", "ext_id"),
        Index("ix_claim_document_start", "document_id", "start"),
        # Deleting a mention or an entity sets the claims' sources that name it to NULL: without
        # these the database reads every claim to find them (a mention deleted on a corpus of
        # 100,000 claims: ~19 ms, with the index 0.03 ms; docs/benchmarks.md).
        _linked("claim", "source_mention_id"),
        _linked("claim", "source_entity_id"),
        NO_REUSE,
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id", ondelete="CASCADE"))
    ext_id: Mapped[str] = mapped_column(String(100))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    source_kind: Mapped[str | None] = mapped_column(String(20))
    source_mention_id: Mapped[int | None] = mapped_column(
        ForeignKey("mention.id", ondelete="SET NULL")
    )
    source_entity_id: Mapped[int | None] = mapped_column(
        ForeignKey("entity.id", ondelete="SET NULL")
    )
    cue_start: Mapped[int | None] = mapped_column(Integer)
    cue_end: Mapped[int | None] = mapped_column(Integer)
    quote_type: Mapped[str] = mapped_column(String(20), default="indirect")
    polarity: Mapped[str] = mapped_column(String(20), default="asserted")
    note: Mapped[str | None] = mapped_column(Text)
    annotator_id: Mapped[int | None] = mapped_column(ForeignKey("annotator.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class ClaimTopic(Base):
    __tablename__ = "claim_topic"
    claim_id: Mapped[int] = mapped_column(
        ForeignKey("claim.id", ondelete="CASCADE"), primary_key=True
    )
    topic: Mapped[str] = mapped_column(String(200), primary_key=True, index=True)


class ClaimCluster(Base):
    """One proposition reported across documents."""

    __tablename__ = "claim_cluster"
    __table_args__ = (NO_REUSE,)
    id: Mapped[int] = mapped_column(primary_key=True)
    label: Mapped[str] = mapped_column(Text)
    event_id: Mapped[int | None] = mapped_column(ForeignKey("event.id", ondelete="SET NULL"))
    note: Mapped[str | None] = mapped_column(Text)
    annotator_id: Mapped[int | None] = mapped_column(ForeignKey("annotator.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class ClusterMember(Base):
    __tablename__ = "cluster_member"
    __table_args__ = (CheckConstraint(one_of("relation", RELATIONS), name="relation"),)
    cluster_id: Mapped[int] = mapped_column(
        ForeignKey("claim_cluster.id", ondelete="CASCADE"), primary_key=True
    )
    # a claim belongs to at most one cluster
    claim_id: Mapped[int] = mapped_column(
        ForeignKey("claim.id", ondelete="CASCADE"), primary_key=True, unique=True
    )
    relation: Mapped[str] = mapped_column(String(20), default="agrees")


class History(Base):
    """One user action: what to replay to redo it and to undo it, and who did it when."""

    __tablename__ = "history"
    __table_args__ = (
        CheckConstraint(one_of("state", HISTORY_STATES), name="state"),
        NO_REUSE,
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    annotator_id: Mapped[int | None] = mapped_column(ForeignKey("annotator.id"))
    document_id: Mapped[int | None] = mapped_column(
        ForeignKey("document.id", ondelete="SET NULL"), index=True
    )
    action: Mapped[str] = mapped_column(String(100))
    description: Mapped[str] = mapped_column(Text, default="")
    redo: Mapped[list] = mapped_column(JSON)
    undo: Mapped[list] = mapped_column(JSON)
    state: Mapped[str] = mapped_column(String(10), default="done")


class CurationDrop(Base):
    """A claim region the curator dropped: no claim there in the curated layer, and the region
    is decided (it is not listed again). Mentions keep a rejected mention instead."""

    __tablename__ = "curation_drop"
    __table_args__ = (CheckConstraint('start >= 0 AND "end" > start', name="offsets"),)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("document.id", ondelete="CASCADE"), primary_key=True
    )
    start: Mapped[int] = mapped_column(Integer, primary_key=True)
    end: Mapped[int] = mapped_column(Integer, primary_key=True)
    annotator_id: Mapped[int | None] = mapped_column(ForeignKey("annotator.id"))
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class AlignmentRejection(Base):
    """A suggested same-proposition pair the annotator rejected: never suggested again."""

    __tablename__ = "alignment_rejection"
    __table_args__ = (CheckConstraint("claim_a_id < claim_b_id", name="ordered"),)
    claim_a_id: Mapped[int] = mapped_column(
        ForeignKey("claim.id", ondelete="CASCADE"), primary_key=True
    )
    claim_b_id: Mapped[int] = mapped_column(
        ForeignKey("claim.id", ondelete="CASCADE"), primary_key=True
    )
    annotator_id: Mapped[int | None] = mapped_column(ForeignKey("annotator.id"))
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
