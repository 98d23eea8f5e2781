"""Watching the database for other writers: a cheap fingerprint that moves when anybody writes,
and the documents a move touched (docs/architecture.md, "The change flow").

On an SQLite file the watch keeps a read-only `sqlite3` connection of its own. Its
``PRAGMA data_version`` changes when any other connection commits (another process, or this
process's own sessions), so a poll while nothing was written reads no table, and the
fingerprint after one's own edit is two indexed statements of SQL text rather than two
SQLAlchemy sessions' worth of work (1.1-1.6 ms -> 0.2 ms per label key; docs/benchmarks.md,
"Session 3: a label key, second round"). Elsewhere (PostgreSQL, an in-memory database) the
same SQL runs in a read session each time.
"""

from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop.storage.rows import Rows

if TYPE_CHECKING:
    from collections.abc import Iterator

    from desktop.storage.database import Database

#: history entries compared between two polls: more than any window writes in a second
RECENT_HISTORY = 200

HISTORY_SQL = "SELECT id, state, document_id FROM history ORDER BY id DESC LIMIT :n"
NEWEST_SQL = (
    "SELECT (SELECT max(id) FROM document), (SELECT max(id) FROM mention),"
    " (SELECT max(id) FROM claim), (SELECT count(id) FROM document)"
)
ADDED_SQL = {
    "mention": "SELECT DISTINCT document_id FROM mention WHERE id > :after",
    "claim": "SELECT DISTINCT document_id FROM claim WHERE id > :after",
}


@dataclass(frozen=True)
class Fingerprint:
    """What changes when anybody writes: the recent history entries with their state (an undo
    flips a state), and the newest document, mention and claim ids (imports write no history)."""

    history: tuple[tuple[int, str, int | None], ...]  # (id, state, document id), newest first
    newest: tuple[int | None, int | None, int | None, int]  # document, mention, claim id; docs


def fingerprint(rows: Rows) -> Fingerprint:
    history = rows.all(HISTORY_SQL, n=RECENT_HISTORY)
    newest = rows.one(NEWEST_SQL)
    return Fingerprint(tuple(tuple(r) for r in history), tuple(newest))


def changed_documents(rows: Rows, older: Fingerprint, newer: Fingerprint) -> set[int]:
    """Documents of the history entries added or flipped between two fingerprints, and of the
    mentions and claims added without history (an import of another annotator's layer)."""
    before = {i: state for i, state, _ in older.history}
    out = {doc for i, state, doc in newer.history if doc is not None and before.get(i) != state}
    for table, old, new in (
        ("mention", older.newest[1], newer.newest[1]),
        ("claim", older.newest[2], newer.newest[2]),
    ):
        if new is not None and new != old:
            out.update(doc for (doc,) in rows.all(ADDED_SQL[table], after=old or 0))
    return out


class Watch:
    """The database as a window watches it for other writers."""

    def __init__(self, db: Database):
        self.db = db
        self._con = db.watch_connection()
        self._version: int | None = None  # data_version when the last fingerprint was read

    @contextmanager
    def _rows(self) -> Iterator[Rows]:
        if self._con is None:
            with self.db.reading() as session:
                yield Rows.of(session)
            return
        try:
            self._con.execute("BEGIN DEFERRED")  # both statements see one state
            try:
                yield Rows(self._con)
            finally:
                self._con.execute("ROLLBACK")
        except sqlite3.Error as exc:
            raise self.db._driver_error(exc) from None

    def _data_version(self) -> int | None:
        if self._con is None:
            return None
        try:
            return self._con.execute("PRAGMA data_version").fetchone()[0]
        except sqlite3.Error as exc:
            raise self.db._driver_error(exc) from None

    def unchanged(self) -> bool:
        """Whether nobody committed since the last `fingerprint` (False when it cannot tell)."""
        return self._version is not None and self._data_version() == self._version

    def fingerprint(self) -> Fingerprint:
        # the version is read before the state: a commit in between is looked at again
        version = self._data_version()
        with self._rows() as rows:
            found = fingerprint(rows)
        self._version = version
        return found

    def changed_documents(self, older: Fingerprint, newer: Fingerprint) -> set[int]:
        with self._rows() as rows:
            return changed_documents(rows, older, newer)

    def close(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None
            self._version = None
