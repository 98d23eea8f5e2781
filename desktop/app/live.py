"""Changes other processes write: a window polls `ExternalChanges.poll` about once a second
and broadcasts what it returns like its own edits (docs/architecture.md, "The change flow"),
so two annotators on one database see each other's work within two seconds.
"""

from __future__ import annotations

from desktop.core.changes import Change, ChangeKind, Origin
from desktop.storage.database import Database
from desktop.storage.watch import Watch

#: what another writer may have changed: the window reloads the open document when it is among
#: the change's documents, and refreshes its lists
EXTERNAL_KINDS = frozenset(
    {
        ChangeKind.MENTION,
        ChangeKind.CLAIM,
        ChangeKind.CLUSTER,
        ChangeKind.STATUS,
        ChangeKind.META,
        ChangeKind.CORPUS,
    }
)


class ExternalChanges:
    """Remembers a fingerprint of the database (a few indexed reads) and reports when it moved.

    Call `seen` after one's own writes so they are not reported back as someone else's. On an
    SQLite file both are cheap: a poll while nobody wrote reads no table, and `seen` reads the
    fingerprint on a connection of its own (`desktop/storage/watch.py`)."""

    def __init__(self, db: Database):
        self.db = db
        self._watch = Watch(db)
        self._last = self._watch.fingerprint()

    def seen(self) -> None:
        self._last = self._watch.fingerprint()

    def poll(self) -> Change | None:
        """The Change (origin EXTERNAL) written by others since the last look, or None."""
        if self._watch.unchanged():
            return None
        now = self._watch.fingerprint()
        if now == self._last:
            return None
        docs = self._watch.changed_documents(self._last, now)
        self._last = now
        return Change(
            "changes from another window or annotator",
            kinds=EXTERNAL_KINDS,
            document_ids=frozenset(docs),
            origin=Origin.EXTERNAL,
        )

    def close(self) -> None:
        """Let go of the watching connection (a closed window asks nothing more)."""
        self._watch.close()
