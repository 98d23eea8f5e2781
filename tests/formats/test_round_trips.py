"""Exact round trips through every format that carries the text (JSONL, XMI, brat, spaCy), on
text with emoji, ZWJ sequences, harakat, NBSP, bidi controls, line breaks from CRLF files and a
leading U+FEFF: every span's text and offsets are equal after the round trip. Each export is also
read by a consumer that is not Mizan (cassis, spaCy, a standoff parser written here)."""

from __future__ import annotations

import io
import re
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.model import Document, Mention
from desktop.formats.brat import read_brat, write_brat
from desktop.formats.jsonl import read_jsonl, write_jsonl
from desktop.formats.spacy_docbin import write_docbin
from desktop.formats.xmi import NAMED_ENTITY, read_xmi, write_xmi

PIECES = [
    "بوتين", "دمشق", "قال", "الأَسَد", "مُحَمَّد", " ", " ", "\n", "\r\n", "\u00a0", "\u200f",
    "\u202e", "\u202c", "\u2066", "\u2069", "\u200d", "\u200c", "😀", "👨\u200d👩\u200d👧",
    "🇸🇾", "ـ", "٧٪", "a", "،", ".",
]  # fmt: skip


@st.composite
def documents(draw) -> Document:
    raw = "".join(draw(st.lists(st.sampled_from(PIECES), min_size=1, max_size=25)))
    if draw(st.booleans()):
        raw = "\ufeff" + raw
    text = re.sub("\r\n?", "\n", raw)  # as stored after importing a CRLF file
    if not text.strip():  # importers refuse a text of blanks only
        text += "x"
    mentions = set()
    for _ in range(draw(st.integers(0, 6))):
        start = draw(st.integers(0, len(text) - 1))
        end = draw(st.integers(start + 1, len(text)))
        if text[start:end].strip("\n"):  # brat cannot hold a span of line breaks only
            mentions.add((start, end, draw(st.sampled_from(["PERS", "GPE"]))))
    spans = tuple(
        Mention(s, e, label, ext_id=f"m{k}") for k, (s, e, label) in enumerate(sorted(mentions), 1)
    )
    return Document("d1", text, mentions=spans)


def spans_of(doc: Document) -> list[tuple[int, int, str, str]]:
    return sorted((m.start, m.end, m.label, doc.text[m.start : m.end]) for m in doc.mentions)


def scratch() -> Path:
    return Path(tempfile.mkdtemp(prefix="mizan-rt-"))


SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(documents())
def test_jsonl(doc):
    folder = scratch()
    try:
        path = folder / "a.jsonl"
        with path.open("w", encoding="utf-8", newline="\n") as handle:
            write_jsonl([doc], handle)
        ((_, back),) = list(read_jsonl(path))
        assert back.text == doc.text
        assert spans_of(back) == spans_of(doc)
    finally:
        shutil.rmtree(folder)


def standoff_spans(ann: str, text: str) -> list[tuple[int, int, str]]:
    """An independent brat standoff reader: T lines only, fragments checked against the text."""
    out = []
    for line in ann.splitlines():
        if not line.startswith("T"):
            continue
        _tid, type_offsets, covered = line.split("\t")
        type_, offsets = type_offsets.split(" ", 1)
        frags = [tuple(int(x) for x in f.split(" ")) for f in offsets.split(";")]
        assert all("\n" not in text[a:b] for a, b in frags)
        assert " ".join(text[a:b] for a, b in frags) == covered
        out.append((frags[0][0], frags[-1][1], type_))
    return sorted(out)


@SETTINGS
@given(documents())
def test_brat(doc):
    folder = scratch()
    try:
        write_brat([doc], folder / "brat")
        assert (folder / "brat" / "d1.txt").read_bytes() == doc.text.encode("utf-8")
        (back,) = read_brat(folder / "brat")
        assert back.text == doc.text
        assert spans_of(back) == spans_of(doc)
        ann = (folder / "brat" / "d1.ann").read_text(encoding="utf-8")
        trimmed = []
        for m in doc.mentions:  # what brat itself shows: the span without outer line breaks
            covered = doc.text[m.start : m.end]
            start = m.start + len(covered) - len(covered.lstrip("\n"))
            trimmed.append((start, start + len(covered.strip("\n")), m.label))
        assert standoff_spans(ann, doc.text) == sorted(trimmed)
    finally:
        shutil.rmtree(folder)


@SETTINGS
@given(documents())
def test_xmi(doc):
    from cassis import load_cas_from_xmi, load_typesystem

    folder = scratch()
    try:
        write_xmi([doc], folder / "xmi")
        (back,) = read_xmi(folder / "xmi")
        assert back.text == doc.text
        assert spans_of(back) == spans_of(doc)
        ts = load_typesystem(io.BytesIO((folder / "xmi" / "TypeSystem.xml").read_bytes()))
        cas = load_cas_from_xmi(io.BytesIO((folder / "xmi" / "d1.xmi").read_bytes()), ts)
        assert cas.sofa_string == doc.text
        got = sorted(
            (a.begin, a.end, a.value, a.get_covered_text()) for a in cas.select(NAMED_ENTITY)
        )
        assert got == spans_of(doc)
    finally:
        shutil.rmtree(folder)


@SETTINGS
@given(documents())
def test_spacy(doc):
    from spacy.tokens import DocBin
    from spacy.vocab import Vocab

    folder = scratch()
    try:
        write_docbin([doc], folder / "a.spacy")
        (sdoc,) = DocBin().from_disk(folder / "a.spacy").get_docs(Vocab())
        assert sdoc.text == doc.text
        got = sorted((s.start_char, s.end_char, s.label_, s.text) for s in sdoc.spans["sc"])
        assert got == spans_of(doc)
    finally:
        shutil.rmtree(folder)


def test_brat_keeps_a_spans_outer_line_breaks_and_a_leading_bom(tmp_path):
    text = "\ufeffزار بوتين\nدمشق\n"
    doc = Document("d1", text, mentions=(Mention(4, 11, "PERS"), Mention(10, 16, "GPE")))
    write_brat([doc], tmp_path / "brat")
    ann = (tmp_path / "brat" / "d1.ann").read_text(encoding="utf-8")
    assert "#1\tMizanSpan T1\t4 11" in ann and "#2\tMizanSpan T2\t10 16" in ann
    (back,) = read_brat(tmp_path / "brat")
    assert back.text == text
    assert spans_of(back) == spans_of(doc)
