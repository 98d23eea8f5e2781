"""The agreement report on small documents worked out by hand, and on generated teams."""

from __future__ import annotations

import json
import random
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.agreement import agreement_report, iob_tags, krippendorff_alpha, tokens
from desktop.agreement.tokens import OUTSIDE, classes, mention_tags, token_count
from desktop.core.model import (
    Claim,
    ClaimCluster,
    ClaimSource,
    ClusterMember,
    DocStatus,
    Document,
    Mention,
    Polarity,
    QuoteType,
    SourceKind,
)
from desktop.text import tokenize
from tests.agreement.data import clusters_for, team

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
TEXT = "قال بوتين في موسكو إن روسيا"  # six tokens


def span(text: str, word: str, label: str, annotator: str | None = None, **kw) -> Mention:
    start = text.index(word)
    return Mention(start, start + len(word), label, annotator=annotator, **kw)


def doc(text: str, *mentions: Mention, claims=(), external_id="d1", **kw) -> Document:
    return Document(external_id, text, mentions=tuple(mentions), claims=tuple(claims), **kw)


# --------------------------------------------------------------------------- tokens


def test_fast_tokens_are_tokenize_on_the_seeds():
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        assert tokens(text) == tokenize(text), path.name
        assert token_count(text) == len(tokenize(text))


TRICKY = (
    "بوتين وبالأسد يَتَحَدَّثُ العـــربية ٢٠٢٣ 3.5 ١٬٠٠٠ ، «» . , ٫ ٬ ؟ ! \n\t "
    "\u200d\u200c\u200f\u200e\u2067\u2069\ufeff\u00ad 👍 👨\u200d👩 🇸🇾 👋🏽 ❤\ufe0f a_b n s x d w m p Surovikin)."
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(TRICKY), max_size=40).map("".join))
def test_fast_tokens_are_tokenize_on_any_text(text):
    assert tokens(text) == tokenize(text)
    assert token_count(text) == len(tokenize(text))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(TRICKY), min_size=1, max_size=40).map("".join), st.data())
def test_sparse_tags_are_the_iob_tags(text, data):
    n = len(text)
    spans = data.draw(
        st.lists(
            st.tuples(
                st.integers(0, n - 1), st.integers(1, n), st.sampled_from(["PERS", "GPE"])
            ).filter(lambda s: s[0] < s[1]),
            max_size=6,
        )
    )
    full = iob_tags(tokenize(text), spans)
    sparse = mention_tags(text, classes(text), spans)
    assert {s: t for (s, _), t in zip(tokenize(text), full, strict=True) if t != OUTSIDE} == sparse


def test_iob_tags_mark_the_first_token_b_and_the_rest_i():
    text = "قال الرئيس فلاديمير بوتين اليوم"
    m = span(text, "فلاديمير بوتين", "PERS")
    tags = iob_tags(tokenize(text), [(m.start, m.end, m.label), (0, 3, "OCC")], label="PERS")
    assert tags == ["O", "O", "B-PERS", "I-PERS", "O"]


# --------------------------------------------------------------------------- mentions


def two_annotators() -> dict[str, list[Document]]:
    a = doc(
        TEXT, span(TEXT, "بوتين", "PERS"), span(TEXT, "موسكو", "GPE"), span(TEXT, "روسيا", "GPE")
    )
    b = doc(TEXT, span(TEXT, "بوتين", "PERS"), span(TEXT, "موسكو", "LOC"))
    return {"ali": [a], "badr": [b]}


def test_mention_figures_worked_by_hand():
    report = agreement_report(two_annotators())
    # 3 and 2 spans, one identical: F1 = 2·1 / (3 + 2)
    assert report["span_f1_exact"] == pytest.approx(0.4)
    assert report["span_f1_overlap"] == pytest.approx(0.4)
    # tags  ali: O B-PERS O B-GPE O B-GPE   badr: O B-PERS O B-LOC O O
    # p_o = 4/6, p_e = (3·4 + 1·1) / 36 = 13/36, kappa = (24 - 13) / (36 - 13) = 11/23
    assert report["kappa"] == pytest.approx(11 / 23)
    # 12 pairable values, 8 agreeing: D_o = 1/3; D_e = 1 - (7·6 + 2·1 + 2·1) / (12·11) = 86/132
    assert report["alpha"] == pytest.approx(1 - (1 / 3) / (86 / 132))
    assert report["mentions"]["tokens"] == 6
    labels = report["mentions"]["per_label"]
    assert labels["PERS"] == {"span_f1_exact": 1.0, "span_f1_overlap": 1.0, "spans": 2}
    assert labels["GPE"]["span_f1_exact"] == 0.0 and labels["LOC"]["spans"] == 1
    for key in ("span_f1_exact", "span_f1_overlap", "kappa", "alpha"):
        assert report[key] == report["mentions"][key]
    assert report["annotators"] == ["ali", "badr"]
    assert report["documents"][0]["disagreement"] == pytest.approx(0.6)


