"""What one user action changed, as a typed value every open window can act on.

Every use case in `desktop.app` returns a `Change`. The GUI broadcasts it once (one hub signal)
and each window updates only what it shows: the article view repaints the blocks of the touched
spans, the lists update their rows, the Compare window refreshes its affected clusters. Nobody
parses a description string to learn what happened (docs/architecture.md, "The change flow").
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass, field


class ChangeKind(enum.StrEnum):
    """The kinds of things an action can change. A `StrEnum`, so `"mention" in change.kinds`
    keeps reading naturally."""

    MENTION = "mention"  # mention rows (spans, labels, entity links, suggestion status)
    CLAIM = "claim"  # claim rows and their topics
    CLUSTER = "cluster"  # claim clusters, their members and relations, rejected pairs
    ENTITY = "entity"  # the registry (entities, aliases)
    META = "meta"  # a document's details (outlet, date, event, title, notes …)
    STATUS = "status"  # a document's status for an annotator
    CORPUS = "corpus"  # documents added or removed (an import), outlets and events lists


class Origin(enum.StrEnum):
    """Why the change happened."""

    ACTION = "action"  # the user did something
    UNDO = "undo"
    REDO = "redo"
    EXTERNAL = "external"  # another process or annotator wrote to the database


@dataclass(frozen=True)
class RowChanges:
    """Ids of rows of one kind that were added, updated or removed."""

    added: frozenset[int] = frozenset()
    updated: frozenset[int] = frozenset()
    removed: frozenset[int] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.added or self.updated or self.removed)

    @property
    def all(self) -> frozenset[int]:
        return self.added | self.updated | self.removed

    def inverted(self) -> RowChanges:
        """The same rows seen from the other side of an undo: added ↔ removed."""
        return RowChanges(self.removed, self.updated, self.added)

    @classmethod
    def of(
        cls,
        added: Iterable[int] = (),
        updated: Iterable[int] = (),
        removed: Iterable[int] = (),
    ) -> RowChanges:
        return cls(frozenset(added), frozenset(updated), frozenset(removed))


NOTHING = RowChanges()


@dataclass(frozen=True)
class Change:
    """What one action (or its undo/redo) changed.

    `document_ids` are the documents whose content, details or status changed; the `RowChanges`
    say which rows of each kind. `kinds` also carries the changes that have no row ids of their
    own (META, STATUS, CORPUS).
    """

    description: str
    kinds: frozenset[ChangeKind] = frozenset()
    document_ids: frozenset[int] = frozenset()
    mentions: RowChanges = field(default=NOTHING)
    claims: RowChanges = field(default=NOTHING)
    clusters: RowChanges = field(default=NOTHING)
    entities: RowChanges = field(default=NOTHING)
    origin: Origin = Origin.ACTION

    @property
    def mention_ids(self) -> tuple[int, ...]:
        """Mentions the action created (or, when it created none, touched), in id order."""
        return tuple(sorted(self.mentions.added or self.mentions.all))

    @property
    def claim_ids(self) -> tuple[int, ...]:
        return tuple(sorted(self.claims.added or self.claims.all))

    @property
    def is_undo_or_redo(self) -> bool:
        return self.origin in (Origin.UNDO, Origin.REDO)

    def touches(self, kind: ChangeKind) -> bool:
        return kind in self.kinds
