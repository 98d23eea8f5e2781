"""The read commands' SQL text (storage/corpus.py, storage/health.py) gives the same answers on
an SQLite file read with sqlite3 and on PostgreSQL read through SQLAlchemy."""

from __future__ import annotations

from desktop.app.project import Project
from desktop.app.statistics import statistics
from desktop.core.filters import ExportFilter
from tests.conftest import ROOT

DEMO = ROOT / "seeds" / "demo" / "demo.ndjson"


def _read_all(url: str, tmp_path, name: str) -> tuple[bool, dict, bytes, list, list]:
    project = Project.open(url, "tester")
    try:
        project.import_paths([DEMO])
    finally:
        project.close()
    reopened = Project.open(url, "tester", create=False)  # an SQLite file opens lean here
    try:
        out = tmp_path / f"{name}.jsonl"
        reopened.export_jsonl(out)
        outlet = sorted(d.meta.outlet for d in reopened.iter_documents() if d.meta.outlet)[0]
        chosen = [d.external_id for d in reopened.iter_documents(ExportFilter(outlets=(outlet,)))]
        stats = statistics(reopened)
        return reopened.db.lean, stats, out.read_bytes(), chosen, reopened.check()
    finally:
        reopened.close()


def test_sqlite_read_with_sqlite3_and_postgresql_agree(postgres_url, db_path, tmp_path):
    lean, sqlite_stats, sqlite_export, sqlite_chosen, sqlite_problems = _read_all(
        str(db_path), tmp_path, "sqlite"
    )
    on_session, pg_stats, pg_export, pg_chosen, pg_problems = _read_all(
        postgres_url, tmp_path, "postgres"
    )
    assert lean and not on_session  # sqlite3 on one side, SQLAlchemy on the other
    assert sqlite_stats["mentions"] == 252 and sqlite_stats["clusters"] == 3
    assert sqlite_stats["claims_by_speaker"]  # the demo's claims name their speakers
    assert sqlite_stats == pg_stats
    assert sqlite_export == pg_export and sqlite_export.count(b"\n") == 5 + 3  # docs, clusters
    assert sqlite_chosen == pg_chosen and len(sqlite_chosen) == 1
    assert sqlite_problems == pg_problems == []
