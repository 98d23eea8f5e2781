"""A brand-new database made in one step from the models, stamped at the newest migration.

Running every migration on an empty database costs about half a second at each first start and
first import (Alembic's import, a batch-mode table copy per step). Creating the tables from
`orm.Base.metadata`, plus what the migrations add outside the models (SQLite's FTS5 table,
PostgreSQL's folded text with its pg_trgm index), builds the same schema:
`tests/storage/test_fresh_schema.py` compares it with the migrated one. Databases that exist
still go through the migrations (docs/architecture.md, "Units of work and durability").

A new SQLite file is made from `schema.sql` beside this module, the statements `create_fresh`
runs there as SQL text, on the standard `sqlite3` module: importing SQLAlchemy and the models
for it would cost about as much as the user's first import itself (docs/benchmarks.md,
"Session 3: a new database without SQLAlchemy"). The models stay the one source: the file is
written by ``python -m desktop.storage.schema``, and a test keeps it equal to what
`create_fresh` builds.
"""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy import Connection

#: The SQLite schema at the newest revision as SQL text, generated from the models.
SQLITE_SCRIPT = Path(__file__).with_name("schema.sql")
_HEADER = (
    "-- The SQLite schema of a new Mizan database, in the order `create_fresh` makes it.\n"
    "-- Generated from the models by `python -m desktop.storage.schema`: do not edit by hand.\n"
)


def create_fresh(conn: Connection, revision: str) -> None:
    """The whole schema at ``revision`` on an empty database, in the caller's transaction."""
    from sqlalchemy import text

    from desktop.storage import orm

    orm.Base.metadata.create_all(conn)
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql(
            "CREATE VIRTUAL TABLE document_fts USING fts5(folded, tokenize = 'trigram')"
        )
    else:
        conn.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        conn.exec_driver_sql(
            "CREATE TABLE document_folded (document_id INTEGER PRIMARY KEY "
            "REFERENCES document(id) ON DELETE CASCADE, folded TEXT NOT NULL)"
        )
        conn.exec_driver_sql(
            "CREATE INDEX ix_document_folded_trgm ON document_folded "
            "USING gin (folded gin_trgm_ops)"
        )
    conn.exec_driver_sql(
        "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, "
        "CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))"
    )
    conn.execute(text("INSERT INTO alembic_version (version_num) VALUES (:v)"), {"v": revision})


def create_if_empty(con: sqlite3.Connection, revision: str) -> bool:
    """`create_fresh_sqlite` and COMMIT, in the write transaction the caller began on an SQLite
    file, when the file holds nothing yet; False, with nothing written, when another process
    put something there first."""
    if con.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchone() is not None:
        return False
    create_fresh_sqlite(con, revision)
    con.execute("COMMIT")
    return True


def create_fresh_sqlite(con: sqlite3.Connection, revision: str) -> None:
    """`create_fresh` on an empty SQLite file through a `sqlite3` connection, from
    `SQLITE_SCRIPT`, in the caller's transaction (``executescript`` would commit it first)."""
    for statement in statements(SQLITE_SCRIPT.read_text(encoding="utf-8")):
        con.execute(statement)
    con.execute("INSERT INTO alembic_version (version_num) VALUES (?)", (revision,))


def statements(script: str) -> Iterator[str]:
    """The statements of an SQL script, each whole (``sqlite3.complete_statement``)."""
    pending = ""
    for line in script.splitlines(keepends=True):
        if not pending and (not line.strip() or line.startswith("--")):
            continue
        pending += line
        if sqlite3.complete_statement(pending):
            yield pending.strip()
            pending = ""
    if pending.strip():
        raise ValueError(f"an unfinished SQL statement: {pending[:80]!r}")


def sqlite_script() -> str:
    """`SQLITE_SCRIPT` as the models make it: `create_fresh` on an in-memory database, its
    ``sqlite_master`` in the order things were made, without what SQLite makes itself
    (automatic indexes, ``sqlite_sequence``, the FTS5 table's shadow tables)."""
    from sqlalchemy import create_engine

    engine = create_engine("sqlite://")
    try:
        with engine.begin() as conn:
            create_fresh(conn, "0")
            shadow = {
                row[1] for row in conn.exec_driver_sql("PRAGMA table_list") if row[2] == "shadow"
            }
            made = conn.exec_driver_sql(
                "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY rowid"
            ).all()
    finally:
        engine.dispose()
    groups: list[list[tuple[str, str]]] = []  # each table (or view), then its indexes
    for kind, name, sql in made:
        if name in shadow or name.startswith("sqlite_"):
            continue
        if kind == "index" and groups:
            groups[-1].append((name, sql))
        else:
            groups.append([(name, sql)])
    # a table's indexes are made in the order of a set, which changes with the hash seed
    ordered = [sql for table, *indexes in groups for _name, sql in [table, *sorted(indexes)]]
    return _HEADER + "".join(f"\n{sql};\n" for sql in ordered)


if __name__ == "__main__":  # python -m desktop.storage.schema: writes SQLITE_SCRIPT again
    SQLITE_SCRIPT.write_text(sqlite_script(), encoding="utf-8", newline="\n")
    sys.stdout.write(f"wrote {SQLITE_SCRIPT}\n")
