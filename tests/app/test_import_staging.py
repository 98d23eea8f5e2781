"""A long import holds up nobody who has the file open and lands whole or not at all
(desktop/storage/staging.py): another process that had the file open writes while it runs, one
that arrives during a direct import waits for it, told so; killed with SIGKILL mid-run, or
failing on its last record, it leaves nothing behind, and the same import then succeeds."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.app.live import ExternalChanges
from desktop.app.project import Project
from desktop.app.workspace import Workspace
from desktop.core.errors import InputError
from desktop.storage import staging
from desktop.storage.database import Database
from tests.conftest import ROOT, SEEDS
from tests.support.corpus import write_corpus
from tests.support.open_file import held_open

# Imports the files given, one by one; after each file it prints its count, and after file
# number PAUSE_AFTER it waits until the file GO exists (the test writes meanwhile, or kills it).
IMPORTER = """
import os, sys, time
from desktop.app.project import Project
db, pause_after, go, *files = sys.argv[1:]
project = Project.open(db, "importer")
def progress(done, total):
    print(done, flush=True)
    if done == int(pause_after):
        while not os.path.exists(go):
            time.sleep(0.02)
report = project.import_paths(files, progress=progress)
print("done", len(report.documents), flush=True)
"""


def _files(tmp_path: Path, n_files: int, docs_per_file: int) -> list[str]:
    """Files of distinct generated articles (each file a different slice of one corpus)."""
    corpus = tmp_path / "corpus.jsonl"
    write_corpus(corpus, n_files * docs_per_file, 3)
    lines = corpus.read_text(encoding="utf-8").splitlines(keepends=True)
    files = []
    for i in range(n_files):
        f = tmp_path / f"part{i:02d}.jsonl"
        f.write_text("".join(lines[i * docs_per_file : (i + 1) * docs_per_file]), "utf-8")
        files.append(str(f))
    return files


def _start(db: Path, files: list[str], pause_after: int, go: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-c", IMPORTER, str(db), str(pause_after), str(go), *files],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )


def _wait_for(proc: subprocess.Popen, line: str) -> None:
    for got in proc.stdout:
        if got.strip() == line:
            return
    raise AssertionError(f"the importer ended before {line!r}: {proc.stderr.read()}")


def _counts(db: Path) -> dict[str, int]:
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return {
            t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("document", "mention", "claim", "search_pending", "document_status")
        }
    finally:
        con.close()


@pytest.fixture(params=["new database", "existing database", "database open elsewhere"])
def db_file(request, tmp_path) -> Iterator[Path]:
    """Every way an import writes (desktop/storage/staging.py): straight into the tables of a
    database this process has just created, or of one that existed before (here made and
    closed first, empty) and nobody has open; and staged beside the tables of one somebody
    has open (here a connection watching it, as a window's does, all through the test)."""
    path = tmp_path / "m.db"
    if request.param == "new database":
        yield path
        return
    Project.open(str(path), "tester").close()
    if request.param == "existing database":
        yield path
        return
    with held_open(path):
        yield path


@pytest.fixture
def seeded_db(tmp_path) -> Path:
    db = tmp_path / "m.db"
    project = Project.open(str(db), "tester")
    project.import_paths([SEEDS])
    project.close()
    return db


def test_another_process_writes_while_an_import_runs(tmp_path, seeded_db):
    """The other process has the file open before the import starts (a window on it): the
    import stages its rows and holds the write lock only to publish them."""
    files = _files(tmp_path, 4, 300)
    go = tmp_path / "go"
    # a writer that would give up after 2 s if the import held the write lock, watching the
    # file for other writers as a window does (a connection open on it all the while)
    db = Database(str(seeded_db), wait_seconds=2)
    watching = ExternalChanges(db)
    workspace = Workspace(Project(db, "other"))
    doc = workspace.documents()[0].id
    proc = _start(seeded_db, files, 2, go)
    try:
        _wait_for(proc, "2")  # 600 documents read and staged; the import is paused
        change = workspace.create_mention(doc, 0, 3, "PERS")
        assert change.mention_ids
        watching.close()
        workspace.project.close()
        assert _counts(seeded_db)["document"] == 5  # nothing of the import is visible yet
        go.touch()
        _wait_for(proc, "done 1200")
        assert proc.wait(timeout=60) == 0
    finally:
        proc.kill()
    counts = _counts(seeded_db)
    assert counts["document"] == 5 + 1200
    assert counts["search_pending"] == 5 + 1200  # the seeds were never indexed either
    project = Project.open(str(seeded_db), "reader")
    try:
        docs = list(project.iter_documents())
        mine = [m for d in docs for m in d.mentions if m.annotator == "other"]
        assert len(mine) == 1
        imported = {d.external_id: d for d in docs if d.external_id.startswith("gen-")}
        assert len(imported) == 1200
        assert all(len(d.mentions) + len(d.claims) == 3 for d in imported.values())
    finally:
        project.close()


def test_a_writer_arriving_during_a_direct_import_waits_for_it(tmp_path, seeded_db):
    """Nobody had the file open when the import began, so it writes the tables directly and
    holds the write lock until it ends: a writer arriving meanwhile is told it waits, and its
    change is saved once the import is in."""
    files = _files(tmp_path, 2, 300)
    go = tmp_path / "go"
    proc = _start(seeded_db, files, 1, go)
    try:
        _wait_for(proc, "1")  # 300 documents written; the import is paused, holding the lock
        threading.Timer(1.0, go.touch).start()  # the import goes on a second later
        waits = []
        db = Database(str(seeded_db), wait_seconds=60, on_wait=waits.append)
        workspace = Workspace(Project(db, "other"))  # a new annotator's name: a write
        assert len(waits) == 1 and "another Mizan" in waits[0]  # the wait was announced
        assert len(workspace.documents()) == 605  # it waited for the whole import
        doc = workspace.documents()[0].id
        change = workspace.create_mention(doc, 0, 3, "PERS")
        assert change.mention_ids
        workspace.project.close()
        _wait_for(proc, "done 600")
        assert proc.wait(timeout=60) == 0
    finally:
        proc.kill()
    assert _counts(seeded_db)["document"] == 5 + 600
    project = Project.open(str(seeded_db), "reader")
    try:
        docs = list(project.iter_documents())
        assert len(docs) == 605
        assert [m.annotator for d in docs for m in d.mentions].count("other") == 1
    finally:
        project.close()


def test_an_import_killed_mid_run_leaves_nothing(tmp_path, seeded_db):
    files = _files(tmp_path, 4, 300)
    before = _counts(seeded_db)
    proc = _start(seeded_db, files, 3, tmp_path / "never")
    try:
        _wait_for(proc, "3")  # 900 documents staged in two committed batches
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        proc.kill()
    assert _counts(seeded_db) == before
    project = Project.open(str(seeded_db), "tester")  # reopened: the import runs again whole
    try:
        report = project.import_paths(files)
        assert len(report.documents) == 1200 and not report.skipped
        assert len(project.document_ids()) == 1205
        assert project.check() == []
    finally:
        project.close()


def test_a_bad_record_after_many_batches_imports_nothing(tmp_path, seeded_db):
    corpus = tmp_path / "big.jsonl"
    write_corpus(corpus, 1200, 3)
    with corpus.open("a", encoding="utf-8") as f:
        f.write(json.dumps({"id": "bad", "text": "نص", "entities": [{"start": 0, "end": 9}]}))
        f.write("\n")
    before = _counts(seeded_db)
    project = Project.open(str(seeded_db), "tester")
    try:
        with pytest.raises(InputError, match="line 1201"):
            project.import_paths([corpus])
    finally:
        project.close()
    assert _counts(seeded_db) == before
    with sqlite3.connect(seeded_db) as con:  # no new outlet, event or annotator either
        names = con.execute("SELECT count(*) FROM annotator").fetchone()[0]
    assert names == 1


def test_a_staged_import_refuses_texts_another_import_stored_meanwhile(tmp_path, seeded_db):
    """Two imports stage side by side (a window has the file open); the one publishing second
    finds a text the first stored since it looked, imports nothing and says to run it again,
    which then skips what is stored."""
    files = _files(tmp_path, 2, 300)
    go = tmp_path / "go"
    with held_open(seeded_db):  # as an open window
        proc = _start(seeded_db, files, 1, go)
        try:
            _wait_for(proc, "1")  # the first file staged; the import is paused
            project = Project.open(str(seeded_db), "importer")  # the same annotator, elsewhere
            try:
                assert len(project.import_paths([files[0]]).documents) == 300
            finally:
                project.close()
            go.touch()
            assert proc.wait(timeout=60) != 0
            error = proc.stderr.read()
            assert "another import stored document gen-" in error
            assert "run the import again" in error
        finally:
            proc.kill()
    assert _counts(seeded_db)["document"] == 5 + 300  # nothing of the refused import
    project = Project.open(str(seeded_db), "importer")
    try:
        report = project.import_paths(files)
        assert len(report.documents) == 300 and len(report.skipped) == 300
        assert len(project.document_ids()) == 605
        assert project.check() == []
    finally:
        project.close()


def _content(project: Project) -> list:
    return sorted(
        (
            d.external_id,
            d.meta.outlet,
            sorted((m.ext_id, m.start, m.end, m.label, m.annotator) for m in d.mentions),
            sorted((c.ext_id, c.start, c.end, str(c.source)) for c in d.claims),
        )
        for d in project.iter_documents()
    )


def test_on_postgresql_an_import_lands_the_same_and_ids_go_on(postgres_url, tmp_path):
    files = _files(tmp_path, 2, 50)
    claims = tmp_path / "claims.jsonl"  # two claims on new texts and a cluster of them
    text = "قال الرئيس إن المحادثات جيدة"
    with claims.open("w", encoding="utf-8") as f:
        for i in (1, 2):
            claim = {"id": "c1", "start": 0, "end": 10, "source": {"mention": "m1"}}
            mention = {"id": "m1", "start": 4, "end": 10, "label": "PERS"}
            record = {"id": f"k{i}", "text": f"{text} {i}", "entities": [mention]}
            f.write(json.dumps({**record, "claims": [claim]}, ensure_ascii=False) + "\n")
        members = [{"document": f"k{i}", "claim": "c1"} for i in (1, 2)]
        f.write(json.dumps({"type": "cluster", "label": "talks", "members": members}) + "\n")
    files.append(str(claims))
    lite = Project.open(str(tmp_path / "m.db"), "tester")
    pg = Project.open(postgres_url, "tester")
    try:
        for project in (lite, pg):
            project.import_paths([SEEDS])
            project.import_paths(files)
        assert _content(pg) == _content(lite)
        assert [len(c.members) for c in pg.clusters()] == [2]
        assert [len(c.members) for c in lite.clusters()] == [2]
        # the id sequences moved past the imported rows: new rows do not collide
        workspace = Workspace(pg)
        doc = workspace.documents()[-1].id
        assert workspace.create_mention(doc, 0, 3, "PERS").mention_ids
        again = pg.import_paths([SEEDS])
        assert not again.documents and len(again.skipped) == 5
    finally:
        lite.close()
        pg.close()


def test_an_import_is_staged_only_while_somebody_else_has_the_file_open(request, db_file):
    db = Database(str(db_file))
    stage = staging.ImportStage(db)
    try:
        assert stage.direct is (
            request.node.callspec.params["db_file"] != "database open elsewhere"
        )
        # a file holding no document yet: its references checked over the whole file at the end
        assert stage.fresh is stage.direct
    finally:
        stage.close()
        db.dispose()


def test_a_registry_entity_of_an_earlier_record_serves_later_ones(tmp_path, db_file):
    corpus = tmp_path / "linked.jsonl"
    entity = {"name": "فلاديمير بوتين", "type": "PERS", "aliases": ["بوتين"]}
    with corpus.open("w", encoding="utf-8") as f:
        for i in range(3):
            record = {
                "id": f"p{i}",
                "text": f"قال بوتين اليوم {i}",
                "entities": [{"start": 4, "end": 9, "label": "PERS", "entity": "putin"}],
            }
            if i == 0:
                record["registry"] = {"putin": entity}
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
    project = Project.open(str(db_file), "tester")
    try:
        report = project.import_paths([corpus])
        assert len(report.documents) == 3
        docs = list(project.iter_documents())
        assert [m.entity for d in docs for m in d.mentions] == ["putin"] * 3
        assert sorted(docs[0].registry["putin"].aliases) == ["بوتين"]
    finally:
        project.close()


def test_a_text_twice_in_one_import_adds_the_second_annotators_layer(tmp_path, db_file):
    text = "قال الرئيس بوتين في موسكو"
    corpus = tmp_path / "twice.jsonl"
    lines = [
        {"id": "a", "text": text, "entities": [{"id": "m1", "start": 4, "end": 10,
                                                 "label": "PERS", "annotator": "salma"}]},
        {"id": "b", "text": text, "entities": [{"id": "m1", "start": 11, "end": 16,
                                                 "label": "PERS", "annotator": "omar"}],
         "claims": [{"id": "c1", "start": 0, "end": 16, "source": {"mention": "m1"}}]},
        {"id": "c", "text": text, "entities": [{"id": "m1", "start": 4, "end": 10,
                                                 "label": "PERS", "annotator": "salma"}]},
    ]  # fmt: skip
    corpus.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in lines), encoding="utf-8"
    )
    project = Project.open(str(db_file), "tester")
    try:
        report = project.import_paths([corpus])
        assert [ext for ext, _ in report.documents] == ["a"]
        assert sorted(report.layers) == [("a", "omar"), ("a", "tester")]
        assert any("stored already" in line for line in report.skipped)
        (doc,) = project.iter_documents()
        spans = sorted((m.annotator, m.ext_id, m.start) for m in doc.mentions)
        assert spans == [("omar", "m1@omar", 11), ("salma", "m1", 4)]
        (claim,) = doc.claims
        assert claim.annotator == "tester" and claim.source.mention == "m1@omar"
    finally:
        project.close()


