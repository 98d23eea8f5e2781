"""Importers of foreign formats (doccano, Label Studio, brat, UIMA CAS XMI): round trips on the
hard corpus, offset units, and bad inputs refused whole, naming the file and the reason."""

from __future__ import annotations

import json
import os
import shutil
import zipfile
from pathlib import Path

import pytest

from desktop.core.errors import InputError
from desktop.core.model import Document, MentionStatus
from desktop.core.rules import text_sha256
from desktop.text import Utf16Map
from tests.formats.test_exports import TEXT_A, at, comparable, exported, make_corpus

DATA = Path(__file__).parent / "data"


@pytest.fixture
def corpus() -> list[Document]:
    return make_corpus()


def write_lines(path: Path, records) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    return path


# --------------------------------------------------------------------------- doccano


def doccano_records(corpus, *, utf16: bool, shape: str):
    out = []
    for i, doc in enumerate(corpus, start=1):
        umap = Utf16Map(doc.text)
        spans = [
            (*(umap.span_to_utf16(m.start, m.end) if utf16 else (m.start, m.end)), m.label)
            for m in doc.mentions
        ]
        if shape == "label":
            out.append({"id": i, "text": doc.text, "label": [list(s) for s in spans]})
        else:
            out.append(
                {
                    "id": i,
                    "text": doc.text,
                    "entities": [
                        {"id": k, "start_offset": s, "end_offset": e, "label": label}
                        for k, (s, e, label) in enumerate(spans)
                    ],
                    "relations": [],
                }
            )
    return out


@pytest.mark.parametrize("shape", ["label", "entities"])
@pytest.mark.parametrize("units", ["utf16", "codepoint"])
def test_doccano_round_trip(tmp_path, corpus, shape, units):
    from desktop.formats.doccano import read_doccano

    path = write_lines(
        tmp_path / "export.jsonl", doccano_records(corpus, utf16=units == "utf16", shape=shape)
    )
    docs = read_doccano(path, units=units)
    assert [d.external_id for d in docs] == ["export-1", "export-2", "export-3"]
    for doc, got in zip(corpus, docs, strict=True):
        assert got.text == doc.text and got.text_sha256 == text_sha256(doc.text)
        assert sorted((m.start, m.end, m.label) for m in got.mentions) == sorted(
            (m.start, m.end, m.label) for m in doc.mentions
        )
        for m in got.mentions:
            assert 0 <= m.start < m.end <= len(got.text)


def test_doccano_wrong_units_are_caught_when_they_can_be(tmp_path, corpus):
    """UTF-16 offsets read as code points run past the end of this text (an emoji near the end)."""
    from desktop.formats.doccano import read_doccano

    text = "زار بوتين 👨‍👩‍👧"
    umap = Utf16Map(text)
    s, e = umap.span_to_utf16(*at(text, "👨‍👩‍👧"))
    path = write_lines(tmp_path / "d.jsonl", [{"text": text, "label": [[s, e, "X"]]}])
    assert read_doccano(path)[0].mentions[0].end == len(text)
    with pytest.raises(InputError, match=r"d\.jsonl, line 1, span label\[0\]: offsets .* outside"):
        read_doccano(path, units="codepoint")
    inside = write_lines(tmp_path / "i.jsonl", [{"text": text, "label": [[s + 1, e, "X"]]}])
    with pytest.raises(InputError, match="inside a character outside the BMP"):
        read_doccano(inside)


def test_doccano_crlf_and_bom_are_normalised_with_offsets(tmp_path):
    from desktop.formats.doccano import read_doccano

    raw = "\ufeffسطر أول\r\nزار بوتين دمشق"
    s, e = at(raw, "بوتين")
    path = write_lines(tmp_path / "c.jsonl", [{"text": raw, "label": [[s, e, "PERS"]]}])
    (doc,) = read_doccano(path)
    assert doc.text == "سطر أول\nزار بوتين دمشق"
    m = doc.mentions[0]
    assert doc.text[m.start : m.end] == "بوتين"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"text": "abc", "label": [[0, 9, "X"]]}\n', r"line 1, span label\[0\]: offsets \[0, 9\)"),
        ('{"text": "abc", "label": [[2, 2, "X"]]}\n', "or empty"),
        ('{"text": "abc", "label": [[0, 1, ""]]}\n', "label must be a non-empty string"),
        ('{"text": "abc", "label": [[0, "1", "X"]]}\n', "must be integers"),
        ('{"text": "abc", "label": ["POSITIVE"]}\n', "text-classification export"),
        ('{"text": "abc"}\n{"text": "abc", "label": [[0, 1, "X"]\n', r"line 2: not valid JSON"),
        ('{"label": []}\n', '"text" must be a non-empty string'),
        ("[1, 2]", r"span record 1: a record must be a JSON object"),
        ('{"id": 1, "text": "a"}\n{"id": 1, "text": "b"}\n', "already used at line 1"),
        ("", "file has no records"),
        (
            '{"text": "abc", "entities": [{"start_offset": 0, "end_offset": 4, "label": "X"}]}',
            r"span entities\[0\]",
        ),
    ],
)
def test_doccano_bad_input(tmp_path, content, message):
    from desktop.formats.doccano import read_doccano

    path = tmp_path / "bad.jsonl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message) as info:
        read_doccano(path)
    assert info.value.path == str(path)


