"""Mentions are found by their registry entity through an index of linked mentions only
(migration 0006): a new database and an upgraded one both have it, a query by entity and the
foreign key's SET NULL use it, and unlinked mentions cost it nothing."""

from __future__ import annotations

import sqlite3

from alembic import command
from sqlalchemy import create_engine, text

from desktop.storage.database import Database, alembic_config

INDEX = "ix_mention_entity_id"


def _index_and_plan(path) -> tuple[str, str]:
    con = sqlite3.connect(path)
    try:
        (sql,) = con.execute("SELECT sql FROM sqlite_master WHERE name = ?", (INDEX,)).fetchone()
        plan = con.execute(
            "EXPLAIN QUERY PLAN SELECT id FROM mention WHERE entity_id = ?", (1,)
        ).fetchall()
        return sql, " ".join(str(row[-1]) for row in plan)
    finally:
        con.close()


def _linked_mentions(path, n_plain: int, n_linked: int) -> None:
    """A document with ``n_plain`` unlinked mentions and ``n_linked`` linked to entity 1."""
    con = sqlite3.connect(path)
    con.execute("PRAGMA foreign_keys = ON")
    with con:
        con.execute("INSERT INTO entity (id, key, name) VALUES (1, 'putin', 'بوتين')")
        con.execute(
            "INSERT INTO document (id, external_id, text, length, text_sha256, language, "
            "imported_at) VALUES (1, 'd', 'نص', 2, 'x', 'ar', '2025-01-01 00:00:00.000000')"
        )
        con.executemany(
            'INSERT INTO mention (document_id, ext_id, start, "end", label, entity_id, status, '
            "created_at, updated_at) VALUES (1, ?, 0, 1, 'PERS', ?, 'manual', 'x', 'x')",
            [(f"m{k}", 1 if k < n_linked else None) for k in range(n_plain + n_linked)],
        )
    con.close()


def test_a_new_database_indexes_only_linked_mentions(tmp_path):
    path = tmp_path / "new.db"
    Database(str(path)).dispose()
    sql, plan = _index_and_plan(path)
    assert "WHERE entity_id IS NOT NULL" in sql
    assert f"USING COVERING INDEX {INDEX}" in plan

    _linked_mentions(path, n_plain=50, n_linked=3)
    con = sqlite3.connect(path)
    con.execute("PRAGMA foreign_keys = ON")
    with con:
        assert con.execute(
            f"SELECT count(*) FROM mention INDEXED BY {INDEX} WHERE entity_id = 1"
        ).fetchone() == (3,)
        con.execute("DELETE FROM entity WHERE id = 1")  # SET NULL on the linked mentions
    assert con.execute("SELECT count(*) FROM mention WHERE entity_id IS NULL").fetchone() == (53,)
    con.close()


def test_an_upgraded_database_gets_the_index_of_linked_mentions(tmp_path):
    path = tmp_path / "old.db"
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), "0005")
    engine.dispose()
    sql, _ = _index_and_plan(path)
    assert "WHERE" not in sql  # every mention indexed before 0006
    db = Database(str(path))
    db.dispose()
    sql, plan = _index_and_plan(path)
    assert "WHERE entity_id IS NOT NULL" in sql
    assert f"USING COVERING INDEX {INDEX}" in plan


def test_on_postgresql_the_index_holds_linked_mentions_only(postgres_url):
    db = Database(postgres_url)
    try:
        with db.engine.connect() as conn:
            definition = conn.execute(
                text("SELECT indexdef FROM pg_indexes WHERE indexname = :name"), {"name": INDEX}
            ).scalar_one()
    finally:
        db.dispose()
    assert "WHERE (entity_id IS NOT NULL)" in definition
