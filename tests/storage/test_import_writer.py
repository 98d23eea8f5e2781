"""The import's inserts run on a thread of their own (`Connection.executemany_later`,
desktop/storage/staging.py): they land in order before any other statement, and an insert that
fails is raised, as Mizan's error, by the next use of the connection; the rest roll back."""

from __future__ import annotations

import sqlite3
import threading

import pytest

from desktop.core.errors import MizanError
from desktop.storage.database import Database
from desktop.storage.staging import Connection


@pytest.fixture
def conn(tmp_path):
    db = Database(str(tmp_path / "m.db"))
    connection = Connection(db)
    connection.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)")
    connection.commit()
    yield connection
    connection.close()


def _threads() -> int:
    return threading.active_count()


def test_rows_put_later_are_there_for_the_next_statement(conn):
    before = _threads()
    for k in range(20):
        conn.executemany_later(
            "INSERT INTO t (id, v) VALUES (?, ?)", [(k * 10 + i, "x") for i in range(10)]
        )
    assert _threads() == before + 1
    assert conn.scalar("SELECT count(*) FROM t") == 200
    conn.commit()
    conn.settle()
    assert _threads() == before  # one thread again: a reading process may be forked


def test_a_failed_insert_is_raised_by_the_next_use_and_nothing_lands(conn):
    conn.executemany_later("INSERT INTO t (id, v) VALUES (?, ?)", [(1, "a")])
    conn.executemany_later("INSERT INTO t (id, v) VALUES (?, ?)", [(1, "again")])
    conn.executemany_later("INSERT INTO t (id, v) VALUES (?, ?)", [(2, "b")])  # skipped
    with pytest.raises(sqlite3.IntegrityError):  # a programming error stays what it is
        conn.execute("SELECT 1")
    conn.rollback()
    assert conn.scalar("SELECT count(*) FROM t") == 0


def test_a_driver_error_comes_as_one_line_naming_the_database(conn):
    conn.executemany_later("INSERT INTO missing (v) VALUES (?)", [("a",)])
    with pytest.raises(MizanError, match=r"m\.db.*no such table: missing"):
        conn.commit()
    conn.rollback()
