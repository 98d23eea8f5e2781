"""A new database is made in one step from the models (desktop/storage/schema.py): its schema
must be the one every migration builds, on SQLite and on PostgreSQL."""

from __future__ import annotations

import sqlite3

import pytest
from alembic import command
from sqlalchemy import create_engine, inspect, text

from desktop.app.project import Project
from desktop.core.errors import MizanError
from desktop.storage.database import HEAD_REVISION, Database, alembic_config
from desktop.storage.schema import SQLITE_SCRIPT, create_fresh, sqlite_script
from tests.conftest import SEEDS


def _schema(engine) -> dict:
    """Everything about the schema a query or a constraint can notice."""
    with engine.connect() as conn:
        insp = inspect(conn)
        out = {}
        for table in sorted(insp.get_table_names()):
            out[table] = {
                "columns": [
                    (c["name"], str(c["type"]), c["nullable"], str(c.get("default")))
                    for c in insp.get_columns(table)
                ],
                "pk": sorted(insp.get_pk_constraint(table)["constrained_columns"]),
                "fks": sorted(
                    (
                        tuple(f["constrained_columns"]),
                        f["referred_table"],
                        tuple(f["referred_columns"]),
                        str(f.get("options", {}).get("ondelete")),
                    )
                    for f in insp.get_foreign_keys(table)
                ),
                "indexes": sorted(
                    (i["name"], tuple(i["column_names"]), bool(i["unique"]))
                    for i in insp.get_indexes(table)
                ),
                "unique": sorted(
                    tuple(u["column_names"]) for u in insp.get_unique_constraints(table)
                ),
                "checks": sorted(
                    " ".join(c["sqltext"].split()) for c in insp.get_check_constraints(table)
                ),
            }
        if engine.dialect.name == "sqlite":
            out["sqlite_master"] = sorted(
                conn.execute(text("SELECT type, name, tbl_name FROM sqlite_master")).all()
            )
            out["autoincrement"] = sorted(
                r[0] for r in conn.execute(text("SELECT name FROM sqlite_master WHERE sql LIKE "
                                                "'%AUTOINCREMENT%'"))
            )  # fmt: skip
        return out


def _migrated(url: str) -> None:
    """Every migration, from the first, on an empty database."""
    engine = create_engine(url)
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), "head")
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def urls(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'migrated.db'}", f"sqlite:///{tmp_path / 'fresh.db'}"
    server = request.getfixturevalue("postgres_server")
    return server.create_database(), server.create_database()


def test_a_new_database_has_the_migrated_schema(urls):
    migrated_url, fresh_url = urls
    _migrated(migrated_url)
    fresh = Database(fresh_url)  # made from the models
    assert fresh.schema_revision() == HEAD_REVISION
    migrated = create_engine(migrated_url)
    try:
        assert _schema(fresh.engine) == _schema(migrated)
    finally:
        migrated.dispose()
        fresh.dispose()


def test_a_new_database_works_and_opens_again(tmp_path):
    path = str(tmp_path / "m.db")
    project = Project.open(path, "tester")
    project.import_paths([SEEDS])
    assert project.build_search_index() == 5
    project.close()
    again = Project.open(path, "tester")
    try:
        assert again.db.schema_revision() == HEAD_REVISION
        assert len(again.document_ids()) == 5
        assert again.check() == []
    finally:
        again.close()


def _sqlite_master(con: sqlite3.Connection) -> list[tuple]:
    """Every entry with its SQL text (`create_fresh` makes a table's indexes in set order)."""
    return con.execute(
        "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name"
    ).fetchall()


def test_the_committed_sqlite_script_is_what_the_models_make():
    """`python -m desktop.storage.schema` was run after the models last changed."""
    assert SQLITE_SCRIPT.read_text(encoding="utf-8") == sqlite_script(), (
        "desktop/storage/schema.sql is out of date: run `python -m desktop.storage.schema`"
    )


def test_a_new_sqlite_file_has_the_schema_create_fresh_builds(tmp_path):
    """The file made from the SQL script, without SQLAlchemy, against `create_fresh` through a
    SQLAlchemy connection: the same sqlite_master, entry by entry, and the same stamp."""
    Database(tmp_path / "script.db").dispose()  # a new file: made from schema.sql
    models = create_engine(f"sqlite:///{tmp_path / 'models.db'}")
    with models.begin() as conn:
        create_fresh(conn, HEAD_REVISION)
    models.dispose()
    script = sqlite3.connect(tmp_path / "script.db")
    made = sqlite3.connect(tmp_path / "models.db")
    try:
        assert len(_sqlite_master(script)) > 30  # the tables, indexes and FTS5 shadow tables
        assert _sqlite_master(script) == _sqlite_master(made)
        version = "SELECT version_num FROM alembic_version"
        assert script.execute(version).fetchall() == [(HEAD_REVISION,)]
        assert made.execute(version).fetchall() == [(HEAD_REVISION,)]
    finally:
        script.close()
        made.close()


def test_an_empty_file_becomes_a_database_and_a_foreign_one_stays_unchanged(tmp_path):
    empty = tmp_path / "empty.db"
    empty.touch()
    Project.open(str(empty), "tester").close()
    with sqlite3.connect(empty) as con:
        assert con.execute("SELECT version_num FROM alembic_version").fetchall() == [
            (HEAD_REVISION,)
        ]
        assert con.execute("SELECT count(*) FROM label").fetchone()[0] > 0
    con.close()
    foreign = tmp_path / "photos.db"
    with sqlite3.connect(foreign) as con:
        con.execute("CREATE TABLE photos (id INTEGER)")
    con.close()
    before = foreign.read_bytes()
    with pytest.raises(MizanError, match="not a Mizan database"):
        Database(foreign)
    assert foreign.read_bytes() == before


def _labels(con: sqlite3.Connection) -> list[tuple]:
    return con.execute(
        "SELECT s.id, s.name, l.id, l.key, l.name_en, l.name_ar, l.color, l.shortcut, "
        "l.description, l.position FROM label_set s JOIN label l ON l.label_set_id = s.id "
        "ORDER BY l.id"
    ).fetchall()


def test_the_default_label_set_of_a_new_file_is_the_one_a_session_installs(tmp_path):
    """The label set seeded as SQL text on a new file (storage/labels.py) against the one
    `ensure_label_set` writes through a session, on a file opened through a URL with options
    (which takes the engine path)."""
    Project.open(str(tmp_path / "lean.db"), "tester").close()
    Project.open(f"sqlite:///{tmp_path / 'engine.db'}?timeout=15", "tester").close()
    lean = sqlite3.connect(tmp_path / "lean.db")
    engine = sqlite3.connect(tmp_path / "engine.db")
    try:
        assert len(_labels(lean)) > 5
        assert _labels(lean) == _labels(engine)
        assert _sqlite_master(lean) == _sqlite_master(engine)
    finally:
        lean.close()
        engine.close()
