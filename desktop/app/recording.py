"""The base every room of use cases shares: who is working on which database, and how one user
action is recorded (one transaction, one undoable history entry, one typed `Change`)."""

from __future__ import annotations

from collections.abc import Iterable

from desktop.app.project import Project
from desktop.core import model as core
from desktop.core.changes import Change, ChangeKind
from desktop.core.errors import MizanError
from desktop.storage import history, layers
from desktop.storage.database import Database
from desktop.storage.ops import Ops
from desktop.text import proclitic_length


class UseCases:
    """State shared by the use-case rooms that `desktop.app.workspace.Workspace` combines."""

    project: Project
    db: Database
    annotator: str
    annotator_id: int | None

    def _record(
        self,
        session,
        ops: Ops,
        *,
        action: str,
        description: str,
        document_id: int | None = None,
        document_ids: Iterable[int] = (),
        kinds: Iterable[ChangeKind] = (),
    ) -> Change:
        layers.refuse_foreign(session, ops.to_list(), self.annotator_id)
        return history.record(
            session,
            ops,
            action=action,
            description=description,
            annotator_id=self.annotator_id,
            document_id=document_id,
            document_ids=document_ids,
            kinds=kinds,
        )

    def _create(
        self, session, kind: ChangeKind, description: str, ops: Ops, doc_id: int, has_status: bool
    ) -> Change:
        """Record a new annotation; the first one moves the document from 'not started' (no
        status yet) to 'in progress'."""
        kinds = {kind}
        if not has_status and self.annotator_id is not None:
            ops.set_status(doc_id, self.annotator_id, core.DocStatus.IN_PROGRESS, exists=False)
            kinds.add(ChangeKind.STATUS)
        return self._record(
            session,
            ops,
            action=f"create_{kind.value}",
            description=description,
            document_id=doc_id,
            kinds=kinds,
        )

    @staticmethod
    def check_range(text: str, start: int, end: int) -> None:
        if not (0 <= start < end <= len(text)):
            raise MizanError(f"span [{start}, {end}) is outside the text (length {len(text)})")


def prefix_for(surface: str, names: Iterable[str]) -> int:
    """Proclitic letters before the entity's bare name in this written form (وبوتين -> 1)."""
    for base in names:
        n = proclitic_length(surface, base)
        if n:
            return n
    return 0


def shorten(text: str, n: int = 30) -> str:
    """One line of at most n characters, for undo descriptions and lists."""
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"
