"""Suggestions as the Compare window and `mizan align` get them: top k per claim, both tiers,
registry names found in the claim text without any linked mention."""

from __future__ import annotations

import json

import pytest

from desktop.app.workspace import Workspace
from desktop.formats.jsonl import write_jsonl
from tests.cli.test_cli import mizan
from tests.compare import seed_corpus


@pytest.fixture
def seeds_jsonl(tmp_path):
    path = tmp_path / "annotated-seeds.jsonl"
    with path.open("w", encoding="utf-8") as out:
        write_jsonl(seed_corpus(), out)
    return path


@pytest.fixture
def ws(project, seeds_jsonl):
    project.import_paths([seeds_jsonl])
    return Workspace(project)


def pair(s):
    return frozenset({(s.a.document[:3], s.a.claim), (s.b.document[:3], s.b.claim)})


def per_claim_per_document(suggestions):
    """How many candidates each claim has in each other document."""
    counts: dict = {}
    for s in suggestions:
        for mine, other in ((s.a, s.b), (s.b, s.a)):
            key = (mine.document, mine.claim, other.document)
            counts[key] = counts.get(key, 0) + 1
    return counts


def test_weaker_candidates_come_after_the_strong_ones_and_k_bounds_them(ws):
    doc_ids = [d.id for d in ws.documents()]
    three = ws.suggestions(doc_ids)  # k=3 by default
    one = ws.suggestions(doc_ids, k=1)
    tiers = [s.evidence["tier"] for s in three]
    assert "weaker" in tiers and "strong" in tiers
    assert {pair(s) for s in one} < {pair(s) for s in three}
    # every pair is in the top k of at least one of its two claims
    for found, k in ((one, 1), (three, 3)):
        for s in found:
            assert min(r for r in s.evidence["ranks"] if r) <= k
    strong = [s for s in three if s.evidence["tier"] == "strong"]
    assert {pair(s) for s in strong} <= {pair(s) for s in one}


def test_a_registry_name_in_the_text_is_evidence_without_a_linked_mention(ws):
    doc_ids = [d.id for d in ws.documents()]
    trade = frozenset({("002", "c1"), ("003", "c3")})  # both say "حجم التجارة بين روسيا وسوريا"

    def shared():
        (s,) = [s for s in ws.suggestions(doc_ids, k=10) if pair(s) == trade]
        return set(s.evidence["shared_entities"])

    before = shared()
    key, _ = ws.create_entity("حجم التجارة", "MISC")  # in the registry, marked nowhere
    docs = ws.documents_with_claims(doc_ids)
    assert all(key not in d.registry for d in docs)  # not linked: documents do not carry it
    assert key not in before
    assert shared() == before | {key}


def test_mizan_align_k_and_tiers(tmp_path, seeds_jsonl):
    db = tmp_path / "c.db"
    mizan("--db", db, "import", seeds_jsonl, check=True)
    default = json.loads(mizan("--db", db, "align", "--json", check=True).stdout)
    one = json.loads(mizan("--db", db, "align", "--json", "--k", "1", check=True).stdout)
    assert 0 < len(one) < len(default)
    for item in default:  # the shape of `mizan align --json` is unchanged
        assert {"score", "conflicts", "evidence", "a", "b"} <= item.keys()
        assert {"document", "claim", "start", "end", "text"} <= item["a"].keys()
    text = mizan("--db", db, "align", check=True).stdout
    weaker = sum(1 for i in default if i["evidence"]["tier"] == "weaker")
    assert text.count("(weaker)") == weaker > 0