@pytest.mark.parametrize("n_names", [3, 40])  # a few names (inline CASE) and many (lookup table)
def test_names_new_to_the_database_reach_every_row(tmp_path, db_file, n_names):
    corpus = tmp_path / "names.jsonl"
    with corpus.open("w", encoding="utf-8") as f:
        for i in range(2 * n_names):
            who, place = f"annotator{i % n_names}", f"outlet{i % n_names}"
            record = {
                "id": f"n{i}",
                "text": f"قال بوتين اليوم {i}",
                "meta": {"outlet": place, "event": f"event{i % 2}"},
                "entities": [{"id": "m1", "start": 4, "end": 9, "label": "PERS",
                              "annotator": who}],
                "claims": [{"id": "c1", "start": 0, "end": 9, "source": {"mention": "m1"},
                            "annotator": who}],
            }  # fmt: skip
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
    project = Project.open(str(db_file), "tester")
    project.import_paths([corpus])
    project.close()
    project = Project.open(str(db_file), "tester")
    try:
        docs = sorted(project.iter_documents(), key=lambda d: int(d.external_id[1:]))
        assert [d.meta.outlet for d in docs] == [f"outlet{i % n_names}" for i in range(len(docs))]
        assert [d.meta.event for d in docs] == [f"event{i % 2}" for i in range(len(docs))]
        expected = [f"annotator{i % n_names}" for i in range(len(docs))]
        assert [d.mentions[0].annotator for d in docs] == expected
        assert [d.claims[0].annotator for d in docs] == expected
        assert all(d.claims[0].source.mention == "m1" for d in docs)
    finally:
        project.close()


