"""Reading in a second process (desktop/formats/ahead.py) gives what reading here gives: the same
records in the same order, the same error after the same records, for every format that reads
in a second process; a reader stopped early leaves no process behind.

The second process is forked only by a process running one thread (pytest's timeout thread is
one too many), so each check runs in a fresh interpreter, as `mizan import` does."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

from desktop.formats import registry
from tests.conftest import ROOT
from tests.formats.test_exports import make_corpus
from tests.formats.test_foreign_imports import doccano_records, ls_tasks, write_lines
from tests.support.corpus import rich_corpus

DRIVER = """
import json, os, sys
from pathlib import Path
from desktop.core.errors import InputError
from desktop.formats import ahead, registry
ahead.MIN_BYTES = 0
forks = 0
real_fork = os.fork
def fork():
    global forks
    forks += 1
    return real_fork()
os.fork = fork
def read(reader, kind, path):
    records, error = [], None
    try:
        for record in reader(kind, path):
            records.append(record)
    except InputError as exc:
        error = str(exc)
    return records, error
def prepare(record):  # work done beside the reading (ahead.read_with)
    return [type(record).__name__, len(getattr(record, "text", ""))]
def read_with(kind, path):
    return ahead.read_with(prepare, kind, path)
def prepared_here(kind, path):
    return ((line, record, prepare(record)) for line, record in registry.read(kind, path))
out = {}
args = sys.argv[1:]
for kind, path in zip(args[::2], args[1::2]):
    before = forks
    there = read(ahead.read, kind, Path(path))
    used = forks - before
    here = read(registry.read, kind, Path(path))
    with_there = read(read_with, kind, Path(path))
    with_here = read(prepared_here, kind, Path(path))
    out[path] = {"same": there == here, "records": len(there[0]), "error": there[1],
                 "forks": used, "prepared": [with_there == with_here, len(with_there[0])]}
reader = ahead.read("jsonl", Path(args[1]))
next(reader)
reader.close()  # the importer stops early (an error of its own, a cancel)
try:
    os.waitpid(-1, os.WNOHANG)
    out["left"] = "a child process is left"
except ChildProcessError:
    out["left"] = "none"
print(json.dumps(out))
"""


def _run(*cases: tuple[str, Path]) -> dict:
    args = [str(part) for case in cases for part in case]
    done = subprocess.run(
        [sys.executable, "-c", DRIVER, *args],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        cwd=ROOT,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_every_format_read_ahead_gives_the_records_read_here(tmp_path):
    native = rich_corpus(tmp_path)  # generated articles, then every kind of field and a cluster
    lines = native.read_text(encoding="utf-8").splitlines(keepends=True)
    loose = tmp_path / "loose.jsonl"  # a BOM, blank lines, records named by their line number
    loose_lines = []
    for k, line in enumerate(lines):
        record = json.loads(line)
        if k % 7 == 3 and record.get("type") != "cluster":
            record.pop("id")
        loose_lines.append(json.dumps(record, ensure_ascii=False) + "\n")
        if k % 11 == 0:
            loose_lines.append("\n" if k % 2 else "   \r\n")
    loose.write_text("\ufeff" + "".join(loose_lines), encoding="utf-8")
    broken = tmp_path / "broken.jsonl"
    lines[99] = '{"id": "bad", "text": "نص", "entities": [{"start": 0, "end": 9}]}\n'
    broken.write_text("".join(lines), encoding="utf-8")
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n" * 1000, encoding="utf-8")
    docs = make_corpus()
    doccano = write_lines(
        tmp_path / "doccano.jsonl", doccano_records(docs, utf16=True, shape="label")
    )
    studio = tmp_path / "studio.json"
    studio.write_text(json.dumps(ls_tasks(docs), ensure_ascii=False), encoding="utf-8")
    registry.write("xmi", docs, tmp_path / "xmi")
    xmi = tmp_path / "xmi.zip"
    with zipfile.ZipFile(xmi, "w") as archive:
        for part in sorted((tmp_path / "xmi").iterdir()):
            archive.write(part, part.name)

    got = _run(
        ("jsonl", native),
        ("jsonl", loose),
        ("jsonl", broken),
        ("jsonl", empty),
        ("doccano", doccano),
        ("labelstudio", studio),
        ("xmi", xmi),
    )
    assert got.pop("left") == "none"
    for path, result in got.items():
        assert result["same"] and result["forks"] == 1, path
        assert result["prepared"] == [True, result["records"]], path  # with what prepare gave
    assert got[str(native)]["records"] == 124 and got[str(native)]["error"] is None
    assert got[str(loose)]["records"] == 124 and got[str(loose)]["error"] is None
    assert got[str(broken)]["records"] == 99  # the 99 records before the bad line, then:
    assert got[str(broken)]["error"].endswith(
        "broken.jsonl, line 100, span entities[0]: offsets [0, 9) are outside the text "
        "(length 2) or empty"
    )
    assert got[str(empty)]["error"].endswith("empty.jsonl: file has no records")
    assert got[str(doccano)]["records"] == len(docs) == got[str(studio)]["records"]


def test_the_pipe_to_the_reading_process_holds_a_batch():
    """A batch of about half a megabyte crosses the pipe in one write where Linux allows a
    pipe of 1 MB (`ahead._widen`); elsewhere the pipe keeps the system's size."""
    import fcntl

    from desktop.formats import ahead

    read_end, write_end = os.pipe()
    try:
        before = fcntl.fcntl(write_end, fcntl.F_GETPIPE_SZ)
        ahead._widen(write_end)
        after = fcntl.fcntl(write_end, fcntl.F_GETPIPE_SZ)
        limit = int(Path("/proc/sys/fs/pipe-max-size").read_text())
        assert after == (ahead._PIPE_BYTES if limit >= ahead._PIPE_BYTES else before)
        assert after >= ahead._BATCH_BYTES or limit < ahead._PIPE_BYTES
    finally:
        os.close(read_end)
        os.close(write_end)