def test_doccano_binary_file(tmp_path):
    from desktop.formats.doccano import read_doccano

    path = tmp_path / "bin.jsonl"
    path.write_bytes(b'{"text": "\xff\xfe"}')
    with pytest.raises(InputError, match="invalid UTF-8 at byte 10"):
        read_doccano(path)


# --------------------------------------------------------------------------- Label Studio


def ls_tasks(corpus):
    tasks = []
    for i, doc in enumerate(corpus):
        umap = Utf16Map(doc.text)
        result = []
        for k, m in enumerate(doc.mentions):
            s, e = umap.span_to_utf16(m.start, m.end)
            result.append(
                {
                    "id": f"r{k}",
                    "type": "labels",
                    "from_name": "label",
                    "to_name": "text",
                    "value": {
                        "start": s,
                        "end": e,
                        "text": doc.text[m.start : m.end],
                        "labels": [m.label],
                    },
                }
            )
        result.append({"id": "ch", "type": "choices", "value": {"choices": ["news"]}})
        tasks.append(
            {
                "id": 100 + i,
                "data": {"text": doc.text, "outlet": doc.meta.outlet},
                "annotations": [
                    {
                        "id": 1,
                        "completed_by": {"id": 3, "email": "a@example.org"},
                        "result": result,
                    },
                    {"id": 2, "completed_by": 4, "was_cancelled": True, "result": result},
                ],
                "predictions": [{"model_version": "v1", "result": result[:1]}],
            }
        )
    return tasks


def test_labelstudio_round_trip(tmp_path, corpus):
    from desktop.formats.labelstudio import read_labelstudio

    path = tmp_path / "project-1.json"
    path.write_text(json.dumps(ls_tasks(corpus), ensure_ascii=False), encoding="utf-8")
    docs = read_labelstudio(path)
    assert [d.external_id for d in docs] == ["project-1-100", "project-1-101", "project-1-102"]
    for doc, got in zip(corpus, docs, strict=True):
        assert got.text == doc.text and got.meta.outlet == doc.meta.outlet
        assert sorted((m.start, m.end, m.label) for m in got.mentions) == sorted(
            (m.start, m.end, m.label) for m in doc.mentions
        )
        assert {m.annotator for m in got.mentions} <= {"a@example.org"}
        assert all(m.status is MentionStatus.MANUAL for m in got.mentions)
    with_predictions = read_labelstudio(path, include_predictions=True)[0]
    suggested = [m for m in with_predictions.mentions if m.status is MentionStatus.SUGGESTED]
    assert len(suggested) == 1 and suggested[0].annotator == "v1"
    flag = next(m for m in docs[0].mentions if m.label == "GPE" and m.end - m.start == 2)
    assert docs[0].text[flag.start : flag.end] == "🇸🇾"


def test_labelstudio_rejects_mismatched_text(tmp_path, corpus):
    """Code point offsets given as if they were UTF-16: the covered text no longer matches."""
    from desktop.formats.labelstudio import read_labelstudio

    tasks = ls_tasks(corpus)
    s, e = at(TEXT_A, "بوتين", 1)
    tasks[0]["annotations"][0]["result"][4]["value"].update(start=s, end=e, text="بوتين")
    path = tmp_path / "ls.json"
    path.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_labelstudio(path)
    message = str(info.value)
    assert message.startswith(f"{path}, span task[0] annotations[0] result 'r4'")
    assert "does not match the text at UTF-16" in message


