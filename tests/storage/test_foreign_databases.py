"""Databases from elsewhere are recognised before anything is written: named, refused (or read
read-only), and left byte-identical — the files beside them included."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from pathlib import Path

import pytest

from desktop.app.project import Project
from desktop.core.errors import MizanError
from desktop.storage.database import Database
from tests.cli.test_cli import mizan
from tests.conftest import SEEDS, SPUTNIK


def fingerprint(folder: Path) -> dict[str, str]:
    """Every file of the folder and its SHA-256."""
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.iterdir())
        if p.is_file()
    }


def one_error_line(result) -> str:
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 1, result.stderr
    assert len(lines) == 1 and lines[0].startswith("mizan: error: "), result.stderr
    assert "internal error" not in lines[0] and "Traceback" not in result.stderr
    return lines[0]


@pytest.fixture
def seeded_db(tmp_path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    path = folder / "mizan.db"
    project = Project.open(str(path), "tester")
    project.import_paths([SEEDS / f"{SPUTNIK}.txt"])
    project.close()
    return path


def test_a_foreign_sqlite_file_in_rollback_mode_stays_byte_identical(tmp_path):
    other = tmp_path / "photos.db"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE photos (id INTEGER, path TEXT)")
    con.execute("INSERT INTO photos VALUES (1, 'a.jpg')")
    con.commit()
    con.close()
    before = fingerprint(tmp_path)
    line = one_error_line(mizan("--db", other, "import", SEEDS / f"{SPUTNIK}.txt"))
    assert "photos.db" in line and "not a Mizan database" in line
    assert fingerprint(tmp_path) == before  # not switched to WAL, no -wal/-shm
    with pytest.raises(MizanError, match="not a Mizan database"):
        Database(other)
    assert fingerprint(tmp_path) == before


def test_a_database_from_a_newer_mizan_is_refused_unchanged(seeded_db):
    con = sqlite3.connect(seeded_db)
    con.execute("UPDATE alembic_version SET version_num = '9999'")
    con.commit()
    con.close()
    before = fingerprint(seeded_db.parent)
    for args in (("stats",), ("import", SEEDS / f"{SPUTNIK}.txt"), ("check",)):
        line = one_error_line(mizan("--db", seeded_db, *args))
        assert str(seeded_db) in line and "newer Mizan" in line and "9999" in line
    assert fingerprint(seeded_db.parent) == before


def test_a_file_that_is_not_sqlite_is_refused_unchanged(tmp_path):
    notes = tmp_path / "notes.db"
    notes.write_bytes(b"not a database at all\n" * 50)
    before = fingerprint(tmp_path)
    line = one_error_line(mizan("--db", notes, "stats"))
    assert "notes.db" in line and "not a Mizan database" in line
    assert fingerprint(tmp_path) == before


def test_a_read_only_database_reads_and_refuses_writes_unchanged(seeded_db):
    os.chmod(seeded_db, 0o444)
    before = fingerprint(seeded_db.parent)
    stats = mizan("--db", seeded_db, "stats", "--json", check=True)
    assert '"documents": 1' in stats.stdout
    assert mizan("--db", seeded_db, "check", check=True).stdout.strip() == "ok"
    line = one_error_line(mizan("--db", seeded_db, "import", SEEDS))
    assert str(seeded_db) in line and "read-only" in line
    assert fingerprint(seeded_db.parent) == before  # no -wal / -shm created beside it
    project = Project.open(str(seeded_db), "someone-new")
    try:
        assert project.read_only and len(project.document_ids()) == 1
    finally:
        project.close()
    assert fingerprint(seeded_db.parent) == before


def test_a_mistyped_path_is_refused_by_read_commands_and_nothing_is_created(tmp_path):
    missing = tmp_path / "typo" / "mizan.db"
    for args in (("stats",), ("check",), ("export", "--format", "jsonl", "--out", tmp_path / "x")):
        line = one_error_line(mizan("--db", missing, *args))
        assert str(missing) in line and "no such database" in line
    assert not missing.parent.exists()
    mizan("--db", missing, "import", SEEDS / f"{SPUTNIK}.txt", check=True)  # writing creates it
    assert missing.exists()


def _corrupt_a_data_page(path: Path, needle: str) -> None:
    """Overwrite the page of the file that holds `needle` (a piece of a document's text)."""
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page = con.execute("PRAGMA page_size").fetchone()[0]
    con.close()
    data = path.read_bytes()
    at = data.find(needle.encode("utf-8"))
    assert at > 0
    with path.open("r+b") as handle:
        handle.seek(at // page * page)
        handle.write(b"\xa5" * page)


def test_check_reports_corrupt_pages_as_findings_without_crashing(seeded_db):
    project = Project.open(str(seeded_db), "tester")
    project.import_paths([SEEDS])
    project.close()
    text = next(p for p in sorted(SEEDS.glob("*.txt")) if SPUTNIK not in p.name).read_text()
    _corrupt_a_data_page(seeded_db, text[200:260])
    result = mizan("--db", seeded_db, "check")
    assert result.returncode == 1, result.stderr
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr
    assert "database:" in result.stdout  # the findings, each on its own line
    assert "problem(s) found" in result.stderr


def test_check_names_spans_that_cover_only_blanks_or_start_inside_a_letter(seeded_db):
    con = sqlite3.connect(seeded_db)
    doc_id, body = con.execute("SELECT id, text FROM document").fetchone()
    blank = body.index(" ")
    mark = next(i for i, ch in enumerate(body) if ch in "\u064b\u064e\u064f\u0650\u0651\u0652")
    con.executemany(
        'INSERT INTO mention (document_id, ext_id, start, "end", label, status, created_at, '
        "updated_at) VALUES (?, ?, ?, ?, 'PERS', 'manual', '2024-01-01', '2024-01-01')",
        [(doc_id, "blank", blank, blank + 1), (doc_id, "mark", mark, mark + 2)],
    )
    con.commit()
    con.close()
    result = mizan("--db", seeded_db, "check")
    assert result.returncode == 1
    assert "mention blank: covers only blanks" in result.stdout
    assert "mention mark: starts on a combining mark" in result.stdout
