"""A brand-new database made in one step from the models, stamped at the newest migration.

Running every migration on an empty database costs about half a second at each first start and
first import (Alembic's import, a batch-mode table copy per step). Creating the tables from
`orm.Base.metadata`, plus what the migrations add outside the models (SQLite's FTS5 table,
PostgreSQL's folded text with its pg_trgm index), builds the same schema:
`tests/storage/test_fresh_schema.py` compares it with the migrated one. Databases that exist
still go through the migrations (docs/architecture.md, "Units of work and durability").
"""

from __future__ import annotations

from sqlalchemy import Connection, text

from desktop.storage import orm


def create_fresh(conn: Connection, revision: str) -> None:
    """The whole schema at ``revision`` on an empty database, in the caller's transaction."""
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