@pytest.mark.parametrize(
    ("tasks", "message"),
    [
        (
            [
                {
                    "data": {"text": "abc"},
                    "annotations": [
                        {
                            "result": [
                                {
                                    "id": "x",
                                    "type": "labels",
                                    "value": {"start": 1, "end": 7, "labels": ["A"]},
                                }
                            ]
                        }
                    ],
                }
            ],
            r"span task\[0\] annotations\[0\] result 'x': offsets \[1, 7\) are outside",
        ),
        (
            [
                {
                    "data": {"text": "abc"},
                    "annotations": [
                        {
                            "result": [
                                {
                                    "id": "x",
                                    "type": "labels",
                                    "value": {"start": 0, "end": 1, "labels": []},
                                }
                            ]
                        }
                    ],
                }
            ],
            "value.labels must be a non-empty list",
        ),
        (
            [
                {
                    "data": {"text": "abc"},
                    "annotations": [
                        {
                            "result": [
                                {
                                    "id": "x",
                                    "type": "hypertextlabels",
                                    "value": {"start": "/p[1]", "end": "/p[1]"},
                                }
                            ]
                        }
                    ],
                }
            ],
            "XPath",
        ),
        ([{"data": {"a": "x", "b": "y"}}], r"task\[0\]: cannot tell which"),
        ([{"annotations": []}], 'needs a "data" object'),
        ({"not": "a list"}, 'needs a "data" object'),
        ([], "file has no tasks"),
    ],
)
def test_labelstudio_bad_input(tmp_path, tasks, message):
    from desktop.formats.labelstudio import read_labelstudio

    path = tmp_path / "ls.json"
    path.write_text(json.dumps(tasks), encoding="utf-8")
    with pytest.raises(InputError, match=message):
        read_labelstudio(path)


def test_labelstudio_malformed_json(tmp_path):
    from desktop.formats.labelstudio import read_labelstudio

    path = tmp_path / "ls.json"
    path.write_text('[{"data": {"text": "abc"}},\n{"data": }]', encoding="utf-8")
    with pytest.raises(InputError, match=r"ls\.json, line 2: not valid JSON"):
        read_labelstudio(path)


# --------------------------------------------------------------------------- brat


