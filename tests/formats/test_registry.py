"""The one format registry: detection of every format on small files, every reader and writer
reached through it."""

from __future__ import annotations

import json
import os
import zipfile

import pytest

from desktop.core.errors import InputError, MizanError
from desktop.core.model import Document
from desktop.formats import registry
from desktop.formats.brat import write_brat
from desktop.formats.xmi import write_xmi
from tests.formats.test_exports import CLUSTERS, make_corpus

TEXT = "زار بوتين دمشق"
EMOJI_TEXT = "😀 زار بوتين"


def small_files(tmp_path):
    """One small file (or folder) per importable format: {name: (path, expected format)}."""
    files = {}
    txt = tmp_path / "a.txt"
    txt.write_text(TEXT, encoding="utf-8")
    files["txt"] = (txt, "txt")
    native = tmp_path / "native.jsonl"
    native.write_text(
        json.dumps({"id": "n1", "text": TEXT, "entities": [
            {"start": 4, "end": 9, "label": "PERS", "text": "بوتين"}]}) + "\n",
        encoding="utf-8",
    )  # fmt: skip
    files["jsonl"] = (native, "jsonl")
    doccano = tmp_path / "doccano.jsonl"
    doccano.write_text(json.dumps({"id": 1, "text": TEXT, "label": [[4, 9, "PERS"]]}) + "\n")
    files["doccano"] = (doccano, "doccano")
    ls = tmp_path / "ls.json"
    value = {"start": 4, "end": 9, "text": "بوتين", "labels": ["PERS"]}
    ls.write_text(
        json.dumps([{"id": 1, "data": {"text": TEXT},
                     "annotations": [{"result": [{"type": "labels", "value": value}]}]}])
    )  # fmt: skip
    files["labelstudio"] = (ls, "labelstudio")
    doc = Document("b1", TEXT, mentions=make_corpus()[1].mentions[:0])
    write_brat([doc], tmp_path / "brat")
    files["brat folder"] = (tmp_path / "brat", "brat")
    files["brat .ann"] = (tmp_path / "brat" / "b1.ann", "brat")
    write_xmi([Document("x1", TEXT)], tmp_path / "xmi")
    files["xmi folder"] = (tmp_path / "xmi", "xmi")
    files["xmi file"] = (tmp_path / "xmi" / "x1.xmi", "xmi")
    for kind in ("brat", "xmi"):
        archive = tmp_path / f"{kind}.zip"
        with zipfile.ZipFile(archive, "w") as zf:
            for p in (tmp_path / kind).iterdir():
                zf.write(p, p.name)
        files[f"{kind} zip"] = (archive, kind)
    return files


def test_detection_and_reading_of_every_import_format(tmp_path):
    files = small_files(tmp_path)
    assert {kind for _, kind in files.values()} == set(registry.IMPORT_FORMATS) - {"auto"}
    for name, (path, kind) in files.items():
        ((found_path, found),) = registry.expand_import_paths([path])
        assert (found_path, found) == (path, kind), name
        records = list(registry.read(found, found_path))
        assert len(records) == 1, name
        line, doc = records[0]
        assert doc.text == TEXT, name
        assert line == (1 if kind == "jsonl" else None)


def test_a_folder_of_text_files_and_the_manifest(tmp_path):
    (tmp_path / "b.txt").write_text("نص ثان", encoding="utf-8")
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "manifest.json").write_text(
        json.dumps({"documents": [{"file": "a.txt", "outlet": "سانا"}]}), encoding="utf-8"
    )
    found = registry.expand_import_paths([tmp_path])
    assert found == [(tmp_path / "a.txt", "txt"), (tmp_path / "b.txt", "txt")]
    cache: dict = {}
    ((_, a),) = registry.read("txt", tmp_path / "a.txt", manifests=cache)
    assert a.meta.outlet == "سانا" and a.meta.source_file == "a.txt"
    ((_, b),) = registry.read("txt", tmp_path / "b.txt", manifests=cache)
    assert b.meta.outlet is None and list(cache) == [tmp_path]


def test_forced_formats_and_errors(tmp_path):
    files = small_files(tmp_path)
    path = files["doccano"][0]
    assert registry.expand_import_paths([path], "jsonl") == [(path, "jsonl")]
    with pytest.raises(MizanError, match="unknown import format 'conll'"):
        registry.expand_import_paths([path], "conll")
    with pytest.raises(InputError, match="no such file or folder"):
        registry.expand_import_paths([tmp_path / "missing.txt"])
    with pytest.raises(MizanError, match="has no option units"):
        registry.read("jsonl", path, units="codepoint")
    with pytest.raises(InputError, match="not a readable zip archive"):
        bad = tmp_path / "bad.zip"
        bad.write_bytes(b"not a zip")
        registry.expand_import_paths([bad])


@pytest.mark.timeout(20)
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_import_path_is_refused_at_once(tmp_path):
    fifo = tmp_path / "pipe.jsonl"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="not a regular file"):
        registry.expand_import_paths([fifo])
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    assert registry.expand_import_paths([tmp_path]) == [(tmp_path / "a.txt", "txt")]


def test_doccano_code_point_units_are_reachable(tmp_path):
    path = tmp_path / "d.jsonl"
    # 😀 is 2 UTF-16 units: بوتين is [6, 11) in code points, [7, 12) in UTF-16
    path.write_text(json.dumps({"id": 1, "text": EMOJI_TEXT, "label": [[6, 11, "PERS"]]}))
    ((_, doc),) = registry.read("doccano", path, units="codepoint")
    m = doc.mentions[0]
    assert EMOJI_TEXT[m.start : m.end] == "بوتين"
    ((_, doc),) = registry.read("doccano", path)
    m = doc.mentions[0]
    assert EMOJI_TEXT[m.start : m.end] == " بوتي"  # as UTF-16 units: one character earlier


def test_every_export_format_is_written_through_the_registry(tmp_path):
    assert set(registry.EXPORT_FORMATS) == {
        "jsonl", "conll", "spacy", "brat", "xmi", "claims-csv", "claims-parquet", "pairs",
    }  # fmt: skip
    for name in registry.EXPORT_FORMATS:
        fmt = registry.FORMATS[name]
        out = tmp_path / f"out-{name}{fmt.suffix}"
        counts = registry.write(name, iter(make_corpus()), out, clusters=lambda: CLUSTERS)
        assert counts.documents == 3, name
        assert out.is_dir() if fmt.suffix == "" else out.is_file(), name
    lines = (tmp_path / "out-jsonl.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert [r.get("type", "document") for r in records] == ["document"] * 3 + ["cluster"] * 2
    assert "missing-doc" not in {m["document"] for r in records[3:] for m in r["members"]}
    pairs = (tmp_path / "out-pairs.jsonl").read_text(encoding="utf-8").splitlines()
    assert pairs and all(json.loads(p)["stance"] for p in pairs)


def test_spacy_sharding_is_reachable(tmp_path):
    from spacy.tokens import DocBin
    from spacy.vocab import Vocab

    counts = registry.write("spacy", make_corpus(), tmp_path / "shards", docs_per_file=1)
    assert counts.files == 3
    parts = sorted((tmp_path / "shards").glob("part-*.spacy"))
    texts = [d.text for p in parts for d in DocBin().from_disk(p).get_docs(Vocab())]
    assert texts == [d.text for d in make_corpus()]
    with pytest.raises(MizanError, match="brat export has no option docs_per_file"):
        registry.write("brat", [], tmp_path / "b", docs_per_file=1)
    with pytest.raises(MizanError, match="unknown format 'txt'"):
        registry.write("txt", [], tmp_path / "t.txt")
