"""Alignment quality on the seed gold set, in every annotation variant (a quality test, no timing).

The gold set (tests/compare/gold) is built from one list of propositions; these tests check that it
is what it claims to be, then that the engine finds the pairs however the claims were annotated.
"""

from __future__ import annotations

import pytest

from desktop.compare import suggest_alignments
from desktop.compare.align import FLOOR
from tests.compare.gold import (
    PROPOSITIONS,
    REGISTRY,
    VARIANTS,
    build,
    evaluate,
    gold_pairs,
    seed_text,
)


@pytest.mark.parametrize("variant", VARIANTS)
def test_gold_claims_point_into_the_seed_text(variant):
    documents, gold = build(variant)
    texts = {d.external_id: d.text for d in documents}
    for g in gold:
        assert texts[g.doc][g.start : g.end] == g.text
    for d in documents:
        for c in d.claims:
            assert 0 <= c.start < c.end <= len(d.text)
        for m in d.mentions:
            assert m.entity in REGISTRY
    assert len(gold) == sum(map(len, PROPOSITIONS))


def test_every_clause_is_in_its_seed_and_each_variant_differs():
    for members in PROPOSITIONS:
        for doc, clause, _ in members:
            assert clause in seed_text(doc)[1]
    clause = {(g.doc, g.claim): g.text for g in build("clause/linked")[1]}
    sentence = {(g.doc, g.claim): g.text for g in build("sentence/linked")[1]}
    assert clause.keys() == sentence.keys()
    longer = [k for k in clause if len(sentence[k]) > len(clause[k])]
    assert len(longer) >= len(clause) // 2
    for k in clause:
        assert clause[k] in sentence[k]
    linked, _ = build("clause/linked")
    bare, _ = build("clause/bare")
    assert all(d.mentions for d in linked)
    assert not any(d.mentions or d.registry for d in bare)
    assert all(c.source is None for d in bare for c in d.claims)


def test_gold_pairs_span_outlets():
    _, gold = build("clause/linked")
    pairs = gold_pairs(gold)
    assert len(pairs) >= 12
    assert all(a[0] != b[0] for a, b in map(tuple, pairs))


@pytest.mark.parametrize("variant", VARIANTS)
def test_recall_targets(variant):
    result = evaluate(variant)
    assert result["recall@10"] >= 0.95, result["misses"]
    assert result["recall@3"] >= 0.85, result["misses"]


def test_the_7_vs_17_january_conflict_shows_with_bare_annotations():
    result = evaluate("mixed/bare")
    assert [("date", "2020-01-07", "2020-01-17")] in result["conflicts"].values()


@pytest.mark.parametrize("variant", ["sentence/linked", "clause/bare"])
def test_no_false_conflict_on_the_seven_percent(variant):
    documents, gold = build(variant)
    trade = {(g.doc, g.claim) for g in gold if g.proposition == 0}
    out = suggest_alignments(documents, threshold=FLOOR, registry=REGISTRY)
    found = [s for s in out if set(s.pair) <= trade]
    assert len(found) == 2  # al-Araby's claim with each of Sputnik's two
    for s in found:
        assert not [c for c in s.conflicts if c.kind == "percent"]
        assert "7%" in s.evidence["shared_quantities"]


def test_an_evaluation_that_can_fail():
    # the same documents with every claim's text shifted off its proposition find nothing
    documents, gold = build("clause/bare")
    shifted = [
        d.__class__(
            d.external_id,
            d.text,
            meta=d.meta,
            claims=tuple(
                c.__class__(max(0, c.start - 400), max(1, c.start - 380), ext_id=c.ext_id)
                for c in d.claims
            ),
        )
        for d in documents
    ]
    out = suggest_alignments(shifted, threshold=FLOOR, k=10, registry=REGISTRY)
    found = {frozenset(s.pair) for s in out} & gold_pairs(gold)
    assert len(found) < len(gold_pairs(gold)) / 2
