"""Dataset exports, each read back with its real consumer: every covered text must match.

The corpus has emoji (ZWJ family, flag), harakat, ZWJ/ZWNJ inside words, NBSP, bidi controls
(U+200F, U+202E), multi-line text, nested mentions (PERS ⊃ OCC ⊃ NORP), a mention inside a token,
claims with every source kind and a cue, and a claim that starts with "=".
"""

from __future__ import annotations

import csv
import json
import re
from datetime import date
from itertools import pairwise
from pathlib import Path

import pytest

from desktop.core.model import (
    Claim,
    ClaimCluster,
    ClaimSource,
    ClusterMember,
    Document,
    DocumentMeta,
    Mention,
    MentionStatus,
    Polarity,
    QuoteType,
    RegistryEntity,
    Relation,
    SourceKind,
    Span,
)
from desktop.core.rules import text_sha256
from desktop.formats.atomic import ExportError
from desktop.formats.split import (
    COARSE_LABELS,
    assign_splits,
    exported_mentions,
    split_of,
)
from desktop.text import Utf16Map, tokenize

# --------------------------------------------------------------------------- the corpus

TEXT_A = (
    "👨‍👩‍👧 قال الرئيس الروسي فلاديمير بوتين\u200f إن «التبادل التجاري نما بنسبة ٧٪» "
    "وبوتين أكّد ذلك.\n"
    "سطر ثانٍ عن 🇸🇾 سوريا\u00a0\u202eدمشق\u202c والـ\u200cمعلومات مع\u200dالوفد والأَسَد.\n"
    "=رقم مثير للجدل"
)
TEXT_B = "بوتين يلتقي الأسد 🇸🇾 في موسكو.\nوقال الكرملين إن التبادل التجاري نما كثيرا."
TEXT_C = "- قالت مصادر إن التبادل التجاري لم ينمُ.\n+ وأضافت أن القمة ناجحة."


