"""A database made by an older version opens in a newer one."""

from __future__ import annotations

import hashlib

from alembic import command
from sqlalchemy import create_engine, text

from desktop.storage.database import HEAD_REVISION, Database, alembic_config
from desktop.storage.search import search_document_ids


def test_a_baseline_database_with_documents_upgrades_and_becomes_searchable(db_path):
    engine = create_engine(f"sqlite:///{db_path}")
    body = "قال الرئيسُ فلاديمير بوتـــين"
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), "0001")
        conn.execute(
            text(
                "INSERT INTO document (external_id, text, length, text_sha256, language, "
                "imported_at) VALUES ('old', :t, :n, :h, 'ar', '2025-01-01 00:00:00.000000')"
            ),
            {"t": body, "n": len(body), "h": hashlib.sha256(body.encode()).hexdigest()},
        )
    engine.dispose()

    db = Database(db_path)
    assert db.schema_revision() == HEAD_REVISION
    with db.reading() as session:
        assert search_document_ids(session, "بوتين") == [1]
        assert search_document_ids(session, "الرئيس") == [1]
    db.dispose()


def test_head_revision_constant_matches_alembic():
    from alembic.script import ScriptDirectory

    from desktop.storage.database import HEAD_REVISION

    assert ScriptDirectory.from_config(alembic_config()).get_current_head() == HEAD_REVISION
