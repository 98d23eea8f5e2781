"""Plain rows of SQL text, on whichever connection a read runs on.

The reads of the read commands (export, stats, check) are written once, as SQL text with
``:name`` parameters that SQLite and PostgreSQL both accept, in the storage file of the thing
they read. `Rows` runs them: on a `sqlite3` connection (an SQLite file at the newest revision,
`Database.rows()`, no SQLAlchemy imported), on the `sqlite3` connection under a SQLAlchemy
session, or through SQLAlchemy's `text()` on PostgreSQL. Every row is a tuple of the driver's
values; dates and times come as text from SQLite (`as_date`, `as_datetime` read both).

A parameter holding a list, tuple or set stands for the list of an ``IN``: ``IN :ids`` becomes
``IN (:ids_0, :ids_1, …)`` (never pass an empty one).
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from datetime import date, datetime
from itertools import chain
from typing import Any

from desktop.core.model import DocumentMeta

_NAME = re.compile(r"(?<!:):([A-Za-z_][A-Za-z0-9_]*)")


def expand(sql: str, params: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """SQL with each list parameter written out as one parameter per item."""
    lists = {k: list(v) for k, v in params.items() if isinstance(v, list | tuple | set | frozenset)}
    if not lists:
        return sql, params
    flat = {k: v for k, v in params.items() if k not in lists}
    for name, values in lists.items():
        if not values:
            raise ValueError(f"empty list for :{name}")
        flat.update({f"{name}_{i}": v for i, v in enumerate(values)})

    def one(match: re.Match) -> str:
        name = match.group(1)
        if name not in lists:
            return match.group(0)
        return "(" + ", ".join(f":{name}_{i}" for i in range(len(lists[name]))) + ")"

    return _NAME.sub(one, sql), flat


class Rows:
    """Runs SQL text and returns tuples. Made by `Database.rows()`, or `Rows.of(session)` for a
    function that was handed a SQLAlchemy session."""

    def __init__(self, target: Any):
        own = isinstance(target, sqlite3.Connection)
        self._own = target if own else None
        self._session = None if own else target
        self._sqlite = target if own else self._raw()

    def _raw(self) -> sqlite3.Connection | None:
        """The session's `sqlite3` connection (in its transaction), if it is SQLite."""
        raw = self._session.connection().connection.dbapi_connection
        return raw if isinstance(raw, sqlite3.Connection) else None

    @classmethod
    def of(cls, source: Any) -> Rows:
        """`source` itself when it is `Rows`, else rows read in that SQLAlchemy session's
        transaction (directly on its `sqlite3` connection when the database is SQLite)."""
        return source if isinstance(source, Rows) else cls(source)

    @property
    def is_sqlite(self) -> bool:
        return self._sqlite is not None

    @property
    def errors(self) -> tuple[type[Exception], ...]:
        """What a read that failed in the database raises (a damaged file …)."""
        if self._session is None:
            return (sqlite3.Error,)
        from sqlalchemy.exc import DBAPIError

        return (sqlite3.Error, DBAPIError)

    def restart(self) -> None:
        """A new read transaction after a failed read."""
        if self._session is not None:
            self._session.rollback()
            self._sqlite = self._raw()
            return
        if self._own.in_transaction:
            self._own.execute("ROLLBACK")
        self._own.execute("BEGIN DEFERRED")

    def stream(self, sql: str, batch: int = 2000, **params: Any) -> Iterator[tuple]:
        """The rows one batch at a time (memory stays flat over a million rows)."""
        sql, params = expand(sql, params)
        if self._sqlite is not None:
            cursor = self._sqlite.execute(sql, params)
            cursor.arraysize = batch
            return chain.from_iterable(iter(cursor.fetchmany, []))
        from sqlalchemy import text

        # options on the statement: on the connection they would outlive this read
        stmt = text(sql).execution_options(yield_per=batch)
        result = self._session.connection().execute(stmt, params)
        return (tuple(row) for part in result.partitions() for row in part)

    def all(self, sql: str, **params: Any) -> list[tuple]:
        sql, params = expand(sql, params)
        if self._sqlite is not None:
            return self._sqlite.execute(sql, params).fetchall()
        from sqlalchemy import text

        return [tuple(row) for row in self._session.execute(text(sql), params)]

    def one(self, sql: str, **params: Any) -> tuple | None:
        """The first row, or ``None``."""
        sql, params = expand(sql, params)
        if self._sqlite is not None:
            return self._sqlite.execute(sql, params).fetchone()
        from sqlalchemy import text

        row = self._session.execute(text(sql), params).first()
        return None if row is None else tuple(row)

    def scalar(self, sql: str, **params: Any) -> Any:
        row = self.one(sql, **params)
        return None if row is None else row[0]


def as_date(value: Any) -> date | None:
    """A stored date: SQLite gives text (as SQLAlchemy stored it), PostgreSQL a `date`."""
    return date.fromisoformat(value) if isinstance(value, str) else value


def meta_of(
    outlet: str | None,
    original_source: str | None,
    title: str | None,
    url: str | None,
    published: Any,
    event: str | None,
    source_file: str | None,
    notes: str | None,
    language: str,
) -> DocumentMeta:
    """A document's metadata from its stored columns (outlet and event by name)."""
    return DocumentMeta(
        outlet, original_source, title, url, as_date(published), event, source_file, notes, language
    )


def as_datetime(value: Any) -> datetime | None:
    """A stored time: SQLite gives text ('YYYY-MM-DD HH:MM:SS.ffffff'), PostgreSQL a
    `datetime`."""
    return datetime.fromisoformat(value) if isinstance(value, str) else value
