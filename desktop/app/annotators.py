"""Annotators and their layers: who is working, switching to someone else, which layers a
document shows, and the refusal to edit another annotator's spans.

Every mention, claim and document status belongs to one annotator (docs/data-model.md). An
annotator sees only their own layer unless `show_other_layers` is on; the others' spans are then
shown read-only, and an edit that would change them is refused before anything is written.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from desktop.app.layers import CURATION
from desktop.app.recording import UseCases
from desktop.core import model as core
from desktop.core.changes import Change, ChangeKind
from desktop.core.errors import MizanError
from desktop.storage import documents as stored_documents
from desktop.storage import layers

__all__ = ["CURATION", "Annotator", "AnnotatorUseCases", "check_name"]


@dataclass(frozen=True)
class Annotator:
    name: str
    mentions: int
    claims: int
    documents: int  # documents they gave a status past "not started"


def check_name(name: str) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise MizanError("an annotator needs a name")
    if len(name) > 100:
        raise MizanError("an annotator's name is at most 100 characters")
    return name


class AnnotatorUseCases(UseCases):
    #: show the other annotators' layers (read-only) beside one's own; the window turns it off
    #: when it opens (each annotator sees their own layer), scripts and the CLI see every layer
    show_other_layers: bool = True

    def annotators(self) -> list[Annotator]:
        with self.db.reading() as session:
            rows = layers.annotators(session)
        return [Annotator(r.name, r.mentions, r.claims, r.documents) for r in rows]

    def switch_annotator(self, name: str) -> Change:
        """Work as `name` from now on (created when new): their layer, statuses and undo."""
        name = check_name(name)
        with self.db.reading() as session:
            found = stored_documents.annotator_id(session, name)
        if found is None:
            with self.db.writing() as session:
                found = stored_documents.Lookup(session).annotator(name)
        self.annotator, self.annotator_id = name, found
        self.project.annotator = name
        return Change(
            f"working as {name}",
            kinds=frozenset({ChangeKind.STATUS, ChangeKind.CORPUS, ChangeKind.MENTION}),
        )

    def is_own(self, item: core.Mention | core.Claim) -> bool:
        """Whether the current annotator may edit this span (spans of nobody are everyone's)."""
        return item.annotator is None or item.annotator == self.annotator

    def document(self, doc_id: int) -> core.Document:
        """The document with the visible layers: one's own, or every layer when
        `show_other_layers` is on."""
        return self.visible_layers(super().document(doc_id))

    def visible_layers(self, doc: core.Document) -> core.Document:
        if self.show_other_layers:
            return doc
        me = self.annotator  # `is_own` inlined: this runs for each of 50,000 mentions
        mentions = tuple([m for m in doc.mentions if m.annotator is None or m.annotator == me])
        claims = tuple(c for c in doc.claims if self.is_own(c))
        if len(mentions) == len(doc.mentions) and len(claims) == len(doc.claims):
            return doc
        return replace(doc, mentions=mentions, claims=claims)
