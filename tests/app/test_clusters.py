"""Comparing outlets: suggestions on the annotated seeds, clusters built, edited and undone."""

from __future__ import annotations

import pytest

from desktop.app.workspace import Workspace
from desktop.core.model import Relation
from desktop.formats.jsonl import write_jsonl
from tests.compare import seed_corpus


@pytest.fixture
def ws(project, tmp_path):
    path = tmp_path / "annotated-seeds.jsonl"
    with path.open("w", encoding="utf-8") as out:
        write_jsonl(seed_corpus(), out)
    project.import_paths([path])
    return Workspace(project)


def ids(ws):
    return {d.external_id: d.id for d in ws.documents()}


def claim_id(ws, doc_ext, claim_ext):
    doc = ws.document(ids(ws)[doc_ext])
    return next(c.id for c in doc.claims if c.ext_id == claim_ext)


def pair(s):
    return {(s.a.document[:3], s.a.claim), (s.b.document[:3], s.b.claim)}


def test_seed_suggestions_rank_the_shared_figure_and_flag_the_date_conflict(ws):
    suggestions = ws.suggestions(ids(ws).values())
    top = [pair(s) for s in suggestions[:5]]
    growth = next(
        s
        for s in suggestions
        if pair(s) in ({("000", "c1"), ("002", "c1")}, {("000", "c1"), ("002", "c6")})
    )
    assert pair(growth) in top
    assert growth.conflicts == ()
    visit = next(s for s in suggestions if pair(s) == {("002", "c3"), ("003", "c1")})
    (conflict,) = [c for c in visit.conflicts if c.kind == "date"]
    assert {conflict.a, conflict.b} == {"2020-01-07", "2020-01-17"}
    json_item = visit.to_json()
    assert {json_item["a"]["document"], json_item["b"]["document"]} == {
        "002_b056ffaf7079958c",
        "003_6acceb298fece1cb",
    }


def test_accept_reject_and_undo(ws):
    doc_ids = list(ids(ws).values())
    first = ws.suggestions(doc_ids)[0]
    a = claim_id(ws, first.a.document, first.a.claim)
    b = claim_id(ws, first.b.document, first.b.claim)
    ws.accept_suggestion(a, b, "trade grew 7%")
    (cluster,) = ws.clusters()
    assert cluster.label == "trade grew 7%" and {m.claim_id for m in cluster.members} == {a, b}
    assert cluster.event == "Putin-Assad summit, Moscow, 15 March 2023"
    assert all(pair(s) != pair(first) for s in ws.suggestions(doc_ids))

    second = ws.suggestions(doc_ids)[0]
    c = claim_id(ws, second.a.document, second.a.claim)
    d = claim_id(ws, second.b.document, second.b.claim)
    ws.reject_suggestion(c, d)
    assert all(pair(s) != pair(second) for s in ws.suggestions(doc_ids))  # remembered
    ws.undo()
    assert any(pair(s) == pair(second) for s in ws.suggestions(doc_ids))
    ws.undo()
    assert ws.clusters() == []


def test_relation_move_split_merge_delete_are_undoable(ws):
    c1 = claim_id(ws, "000_90a49cccec282318", "c1")
    c2 = claim_id(ws, "002_b056ffaf7079958c", "c1")
    c3 = claim_id(ws, "002_b056ffaf7079958c", "c6")
    ws.create_cluster([c1, c2, c3], "trade")
    (k,) = ws.clusters()
    ws.set_relation(c3, Relation.ADDS_DETAIL)
    assert {m.claim_id: m.relation for m in ws.clusters()[0].members}[c3] is Relation.ADDS_DETAIL
    ws.split_cluster(k.id, [c3], "detail")
    clusters = ws.clusters()
    assert [len(x.members) for x in clusters] == [2, 1]
    assert clusters[1].members[0].relation is Relation.ADDS_DETAIL
    ws.merge_clusters(clusters[0].id, clusters[1].id)
    (merged,) = ws.clusters()
    assert {m.claim_id for m in merged.members} == {c1, c2, c3}
    ws.move_to_cluster(c2, None)
    assert {m.claim_id for m in ws.clusters()[0].members} == {c1, c3}
    ws.delete_cluster(merged.id)
    assert ws.clusters() == []
    for _ in range(4):  # delete, move, merge, split
        ws.undo()
    (back,) = ws.clusters()
    assert {m.claim_id for m in back.members} == {c1, c2, c3}
    assert {m.claim_id: m.relation for m in back.members}[c3] is Relation.ADDS_DETAIL
    ws.undo()  # and the relation
    assert {m.claim_id: m.relation for m in ws.clusters()[0].members}[c3] is Relation.AGREES


def test_a_cancelled_export_writes_nothing(ws, tmp_path):
    from desktop.app.exporting import export
    from desktop.core.errors import Cancelled

    folder = tmp_path / "exports"
    folder.mkdir()
    with pytest.raises(Cancelled):
        export(ws.project, "claims-csv", folder / "x.csv", cancelled=lambda: True)
    assert list(folder.iterdir()) == []  # no partial file, no temporary file


def test_imported_annotated_documents_are_in_progress_for_their_annotator(ws):
    from desktop.core.model import DocStatus

    assert {d.status for d in ws.documents()} == {DocStatus.IN_PROGRESS}
