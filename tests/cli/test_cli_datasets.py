"""Datasets from the command line: every export format, foreign imports, `align --json`."""

from __future__ import annotations

import csv
import json

import pytest

from desktop.formats.jsonl import write_jsonl
from tests.cli.test_cli import mizan
from tests.compare import seed_corpus


@pytest.fixture(scope="module")
def annotated(tmp_path_factory):
    """A database holding the three annotated seed articles, and two claims in one cluster."""
    folder = tmp_path_factory.mktemp("annotated")
    src = folder / "seeds.jsonl"
    with src.open("w", encoding="utf-8") as out:
        write_jsonl(seed_corpus(), out)
    db = folder / "c.db"
    mizan("--db", db, "import", src, check=True)
    from desktop.app.project import Project
    from desktop.app.workspace import Workspace

    ws = Workspace(Project.open(str(db), "tester"))
    first = ws.suggestions([d.id for d in ws.documents()])[0]
    ids = {
        (d.external_id, c.ext_id): c.id
        for d in ws.documents_with_claims([x.id for x in ws.documents()])
        for c in d.claims
    }
    ws.accept_suggestion(
        ids[(first.a.document, first.a.claim)], ids[(first.b.document, first.b.claim)], "trade +7%"
    )
    ws.project.close()
    return db


def test_align_json_lists_scored_pairs_with_the_date_conflict(annotated):
    items = json.loads(mizan("--db", annotated, "align", "--json", check=True).stdout)
    assert items and items == sorted(items, key=lambda i: -i["score"])
    for item in items:
        assert {"score", "conflicts", "a", "b"} <= item.keys()
        assert {"document", "start", "end", "text"} <= item["a"].keys()
    visit = next(
        i
        for i in items
        if {i["a"]["document"][:3], i["b"]["document"][:3]} == {"002", "003"}
        and any(c["kind"] == "date" for c in i["conflicts"])
    )
    (date,) = [c for c in visit["conflicts"] if c["kind"] == "date"]
    assert {date["a"], date["b"]} == {"2020-01-07", "2020-01-17"}


def test_jsonl_round_trip_carries_clusters(annotated, tmp_path):
    out = tmp_path / "all.jsonl"
    mizan("--db", annotated, "export", "--format", "jsonl", "--out", out, check=True)
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    clusters = [r for r in records if r.get("type") == "cluster"]
    assert len(clusters) == 1 and clusters[0]["label"] == "trade +7%"
    assert len(clusters[0]["members"]) == 2
    db2 = tmp_path / "again.db"
    r = mizan("--db", db2, "import", out, check=True)
    assert "1 claim cluster(s)" in r.stdout
    out2 = tmp_path / "again.jsonl"
    mizan("--db", db2, "export", "--format", "jsonl", "--out", out2, check=True)
    assert out2.read_bytes() == out.read_bytes()


def test_every_export_format_from_the_cli_is_readable(annotated, tmp_path):
    for fmt in ("conll", "spacy", "brat", "xmi", "claims-csv", "claims-parquet", "pairs"):
        r = mizan("--db", annotated, "export", "--format", fmt, "--out", tmp_path / fmt)
        assert r.returncode == 0, (fmt, r.stderr)
    rows = list(
        csv.DictReader((tmp_path / "claims-csv").read_text(encoding="utf-8-sig").splitlines())
    )
    assert len(rows) == 14 and all(r["text"] for r in rows)
    import pyarrow.parquet as pq

    assert pq.read_table(tmp_path / "claims-parquet").num_rows == 14
    pairs = [json.loads(x) for x in (tmp_path / "pairs").read_text(encoding="utf-8").splitlines()]
    assert len(pairs) == 1 and pairs[0]["stance"] == "agree"
    from spacy.tokens import DocBin
    from spacy.vocab import Vocab

    docs = list(DocBin().from_disk(tmp_path / "spacy").get_docs(Vocab()))
    assert len(docs) == 3 and all(len(d.spans["sc"]) > 10 for d in docs)
    from cassis import load_cas_from_xmi, load_typesystem

    with (tmp_path / "xmi" / "TypeSystem.xml").open("rb") as handle:
        ts = load_typesystem(handle)
    assert len(list((tmp_path / "xmi").glob("*.xmi"))) == 3
    with next((tmp_path / "xmi").glob("*.xmi")).open("rb") as handle:
        cas = load_cas_from_xmi(handle, typesystem=ts)
    named = cas.select("de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity")
    assert named and all(a.get_covered_text() for a in named)
    assert (tmp_path / "brat" / "annotation.conf").exists()
    assert "-DOCSTART-" in (tmp_path / "conll").read_text(encoding="utf-8")