def test_imported_rows_carry_the_time_of_their_import(tmp_path, db_file):
    from datetime import UTC, datetime

    corpus = tmp_path / "corpus.jsonl"
    write_corpus(corpus, 3, 10)
    before = datetime.now(UTC).replace(tzinfo=None)
    project = Project.open(str(db_file), "tester")
    project.import_paths([corpus])
    project.close()
    after = datetime.now(UTC).replace(tzinfo=None)
    con = sqlite3.connect(db_file)
    try:
        stamps = {
            value
            for table, columns in (
                ("document", "imported_at"),
                ("document_status", "updated_at"),
                ("mention", "created_at, updated_at"),
                ("claim", "created_at, updated_at"),
            )
            for row in con.execute(f"SELECT {columns} FROM {table}")
            for value in row
        }
        assert con.execute("SELECT count(*) FROM mention").fetchone()[0] > 0
    finally:
        con.close()
    (stamp,) = stamps  # one time for the whole import, stored as SQLAlchemy stores it
    assert before <= datetime.fromisoformat(stamp) <= after


def test_plain_and_detailed_mentions_of_one_record_keep_their_fields(tmp_path, db_file):
    corpus = tmp_path / "mixed.jsonl"
    record = {
        "id": "mixed",
        "text": "قال الرئيس بوتين في موسكو",
        "registry": {"putin": {"name": "فلاديمير بوتين", "type": "PERS"}},
        "entities": [
            {"id": "m1", "start": 4, "end": 10, "label": "OCC"},
            {"id": "m2", "start": 11, "end": 16, "label": "PERS", "entity": "putin",
             "status": "accepted", "annotator": "omar"},
            {"id": "m3", "start": 20, "end": 25, "label": "GPE", "prefix_len": 0},
        ],
        "claims": [{"id": "c1", "start": 0, "end": 16, "source": {"mention": "m1"}}],
    }  # fmt: skip
    corpus.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    project = Project.open(str(db_file), "tester")
    project.import_paths([corpus])
    project.close()
    project = Project.open(str(db_file), "tester")
    try:
        (doc,) = project.iter_documents()
        got = sorted(
            (m.ext_id, m.start, m.end, m.label, m.entity, m.prefix_len, str(m.status), m.annotator)
            for m in doc.mentions
        )
        assert got == [
            ("m1", 4, 10, "OCC", None, None, "manual", "tester"),
            ("m2", 11, 16, "PERS", "putin", None, "accepted", "omar"),
            ("m3", 20, 25, "GPE", None, 0, "manual", "tester"),
        ]
        (claim,) = doc.claims
        assert claim.source.mention == "m1"
    finally:
        project.close()