def test_alpha_matches_the_krippendorff_package_on_token_tags():
    krippendorff = pytest.importorskip("krippendorff")
    numpy = pytest.importorskip("numpy")
    data = team(6, 3, noise=0.4, seed=3)
    data["annotator-3"] = data["annotator-3"][:4]  # did not annotate two documents: missing
    report = agreement_report(data)
    rows = {name: [] for name in data}
    for i, base in enumerate(data["annotator-1"]):
        spans = tokenize(base.text)
        for name, docs in data.items():
            if i < len(docs):
                ms = [(m.start, m.end, m.label) for m in docs[i].mentions]
                rows[name] += iob_tags(spans, ms)
            else:
                rows[name] += [None] * len(spans)
    values = sorted({v for row in rows.values() for v in row if v is not None})
    code = {v: k for k, v in enumerate(values)}
    matrix = numpy.array(
        [[numpy.nan if v is None else code[v] for v in row] for row in rows.values()], dtype=float
    )
    expected = krippendorff.alpha(reliability_data=matrix, level_of_measurement="nominal")
    assert report["alpha"] == pytest.approx(expected, abs=1e-9)
    assert report["alpha"] == pytest.approx(krippendorff_alpha(list(rows.values())), abs=1e-12)


def test_overlap_counts_a_boundary_difference_that_exact_does_not():
    text = "قال الرئيس فلاديمير بوتين اليوم"
    a = doc(text, span(text, "فلاديمير بوتين", "PERS"))
    b = doc(text, span(text, "بوتين", "PERS"))
    report = agreement_report({"a": [a], "b": [b]})
    assert report["span_f1_exact"] == 0.0
    assert report["span_f1_overlap"] == 1.0
    # one long span never takes two short ones
    c = doc(text, span(text, "فلاديمير", "PERS"), span(text, "بوتين", "PERS"))
    assert agreement_report({"a": [a], "c": [c]})["span_f1_overlap"] == pytest.approx(2 / 3)
    # overlapping spans with different labels do not match
    d = doc(text, span(text, "بوتين", "ORG"))
    assert agreement_report({"a": [a], "d": [d]})["span_f1_overlap"] == 0.0


def test_database_form_equals_the_per_annotator_form():
    by_annotator = team(5, 3, noise=0.3)
    merged = []
    for docs in zip(*by_annotator.values(), strict=True):
        merged.append(
            replace(
                docs[0],
                mentions=tuple(m for d in docs for m in d.mentions),
                claims=tuple(c for d in docs for c in d.claims),
            )
        )
    a = agreement_report(by_annotator)
    b = agreement_report(merged)
    assert a["mentions"] == b["mentions"] and a["claims"] == b["claims"]
    assert a["span_f1_exact"] < 1.0


def test_an_annotator_who_marked_nothing_still_counts_when_their_status_says_so():
    a = doc(TEXT, span(TEXT, "بوتين", "PERS", "ali"), status={"ali": DocStatus.DONE})
    assert agreement_report([a])["documents_compared"] == 0
    done = replace(a, status={"ali": DocStatus.DONE, "badr": DocStatus.DONE})
    report = agreement_report([done])
    assert report["annotators"] == ["ali", "badr"]
    assert report["span_f1_exact"] == 0.0
    assert report["documents"][0]["mentions"] == {"ali": 1, "badr": 0}


def test_annotator_and_label_filters():
    data = two_annotators()
    data["cyrus"] = [doc(TEXT, span(TEXT, "روسيا", "GPE"))]
    everyone = agreement_report(data)
    assert [p["annotators"] for p in everyone["mentions"]["pairs"]] == [
        ["ali", "badr"],
        ["ali", "cyrus"],
        ["badr", "cyrus"],
    ]
    two = agreement_report(data, annotators=["cyrus", "ali"])
    assert two["annotators"] == ["cyrus", "ali"]
    assert two["span_f1_exact"] == pytest.approx(2 * 1 / (1 + 3))
    gpe = agreement_report(data, annotators=["ali", "badr"], label="GPE")
    assert gpe["label"] == "GPE"
    assert gpe["span_f1_exact"] == 0.0  # ali's two GPE against badr's none
    assert list(gpe["mentions"]["per_label"]) == ["GPE"]


# --------------------------------------------------------------------------- claims, clusters


def claim(text, words, annotator=None, **kw) -> Claim:
    start = text.index(words)
    return Claim(start, start + len(words), annotator=annotator, **kw)