def at(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def mention(text, needle, label, ext_id, nth=0, **kw) -> Mention:
    s, e = at(text, needle, nth)
    return Mention(s, e, label, ext_id=ext_id, **kw)


def claim(text, needle, ext_id, source, cue=None, **kw) -> Claim:
    s, e = at(text, needle)
    cue_span = Span(*at(text, cue)) if cue else None
    return Claim(s, e, source=source, cue=cue_span, ext_id=ext_id, **kw)


PUTIN = RegistryEntity("putin", "فلاديمير بوتين", "PERS", ("بوتين",), external_id="Q7747")
ASSAD = RegistryEntity("assad", "بشار الأسد", "PERS")


def make_corpus() -> list[Document]:
    a = TEXT_A
    mentions_a = (
        mention(a, "الرئيس الروسي فلاديمير بوتين", "PERS", "m1", entity="putin"),
        mention(a, "الرئيس الروسي", "OCC", "m2", annotator="other"),
        mention(a, "الروسي", "NORP", "m3"),
        mention(a, "فلاديمير بوتين", "PERS", "m4", entity="putin"),
        mention(a, "وبوتين", "PERS", "m5", entity="putin", prefix_len=1),
        mention(a, "🇸🇾", "GPE", "m6"),
        mention(a, "سوريا", "GPE", "m7"),
        mention(a, "دمشق", "GPE", "m8"),
        mention(a, "معلومات", "EVENT", "m9"),  # inside the token والـ‌معلومات
        mention(a, "مع\u200dالوفد", "ORG", "m10"),
        mention(a, "والأَسَد", "PERS", "m11", entity="assad", prefix_len=1),
        mention(a, "التبادل", "DATE", "m12", status=MentionStatus.SUGGESTED),
        mention(a, "نما", "DATE", "m13", status=MentionStatus.REJECTED),
    )
    claims_a = (
        claim(
            a,
            "التبادل التجاري نما بنسبة ٧٪",
            "c1",
            ClaimSource(SourceKind.MENTION, mention="m4"),
            cue="قال",
            quote_type=QuoteType.DIRECT,
            topics=("trade", "economy"),
            note="figure from the Kremlin",
            annotator="annotator-1",
        ),
        claim(
            a,
            "أكّد ذلك",
            "c2",
            ClaimSource(SourceKind.ENTITY, entity="putin"),
            polarity=Polarity.HEDGED,
        ),
        claim(
            a,
            "ذلك.\nسطر ثانٍ",
            "c3",
            ClaimSource(SourceKind.OUTLET),
            quote_type=QuoteType.OUTLET_ASSERTION,
        ),
        claim(
            a,
            "=رقم مثير للجدل",
            "c4",
            ClaimSource(SourceKind.UNNAMED),
            quote_type=QuoteType.MIXED,
            polarity=Polarity.DENIED,
        ),
    )
    doc_a = Document(
        external_id="002_b056ffaf7079958c",
        text=a,
        meta=DocumentMeta(
            outlet="سبوتنيك",
            title="قمة موسكو",
            url="https://example.org/a",
            published=date(2023, 3, 15),
            event="Putin-Assad summit",
            source_file="a.txt",
        ),
        mentions=mentions_a,
        claims=claims_a,
        registry={"putin": PUTIN, "assad": ASSAD},
        text_sha256=text_sha256(a),
    )
    b = TEXT_B
    doc_b = Document(
        external_id="rt/2023 03:15",  # not a safe file name
        text=b,
        meta=DocumentMeta(outlet="RT Arabic", original_source="TASS", event="Putin-Assad summit"),
        mentions=(
            mention(b, "بوتين", "PERS", "m1", entity="putin"),
            mention(b, "الأسد", "PERS", "m2", entity="assad"),
            mention(b, "موسكو", "GPE", "m3"),
            mention(b, "الكرملين", "ORG", "m4"),
        ),
        claims=(
            claim(
                b,
                "التبادل التجاري نما كثيرا",
                "c1",
                ClaimSource(SourceKind.MENTION, mention="m4"),
                cue="وقال",
            ),
            claim(b, "بوتين يلتقي الأسد", "c2", ClaimSource(SourceKind.OUTLET)),
        ),
        registry={"putin": PUTIN, "assad": ASSAD},
    )
    c = TEXT_C
    doc_c = Document(
        external_id="doc-c",
        text=c,
        meta=DocumentMeta(outlet='=HYPERLINK("x")', event="Putin-Assad summit"),
        mentions=(),
        claims=(
            claim(c, "التبادل التجاري لم ينمُ", "c1", ClaimSource(SourceKind.UNNAMED), cue="قالت"),
            claim(c, "القمة ناجحة", "c2", None),
            claim(c, "- قالت", "c3", None),
        ),
    )
    return [doc_a, doc_b, doc_c]


CLUSTERS = [
    ClaimCluster(
        key="k1",
        label="trade grew",
        event="Putin-Assad summit",
        members=(
            ClusterMember("002_b056ffaf7079958c", "c1", Relation.AGREES),
            ClusterMember("002_b056ffaf7079958c", "c2", Relation.AGREES),
            ClusterMember("rt/2023 03:15", "c1", Relation.ADDS_DETAIL),
            ClusterMember("doc-c", "c1", Relation.CONTRADICTS),
            ClusterMember("missing-doc", "c1", Relation.AGREES),
        ),
    ),
    ClaimCluster(
        key="k2",
        label="the summit",
        event="Putin-Assad summit",
        members=(
            ClusterMember("rt/2023 03:15", "c2", Relation.REFRAMES),
            ClusterMember("doc-c", "c2", Relation.AGREES),
        ),
    ),
]


@pytest.fixture
def corpus() -> list[Document]:
    return make_corpus()


def stream(docs):
    """Exporters must accept a one-shot iterator."""
    yield from docs


def exported(doc, **kw):
    return exported_mentions(doc, **kw)[0]


def test_corpus_is_valid(corpus):
    for doc in corpus:
        for m in doc.mentions:
            assert 0 <= m.start < m.end <= len(doc.text)
        for c in doc.claims:
            assert 0 <= c.start < c.end <= len(doc.text)
    assert Utf16Map(TEXT_A).has_astral


# --------------------------------------------------------------------------- split.py


def test_splits_are_by_document_seeded_and_order_free():
    ids = [f"doc-{i}" for i in range(2000)]
    a = assign_splits(ids, (80, 10, 10), seed=3)
    b = assign_splits(list(reversed(ids)), (80, 10, 10), seed=3)
    assert a == b
    assert assign_splits(ids[:10], seed=3) == {k: a[k] for k in ids[:10]}
    shares = {
        name: sum(v == name for v in a.values()) / len(ids) for name in ("train", "dev", "test")
    }
    assert (
        0.76 < shares["train"] < 0.84
        and 0.07 < shares["dev"] < 0.13
        and 0.07 < shares["test"] < 0.13
    )
    assert assign_splits(ids, seed=4) != a
    assert split_of("x", (1, 0, 0)) == "train"
    assert set(assign_splits(ids, (0, 0, 5)).values()) == {"test"}
    with pytest.raises(ValueError):
        assign_splits(ids, (1, 2))


def test_coarse_map():
    assert COARSE_LABELS["PERS"] == "PERS" and COARSE_LABELS["GPE"] == "LOC"
    assert COARSE_LABELS["FAC"] == "LOC" and COARSE_LABELS["NORP"] == "MISC"
    assert COARSE_LABELS["DATE"] is None and COARSE_LABELS["OCC"] is None
    assert set(COARSE_LABELS) == set(
        "PERS NORP OCC ORG GPE LOC FAC EVENT DATE TIME LANGUAGE WEBSITE LAW PRODUCT CARDINAL "
        "ORDINAL PERCENT QUANTITY UNIT MONEY CURR".split()
    )
    assert {v for v in COARSE_LABELS.values()} == {"PERS", "LOC", "ORG", "MISC", None}


# --------------------------------------------------------------------------- CoNLL


def read_conll(path: Path) -> list[list[list[tuple[str, list[str]]]]]:
    """A minimal CoNLL reader: documents → sentences → (token, tags)."""
    docs: list = []
    sentence: list = []
    for line in path.read_text(encoding="utf-8").split("\n"):
        if not line:
            if sentence:
                docs[-1].append(sentence)
                sentence = []
            continue
        token, *tags = line.split("\t")
        if token == "-DOCSTART-":
            docs.append([])
            continue
        sentence.append((token, tags))
    assert not sentence
    return docs


def conll_spans(text: str, sentences) -> set[tuple[int, int, str]]:
    """Align tokens to the text and re-derive entity spans with seqeval."""
    from seqeval.metrics.sequence_labeling import get_entities

    out = set()
    pos = 0
    for sentence in sentences:
        offsets = []
        for token, _ in sentence:
            start = text.index(token, pos)
            assert not text[pos:start].strip("\u200f\u202c\u202e \n\u00a0"), "a token was skipped"
            offsets.append((start, start + len(token)))
            pos = start + len(token)
        for level in range(len(sentence[0][1])):
            tags = [tags[level] for _, tags in sentence]
            for label, first, last in get_entities(tags):
                out.add((offsets[first][0], offsets[last][1], label))
    return out


def test_conll_round_trip(tmp_path, corpus):
    from desktop.formats.conll import write_conll

    path = tmp_path / "corpus.conll"
    counts = write_conll(stream(corpus), path)
    assert counts.documents == 3
    assert counts.adjusted == 1  # معلومات inside والـ‌معلومات
    assert counts.skipped == 2  # suggested + rejected
    raw = path.read_text(encoding="utf-8")
    assert "\r" not in raw and not raw.startswith("\ufeff")
    lines = [line for line in raw.split("\n") if line]
    assert {line.count("\t") for line in lines} == {3}  # PERS ⊃ OCC ⊃ NORP: three levels
    assert all(not re.search(r"\s", line.split("\t")[0]) for line in lines)
    docs = read_conll(path)
    assert len(docs) == 3
    for doc, sentences in zip(corpus, docs, strict=True):
        derived = conll_spans(doc.text, sentences)
        for m in exported(doc):
            if doc.text[m.start : m.end] == "معلومات":
                token = next((s, e) for s, e in tokenize(doc.text) if s <= m.start < e)
                assert (*token, m.label) in derived
                continue
            assert (m.start, m.end, m.label) in derived, doc.text[m.start : m.end]
        assert len(derived) == len(exported(doc))
    # the nested structure, Wojood style
    row = {line.split("\t")[0]: line.split("\t")[1:] for line in lines}
    assert row["الرئيس"] == ["B-PERS", "B-OCC", "O"]
    assert row["الروسي"] == ["I-PERS", "I-OCC", "B-NORP"]
    assert row["فلاديمير"] == ["I-PERS", "B-PERS", "O"]
    assert row["👨\u200d👩\u200d👧"] == ["O", "O", "O"]
    # deterministic
    again = tmp_path / "again.conll"
    write_conll(stream(corpus), again)
    assert again.read_bytes() == path.read_bytes()


def test_conll_coarse_labels_and_suggested(tmp_path, corpus):
    from desktop.formats.conll import write_conll

    path = tmp_path / "coarse.conll"
    counts = write_conll(corpus, path, label_map=COARSE_LABELS, include_suggested=True)
    lines = [line for line in path.read_text(encoding="utf-8").split("\n") if line]
    labels = {t[2:] for line in lines for t in line.split("\t")[1:] if t != "O"}
    assert labels == {"PERS", "LOC", "ORG", "MISC"}
    assert counts.skipped == 3  # OCC dropped, the DATE suggestion dropped, the rejected one
    # OCC disappears, so PERS ⊃ (PERS, MISC) is two levels deep
    assert {line.count("\t") for line in lines} == {2}
    docs = read_conll(path)
    derived = conll_spans(TEXT_A, docs[0])
    assert (*at(TEXT_A, "الروسي"), "MISC") in derived


def test_conll_sentence_never_cuts_a_mention(tmp_path):
    from desktop.formats.conll import write_conll

    text = "زار بوتين.\nدمشق أمس."
    doc = Document("x", text, mentions=(Mention(*at(text, "بوتين.\nدمشق"), "EVENT"),))
    path = tmp_path / "x.conll"
    write_conll([doc], path)
    docs = read_conll(path)
    assert len(docs[0]) == 1
    assert conll_spans(text, docs[0]) == {(*at(text, "بوتين.\nدمشق"), "EVENT")}


# --------------------------------------------------------------------------- spaCy


def test_spacy_docbin(tmp_path, corpus):
    from spacy.tokens import DocBin
    from spacy.vocab import Vocab

    from desktop.formats.spacy_docbin import write_docbin

    path = tmp_path / "corpus.spacy"
    counts = write_docbin(stream(corpus), path)
    assert counts.documents == 3 and counts.files == 1
    docs = list(DocBin().from_disk(path).get_docs(Vocab()))
    assert len(docs) == 3
    for doc, sdoc in zip(corpus, docs, strict=True):
        text = doc.text
        assert sdoc.text == text
        assert sdoc.user_data["external_id"] == doc.external_id
        assert sdoc.user_data["text_sha256"] == text_sha256(text)
        assert sdoc.user_data["outlet"] == doc.meta.outlet
        mentions = exported(doc)
        sc = sdoc.spans["sc"]
        assert len(sc) == len(mentions)
        for m, span in zip(mentions, sc, strict=True):
            assert (span.start_char, span.end_char, span.label_) == (m.start, m.end, m.label)
            assert span.text == text[m.start : m.end]
            assert span.kb_id_ == (m.entity or "")
            assert sdoc.char_span(m.start, m.end, alignment_mode="strict") is not None
        for c, span in zip(doc.claims, sdoc.spans["claims"], strict=True):
            assert span.text == text[c.start : c.end] and span.label_ == c.quote_type.value
            assert span.id_ == c.ext_id
        assert [s.text for s in sdoc.spans["cues"]] == [
            text[c.cue.start : c.cue.end] for c in doc.claims if c.cue
        ]
        ents = [(e.start_char, e.end_char) for e in sdoc.ents]
        assert ents == sorted(ents)
        assert all(a[1] <= b[0] for a, b in pairwise(ents))
    a = docs[0]
    assert {e.text for e in a.ents} >= {"الرئيس الروسي فلاديمير بوتين", "وبوتين", "معلومات"}
    assert "فلاديمير بوتين" not in {e.text for e in a.ents}  # nested: only in spans["sc"]
    assert a.user_data["published"] == "2023-03-15"
    assert a.user_data["claims"][0]["source"] == {"mention": "m4"}
    again = tmp_path / "again.spacy"
    write_docbin(corpus, again)
    assert again.read_bytes() == path.read_bytes()


def test_spacy_shards(tmp_path, corpus):
    from spacy.tokens import DocBin
    from spacy.vocab import Vocab

    from desktop.formats.spacy_docbin import write_docbin

    out = tmp_path / "shards"
    counts = write_docbin(corpus, out, docs_per_file=2)
    assert counts.files == 2
    texts = [
        d.text
        for part in sorted(out.glob("*.spacy"))
        for d in DocBin().from_disk(part).get_docs(Vocab())
    ]
    assert texts == [d.text for d in corpus]


# --------------------------------------------------------------------------- brat


def parse_standoff(ann: str, text: str) -> dict[str, tuple[str, list[tuple[int, int]], str]]:
    """A brat standoff parser (T lines), checking each fragment against the text."""
    out = {}
    for line in ann.split("\n"):
        if not line.startswith("T"):
            continue
        tid, type_offsets, covered = line.split("\t")
        type_, offsets = type_offsets.split(" ", 1)
        frags = [tuple(map(int, f.split(" "))) for f in offsets.split(";")]
        for a, b in frags:
            assert "\n" not in text[a:b]
        assert " ".join(text[a:b] for a, b in frags) == covered
        out[tid] = (type_, frags, covered)
    return out


def test_brat_export(tmp_path, corpus):
    from desktop.formats.brat import write_brat

    out = tmp_path / "brat"
    counts = write_brat(stream(corpus), out)
    assert counts.documents == 3 and counts.files == 7
    names = sorted(p.name for p in out.iterdir())
    assert "annotation.conf" in names
    stem_b = next(n[:-4] for n in names if n.startswith("rt_2023") and n.endswith(".txt"))
    assert re.fullmatch(r"rt_2023_03_15_[0-9a-f]{8}", stem_b)
    a_txt = out / "002_b056ffaf7079958c.txt"
    assert a_txt.read_bytes() == TEXT_A.encode("utf-8")
    ann = (out / "002_b056ffaf7079958c.ann").read_text(encoding="utf-8")
    spans = parse_standoff(ann, TEXT_A)
    texts = {(t, c) for t, _, c in spans.values()}
    for m in exported(corpus[0]):
        assert (m.label, TEXT_A[m.start : m.end]) in texts
    multi = [f for t, f, _ in spans.values() if t == "Claim" and len(f) > 1]
    assert multi == [[at(TEXT_A, "ذلك."), at(TEXT_A, "سطر ثانٍ")]]
    assert "\tQuoteType " in ann and "\tSource Arg1:T" in ann and "\tCue Arg1:T" in ann
    assert re.search(r"^N\d+\tReference T\d+ Mizan:putin\tفلاديمير بوتين$", ann, re.M)
    assert re.search(r"^N\d+\tReference T\d+ Wikidata:Q7747\t", ann, re.M)
    assert re.search(r"^A\d+\tSourceKind T\d+ unnamed$", ann, re.M)
    conf = (out / "annotation.conf").read_text(encoding="utf-8")
    assert "[entities]\nEVENT\nGPE\nNORP\nOCC\nORG\nPERS\nClaim\nCue\n" in conf
    with pytest.raises(ExportError, match="not empty"):
        write_brat(corpus, out)


def comparable(doc: Document):
    """Mentions and claims with references resolved to spans, for round-trip comparison."""
    by_id = {m.ext_id: (m.start, m.end) for m in doc.mentions}
    mentions = sorted((m.start, m.end, m.label, m.entity) for m in doc.mentions)
    claims = sorted(
        (
            c.start,
            c.end,
            c.quote_type,
            c.polarity,
            None
            if c.source is None
            else (c.source.kind, by_id.get(c.source.mention), c.source.entity),
            (c.cue.start, c.cue.end) if c.cue else None,
        )
        for c in doc.claims
    )
    return mentions, claims


def test_brat_round_trip(tmp_path, corpus):
    from desktop.formats.brat import read_brat, write_brat

    write_brat(corpus, tmp_path / "brat")
    back = read_brat(tmp_path / "brat")
    by_text = {d.text: d for d in back}
    for doc in corpus:
        got = by_text[doc.text]
        want = Document(doc.external_id, doc.text, mentions=tuple(exported(doc)), claims=doc.claims)
        assert comparable(got) == comparable(want)
        assert got.text_sha256 == text_sha256(doc.text)
    assert by_text[TEXT_A].registry["putin"].name == "فلاديمير بوتين"
    assert by_text[TEXT_A].external_id == "002_b056ffaf7079958c"


# --------------------------------------------------------------------------- XMI


def test_xmi_export_read_back_with_cassis(tmp_path, corpus):
    from cassis import load_cas_from_xmi, load_typesystem

    from desktop.formats.xmi import CLAIM, NAMED_ENTITY, write_xmi

    out = tmp_path / "xmi"
    counts = write_xmi(stream(corpus), out)
    assert counts.documents == 3 and (out / "TypeSystem.xml").is_file()
    ts = load_typesystem((out / "TypeSystem.xml").read_bytes().decode())
    path = out / "002_b056ffaf7079958c.xmi"
    cas = load_cas_from_xmi(path.read_bytes().decode(), typesystem=ts)
    assert cas.sofa_string == TEXT_A
    nes = list(cas.select(NAMED_ENTITY))
    want = exported(corpus[0])
    assert sorted((a.begin, a.end, a.value) for a in nes) == sorted(
        (m.start, m.end, m.label) for m in want
    )
    for a in nes:
        assert a.get_covered_text() == TEXT_A[a.begin : a.end]
    claims = list(cas.select(CLAIM))
    assert sorted(c.get_covered_text() for c in claims) == sorted(
        TEXT_A[c.start : c.end] for c in corpus[0].claims
    )
    c1 = next(c for c in claims if c.claimId == "c1")
    assert c1.source.get_covered_text() == "فلاديمير بوتين"
    assert c1.cue.get_covered_text() == "قال"
    assert list(c1.topics.elements) == ["trade", "economy"]
    # raw XMI: begin/end are UTF-16 code units, as Java (UIMA, INCEpTION) counts them
    raw = path.read_text(encoding="utf-8")
    umap = Utf16Map(TEXT_A)
    attrs = re.findall(r'<type\d*:NamedEntity [^>]*?begin="(\d+)" end="(\d+)"', raw)
    assert sorted((int(b), int(e)) for b, e in attrs) == sorted(
        umap.span_to_utf16(m.start, m.end) for m in want
    )
    flag = umap.span_to_utf16(*at(TEXT_A, "🇸🇾"))
    assert flag[1] - flag[0] == 4 and f'begin="{flag[0]}" end="{flag[1]}"' in raw
    again = tmp_path / "again"
    write_xmi(corpus, again)
    assert (again / path.name).read_bytes() == path.read_bytes()


def test_xmi_refuses_xml_control_characters(tmp_path):
    from desktop.formats.xmi import write_xmi

    with pytest.raises(ExportError, match="U\\+000C at offset 3"):
        write_xmi([Document("x", "abc\x0cdef")], tmp_path / "x")


# --------------------------------------------------------------------------- claims table


def test_claims_csv(tmp_path, corpus):
    from desktop.formats.claims_table import COLUMNS, write_claims_csv

    path = tmp_path / "claims.csv"
    counts = write_claims_csv(stream(corpus), path)
    assert counts.claims == 9
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert tuple(rows[0]) == COLUMNS
    rows = [dict(zip(COLUMNS, r, strict=True)) for r in rows[1:]]
    by_id = {(r["document_id"], r["claim_id"]): r for r in rows}
    docs = {d.external_id: d for d in corpus}
    for (doc_id, claim_id), row in by_id.items():
        c = next(c for c in docs[doc_id].claims if c.ext_id == claim_id)
        covered = docs[doc_id].text[c.start : c.end]
        assert row["text"] == ("'" + covered if covered[0] in "=+-@" else covered)
        assert (int(row["start"]), int(row["end"])) == (c.start, c.end)
    c4 = by_id[("002_b056ffaf7079958c", "c4")]
    assert c4["text"].startswith("'=") and c4["source_text"] == "unnamed"
    c1 = by_id[("002_b056ffaf7079958c", "c1")]
    assert c1["source_kind"] == "mention" and c1["source_text"] == "فلاديمير بوتين"
    assert c1["source_entity"] == "putin" and c1["cue_text"] == "قال"
    assert c1["topics"] == "trade|economy" and c1["published"] == "2023-03-15"
    assert c1["text_sha256"] == text_sha256(TEXT_A)
    c2 = by_id[("002_b056ffaf7079958c", "c2")]
    assert c2["source_text"] == "فلاديمير بوتين" and c2["source_entity"] == "putin"
    assert by_id[("002_b056ffaf7079958c", "c3")]["source_text"] == "سبوتنيك"
    assert by_id[("002_b056ffaf7079958c", "c3")]["text"] == "ذلك.\nسطر ثانٍ"
    assert by_id[("doc-c", "c1")]["outlet"] == '\'=HYPERLINK("x")'
    assert by_id[("doc-c", "c3")]["text"] == "'- قالت"
    assert by_id[("doc-c", "c2")]["source_kind"] == ""
    again = tmp_path / "again.csv"
    write_claims_csv(corpus, again)
    assert again.read_bytes() == data


def test_claims_csv_rows_are_what_the_csv_module_writes(tmp_path):
    """The hand-built rows (fast path and slow path) equal csv.writer's, cell for cell."""
    from desktop.formats.claims_table import COLUMNS, claim_rows, escape_cell, write_claims_csv

    text = 'قال "المصدر", إن =1+1\n-الرقم @x, و\tكذا، «نعم» 👨‍👩‍👧'
    words = ["قال", '"المصدر",', "=1+1", "-الرقم", "@x,", "\tكذا،", "«نعم»", "👨‍👩‍👧"]
    claims = []
    for k, w in enumerate(words):
        s, e = at(text, w)
        claims.append(
            Claim(
                s,
                e,
                source=(ClaimSource(SourceKind.OUTLET), ClaimSource(SourceKind.UNNAMED), None)[
                    k % 3
                ],
                cue=Span(*at(text, "قال")) if k % 2 else None,
                topics=("a,b", '"q"') if k == 3 else ("x",),
                note=("=cmd", "line\nbreak", None, "+")[k % 4],
                annotator=("-a", "@b", "c,d", None)[k % 4],
                ext_id=(f"c{k}" if k != 5 else "=c5"),
            )
        )
    doc = Document(
        'id,"1"',
        text,
        meta=DocumentMeta(
            outlet="@outlet", title="-عنوان", event="e\nf", published=date(2024, 1, 2)
        ),
        claims=tuple(claims),
    )
    path = tmp_path / "t.csv"
    write_claims_csv([doc, doc], path)
    expected = tmp_path / "expected.csv"
    with expected.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for row in [*claim_rows(doc), *claim_rows(doc)]:
            cells = list(row)
            cells[COLUMNS.index("topics")] = "|".join(cells[COLUMNS.index("topics")])
            cells[COLUMNS.index("published")] = cells[COLUMNS.index("published")].isoformat()
            writer.writerow(
                escape_cell(v) if isinstance(v, str) else ("" if v is None else v) for v in cells
            )
    assert path.read_bytes() == expected.read_bytes()


@pytest.mark.parametrize("first", ["=", "+", "-", "@", "\t", "\r"])
def test_formula_escaping(first):
    from desktop.formats.claims_table import escape_cell

    assert escape_cell(first + "1+1") == "'" + first + "1+1"
    assert escape_cell("1" + first) == "1" + first
    assert escape_cell("") == ""


def test_claims_parquet(tmp_path, corpus):
    import pyarrow as pa
    import pyarrow.parquet as pq

    from desktop.formats.claims_table import COLUMNS, write_claims_parquet

    path = tmp_path / "claims.parquet"
    counts = write_claims_parquet(stream(corpus), path, row_group_size=4)
    assert counts.claims == 9
    assert pq.ParquetFile(path).metadata.num_row_groups == 3
    table = pq.read_table(path)
    assert tuple(table.column_names) == COLUMNS
    assert table.schema.field("start").type == pa.int64()
    assert table.schema.field("published").type == pa.date32()
    rows = table.to_pylist()
    docs = {d.external_id: d for d in corpus}
    for row in rows:
        doc = docs[row["document_id"]]
        assert row["text"] == doc.text[row["start"] : row["end"]]
    c4 = next(r for r in rows if r["claim_id"] == "c4")
    assert c4["text"] == "=رقم مثير للجدل"  # no spreadsheet escaping in Parquet
    c1 = rows[0]
    assert c1["topics"] == ["trade", "economy"] and c1["published"] == date(2023, 3, 15)


# --------------------------------------------------------------------------- pairs


def test_pairs(tmp_path, corpus):
    from desktop.formats.pairs import stance, write_pairs

    path = tmp_path / "pairs.jsonl"
    counts = write_pairs(stream(corpus), CLUSTERS, path)
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert counts.pairs == len(records) == 6
    assert counts.dropped == 1  # the member whose document is not exported
    docs = {d.external_id: d for d in corpus}
    for r in records:
        for side in ("claim_a", "claim_b"):
            c = r[side]
            assert c["text"] == docs[c["document"]].text[c["start"] : c["end"]]
            assert c["outlet"] == docs[c["document"]].meta.outlet
        assert r["claim_a"]["document"] != r["claim_b"]["document"]
    got = {
        (
            r["claim_a"]["document"],
            r["claim_a"]["claim"],
            r["claim_b"]["document"],
            r["claim_b"]["claim"],
        ): r["stance"]
        for r in records
    }
    assert got[("002_b056ffaf7079958c", "c1", "rt/2023 03:15", "c1")] == "agree"
    assert got[("002_b056ffaf7079958c", "c1", "doc-c", "c1")] == "disagree"
    assert got[("002_b056ffaf7079958c", "c2", "rt/2023 03:15", "c1")] == "agree"
    assert got[("rt/2023 03:15", "c2", "doc-c", "c2")] == "discuss"
    assert stance(Relation.CONTRADICTS, Relation.CONTRADICTS) == "agree"
    assert stance(Relation.CONTRADICTS, Relation.REFRAMES) == "disagree"

    path2 = tmp_path / "pairs2.jsonl"
    counts2 = write_pairs(corpus, CLUSTERS, path2, unrelated_per_pair=2, seed=7)
    records2 = [json.loads(line) for line in path2.read_text(encoding="utf-8").splitlines()]
    unrelated = [r for r in records2 if r["stance"] == "unrelated"]
    assert counts2.unrelated == len(unrelated) > 0
    k1 = {(m.document, m.claim) for m in CLUSTERS[0].members}
    k2 = {(m.document, m.claim) for m in CLUSTERS[1].members}
    for r in unrelated:
        a = (r["claim_a"]["document"], r["claim_a"]["claim"])
        b = (r["claim_b"]["document"], r["claim_b"]["claim"])
        assert a[0] != b[0] and not ({a, b} <= k1 or {a, b} <= k2)
    path3 = tmp_path / "pairs3.jsonl"
    write_pairs(corpus, list(reversed(CLUSTERS)), path3, unrelated_per_pair=2, seed=7)
    assert path3.read_bytes() == path2.read_bytes()


# --------------------------------------------------------------------------- odds and ends


def test_brat_refuses_labels_it_cannot_hold(tmp_path):
    from desktop.formats.brat import write_brat

    doc = Document("x", "زار بوتين", mentions=(Mention(4, 9, "شخص"),))
    with pytest.raises(ExportError, match="document x: label 'شخص' cannot be a brat type"):
        write_brat([doc], tmp_path / "out")
    doc = Document("y", "زار بوتين", mentions=(Mention(4, 9, "Claim"),))
    with pytest.raises(ExportError, match="not Claim or Cue"):
        write_brat([doc], tmp_path / "out2")


def test_exports_are_byte_identical_when_repeated(tmp_path, corpus):
    from desktop.formats.brat import write_brat
    from desktop.formats.claims_table import write_claims_parquet

    write_brat(corpus, tmp_path / "a")
    write_brat(corpus, tmp_path / "b")
    for p in (tmp_path / "a").iterdir():
        assert p.read_bytes() == (tmp_path / "b" / p.name).read_bytes()
    write_claims_parquet(corpus, tmp_path / "a.parquet")
    write_claims_parquet(corpus, tmp_path / "b.parquet")
    assert (tmp_path / "a.parquet").read_bytes() == (tmp_path / "b.parquet").read_bytes()


def test_label_map_and_suggestions_in_spacy(tmp_path, corpus):
    from spacy.tokens import DocBin
    from spacy.vocab import Vocab

    from desktop.formats.spacy_docbin import write_docbin

    path = tmp_path / "c.spacy"
    write_docbin(corpus[:1], path, label_map=COARSE_LABELS, include_suggested=True)
    (sdoc,) = DocBin().from_disk(path).get_docs(Vocab())
    assert {s.label_ for s in sdoc.spans["sc"]} == {"PERS", "LOC", "ORG", "MISC"}
    assert "التبادل" not in {s.text for s in sdoc.spans["sc"]}  # suggested DATE: mapped away


def test_bench_generator_streams():
    from tests.support.documents import generate_documents

    docs = generate_documents(1000)
    assert not isinstance(docs, list)
    items = list(docs)
    assert len(items) == 10 and len({d.external_id for d in items}) == 10
    for d in items[:2]:
        for m in d.mentions:
            assert 0 <= m.start < m.end <= len(d.text)
