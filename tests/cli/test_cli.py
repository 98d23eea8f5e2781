"""The `mizan` command as a pipeline would run it: real process, exit codes, stderr."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SEEDS, SPUTNIK

SCRIPT = Path(sys.executable).with_name("mizan")


def mizan(*args, env=None, check=False):
    cmd = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "desktop"]
    full_env = {**os.environ, **(env or {})}
    result = subprocess.run(
        [*cmd, *map(str, args)], capture_output=True, text=True, env=full_env, timeout=120
    )
    if check:
        assert result.returncode == 0, result.stderr
    return result


def test_import_seeds_then_stats_json_shows_five_documents(tmp_path):
    db = tmp_path / "c.db"
    r = mizan("--db", db, "import", *sorted(SEEDS.glob("*.txt")), check=True)
    assert "imported 5 document(s)" in r.stdout
    stats = json.loads(mizan("--db", db, "stats", "--json", check=True).stdout)
    assert (stats["documents"], stats["mentions"], stats["claims"]) == (5, 0, 0)


def test_mizan_db_environment_variable_selects_the_database(tmp_path):
    db = tmp_path / "env.db"
    mizan("import", SEEDS / f"{SPUTNIK}.txt", env={"MIZAN_DB": str(db)}, check=True)
    assert db.exists()
    stats = json.loads(mizan("stats", "--json", env={"MIZAN_DB": str(db)}, check=True).stdout)
    assert stats["documents"] == 1


def test_default_database_lives_in_the_user_data_folder(tmp_path):
    env = {"XDG_DATA_HOME": str(tmp_path / "xdg")}
    mizan("import", SEEDS / f"{SPUTNIK}.txt", env=env, check=True)
    assert (tmp_path / "xdg" / "mizan" / "mizan.db").exists()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("binary.bin", bytes(range(256))),
        ("empty.txt", b""),
        ("nul.txt", b"abc\x00def"),
        ("bad.txt", "قال".encode() * 40 + b"\xd9" + "بوتين".encode() * 40),
    ],
)
def test_bad_input_gives_one_line_naming_the_file_and_a_nonzero_exit(tmp_path, name, content):
    db = tmp_path / "c.db"
    mizan("--db", db, "import", SEEDS / f"{SPUTNIK}.txt", check=True)
    bad = tmp_path / name
    bad.write_bytes(content)
    r = mizan("--db", db, "import", bad)
    assert r.returncode == 1
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("mizan: error: ") and name in lines[0]
    assert json.loads(mizan("--db", db, "stats", "--json").stdout)["documents"] == 1


def test_export_jsonl_and_check(tmp_path):
    db, out = tmp_path / "c.db", tmp_path / "out.jsonl"
    mizan("--db", db, "import", SEEDS, check=True)
    r = mizan("--db", db, "export", "--format", "jsonl", "--out", out, check=True)
    assert r.stdout.strip() == "jsonl: 5 documents"
    assert len(out.read_text(encoding="utf-8").splitlines()) == 5
    assert mizan("--db", db, "check", check=True).stdout.strip() == "ok"


def test_check_reports_a_tampered_text(tmp_path):
    import sqlite3

    db = tmp_path / "c.db"
    mizan("--db", db, "import", SEEDS / f"{SPUTNIK}.txt", check=True)
    con = sqlite3.connect(db)
    con.execute("UPDATE document SET text = text || 'x', length = length + 1")
    con.commit()
    con.close()
    r = mizan("--db", db, "check")
    assert r.returncode == 1
    assert "SHA-256" in r.stdout and "1 problem" in r.stderr


def test_duplicate_import_warns_and_succeeds(tmp_path):
    db = tmp_path / "c.db"
    mizan("--db", db, "import", SEEDS, check=True)
    r = mizan("--db", db, "import", SEEDS / f"{SPUTNIK}.txt", check=True)
    assert "warning" in r.stderr and SPUTNIK in r.stderr


def test_unknown_database_url_is_a_one_line_error(tmp_path):
    r = mizan("--db", "nosuchdialect://x/y", "stats")
    assert r.returncode == 1 and r.stderr.count("\n") == 1


def test_sub_commands_do_not_import_qt(tmp_path):
    code = (
        "import sys; from desktop.cli import main; "
        f"main(['--db', {str(tmp_path / 'q.db')!r}, 'stats', '--json']); "
        "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt imported'"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
