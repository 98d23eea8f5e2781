"""Every way an import runs stores the same rows (desktop/storage/staging.py,
desktop/formats/ahead.py): into a database this process has just created or one holding
documents that nobody else has open (written directly), or into one another process has open
(staged, then copied), with the files read in this process or in a second one. A direct import
that fails leaves the new database empty and usable."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from contextlib import nullcontext
from pathlib import Path

import pytest

from desktop.app.project import Project
from desktop.core.errors import InputError
from desktop.storage import staging
from tests.conftest import ROOT, SEEDS
from tests.support.corpus import rich_corpus, write_corpus
from tests.support.open_file import held_open

TIME_COLUMNS = {"created_at", "updated_at", "imported_at"}


def _dump(db: Path) -> dict[str, list]:
    """Every row of every table, without the times of the import."""
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        tables = [
            name
            for (name,) in con.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        out = {}
        for table in tables:
            columns = [row[1] for row in con.execute(f"PRAGMA table_info({table})")]
            kept = ", ".join(f'"{c}"' for c in columns if c not in TIME_COLUMNS)
            out[table] = sorted(con.execute(f"SELECT {kept} FROM {table}").fetchall(), key=repr)
        return out
    finally:
        con.close()


# `mizan import` as a user runs it (one thread: the files may be read in a second process),
# reporting how it ran: whether it wrote the tables directly, how many processes it forked.
IMPORTER = """
import os, sys
from desktop import cli
from desktop.formats import ahead
from desktop.storage import staging
min_bytes, *args = sys.argv[1:]
ahead.MIN_BYTES = int(min_bytes)
seen = {"direct": [], "forks": 0}
real_init, real_fork = staging.ImportStage.__init__, os.fork
def init(stage, *a, **k):
    real_init(stage, *a, **k)
    seen["direct"].append(stage.direct)
def fork():
    seen["forks"] += 1
    return real_fork()
