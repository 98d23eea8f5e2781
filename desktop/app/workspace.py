"""The project as the annotating and Compare windows see it: one facade, `Workspace`, made of
the use-case rooms (documents, mentions, registry, claims, clusters) plus undo and redo.

Each user action is one transaction and one undoable history entry, and returns a typed
`desktop.core.changes.Change` saying what changed (docs/architecture.md, "The change flow").
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.app.annotators import AnnotatorUseCases
from desktop.app.claims import ClaimUseCases, cue_lexicon
from desktop.app.clusters import ClusterUseCases
from desktop.app.curation import CurationUseCases
from desktop.app.documents import DocumentUseCases
from desktop.app.mentions import MentionUseCases, Occurrence
from desktop.app.project import Project
from desktop.app.recording import shorten
from desktop.app.registry import RegistryUseCases
from desktop.core import model as core
from desktop.core.changes import Change
from desktop.core.errors import MizanError
from desktop.storage import documents, history, listing

__all__ = ["Change", "Occurrence", "UndoState", "Workspace", "cue_lexicon", "shorten"]


@dataclass
class UndoState:
    can_undo: bool = False
    can_redo: bool = False
    undo_text: str = ""
    redo_text: str = ""


class Workspace(
    AnnotatorUseCases,
    DocumentUseCases,
    MentionUseCases,
    RegistryUseCases,
    ClaimUseCases,
    ClusterUseCases,
    CurationUseCases,
):
    """The project as the window sees it: one annotator working on one database."""

    def __init__(self, project: Project):
        self.project = project
        self.db = project.db
        self.annotator = project.annotator
        with self.db.rows() as rows:  # the window's first reads: SQL text (storage/listing.py)
            self.annotator_id = listing.annotator_id(rows, self.annotator)
            self.labels = listing.load_label_set(rows) or core.LabelSet("empty", ())
        if self.annotator_id is None:  # a new annotator: the only write of opening
            self.annotator_id = listing.add_annotator(self.db, self.annotator)
        if self.annotator_id is None:  # not an SQLite file
            with self.db.writing() as session:
                self.annotator_id = documents.Lookup(session).annotator(self.annotator)

    def document_part(self, doc_id: int, start: int, end: int) -> core.Document:
        """The document with the visible layers, holding only the mentions that start in
        ``[start, end)`` (its claims all): what a long article's first screen is painted from
        before `document` reads the rest."""
        with self.db.rows() as rows:
            part = listing.document_part(rows, doc_id, start, end)
        return self.visible_layers(part)

    def prepare_writes(self) -> None:
        """Import what a write needs (SQLAlchemy, the models, the storage rooms) and make the
        engine, its mappers and a pooled connection, so the first edit does not wait for them
        (~0.4 s): the window asks just after its first paint, which is read without them
        (docs/architecture.md, "Start-up rule")."""
        from importlib import import_module

        for room in ("history", "layers", "mentions", "claims", "clusters", "registry"):
            import_module(f"desktop.storage.{room}")
        self.db.prepare_writes()

    # ----------------------------------------------------------------- undo / redo

    def undo_state(self) -> UndoState:
        with self.db.rows() as rows:
            u, r = listing.undo_texts(rows, self.annotator_id)
        return UndoState(u is not None, r is not None, u or "", r or "")

    def undo(self) -> Change | None:
        return self._replay(undo=True)

    def redo(self) -> Change | None:
        return self._replay(undo=False)

    def _replay(self, *, undo: bool) -> Change | None:
        from desktop.storage.edits import EditConflict

        with self.db.writing() as session:
            entry = (history.next_undo if undo else history.next_redo)(session, self.annotator_id)
            if entry is None:
                return None
            try:
                return history.replay(session, entry, undo=undo)
            except EditConflict:
                raise MizanError(
                    f"cannot {'undo' if undo else 'redo'} «{entry.description}»: "
                    "the annotations changed since (another annotator or window?)"
                ) from None
