"""A column limited to a few values (a mention's status, a claim's quote type …) refuses any
other value and takes each of its own, in a new database, in one upgraded from revision 0007,
and on PostgreSQL. From migration 0008 the checks are ``=`` comparisons joined by OR: SQLite
evaluated ``IN (…)`` lists of three or more values slowly at every row."""

from __future__ import annotations

import importlib
import itertools
import sqlite3

import pytest
from alembic import command
from sqlalchemy import create_engine, event, text
from sqlalchemy.exc import IntegrityError

from desktop.storage.database import HEAD_REVISION, Database, alembic_config

CHECKS = importlib.import_module("desktop.storage.migrations.versions.0008_one_of_checks").CHECKS
STAMP = "2025-01-01 00:00:00.000000"


def _parents(conn) -> None:
    """The document and cluster the checked rows refer to."""
    conn.execute(
        text(
            "INSERT INTO document (id, external_id, text, length, text_sha256, language, "
            "imported_at) VALUES (1, 'd', 'قال بوتين', 9, 'x', 'ar', :t)"
        ),
        {"t": STAMP},
    )
    conn.execute(
        text("INSERT INTO claim_cluster (id, label, created_at) VALUES (1, 'k', :t)"), {"t": STAMP}
    )


def _row(table: str, key: int, **values) -> None:
    """An INSERT of one row of ``table`` with ``values`` over plain ones; ``key`` makes it
    unique."""
    plain = {
        "annotator": {"id": key, "name": f"a{key}", "created_at": STAMP},
        "document_status": {"document_id": 1, "annotator_id": key, "status": "done",
                            "updated_at": STAMP},
        "mention": {"id": key, "document_id": 1, "ext_id": f"m{key}", "start": 0, "end": 3,
                    "label": "PERS", "status": "manual", "created_at": STAMP,
                    "updated_at": STAMP},
        "history": {"id": key, "at": STAMP, "action": "a", "description": "d", "redo": "{}",
                    "undo": "{}", "state": "done"},
        "claim": {"id": key, "document_id": 1, "ext_id": f"c{key}", "start": 0, "end": 3,
                  "quote_type": "direct", "polarity": "asserted", "created_at": STAMP,
                  "updated_at": STAMP},
        "cluster_member": {"cluster_id": 1, "claim_id": key, "relation": "agrees"},
    }[table]  # fmt: skip
    values = {**plain, **values}
    names = ", ".join(f'"{c}"' for c in values)
    marks = ", ".join(f":{c}" for c in values)
    return text(f"INSERT INTO {table} ({names}) VALUES ({marks})"), values


def _insert(engine, table: str, column: str, value: str | None, key: int) -> None:
    """One row whose ``column`` holds ``value``, after the row it refers to, in one
    transaction."""
    with engine.begin() as conn:
        if table == "document_status":
            conn.execute(*_row("annotator", key))
        if table == "cluster_member":
            conn.execute(*_row("claim", key))
        conn.execute(*_row(table, key, **{column: value}))


def _assert_checks(engine) -> None:
    """Each listed value (and NULL where allowed) is taken, any other value refused, in every
    checked column."""
    with engine.begin() as conn:
        _parents(conn)
    keys = itertools.count(1)
    for table, _, column, values, nullable in CHECKS:
        for value in (*values, *((None,) if nullable else ())):
            _insert(engine, table, column, value, next(keys))
        for other in ("other", values[0].upper(), f" {values[0]}"):
            with pytest.raises(IntegrityError, match=f"ck_{table}_|CHECK"):
                _insert(engine, table, column, other, next(keys))


def _definitions(path) -> str:
    con = sqlite3.connect(path)
    try:
        return "\n".join(
            r[0] for r in con.execute("SELECT sql FROM sqlite_master WHERE type = 'table'")
        )
    finally:
        con.close()


def _at(path, revision: str, engine_setup=None) -> None:
    engine = create_engine(f"sqlite:///{path}")
    if engine_setup:
        engine_setup(engine)
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), revision)
    engine.dispose()