staging.ImportStage.__init__, os.fork = init, fork
code = cli.main(args)
print("SEEN", seen["direct"], seen["forks"], code, flush=True)
"""


def _import(db: Path, corpus: Path, *, min_bytes: int, more=()) -> tuple[str, str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    args = ["--db", str(db), "--annotator", "tester", "import", str(corpus), *map(str, more)]
    done = subprocess.run(
        [sys.executable, "-c", IMPORTER, str(min_bytes), *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout, done.stderr


@pytest.mark.parametrize("read_ahead", [False, True], ids=["read here", "read ahead"])
@pytest.mark.parametrize(
    "where", ["new", "existing", "open elsewhere"],
    ids=["new database", "existing database", "database open in another process"],
)  # fmt: skip
def test_each_way_of_importing_stores_the_same_rows(tmp_path, where, read_ahead):
    corpus = rich_corpus(tmp_path)
    before = [] if where == "new" else [SEEDS]  # a database holding documents already
    reference = tmp_path / "reference.db"
    project = Project.open(str(reference), "tester")  # in this process, read here
    for paths in (before, [corpus]):
        project.import_paths(paths)
    project.close()

    db = tmp_path / "m.db"
    if before:
        project = Project.open(str(db), "tester")
        project.import_paths(before)
        project.close()
    with held_open(db) if where == "open elsewhere" else nullcontext():
        out, _ = _import(db, corpus, min_bytes=0 if read_ahead else 1 << 40)
    # Staged only while someone else has the file open; written directly otherwise.
    assert f"SEEN [{where != 'open elsewhere'}] {int(read_ahead)} 0" in out
    assert "imported 122 document(s)" in out and "1 claim cluster(s)" in out
    assert "added 1 annotator layer(s)" in out  # salma's, on the text of reg
    assert _dump(db) == _dump(reference)


@pytest.mark.parametrize("read_ahead", [False, True], ids=["read here", "read ahead"])
def test_bidi_controls_are_reported_with_their_line_either_way(tmp_path, read_ahead):
    """The warning is made where the file is read (`ahead.read_with`): in the second process
    when there is one."""
    corpus = tmp_path / "c.jsonl"
    write_corpus(corpus, 30, 3)
    lines = corpus.read_text(encoding="utf-8").splitlines(keepends=True)
    record = json.loads(lines[20])
    record["text"] = "\u202e" + record["text"] + "\u200f"
    record["entities"] = [{**e, "start": e["start"] + 1, "end": e["end"] + 1}
                          for e in record["entities"]]  # fmt: skip
    record["claims"] = [{**c, "start": c["start"] + 1, "end": c["end"] + 1}
                        for c in record["claims"]]  # fmt: skip
    lines[20] = json.dumps(record, ensure_ascii=False) + "\n"
    corpus.write_text("".join(lines), encoding="utf-8")
    _, err = _import(tmp_path / "m.db", corpus, min_bytes=0 if read_ahead else 1 << 40)
    length = len(record["text"])
    assert err.splitlines() == [
        f"mizan: warning: {corpus}, line 21: 2 bidi control characters (1 × RIGHT-TO-LEFT "
        f"OVERRIDE at 0; 1 × RIGHT-TO-LEFT MARK at {length - 1}); 1 can reorder the displayed "
        "text"
    ]


def test_a_direct_import_that_fails_leaves_the_new_database_empty_and_usable(tmp_path):
    good = tmp_path / "good.jsonl"
    write_corpus(good, 700, 5)  # past the first batches, written before the bad record
    bad = tmp_path / "bad.jsonl"
    bad.write_text(
        good.read_text(encoding="utf-8")
        + json.dumps({"id": "bad", "text": "نص", "entities": [{"start": 0, "end": 9}]})
        + "\n",
        encoding="utf-8",
    )
    db = tmp_path / "m.db"
    project = Project.open(str(db), "tester")
    try:
        with pytest.raises(InputError, match="line 701"):
            project.import_paths([bad])
        assert project.document_ids() == []
        report = project.import_paths([good])  # the same database takes the good file whole
        assert len(report.documents) == 700
    finally:
        project.close()
    with sqlite3.connect(db) as con:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert con.execute("SELECT count(*) FROM mention").fetchone()[0] == 700 * 5


def _fails_whole_then_lands(project, corpus, raises, spoilt, before, monkeypatch, real_add):
    """The import with a spoilt row fails as ``raises`` expects and stores nothing (the
    documents stay ``before``); the same file, unspoilt, then lands whole."""
    with raises:
        project.import_paths([corpus])
    assert spoilt and project.document_ids() == before
    monkeypatch.setattr(staging.ImportStage, "add", real_add)
    assert len(project.import_paths([corpus]).documents) == 300


@pytest.mark.parametrize("where", ["new", "in use", "open elsewhere"])
@pytest.mark.parametrize("table", ["mention", "claim"])
def test_an_import_whose_rows_name_a_missing_row_stores_nothing(
    tmp_path, monkeypatch, table, where
):
    """An import's rows are checked for references: written directly, once at the end
    (desktop/storage/staging.py, `_check_references`: the whole new file, or in a file in use
    the rows added since the import took the write lock); staged, row by row as they are
    copied. A row naming a document that does not exist (a bug) fails the import whole."""
    db = tmp_path / "m.db"
    stored = []
    if where != "new":  # documents before; written directly unless somebody has the file open
        project = Project.open(str(db), "tester")
        project.import_paths([SEEDS])
        stored = project.document_ids()
        project.close()
    corpus = tmp_path / "c.jsonl"
    write_corpus(corpus, 300, 20)  # 18 mentions and 2 claims each
    real_add = staging.ImportStage.add
    spoilt = []

    def add(stage, name, rows, columns=None, fixed=None, *, flat=False):
        if name == table and rows and stage.direct is (where != "open elsewhere") and not spoilt:
            if flat:  # every row's values one after the other: id, document_id, …
                rows = [rows[0], 999_999, *rows[2:]]
            else:
                rows = [(*rows[0][:1], 999_999, *rows[0][2:]), *rows[1:]]
            spoilt.append(rows[0])
        real_add(stage, name, rows, columns, fixed, flat=flat)

    monkeypatch.setattr(staging.ImportStage, "add", add)
    project = Project.open(str(db), "tester")
    try:
        holder = held_open(db) if where == "open elsewhere" else nullcontext()
        # staged, the rows are copied with SQLite's own per-row checks (docs/benchmarks.md)
        named = "FOREIGN KEY" if where == "open elsewhere" else f"of {table} names a missing"
        missing = pytest.raises(sqlite3.IntegrityError, match=named)
        with holder:
            _fails_whole_then_lands(project, corpus, missing, spoilt, stored, monkeypatch, real_add)
    finally:
        project.close()
    with sqlite3.connect(db) as con:
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        assert (
            con.execute(f"SELECT count(*) FROM {table} WHERE document_id = 999999").fetchone()[0]
            == 0
        )


@pytest.mark.parametrize("existing", [False, True], ids=["new database", "database in use"])
def test_a_row_breaking_a_check_part_way_through_a_statement_stores_nothing(
    tmp_path, monkeypatch, existing
):
    """Rows are written many to a statement, and SQLite writes them without a statement journal
    (``INSERT OR FAIL``: desktop/storage/staging.py): the rows before a failing one stay in the
    transaction until the import rolls it back whole. Nothing of the import is stored."""
    corpus = tmp_path / "c.jsonl"
    write_corpus(corpus, 300, 20)
    real_add = staging.ImportStage.add
    spoilt = []

    def add(stage, name, rows, columns=None, fixed=None, *, flat=False):
        if name == "mention" and flat and len(rows) > 6 * 100 and not spoilt:
            rows = list(rows)
            rows[6 * 60 + 4] = rows[6 * 60 + 3]  # the 61st mention ends where it starts
            spoilt.append(rows[6 * 60 : 6 * 61])
        real_add(stage, name, rows, columns, fixed, flat=flat)

    db = tmp_path / "m.db"
    project = Project.open(str(db), "tester")
    try:
        if existing:
            project.import_paths([ROOT / "seeds"])
        before = project.document_ids()
        monkeypatch.setattr(staging.ImportStage, "add", add)
        broken = pytest.raises(sqlite3.IntegrityError, match="ck_mention_offsets|CHECK")
        _fails_whole_then_lands(project, corpus, broken, spoilt, before, monkeypatch, real_add)
    finally:
        project.close()
    with sqlite3.connect(db) as con:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = con.execute(
            "SELECT count(*) FROM mention m JOIN document d ON d.id = "
            "m.document_id WHERE d.external_id LIKE 'gen-%'"
        ).fetchone()[0]
        assert stored == 300 * 18


def test_each_file_of_an_import_is_read_ahead(tmp_path):
    lines = rich_corpus(tmp_path).read_text(encoding="utf-8").splitlines(keepends=True)
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    first.write_text("".join(lines[:70]), encoding="utf-8")
    second.write_text("".join(lines[70:]), encoding="utf-8")  # the cluster names claims of both
    reference = tmp_path / "reference.db"
    project = Project.open(str(reference), "tester")
    project.import_paths([first, second])
    project.close()

    db = tmp_path / "m.db"
    out, _ = _import(db, first, min_bytes=0, more=[second])
    assert "SEEN [True] 2 0" in out  # the first file's reading thread gone before the second fork
    assert _dump(db) == _dump(reference)


# `mizan import` that, at the tenth record it receives, kills its reading process (or interrupts
# itself, as Ctrl-C does), and prints the reading process's id first.
BREAKER = """
import os, signal, sys
from desktop import cli
from desktop.formats import ahead
how, *args = sys.argv[1:]
signal.signal(signal.SIGINT, signal.default_int_handler)  # as in a terminal, even if started
# by a shell that ignores Ctrl-C for its background jobs (CI)
real_unpack, seen = ahead._unpack, [0]
def unpack(packed):
    seen[0] += 1
    if seen[0] == 10:
        (child,) = open(f"/proc/{os.getpid()}/task/{os.getpid()}/children").read().split()
        print("READER", child, flush=True)
        if how == "kill":
            os.kill(int(child), signal.SIGKILL)
        else:
            os.killpg(0, signal.SIGINT)
    return real_unpack(packed)