def test_split_and_coarse_labels(annotated, tmp_path):
    out = tmp_path / "ner.conll"
    mizan(
        "--db",
        annotated,
        "export",
        "--format",
        "conll",
        "--out",
        out,
        "--split",
        "34/33/33",
        "--seed",
        "3",
        "--coarse",
        check=True,
    )
    parts = {
        p: (tmp_path / f"ner.{p}.conll").read_text(encoding="utf-8")
        for p in ("train", "dev", "test")
    }
    assert sum(t.count("-DOCSTART-") for t in parts.values()) == 3
    tags = {
        line.split()[-1]
        for t in parts.values()
        for line in t.splitlines()
        if line and not line.startswith("-DOCSTART-")
    }
    assert tags <= {"O", "B-PERS", "I-PERS", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC"}
    r = mizan("--db", annotated, "export", "--format", "conll", "--out", out, "--split", "80/10")
    assert r.returncode == 1 and "--split" in r.stderr


def test_label_studio_and_doccano_imports_from_the_cli(tmp_path):
    text = "😀 التقى بوتين الأسد في موسكو"
    putin = text.index("بوتين")
    u16 = len(text[:putin].encode("utf-16-le")) // 2
    ls = [
        {
            "id": 1,
            "data": {"text": text},
            "annotations": [
                {
                    "id": 5,
                    "completed_by": 1,
                    "result": [
                        {
                            "id": "r1",
                            "from_name": "label",
                            "to_name": "text",
                            "type": "labels",
                            "value": {
                                "start": u16,
                                "end": u16 + 5,
                                "text": "بوتين",
                                "labels": ["PERS"],
                            },
                        }
                    ],
                }
            ],
        }
    ]
    (tmp_path / "ls.json").write_text(json.dumps(ls, ensure_ascii=False), encoding="utf-8")
    db = tmp_path / "c.db"
    r = mizan("--db", db, "import", tmp_path / "ls.json", check=True)
    assert "1 mention(s)" in r.stdout
    out = tmp_path / "o.jsonl"
    mizan("--db", db, "export", "--format", "jsonl", "--out", out, check=True)
    (record,) = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    (m,) = record["entities"]
    assert (m["start"], m["end"], m["text"]) == (putin, putin + 5, "بوتين")
    bad = json.loads(json.dumps(ls))
    bad[0]["annotations"][0]["result"][0]["value"]["start"] = putin  # code points, not UTF-16
    (tmp_path / "bad.json").write_text(json.dumps(bad, ensure_ascii=False), encoding="utf-8")
    r = mizan("--db", tmp_path / "d.db", "import", tmp_path / "bad.json")
    assert r.returncode == 1 and "bad.json" in r.stderr


def test_export_subset_by_status(tmp_path):
    from desktop.app.project import Project
    from desktop.app.workspace import Workspace
    from desktop.core.model import DocStatus
    from tests.conftest import SEEDS

    db = tmp_path / "s.db"
    mizan("--db", db, "import", SEEDS, check=True)
    ws = Workspace(Project.open(str(db), "ann"))
    first, second = ws.documents()[:2]
    ws.set_status(first.id, DocStatus.DONE)
    ws.set_status(second.id, DocStatus.IN_PROGRESS)
    ws.project.close()

    def exported(*options):
        out = tmp_path / "o.jsonl"
        mizan("--db", db, "export", "--format", "jsonl", "--out", out, *options, check=True)
        return [json.loads(x)["id"] for x in out.read_text(encoding="utf-8").splitlines()]

    assert exported("--status", "done") == [first.external_id]
    both = exported("--status", "done", "--status", "in_progress")
    assert sorted(both) == sorted([first.external_id, second.external_id])
    assert len(exported("--status", "not_started")) == 3
    assert exported("--status", "done", "--annotator", "someone-else") == []