def test_a_new_database_checks_values_with_comparisons(tmp_path):
    path = tmp_path / "new.db"
    Database(str(path)).dispose()
    sql = _definitions(path)
    assert " IN (" not in sql
    assert "status = 'manual' OR status = 'suggested'" in sql
    engine = create_engine(f"sqlite:///{path}")
    try:
        _assert_checks(engine)
    finally:
        engine.dispose()


def test_an_upgraded_database_keeps_its_rows_and_checks_the_same_values(tmp_path):
    path = tmp_path / "old.db"
    _at(path, "0007")
    assert "status IN ('manual', 'suggested', 'accepted', 'rejected')" in _definitions(path)
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        _parents(conn)
        conn.execute(*_row("mention", 1, status="accepted"))
        conn.execute(*_row("claim", 1, quote_type="mixed"))
    engine.dispose()
    before = sqlite3.connect(path)  # a connection open while the definitions change
    version = before.execute("PRAGMA schema_version").fetchone()[0]

    db = Database(str(path))  # upgrades
    assert db.schema_revision() == HEAD_REVISION
    db.dispose()

    assert " IN (" not in _definitions(path)
    assert before.execute("PRAGMA schema_version").fetchone()[0] == version + 1
    assert before.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    with pytest.raises(sqlite3.IntegrityError, match="ck_mention_status"):
        before.execute("UPDATE mention SET status = 'bogus'")
    before.close()
    con = sqlite3.connect(path)
    assert con.execute("SELECT ext_id, status FROM mention").fetchall() == [("m1", "accepted")]
    assert con.execute("SELECT ext_id, quote_type FROM claim").fetchall() == [("c1", "mixed")]
    con.close()
    engine = create_engine(f"sqlite:///{path}")
    try:
        with engine.begin() as conn:  # the rows above out of the way of the check's rows
            conn.execute(text("DELETE FROM claim"))
            conn.execute(text("DELETE FROM mention"))
            conn.execute(text("DELETE FROM claim_cluster"))
            conn.execute(text("DELETE FROM document"))
            conn.execute(text("DELETE FROM annotator"))
        _assert_checks(engine)
    finally:
        engine.dispose()


def test_the_downgrade_gives_the_lists_back(tmp_path):
    path = tmp_path / "db.db"
    _at(path, "0007")
    old = _definitions(path)
    _at(path, "0008")
    assert _definitions(path) != old
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        command.downgrade(alembic_config(conn), "0007")
    engine.dispose()
    assert _definitions(path) == old


def test_a_sqlite_that_refuses_schema_edits_keeps_its_lists_and_upgrades(tmp_path):
    """Some builds refuse writes to sqlite_master (SQLITE_DBCONFIG_DEFENSIVE): the checks stay
    as they were, meaning the same, and the database is at the newest revision."""
    path = tmp_path / "db.db"
    _at(path, "0007")
    old = _definitions(path)

    def refuse(engine):
        @event.listens_for(engine, "connect")
        def _connect(dbapi, _record):
            def authorize(action, arg1, *_):
                if action == sqlite3.SQLITE_UPDATE and arg1 in ("sqlite_master", "sqlite_schema"):
                    return sqlite3.SQLITE_DENY
                return sqlite3.SQLITE_OK

            dbapi.set_authorizer(authorize)

    _at(path, "head", refuse)
    assert _definitions(path) == old
    db = Database(str(path))
    try:
        assert db.schema_revision() == HEAD_REVISION
        _assert_checks(db.engine)
    finally:
        db.dispose()


def test_on_postgresql_the_checks_refuse_other_values(postgres_url):
    db = Database(postgres_url)
    try:
        _assert_checks(db.engine)
    finally:
        db.dispose()


def test_on_postgresql_an_upgraded_database_checks_the_same_values(postgres_url):
    engine = create_engine(postgres_url)
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), "0007")
    engine.dispose()
    db = Database(postgres_url)
    try:
        assert db.schema_revision() == HEAD_REVISION
        with db.engine.connect() as conn:
            definition = conn.execute(
                text(
                    "SELECT pg_get_constraintdef(oid) FROM pg_constraint "
                    "WHERE conname = 'ck_mention_status'"
                )
            ).scalar_one()
        assert " OR " in definition
        _assert_checks(db.engine)
    finally:
        db.dispose()