def brat_pair(folder: Path, name: str, text: str, ann: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.txt").write_bytes(text.encode("utf-8"))
    (folder / f"{name}.ann").write_bytes(ann.encode("utf-8"))


def test_brat_hand_written(tmp_path):
    from desktop.formats.brat import read_brat

    text = "قال بوتين إن\nالتبادل نما."
    s1, e1 = at(text, "بوتين")
    c1, c2 = at(text, "إن")[0], at(text, "نما.")[1]
    ann = (
        f"T1\tPERS {s1} {e1}\tبوتين\n"
        f"T2\tClaim {c1} {c1 + 2};{c1 + 3} {c2}\tإن التبادل نما.\n"
        "T3\tCue 0 3\tقال\n"
        "A1\tPolarity T2 denied\n"
        "R1\tSource Arg1:T2 Arg2:T1\n"
        "R2\tCue Arg1:T2 Arg2:T3\n"
        "N1\tReference T1 Mizan:putin\tفلاديمير بوتين\n"
        "N2\tReference T1 Wikidata:Q7747\tPutin\n"
        "#1\tAnnotatorNotes T1\tignored\n"
    )
    brat_pair(tmp_path / "corpus" / "sub", "a", text, ann)
    brat_pair(tmp_path / "corpus", "empty", "نص بلا تعليقات", "")
    (tmp_path / "corpus" / "annotation.conf").write_text("[entities]\n", encoding="utf-8")
    docs = read_brat(tmp_path / "corpus")
    assert [d.external_id for d in docs] == ["empty", "sub/a"]
    doc = docs[1]
    assert [(m.start, m.end, m.label, m.entity) for m in doc.mentions] == [
        (s1, e1, "PERS", "putin")
    ]
    (c,) = doc.claims
    assert (c.start, c.end, c.polarity.value) == (c1, c2, "denied")
    assert c.source.mention == "T1" and (c.cue.start, c.cue.end) == (0, 3)
    assert doc.registry["putin"].name == "فلاديمير بوتين"
    # a single .ann file, and a zip archive, give the same document
    assert comparable(read_brat(tmp_path / "corpus" / "sub" / "a.ann")[0]) == comparable(doc)
    archive = tmp_path / "corpus.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("corpus/sub/a.txt", text)
        zf.writestr("corpus/sub/a.ann", ann)
    (zdoc,) = read_brat(archive)
    assert zdoc.external_id == "corpus/sub/a" and comparable(zdoc) == comparable(doc)


def test_brat_crlf_text(tmp_path):
    """Offsets counted in the file as written (CRLF = 2) are moved to the LF text."""
    from desktop.formats.brat import read_brat

    text = "سطر\r\nزار بوتين"
    s, e = at(text, "بوتين")
    brat_pair(tmp_path, "c", text, f"T1\tPERS {s} {e}\tبوتين\n")
    (doc,) = read_brat(tmp_path)
    assert doc.text == "سطر\nزار بوتين"
    m = doc.mentions[0]
    assert doc.text[m.start : m.end] == "بوتين"


@pytest.mark.parametrize(
    ("ann", "message"),
    [
        ("T1\tPERS 0 99\tx\n", r"line 1, span T1: offsets \[0, 99\) are outside"),
        ("T1\tPERS 0 3\tبوتين\n", r"span T1: text 'بوتين' does not match"),
        ("T1\tPERS 0 3\tزار\nT1\tPERS 0 3\tزار\n", r"line 2, span T1: id 'T1' is used twice"),
        ("T1\tPERS zero 3\tزار\n", "bad offsets"),
        ("T1\tPERS 0 1;2 3\tز ر\n", "discontinuous annotation"),
        ("R1\tSource Arg1:T7 Arg2:T1\n", "refers to 'T7'"),
        ("T1\tClaim 0 3\tزار\nA1\tPolarity T1 maybe\n", "Polarity 'maybe' is not one of"),
        ("T1\tCue 0 3\tزار\n", "not attached to any claim"),
        ("E1\tAttack:T1\n", "events are not supported"),
        ("X1\twhat\n", "unknown annotation line"),
    ],
)
def test_brat_bad_ann(tmp_path, ann, message):
    from desktop.formats.brat import read_brat

    brat_pair(tmp_path, "doc", "زار بوتين دمشق", ann)
    with pytest.raises(InputError, match=message) as info:
        read_brat(tmp_path)
    assert info.value.path == str(tmp_path / "doc.ann")


@pytest.mark.parametrize("member", ["../evil.ann", "/etc/evil.ann", "a/../../evil.txt", "C:/x.txt"])
def test_brat_archive_paths_are_refused(tmp_path, member):
    from desktop.formats.brat import read_brat

    archive = tmp_path / "corpus.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("ok.txt", "نص")
        zf.writestr("ok.ann", "")
        zf.writestr(member, "")
    with pytest.raises(InputError, match="refusing the archive") as info:
        read_brat(archive)
    assert str(archive) in str(info.value)


def test_brat_archive_symlink_member_is_refused(tmp_path):
    from desktop.formats.brat import read_brat

    archive = tmp_path / "corpus.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        info = zipfile.ZipInfo("link.txt")
        info.external_attr = 0o120777 << 16
        zf.writestr(info, "/etc/passwd")
    with pytest.raises(InputError, match="symbolic link"):
        read_brat(archive)


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks here")
def test_brat_folder_symlink_is_refused(tmp_path):
    from desktop.formats.brat import read_brat

    brat_pair(tmp_path / "corpus", "a", "نص", "")
    outside = tmp_path / "secret.txt"
    outside.write_text("سر", encoding="utf-8")
    (tmp_path / "corpus" / "b.txt").symlink_to(outside)
    with pytest.raises(InputError, match="symbolic link") as info:
        read_brat(tmp_path / "corpus")
    assert info.value.path.endswith("b.txt")


def test_brat_missing_text(tmp_path):
    from desktop.formats.brat import read_brat

    (tmp_path / "lonely.ann").write_text("", encoding="utf-8")
    with pytest.raises(InputError, match="has no text file lonely.txt"):
        read_brat(tmp_path)


# --------------------------------------------------------------------------- XMI


def test_xmi_round_trip(tmp_path, corpus):
    from desktop.formats.xmi import read_xmi, write_xmi

    write_xmi(corpus, tmp_path / "xmi")
    back = read_xmi(tmp_path / "xmi")
    by_id = {d.external_id: d for d in back}
    assert set(by_id) == {d.external_id for d in corpus}  # ids survive unsafe file names
    for doc in corpus:
        got = by_id[doc.external_id]
        assert got.text == doc.text
        want = Document(doc.external_id, doc.text, mentions=tuple(exported(doc)), claims=doc.claims)
        assert comparable(got) == comparable(want)
        assert sorted(
            (c.ext_id, c.topics, c.note or "", c.annotator or "") for c in got.claims
        ) == sorted((c.ext_id, c.topics, c.note or "", c.annotator or "") for c in doc.claims)
        assert got.meta == doc.meta
        assert got.registry == doc.registry
    # one file, with the TypeSystem.xml beside it, and a zip archive
    single = read_xmi(tmp_path / "xmi" / "002_b056ffaf7079958c.xmi")
    assert comparable(single[0]) == comparable(by_id["002_b056ffaf7079958c"])
    archive = tmp_path / "x.zip"
    shutil.make_archive(str(archive)[:-4], "zip", tmp_path / "xmi")
    assert [d.external_id for d in read_xmi(archive)] == [d.external_id for d in back]


def test_inception_style_xmi():
    from desktop.formats.xmi import read_xmi

    (doc,) = read_xmi(DATA / "inception")
    assert doc.external_id == "visit" and doc.meta.title == "visit.txt"
    got = [(doc.text[m.start : m.end], m.label, m.entity) for m in doc.mentions]
    assert got == [
        ("🇸🇾", "GPE", None),
        ("بوتين", "PERS", "http://www.wikidata.org/entity/Q7747"),
        ("دمشق", "Location", None),  # a DKPro subtype without a value
        ("الكرملين", "ORG", None),
    ]


def test_xmi_without_typesystem_uses_ours(tmp_path):
    from desktop.formats.xmi import read_xmi

    shutil.copy(DATA / "inception" / "visit.xmi", tmp_path / "visit.xmi")
    (doc,) = read_xmi(tmp_path / "visit.xmi")
    # the built-in type system knows NamedEntity, not the Location subtype: it is skipped
    assert [doc.text[m.start : m.end] for m in doc.mentions] == ["🇸🇾", "بوتين", "الكرملين"]


XXE = """<?xml version="1.0"?>
<!DOCTYPE xmi [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<xmi:XMI xmlns:xmi="http://www.omg.org/XMI" xmlns:cas="http:///uima/cas.ecore" xmi:version="2.0">
<cas:Sofa xmi:id="1" sofaNum="1" sofaID="_InitialView" sofaString="&xxe;"/></xmi:XMI>
"""
LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>
<xmi:XMI xmlns:xmi="http://www.omg.org/XMI" xmi:version="2.0">&lol2;</xmi:XMI>
"""
NO_DTD_EXTERNAL = """<?xml version="1.0"?>
<xmi:XMI xmlns:xmi="http://www.omg.org/XMI" xmlns:xi="http://www.w3.org/2001/XInclude" xmi:version="2.0">
<xi:include href="file:///etc/passwd"/></xmi:XMI>
"""


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (XXE, "DTD"),
        (LAUGHS, "DTD"),
        ("<xmi:XMI", "not well-formed XML"),
        ('<?xml version="1.0"?>\n<a>\n<b></a>', r"line 3: not well-formed XML"),
    ],
)
def test_xmi_refuses_unsafe_or_broken_xml(tmp_path, content, message):
    from desktop.formats.xmi import read_xmi

    path = tmp_path / "evil.xmi"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message) as info:
        read_xmi(path)
    assert info.value.path == str(path)


def test_xmi_external_entity_refused_even_in_the_type_system(tmp_path):
    from desktop.formats.xmi import read_xmi

    shutil.copy(DATA / "inception" / "visit.xmi", tmp_path / "visit.xmi")
    (tmp_path / "TypeSystem.xml").write_text(XXE, encoding="utf-8")
    with pytest.raises(InputError, match="DTD") as info:
        read_xmi(tmp_path)
    assert info.value.path.endswith("TypeSystem.xml")


def test_xmi_xinclude_is_not_followed(tmp_path):
    from desktop.formats.xmi import read_xmi

    path = tmp_path / "x.xmi"
    path.write_text(NO_DTD_EXTERNAL, encoding="utf-8")
    with pytest.raises(InputError, match="no document text"):
        read_xmi(path)


def test_xmi_bad_offsets(tmp_path):
    from desktop.formats.xmi import read_xmi

    content = (DATA / "inception" / "visit.xmi").read_text(encoding="utf-8")
    (tmp_path / "TypeSystem.xml").write_bytes((DATA / "inception" / "TypeSystem.xml").read_bytes())
    (tmp_path / "v.xmi").write_text(
        content.replace('begin="9" end="14"', 'begin="9" end="9"', 1), "utf-8"
    )
    with pytest.raises(
        InputError, match=r"span NamedEntity xmi:id=5: offsets \[\d+, \d+\) .* or empty"
    ):
        read_xmi(tmp_path)


def test_doccano_old_data_key_and_metadata(tmp_path):
    from desktop.formats.doccano import read_doccano

    path = write_lines(
        tmp_path / "old.jsonl",
        [
            {
                "id": "a7",
                "data": "زار بوتين",
                "labels": [[4, 9, "PERS"]],
                "outlet": "سانا",
                "published": "2023-03-15",
            }
        ],
    )
    (doc,) = read_doccano(path)
    assert doc.external_id == "old-a7" and doc.meta.outlet == "سانا"
    assert doc.meta.published.isoformat() == "2023-03-15"
    assert doc.text[doc.mentions[0].start : doc.mentions[0].end] == "بوتين"
