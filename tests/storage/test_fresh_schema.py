"""A new database is made in one step from the models (desktop/storage/schema.py): its schema
must be the one every migration builds, on SQLite and on PostgreSQL."""

from __future__ import annotations

import pytest
from alembic import command
from sqlalchemy import create_engine, inspect, text

from desktop.app.project import Project
from desktop.storage.database import HEAD_REVISION, Database, alembic_config
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
