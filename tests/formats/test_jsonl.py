"""Native JSONL: validation with named lines and spans, and an exact round trip."""

from __future__ import annotations

import json

import pytest

from desktop.core.errors import InputError
from tests.conftest import SPUTNIK, dump, seed_text

TEXT = "👨‍👩‍👧 قال الرئيس الروسي فلاديمير بوتين\u200f إن «التبادل التجاري نما بنسبة ٧٪» وبوتين أكّد ذلك.\r\nسطر ثانٍ"


def span(text, needle, nth=0):
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return {"start": start, "end": start + len(needle), "text": needle}


def record(**over):
    rec = {
        "id": "doc-1",
        "text": TEXT,
        "meta": {
            "outlet": "سبوتنيك",
            "original_source": None,
            "title": "قمة",
            "url": "https://example.org/a",
            "published": "2023-03-15",
            "event": "Putin-Assad summit, Moscow, 15 March 2023",
            "source_file": "a.txt",
        },
        "entities": [
            {"id": "m1", **span(TEXT, "فلاديمير بوتين"), "label": "PERS", "entity": "putin"},
            {
                "id": "m2",
                **span(TEXT, "وبوتين"),
                "label": "PERS",
                "entity": "putin",
                "prefix_len": 1,
            },
            {"id": "m3", **span(TEXT, "الرئيس الروسي"), "label": "OCC", "annotator": "other"},
            {"id": "m4", **span(TEXT, "الروسي"), "label": "NORP"},
        ],
        "claims": [
            {
                "id": "c1",
                **span(TEXT, "التبادل التجاري نما بنسبة ٧٪"),
                "source": {"mention": "m1"},
                "cue": span(TEXT, "قال"),
                "quote_type": "direct",
                "polarity": "asserted",
                "topics": ["trade", "economy"],
                "note": "figure from the Kremlin",
            },
            {
                "id": "c2",
                **span(TEXT, "أكّد ذلك"),
                "source": {"entity": "putin"},
                "quote_type": "indirect",
                "polarity": "hedged",
            },
            {
                "id": "c3",
                **span(TEXT, "سطر ثانٍ"),
                "source": {"outlet": True},
                "quote_type": "outlet_assertion",
            },
            {
                "id": "c4",
                **span(TEXT, "سطر"),
                "source": {"unnamed": True},
                "quote_type": "mixed",
                "polarity": "denied",
            },
        ],
        "registry": {
            "putin": {
                "name": "فلاديمير بوتين",
                "type": "PERS",
                "aliases": ["بوتين", "Putin"],
                "external_id": "Q7747",
            }
        },
    }
    rec.update(over)
    return rec


def write(path, *records):
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )
    return path


def test_round_trip_keeps_text_spans_claims_and_metadata(project, tmp_path):
    src = write(tmp_path / "in.jsonl", record())
    project.import_paths([src])
    out = tmp_path / "out.jsonl"
    project.export_jsonl(out)
    (line,) = out.read_text(encoding="utf-8").splitlines()
    got = json.loads(line)
    want = record()
    assert got["text"] == TEXT  # CRLF inside JSONL text is data, not a line ending to fix
    assert got["id"] == want["id"]
    assert got["meta"] == want["meta"]
    assert len(got["text_sha256"]) == 64

    def norm_mention(m):
        return (m["id"], m["start"], m["end"], m["label"], m.get("entity"), m.get("prefix_len"))

    assert sorted(map(norm_mention, got["entities"])) == sorted(map(norm_mention, want["entities"]))
    for m in got["entities"]:
        assert TEXT[m["start"] : m["end"]] == m["text"]
    by_id = {m["id"]: m for m in got["entities"]}
    assert by_id["m3"]["annotator"] == "other"
    assert by_id["m1"]["annotator"] == "tester"  # the importing annotator fills the gap

    claims = {c["id"]: c for c in got["claims"]}
    for c in want["claims"]:
        g = claims[c["id"]]
        assert (g["start"], g["end"], g["text"]) == (c["start"], c["end"], c["text"])
        assert g["source"] == c["source"]
        assert g["quote_type"] == c["quote_type"]
        assert g["polarity"] == c.get("polarity", "asserted")
        assert sorted(g["topics"]) == sorted(c.get("topics", []))
        assert g.get("note") == c.get("note")
        assert g["cue"] == c.get("cue")
    assert got["registry"]["putin"]["name"] == "فلاديمير بوتين"
    assert got["registry"]["putin"]["aliases"] == ["بوتين", "Putin"]
    assert got["registry"]["putin"]["external_id"] == "Q7747"


def test_export_then_reimport_into_a_new_database_is_identical(project, tmp_path):
    from desktop.app.project import Project

    project.import_paths([write(tmp_path / "in.jsonl", record())])
    first = tmp_path / "first.jsonl"
    project.export_jsonl(first)
    other = Project.open(str(tmp_path / "other.db"), "someone-else")
    other.import_paths([first])
    second = tmp_path / "second.jsonl"
    other.export_jsonl(second)
    other.close()
    assert second.read_bytes() == first.read_bytes()