def test_claim_spans_and_attributes():
    text = "قال بوتين إن روسيا مستعدة للحوار. وأضاف أن الاتفاق قريب."
    putin = span(text, "بوتين", "PERS", entity="putin", ext_id="m1")
    a = doc(
        text,
        putin,
        claims=[
            claim(text, "روسيا مستعدة للحوار", source=ClaimSource(SourceKind.MENTION, "m1")),
            claim(text, "الاتفاق قريب", polarity=Polarity.HEDGED),
        ],
    )
    b = doc(
        text,
        claims=[
            claim(text, "روسيا مستعدة", source=ClaimSource(SourceKind.ENTITY, entity="putin")),
            claim(text, "الاتفاق قريب", quote_type=QuoteType.DIRECT),
        ],
    )
    report = agreement_report({"a": [a], "b": [b]})["claims"]
    assert report["span_f1_exact"] == pytest.approx(0.5)
    assert report["span_f1_overlap"] == 1.0
    attrs = report["attributes"]
    # the mention linked to putin and the entity putin are the same source; none vs none agree
    assert attrs["source"]["percent"] == 100.0
    assert attrs["quote_type"]["percent"] == 50.0
    assert attrs["polarity"]["percent"] == 50.0
    assert attrs["polarity"]["matched"] == 2


def test_b_cubed_over_the_claims_both_annotators_clustered():
    data = team(6, 2, noise=0.0)
    a_clusters = list(clusters_for(data["annotator-1"], "annotator-1", size=3))
    # annotator-2 splits every cluster: first document alone, the other two together
    b_clusters = []
    for c in a_clusters:
        b_clusters.append(
            replace(c, key=c.key + "x", members=c.members[:1], annotator="annotator-2")
        )
        b_clusters.append(
            replace(c, key=c.key + "y", members=c.members[1:], annotator="annotator-2")
        )
    report = agreement_report(data, a_clusters + b_clusters)["clusters"]
    # each truth cluster of 3: response {1}, {2, 3} -> precision 1, recall (1/3 + 2/3 + 2/3) / 3
    assert report["b3_precision"] == 1.0
    assert report["b3_recall"] == pytest.approx(5 / 9)
    assert report["shared_claims"] == 3 * len(a_clusters)
    same = agreement_report(
        data, a_clusters + [replace(c, annotator="annotator-2") for c in a_clusters]
    )
    assert same["clusters"]["b3_f1"] == 1.0


def test_clusters_follow_claims_matched_by_overlap_across_annotators():
    text = "قال بوتين إن روسيا مستعدة للحوار."
    other = "أكد الأسد أن روسيا مستعدة للحوار."
    a1 = doc(text, claims=[claim(text, "روسيا مستعدة للحوار", ext_id="c1")], external_id="x")
    a2 = doc(other, claims=[claim(other, "روسيا مستعدة للحوار", ext_id="c1")], external_id="y")
    b1 = doc(text, claims=[claim(text, "روسيا مستعدة", ext_id="c7")], external_id="x-2")
    b2 = doc(other, claims=[claim(other, "مستعدة للحوار", ext_id="c9")], external_id="y-2")
    ka = ClaimCluster(
        "k1", "ready", members=(ClusterMember("x", "c1"), ClusterMember("y", "c1")), annotator="a"
    )
    kb = ClaimCluster(
        "k9",
        "ready",
        members=(ClusterMember("x-2", "c7"), ClusterMember("y-2", "c9")),
        annotator="b",
    )
    report = agreement_report({"a": [a1, a2], "b": [b1, b2]}, [ka, kb])["clusters"]
    assert report["shared_claims"] == 2
    assert report["b3_f1"] == 1.0


# --------------------------------------------------------------------------- the whole report


def test_report_is_json_with_one_object_per_layer_and_documents_by_disagreement():
    data = team(8, 3, noise=0.3, seed=5)
    rng = random.Random(2)
    calm = rng.randrange(8)
    for name in data:  # one document on which everybody agrees
        data[name][calm] = replace(
            data[name][calm],
            mentions=data["annotator-1"][calm].mentions,
            claims=data["annotator-1"][calm].claims,
        )
    report = json.loads(json.dumps(agreement_report(data)))
    for layer in ("mentions", "claims", "clusters"):
        assert isinstance(report[layer], dict)
    for key in ("span_f1_exact", "span_f1_overlap", "kappa", "alpha"):
        assert 0 < report[key] < 1
    assert len(report["mentions"]["pairs"]) == 3
    ranked = [d["disagreement"] for d in report["documents"]]
    assert ranked == sorted(ranked, reverse=True)
    assert report["documents"][-1]["document"] == data["annotator-1"][calm].external_id
    assert report["documents"][-1]["disagreement"] == 0.0
    assert report["documents_compared"] == 8


def test_nothing_to_compare_gives_nulls_not_zeros():
    report = agreement_report({"solo": [doc(TEXT, span(TEXT, "بوتين", "PERS"))]})
    assert report["documents_compared"] == 0
    assert report["span_f1_exact"] is None and report["alpha"] is None
    assert report["clusters"]["b3_f1"] is None
    assert report["documents"] == []
