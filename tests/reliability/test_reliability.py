"""Nothing lost, nothing raw: crashes, concurrent writers and first opens, a busy database, a
closed pipe. (Hostile files: tests/formats/test_hostile.py; foreign databases:
tests/storage/test_foreign_databases.py; 1,000 crash runs: python -m benchmarks.reliability.)"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading

import pytest
from sqlalchemy import text

from desktop.app.project import Project
from desktop.app.workspace import Workspace
from desktop.storage.database import Database
from tests.cli.test_cli import mizan
from tests.conftest import ROOT, SEEDS, SPUTNIK
from tests.support.crash import crash_loop, prepare


def test_durability_settings_are_in_force_for_the_app(db_path):
    project = Project.open(str(db_path), "tester")
    try:
        with project.db.writing() as s:
            assert s.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert s.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
    finally:
        project.close()


def test_crash_loop_loses_no_acknowledged_mention(db_path):
    prepare(db_path)
    report = crash_loop(db_path, runs=6)
    assert report.integrity == []
    assert report.lost == []
    assert report.acknowledged >= 6


OPEN = "import sys; from desktop.app.project import Project; Project.open(sys.argv[1], 'p').close()"


def _open_at_once(target: str, n: int = 3) -> list[subprocess.CompletedProcess]:
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", OPEN, target],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(n)
    ]
    return [(p.wait(timeout=120), p.stderr.read()) for p in procs]


@pytest.mark.parametrize("attempt", range(3))
def test_three_first_opens_of_a_new_sqlite_file_all_succeed(tmp_path, attempt):
    target = tmp_path / "new" / "mizan.db"
    results = _open_at_once(str(target))
    assert [code for code, _ in results] == [0, 0, 0], [err for _, err in results]
    con = sqlite3.connect(target)
    assert con.execute("SELECT count(*) FROM label_set").fetchone() == (1,)
    con.close()


def test_three_first_opens_of_a_new_postgresql_database_all_succeed(postgres_url):
    results = _open_at_once(postgres_url)
    assert [code for code, _ in results] == [0, 0, 0], [err for _, err in results]
    db = Database(postgres_url)
    try:
        with db.reading() as s:
            assert s.execute(text("SELECT count(*) FROM label_set")).scalar() == 1
    finally:
        db.dispose()


def _two_annotators_at_once(url: str) -> None:
    setup = Project.open(url, "setup")
    setup.import_paths([SEEDS / f"{SPUTNIK}.txt"])
    setup.close()
    errors: list[BaseException] = []
    made: dict[str, list[int]] = {"a": [], "b": []}

    def annotate(name: str) -> None:
        try:
            ws = Workspace(Project.open(url, name))
            doc = ws.documents()[0].id
            for i in range(25):
                made[name].append(ws.create_mention(doc, i * 3, i * 3 + 2, "PERS").mention_ids[0])
            ws.project.close()
        except BaseException as exc:  # pragma: no cover - the failure we guard against
            errors.append(exc)

    threads = [threading.Thread(target=annotate, args=(n,)) for n in made]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    db = Database(url)
    try:
        with db.reading() as s:
            stored = set(s.execute(text("SELECT id FROM mention")).scalars())
    finally:
        db.dispose()
    assert set(made["a"]) | set(made["b"]) <= stored
    assert len(stored) == 50


def test_two_annotators_on_one_document_at_once_lose_nothing_sqlite(db_path):
    _two_annotators_at_once(str(db_path))


def test_two_annotators_on_one_document_at_once_lose_nothing_postgresql(postgres_url):
    _two_annotators_at_once(postgres_url)


def test_a_busy_database_says_it_waits_then_fails_with_one_line(db_path):
    prepare(db_path)
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another Mizan in the middle of a long write
    try:
        script = (
            "import sys; from desktop.cli import main; import desktop.storage.database as d; "
            "d.WAIT_SECONDS = 0.5; sys.exit(main(sys.argv[1:]))"
        )
        result = subprocess.run(
            [sys.executable, "-c", script, "--db", str(db_path), "import", str(SEEDS)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 1
    assert lines[0] == f"mizan: waiting for another Mizan to finish writing to {db_path}…"
    assert lines[-1].startswith(f"mizan: error: {db_path}: another Mizan kept the database busy")
    assert "internal error" not in result.stderr
    con = sqlite3.connect(db_path)
    assert con.execute("SELECT count(*) FROM document").fetchone() == (1,)  # nothing half-done
    con.close()


@pytest.mark.parametrize("args", [("stats", "--json"), ("stats",), ("check",)])
def test_a_closed_pipe_ends_quietly(tmp_path, args):
    """`mizan stats --json | head`: the reader is gone before Mizan writes."""
    db = tmp_path / "m.db"
    mizan("--db", db, "import", SEEDS, check=True)
    proc = subprocess.Popen(
        [sys.executable, "-m", "desktop", "--db", str(db), *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    proc.stdout.close()  # nobody reads what it prints
    err = proc.stderr.read()
    assert proc.wait(timeout=120) == 141
    assert err == ""