ahead._unpack = unpack
sys.exit(cli.main(args))
"""


@pytest.mark.parametrize("how", ["kill", "interrupt"])
def test_an_import_whose_reading_stops_stores_nothing_and_leaves_no_process(tmp_path, how):
    corpus = tmp_path / "big.jsonl"
    write_corpus(corpus, 3000, 20)  # about 20 MB: read ahead, far from its end at record 10
    db = tmp_path / "m.db"
    Project.open(str(db), "tester").close()
    args = ["--db", str(db), "--annotator", "tester", "import", str(corpus)]
    done = subprocess.run(
        [sys.executable, "-c", BREAKER, how, *args],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        cwd=ROOT,
        timeout=120,
        start_new_session=True,  # its own process group, as a terminal's Ctrl-C reaches
    )
    reader = int(done.stdout.split("READER")[1].split()[0])
    if how == "kill":
        assert done.returncode == 1
        assert done.stderr.strip() == (
            f"mizan: error: {corpus}: the reading process stopped before the end of the file"
        )
    else:
        assert done.returncode == 130 and "interrupted" in done.stderr
    assert not os.path.exists(f"/proc/{reader}")  # reaped, not left running or a zombie
    with sqlite3.connect(db) as con:
        assert con.execute("SELECT count(*) FROM document").fetchone() == (0,)
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)


# `mizan import` whose database cannot be opened: the first file's reading, begun before the
# database was opened (desktop/app/reading.py), must be stopped and waited for.
EARLY = """
import os, sys
from desktop import cli
from desktop.formats import ahead
ahead.MIN_BYTES = 0
pids, real_fork = [], os.fork
def fork():
    pid = real_fork()
    if pid:
        pids.append(pid)
    return pid
os.fork = fork
code = cli.main(sys.argv[1:])
gone = []
for pid in pids:
    try:
        os.waitpid(pid, os.WNOHANG)
        gone.append(False)  # still our child: never waited for
    except ChildProcessError:
        gone.append(True)
print("EARLY", len(pids), gone, code, flush=True)
"""


def test_a_reading_begun_before_a_database_that_cannot_be_opened_is_stopped(tmp_path):
    corpus = tmp_path / "c.jsonl"
    write_corpus(corpus, 300, 20)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    db = blocker / "m.db"  # its folder is a file: the database cannot be created
    done = subprocess.run(
        [sys.executable, "-c", EARLY, "--db", str(db), "--annotator", "t", "import", str(corpus)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        cwd=ROOT,
        timeout=120,
    )
    assert "EARLY 1 [True] 1" in done.stdout, done.stdout + done.stderr
    assert str(db) in done.stderr and "Traceback" not in done.stderr


def test_a_missing_file_is_named_before_any_database_is_created(tmp_path):
    db = tmp_path / "new.db"
    done = subprocess.run(
        [sys.executable, "-m", "desktop", "--db", str(db), "import", str(tmp_path / "no.jsonl")],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        cwd=ROOT,
        timeout=120,
    )
    assert done.returncode == 1
    assert "no.jsonl: no such file or folder" in done.stderr
    assert not db.exists()
