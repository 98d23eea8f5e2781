"""The one atomic writer: every export is complete and durable, or absent."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.core.model import Document, Mention
from desktop.formats import brat, claims_table, conll, pairs, spacy_docbin, xmi
from desktop.formats.atomic import ExportError, atomic_file, atomic_folder, atomic_path
from tests.formats.test_exports import CLUSTERS, make_corpus

FILE_WRITERS = {
    "conll": lambda docs, out: conll.write_conll(docs, out),
    "spacy": lambda docs, out: spacy_docbin.write_docbin(docs, out),
    "claims-csv": lambda docs, out: claims_table.write_claims_csv(docs, out),
    "claims-parquet": lambda docs, out: claims_table.write_claims_parquet(docs, out),
    "pairs": lambda docs, out: pairs.write_pairs(docs, CLUSTERS, out),
}
FOLDER_WRITERS = {
    "brat": lambda docs, out: brat.write_brat(docs, out),
    "xmi": lambda docs, out: xmi.write_xmi(docs, out),
    "spacy-shards": lambda docs, out: spacy_docbin.write_docbin(docs, out, docs_per_file=2),
}


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@pytest.mark.parametrize("name", [*FILE_WRITERS, *FOLDER_WRITERS])
def test_a_missing_output_folder_is_refused_by_every_format(tmp_path, name):
    write = {**FILE_WRITERS, **FOLDER_WRITERS}[name]
    missing = tmp_path / "no" / "such"
    with pytest.raises(ExportError, match=f"{missing}: no such folder"):
        write(make_corpus(), missing / "out.x")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", list(FILE_WRITERS))
def test_overwrite_keeps_the_mode_and_writes_through_a_symlink(tmp_path, name):
    write = FILE_WRITERS[name]
    real = tmp_path / "real.out"
    real.write_bytes(b"old")
    os.chmod(real, 0o640)
    link = tmp_path / "link.out"
    link.symlink_to(real)
    write(make_corpus(), link)
    assert link.is_symlink() and link.resolve() == real
    assert real.read_bytes() != b"old" and real.stat().st_size > 0
    assert stat.S_IMODE(real.stat().st_mode) == 0o640
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("name", [*FILE_WRITERS, *FOLDER_WRITERS])
def test_every_export_is_fsynced(tmp_path, monkeypatch, name):
    synced: list[int] = []
    real_fsync = os.fsync

    def counting(fd):
        synced.append(fd)
        return real_fsync(fd)

    monkeypatch.setattr(os, "fsync", counting)
    {**FILE_WRITERS, **FOLDER_WRITERS}[name](make_corpus(), tmp_path / "out")
    assert len(synced) >= 2  # the file(s) and the folder that holds them


def test_a_failed_write_leaves_the_target_and_no_temporary(tmp_path):
    target = tmp_path / "out.txt"
    target.write_text("before")
    with pytest.raises(RuntimeError), atomic_file(target) as handle:
        handle.write("half")
        raise RuntimeError("boom")
    assert target.read_text() == "before"
    assert leftovers(tmp_path) == []
    with pytest.raises(RuntimeError), atomic_path(tmp_path / "x.bin") as tmp:
        tmp.write_bytes(b"x")
        raise RuntimeError("boom")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]


def dead_pid() -> int:
    proc = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    return int(proc.stdout)


def test_a_leftover_of_a_killed_run_is_cleaned(tmp_path):
    pid = dead_pid()
    stale = tmp_path / f".out.txt.{pid}-0123456789ab.tmp"
    stale.write_text("half of a killed export")
    stale_dir = tmp_path / f".brat.{pid}-0123456789ab.tmp"
    stale_dir.mkdir()
    (stale_dir / "a.txt").write_text("x")
    live = tmp_path / f".out.txt.{os.getpid()}-0123456789ab.tmp"  # ours, in use: kept
    live.write_text("busy")
    with atomic_file(tmp_path / "out.txt") as handle:
        handle.write("done")
    with atomic_folder(tmp_path / "brat") as folder:
        (folder / "a.txt").write_text("y")
    assert (tmp_path / "out.txt").read_text() == "done"
    assert leftovers(tmp_path) == [live.name]


def test_a_failed_brat_export_leaves_nothing_that_looks_valid(tmp_path):
    text = "زار بوتين\n\nدمشق"
    good = Document("a", text, mentions=(Mention(4, 9, "PERS"),))
    bad = Document("b", text, mentions=(Mention(9, 11, "PERS"),))  # only line breaks
    with pytest.raises(ExportError, match="holds only line breaks"):
        brat.write_brat([good, bad], tmp_path / "brat")
    assert list(tmp_path.iterdir()) == []


def test_a_failed_xmi_export_leaves_nothing_that_looks_valid(tmp_path):
    (tmp_path / "xmi").mkdir()  # an existing empty folder is a valid target
    good = Document("a", "زار بوتين دمشق")
    bad = Document("b", "abc\x00def")
    with pytest.raises(ExportError, match="U\\+0000 at offset 3"):
        xmi.write_xmi([good, bad], tmp_path / "xmi")
    assert [p.name for p in tmp_path.iterdir()] == ["xmi"]
    assert list((tmp_path / "xmi").iterdir()) == []
    xmi.write_xmi([good], tmp_path / "xmi")
    assert sorted(p.name for p in (tmp_path / "xmi").iterdir()) == ["TypeSystem.xml", "a.xmi"]


def test_folder_exports_refuse_a_non_empty_folder_or_a_file(tmp_path):
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "keep.txt").write_text("mine")
    with pytest.raises(ExportError, match="not empty"):
        brat.write_brat(make_corpus(), tmp_path / "full")
    (tmp_path / "file").write_text("mine")
    with pytest.raises(ExportError, match="must be a folder"):
        xmi.write_xmi(make_corpus(), tmp_path / "file")
    assert (tmp_path / "full" / "keep.txt").read_text() == "mine"
    assert (tmp_path / "file").read_text() == "mine"
