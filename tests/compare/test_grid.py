"""The clusters × documents grid of the Compare window, without Qt: rows, cells, conflicts."""

from __future__ import annotations

from desktop.compare.grid import build_rows, default_label, document_heading, speaker_of
from desktop.core.model import (
    Claim,
    ClaimCluster,
    ClaimSource,
    ClusterMember,
    Document,
    DocumentMeta,
    Mention,
    RegistryEntity,
    Relation,
    SourceKind,
)

A_TEXT = "قال بوتين إنه زار دمشق في 7 يناير 2020. وأضاف أن التجارة نمت."
B_TEXT = "زار بوتين دمشق في 17 يناير 2020 بحسب الوكالة. الطقس حار."


def _claim(text: str, part: str, ext: str, cid: int, source=None) -> Claim:
    start = text.index(part)
    return Claim(start, start + len(part), source=source, ext_id=ext, id=cid)


def corpus():
    putin = Mention(4, 9, "PERS", entity="putin", ext_id="m1", id=1)
    a = Document(
        "a_001",
        A_TEXT,
        meta=DocumentMeta(outlet="Outlet A"),
        mentions=(putin,),
        claims=(
            _claim(
                A_TEXT,
                "زار دمشق في 7 يناير 2020",
                "c1",
                11,
                ClaimSource(SourceKind.MENTION, mention="m1"),
            ),
            _claim(A_TEXT, "التجارة نمت", "c2", 12, ClaimSource(SourceKind.OUTLET)),
        ),
        registry={"putin": RegistryEntity("putin", "فلاديمير بوتين", "PERS")},
        id=1,
    )
    b = Document(
        "b_001",
        B_TEXT,
        meta=DocumentMeta(original_source="Agency B"),
        claims=(
            _claim(B_TEXT, "زار بوتين دمشق في 17 يناير 2020", "c1", 21),
            _claim(B_TEXT, "الطقس حار", "c2", 22, ClaimSource(SourceKind.UNNAMED)),
        ),
        id=2,
    )
    cluster = ClaimCluster(
        "k1",
        "the visit",
        members=(
            ClusterMember("a_001", "c1", Relation.AGREES, claim_id=11),
            ClusterMember("b_001", "c1", Relation.CONTRADICTS, claim_id=21),
        ),
        id=5,
    )
    return [a, b], [cluster]


def test_a_cluster_row_then_the_claims_in_no_cluster_per_document():
    docs, clusters = corpus()
    rows = build_rows(docs, clusters)
    assert [r.kind for r in rows] == ["cluster", "section", "single"]
    visit = rows[0]
    assert visit.cluster.label == "the visit"
    assert [[cc.text for cc in cell] for cell in visit.cells] == [
        ["زار دمشق في 7 يناير 2020"],
        ["زار بوتين دمشق في 17 يناير 2020"],
    ]
    assert [cc.relation for cell in visit.cells for cc in cell] == [
        Relation.AGREES,
        Relation.CONTRADICTS,
    ]
    (single,) = rows[2:]
    assert [[cc.text for cc in cell] for cell in single.cells] == [["التجارة نمت"], ["الطقس حار"]]
    assert all(cc.relation is None for cell in single.cells for cc in cell)


def test_members_dating_one_visit_differently_conflict_and_the_dates_are_marked():
    docs, clusters = corpus()
    visit = build_rows(docs, clusters)[0]
    (conflict,) = visit.conflicts
    assert conflict.badge == "⚠ 2020-01-07 ≠ 2020-01-17"
    assert (conflict.a_outlet, conflict.b_outlet) == ("Outlet A", "Agency B")
    (a,), (b,) = visit.cells
    assert [a.text[s:e] for s, e in a.marks] == ["7 يناير 2020"]
    assert [b.text[s:e] for s, e in b.marks] == ["17 يناير 2020"]


def test_a_cluster_with_no_member_among_the_documents_has_no_row():
    docs, clusters = corpus()
    rows = build_rows(docs[:1], [*clusters, ClaimCluster("k2", "elsewhere", members=())])
    assert [r.kind for r in rows] == ["cluster", "section", "single"]
    assert [len(cell) for cell in rows[0].cells] == [1]


def test_the_speaker_follows_the_one_rule_of_core():
    docs, _ = corpus()
    a, b = docs
    linked = speaker_of(a, a.claims[0])
    assert (linked.kind, linked.name, linked.key) == (SourceKind.MENTION, "فلاديمير بوتين", "putin")
    assert speaker_of(a, a.claims[1]).kind is SourceKind.OUTLET
    assert speaker_of(b, b.claims[0]).kind is None  # no source yet
    assert speaker_of(b, b.claims[1]).kind is SourceKind.UNNAMED


def test_headings_and_default_labels():
    docs, _ = corpus()
    assert [document_heading(d) for d in docs] == ["Outlet A", "Agency B"]
    assert (
        default_label("واحد اثنان ثلاثة أربعة خمسة ستة سبعة") == "واحد اثنان ثلاثة أربعة خمسة ستة…"
    )
    assert default_label("كلمتان فقط") == "كلمتان فقط"