def test_export_is_deterministic(seeded, tmp_path):
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    seeded.export_jsonl(a)
    seeded.export_jsonl(b)
    assert a.read_bytes() == b.read_bytes()
    lines = a.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 5
    assert {json.loads(x)["id"] for x in lines} >= {SPUTNIK}
    assert json.loads(lines[2])["text"] == seed_text(json.loads(lines[2])["id"])


BAD = [
    ("mismatched text", lambda r: r["entities"][0].update(text="بوتين"), "does not match"),
    ("out of range", lambda r: r["entities"][1].update(end=10_000, text=None), "outside the text"),
    (
        "empty span",
        lambda r: r["entities"][1].update(end=r["entities"][1]["start"], text=None),
        "outside",
    ),
    ("float offset", lambda r: r["entities"][1].update(start=1.5, text=None), "integers"),
    ("no label", lambda r: r["entities"][1].pop("label"), "label"),
    ("bad quote type", lambda r: r["claims"][0].update(quote_type="rumour"), "rumour"),
    ("dangling source", lambda r: r["claims"][0].update(source={"mention": "m99"}), "m99"),
    ("cue text", lambda r: r["claims"][0]["cue"].update(text="أكد"), "cue"),
    ("bad sha", lambda r: r.update(text_sha256="0" * 64), "text_sha256"),
    ("bad date", lambda r: r["meta"].update(published="15/03/2023"), "published"),
    ("duplicate id", lambda r: r["entities"][1].update(id="m1"), "twice"),
    ("unknown entity", lambda r: r["entities"][0].update(entity="assad"), "assad"),
    ("no text", lambda r: r.update(text=""), "text"),
]


@pytest.mark.parametrize(("case", "mutate", "reason"), BAD, ids=[b[0] for b in BAD])
def test_a_bad_record_rejects_the_whole_file_naming_the_line(
    project, db_path, tmp_path, case, mutate, reason
):
    bad = record(id="doc-3", text=TEXT + " ج")  # a new text: duplicates are skipped, not checked
    mutate(bad)
    path = write(
        tmp_path / "bad.jsonl", record(id="doc-1"), record(id="doc-2", text=TEXT + " ب"), bad
    )
    before = dump(db_path)
    with pytest.raises(InputError) as err:
        project.import_paths([path])
    message = str(err.value)
    assert "bad.jsonl" in message and "line 3" in message
    assert reason in message
    assert dump(db_path) == before


def test_span_error_names_the_span(project, tmp_path):
    bad = record()
    bad["entities"][2]["text"] = "خطأ"
    with pytest.raises(InputError, match=r"line 1, span entities\[2\] \(m3\)"):
        project.import_paths([write(tmp_path / "bad.jsonl", bad)])


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"{not json\n", "not valid JSON"),
        (b"[1, 2]\n", "JSON object"),
        (b"\n\n", "no records"),
        (b'{"text": "\xff"}\n', "UTF-8"),
    ],
)
def test_malformed_jsonl_files(project, tmp_path, content, reason):
    path = tmp_path / "x.jsonl"
    path.write_bytes(content)
    with pytest.raises(InputError, match=reason):
        project.import_paths([path])


def test_bom_and_blank_lines_are_tolerated_and_lines_counted(project, tmp_path):
    path = tmp_path / "x.jsonl"
    bad = record(id="d2")
    bad["entities"][0]["text"] = "x"
    path.write_bytes(
        b"\xef\xbb\xbf"
        + json.dumps(record(), ensure_ascii=False).encode()
        + b"\n\n"
        + json.dumps(bad).encode()
        + b"\n"
    )
    with pytest.raises(InputError, match="line 3"):
        project.import_paths([path])


def test_registry_merges_across_records(project, tmp_path):
    one = record()
    two = record(id="doc-2", text=TEXT + "!")
    two["registry"]["putin"]["aliases"] = ["بوتن"]
    project.import_paths([write(tmp_path / "r.jsonl", one, two)])
    out = tmp_path / "o.jsonl"
    project.export_jsonl(out)
    regs = [
        json.loads(x)["registry"]["putin"]["aliases"]
        for x in out.read_text(encoding="utf-8").splitlines()
    ]
    assert regs[0] == regs[1] == ["بوتين", "Putin", "بوتن"]


def test_export_filters_by_annotator(project, tmp_path):
    project.import_paths([write(tmp_path / "in.jsonl", record())])
    from desktop.core.filters import ExportFilter

    out = tmp_path / "o.jsonl"
    project.export_jsonl(out, ExportFilter(annotators=("other",)))
    got = json.loads(out.read_text(encoding="utf-8"))
    assert [m["id"] for m in got["entities"]] == ["m3"]
    assert got["claims"] == []


def test_failed_export_leaves_no_partial_file(seeded, tmp_path):
    from desktop.core.errors import MizanError

    with pytest.raises(MizanError):
        seeded.export_jsonl(tmp_path / "missing-folder" / "x.jsonl")
    assert not list(tmp_path.rglob("*.part"))
    assert not (tmp_path / "missing-folder").exists()
