"""The same project on a real PostgreSQL server (started by tests/support/postgres.py)."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from desktop.app.project import Project
from desktop.core.errors import MizanError
from desktop.storage.database import HEAD_REVISION, Database
from tests.conftest import ROOT, SEEDS

SHARED_OUTLET = "وكالة مشتركة"


def test_opening_a_project_on_the_server_applies_the_migrations(postgres_url):
    project = Project.open(postgres_url, "tester")
    try:
        assert project.db.schema_revision() == HEAD_REVISION
        assert not project.db.is_sqlite
    finally:
        project.close()
    again = Database(postgres_url, upgrade=False)  # reopening finds the schema in place
    try:
        assert again.schema_revision() == HEAD_REVISION
    finally:
        again.dispose()


def _export(url: str, out) -> bytes:
    project = Project.open(url, "tester")
    try:
        project.import_paths([SEEDS])
        project.export_jsonl(out)
    finally:
        project.close()
    return out.read_bytes()


def test_seeds_export_byte_identical_jsonl_from_postgresql_and_sqlite(postgres_url, tmp_path):
    on_server = _export(postgres_url, tmp_path / "pg.jsonl")
    on_file = _export(str(tmp_path / "mizan.db"), tmp_path / "sqlite.jsonl")
    assert on_server.count(b"\n") >= 5
    assert on_server == on_file


@pytest.mark.parametrize("query", ["بوتين", "الاسد", "الأسد", "موسكو", "روسيا", "قمة", "zz"])
def test_folded_search_finds_the_same_documents_as_on_sqlite(postgres_url, tmp_path, query):
    from desktop.app.workspace import Workspace

    found = []
    for url in (postgres_url, str(tmp_path / "mizan.db")):
        project = Project.open(url, "tester")
        try:
            project.import_paths([SEEDS])
            workspace = Workspace(project)
            found.append(sorted(workspace.document(i).external_id for i in workspace.search(query)))
        finally:
            project.close()
    assert found[0] == found[1]
    if query != "zz":
        assert found[0], f"{query} is in the seeds"


def _mizan(url: str, *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "desktop", "--db", url, "--annotator", "tester", *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_two_imports_at_once_on_one_server_both_land(postgres_server, postgres_url):
    import psycopg

    Project.open(postgres_url, "tester").close()  # schema and annotator in place
    files = sorted(SEEDS.glob("*.txt"))[:2]
    dsn = postgres_url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(dsn) as gate:
        # Hold back writes to the outlet table until both imports have looked the outlet up and
        # are waiting to insert it: the race of two people importing at the same moment, every
        # time instead of now and then.
        gate.execute("LOCK TABLE outlet IN SHARE ROW EXCLUSIVE MODE")
        procs = [_mizan(postgres_url, "import", str(f), "--outlet", SHARED_OUTLET) for f in files]
        deadline = time.monotonic() + 60
        with psycopg.connect(dsn, autocommit=True) as watch:
            while time.monotonic() < deadline:
                waiting = watch.execute(
                    "SELECT count(*) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND wait_event_type = 'Lock'"
                ).fetchone()[0]
                if waiting >= 2 or any(p.poll() is not None for p in procs):
                    break
                time.sleep(0.05)
        gate.rollback()  # release the lock
    results = [p.communicate(timeout=120) for p in procs]
    codes = [p.returncode for p in procs]
    assert codes == [0, 0], "\n".join(err for _, err in results)
    project = Project.open(postgres_url, "tester")
    try:
        docs = list(project.iter_documents())
    finally:
        project.close()
    assert len(docs) == 2
    assert {d.meta.outlet for d in docs} == {SHARED_OUTLET}


def test_a_wrong_password_is_not_in_the_error(postgres_server, postgres_url):
    secret = "s3cret-Not-The-Password"
    name = postgres_url.rsplit("/", 1)[1]
    url = postgres_server.url(name, password=secret)
    with pytest.raises(MizanError) as caught:
        Project.open(url, "tester")
    message = str(caught.value)
    assert "password authentication failed" in message
    assert secret not in message and postgres_server.password not in message
    proc = _mizan(url, "stats")
    out, err = proc.communicate(timeout=120)
    assert proc.returncode != 0
    assert "password authentication failed" in err
    assert secret not in out + err


def test_a_missing_server_skips_but_fails_where_ci_requires_it(monkeypatch):
    from tests.support import postgres

    monkeypatch.delenv("MIZAN_REQUIRE_POSTGRES", raising=False)
    with pytest.raises(pytest.skip.Exception, match="initdb is not on PATH"):
        postgres._unavailable("initdb is not on PATH")
    monkeypatch.setenv("MIZAN_REQUIRE_POSTGRES", "1")
    with pytest.raises(pytest.fail.Exception, match="required"):
        postgres._unavailable("initdb is not on PATH")
