"""Rows are found by a nullable foreign key through an index of the rows that have one
(migrations 0006 and 0007): mentions by registry entity, claims by the mention or entity their
source names. A new database and an upgraded one both have them, a query by that key and the
foreign key's SET NULL use them, and rows without the key cost them nothing."""

from __future__ import annotations

import sqlite3

import pytest
from alembic import command
from sqlalchemy import create_engine, text

from desktop.storage.database import Database, alembic_config

INDEXES = {  # index -> (table, column)
    "ix_mention_entity_id": ("mention", "entity_id"),
    "ix_claim_source_mention_id": ("claim", "source_mention_id"),
    "ix_claim_source_entity_id": ("claim", "source_entity_id"),
}


def _indexes(path) -> dict[str, tuple[str | None, str]]:
    """Index -> (its SQL or None, the plan of a query by its column)."""
    con = sqlite3.connect(path)
    try:
        out = {}
        for name, (table, column) in INDEXES.items():
            row = con.execute("SELECT sql FROM sqlite_master WHERE name = ?", (name,)).fetchone()
            plan = con.execute(
                f"EXPLAIN QUERY PLAN SELECT id FROM {table} WHERE {column} = ?", (1,)
            ).fetchall()
            out[name] = (row and row[0], " ".join(str(step[-1]) for step in plan))
        return out
    finally:
        con.close()


def _assert_partial(path) -> None:
    for name, (sql, plan) in _indexes(path).items():
        column = INDEXES[name][1]
        assert f"WHERE {column} IS NOT NULL" in sql, name
        assert f"USING COVERING INDEX {name}" in plan, name


def test_a_new_database_indexes_only_rows_with_the_key(tmp_path):
    path = tmp_path / "new.db"
    Database(str(path)).dispose()
    _assert_partial(path)


def test_deleting_what_the_key_names_clears_it_through_the_index(tmp_path):
    path = tmp_path / "new.db"
    Database(str(path)).dispose()
    con = sqlite3.connect(path)
    con.execute("PRAGMA foreign_keys = ON")
    stamp = "2025-01-01 00:00:00.000000"
    with con:
        con.execute("INSERT INTO entity (id, key, name) VALUES (1, 'putin', 'بوتين')")
        con.execute(
            "INSERT INTO document (id, external_id, text, length, text_sha256, language, "
            "imported_at) VALUES (1, 'd', 'قال بوتين', 9, 'x', 'ar', ?)",
            (stamp,),
        )
        con.executemany(
            'INSERT INTO mention (id, document_id, ext_id, start, "end", label, entity_id, '
            "status, created_at, updated_at) VALUES (?, 1, ?, 4, 9, 'PERS', ?, 'manual', ?, ?)",
            [(k, f"m{k}", 1 if k <= 3 else None, stamp, stamp) for k in range(1, 51)],
        )
        con.executemany(
            'INSERT INTO claim (document_id, ext_id, start, "end", source_kind, '
            "source_mention_id, source_entity_id, quote_type, polarity, created_at, updated_at) "
            "VALUES (1, ?, 0, 9, ?, ?, ?, 'indirect', 'asserted', ?, ?)",
            [
                ("c1", "mention", 2, None, stamp, stamp),
                ("c2", "entity", None, 1, stamp, stamp),
                ("c3", "outlet", None, None, stamp, stamp),
            ],
        )
    with con:
        con.execute("DELETE FROM mention WHERE id = 2")
        con.execute("DELETE FROM entity WHERE id = 1")
    assert con.execute("SELECT count(*) FROM mention WHERE entity_id IS NOT NULL").fetchone() == (
        0,
    )
    sources = con.execute(
        "SELECT ext_id, source_mention_id, source_entity_id FROM claim ORDER BY ext_id"
    ).fetchall()
    assert sources == [("c1", None, None), ("c2", None, None), ("c3", None, None)]
    con.close()


def test_an_upgraded_database_gets_the_partial_indexes(tmp_path):
    path = tmp_path / "old.db"
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), "0005")
    engine.dispose()
    before = _indexes(path)
    assert "WHERE" not in before["ix_mention_entity_id"][0]  # every mention indexed before
    assert before["ix_claim_source_mention_id"][0] is None  # no index of claims by source
    Database(str(path)).dispose()
    _assert_partial(path)


@pytest.mark.parametrize("name", sorted(INDEXES))
def test_on_postgresql_each_index_holds_rows_with_the_key_only(postgres_url, name):
    db = Database(postgres_url)
    try:
        with db.engine.connect() as conn:
            definition = conn.execute(
                text("SELECT indexdef FROM pg_indexes WHERE indexname = :name"), {"name": name}
            ).scalar_one()
    finally:
        db.dispose()
    assert f"WHERE ({INDEXES[name][1]} IS NOT NULL)" in definition
