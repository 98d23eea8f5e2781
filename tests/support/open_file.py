"""A database file somebody else has open, as an open window keeps it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from desktop.storage.database import Database


@contextmanager
def held_open(db: Path) -> Iterator[None]:
    """A connection on ``db`` that has read it and stays open inside the block, as an open
    window's watch does (desktop/storage/watch.py): an import then stages its rows
    (desktop/storage/staging.py, `Database.alone`)."""
    watcher = Database(str(db)).watch_connection()
    try:
        watcher.execute("PRAGMA data_version").fetchall()
        yield
    finally:
        watcher.close()
