"""The database is configured not to lose work and to refuse impossible spans."""

from __future__ import annotations

import sqlite3
import threading

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import insert, text
from sqlalchemy.exc import IntegrityError

from desktop.core.errors import MizanError
from desktop.storage import orm
from desktop.storage.database import Database, redact, to_url


@pytest.fixture
def db(db_path):
    database = Database(db_path)
    yield database
    database.dispose()


def test_sqlite_pragmas_for_durability(db):
    with db.reading() as s:
        assert s.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert s.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert s.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert s.execute(text("PRAGMA busy_timeout")).scalar() >= 5000


def test_migrated_schema_matches_the_models(db):
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_name": orm.include_name})
        diff = compare_metadata(context, orm.Base.metadata)
    assert diff == []
    assert db.schema_revision() is not None


def test_opening_again_keeps_data_and_revision(db_path):
    first = Database(db_path)
    with first.writing() as s:
        s.execute(insert(orm.Annotator).values(name="a"))
    revision = first.schema_revision()
    first.dispose()
    second = Database(db_path)
    with second.reading() as s:
        assert s.execute(text("SELECT name FROM annotator")).scalars().all() == ["a"]
    assert second.schema_revision() == revision
    second.dispose()


def _document(s, body="نص قصير"):
    return s.execute(
        insert(orm.Document)
        .values(external_id="d", text=body, length=len(body), text_sha256="x" * 64)
        .returning(orm.Document.id)
    ).scalar_one()


@pytest.mark.parametrize(
    ("start", "end"),
    [(-1, 2), (3, 3), (4, 2)],
    ids=["negative", "empty", "reversed"],
)
def test_impossible_mention_offsets_are_refused_by_the_database(db, start, end):
    with pytest.raises(IntegrityError), db.writing() as s:
        doc = _document(s)
        s.execute(
            insert(orm.Mention).values(
                document_id=doc, ext_id="m1", start=start, end=end, label="PERS"
            )
        )
    with db.reading() as s:
        assert s.execute(text("SELECT count(*) FROM document")).scalar() == 0


def test_spans_beyond_the_text_are_found_by_check(db):
    """CHECK cannot see the document's length: the importer validates it, `check` audits it."""
    from desktop.storage.health import check

    with db.writing() as s:
        doc = _document(s)
        s.execute(
            insert(orm.Mention).values(document_id=doc, ext_id="m1", start=0, end=99, label="PERS")
        )
        s.execute(
            insert(orm.Claim).values(
                document_id=doc, ext_id="c1", start=0, end=2, cue_start=3, cue_end=50
            )
        )
    with db.reading() as s:
        problems = [str(p) for p in check(s, is_sqlite=True)]
    assert any("mention m1" in p and "[0, 99)" in p for p in problems)
    assert any("claim c1" in p and "cue" in p for p in problems)


def test_write_transactions_begin_immediate(db, db_path):
    """While one writer holds its transaction, another process cannot start writing."""
    with db.writing() as s:
        s.execute(insert(orm.Annotator).values(name="holder"))
        other = sqlite3.connect(db_path, timeout=0.05)
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("BEGIN IMMEDIATE")
        # ...but readers still read (WAL)
        assert other.execute("SELECT count(*) FROM annotator").fetchone() == (0,)
        other.close()


def test_two_writers_wait_instead_of_failing(db_path):
    """Concurrent writers queue on busy_timeout; none sees 'database is locked'."""
    a, b = Database(db_path), Database(db_path)
    errors = []

    def write(database, prefix):
        try:
            for i in range(30):
                with database.writing() as s:
                    s.execute(insert(orm.Annotator).values(name=f"{prefix}{i}"))
        except Exception as exc:  # pragma: no cover - the failure we guard against
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(d, p)) for d, p in ((a, "a"), (b, "b"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with a.reading() as s:
        assert s.execute(text("SELECT count(*) FROM annotator")).scalar() == 60
    a.dispose()
    b.dispose()


def test_a_file_that_is_not_a_database_is_refused_by_name(tmp_path):
    bogus = tmp_path / "notes.db"
    bogus.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(MizanError, match="notes.db"):
        Database(bogus)


def test_a_foreign_sqlite_database_is_not_touched(tmp_path):
    other = tmp_path / "other.db"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE photos (id INTEGER)")
    con.commit()
    con.close()
    with pytest.raises(MizanError, match="not a Mizan database"):
        Database(other)
    con = sqlite3.connect(other)
    assert [r[0] for r in con.execute("SELECT name FROM sqlite_master")] == ["photos"]
    con.close()


def test_urls_and_paths():
    assert to_url("/tmp/x.db") == "sqlite:////tmp/x.db"
    assert to_url("postgresql://u:secret@h/db") == "postgresql://u:secret@h/db"
    assert "secret" not in redact("postgresql://u:secret@h/db")


def test_alone_tells_whether_anybody_else_has_the_file_open(tmp_path, db_path):
    """`Database.alone` (an import writes its tables directly only then): any connection that
    has read the file counts, of this process or of another; nothing but a writable SQLite file
    is ever alone."""
    import subprocess
    import sys

    path = str(db_path)
    Database(path)  # made, and nothing of it left open
    assert Database(path).alone()
    here = sqlite3.connect(path)
    here.execute("SELECT count(*) FROM document").fetchall()
    assert not Database(path).alone()
    here.close()
    assert Database(path).alone()
    other = subprocess.Popen(
        [sys.executable, "-c", "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
         "c.execute('SELECT count(*) FROM document').fetchall(); print('open', flush=True); "
         "sys.stdin.read()", path],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert other.stdout.readline() == "open\n"
        assert not Database(path).alone()
    finally:
        other.communicate("", timeout=30)
    assert Database(path).alone()
    assert not Database("sqlite://").alone()
    assert not Database(path, read_only=True).alone()


def test_prepare_writes_leaves_the_first_write_nothing_to_make(db_path):
    """What the window asks for after its first paint: the mappers configured and a connection
    waiting in the engine's pool (the first label key spent ~20 ms configuring the mappers)."""
    db = Database(str(db_path))
    db.prepare_writes()
    assert orm.Mention.__mapper__.configured and orm.Claim.__mapper__.configured
    assert db.engine.pool.checkedin() == 1
    db.dispose()
