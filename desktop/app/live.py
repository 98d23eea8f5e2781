"""Changes other processes write: a window polls `ExternalChanges.poll` about once a second
and broadcasts what it returns like its own edits (docs/architecture.md, "The change flow"),
so two annotators on one database see each other's work within two seconds.
"""

from __future__ import annotations

from desktop.core.changes import Change, ChangeKind, Origin
from desktop.storage import layers
from desktop.storage.database import Database

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

    Call `seen` after one's own writes so they are not reported back as someone else's."""

    def __init__(self, db: Database):
        self.db = db
        self._last = self._fingerprint()

    def _fingerprint(self) -> layers.Fingerprint:
        with self.db.reading() as session:
            return layers.fingerprint(session)

    def seen(self) -> None:
        self._last = self._fingerprint()

    def poll(self) -> Change | None:
        """The Change (origin EXTERNAL) written by others since the last look, or None."""
        with self.db.reading() as session:
            now = layers.fingerprint(session)
            if now == self._last:
                return None
            docs = layers.changed_documents(session, self._last, now)
        self._last = now
        return Change(
            "changes from another window or annotator",
            kinds=EXTERNAL_KINDS,
            document_ids=frozenset(docs),
            origin=Origin.EXTERNAL,
        )
