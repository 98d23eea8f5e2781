"""Annotator layers and curation on SQLite and on the throw-away PostgreSQL server: each
annotator edits only their own layer, the curator merges what all agree on and resolves each
disagreement with one decision, undoably; exports prefer the curated layer."""

from __future__ import annotations

import json

import pytest

from desktop.app.curation import DROP, ClaimEdit, Edit
from desktop.app.project import Project
from desktop.app.workspace import Workspace
from desktop.core.errors import MizanError
from desktop.core.model import ClaimSource, Polarity, QuoteType, SourceKind

TEXT = "قال الرئيس بوتين في موسكو إن شركة غازبروم ستزيد الصادرات"


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request, tmp_path):
    if request.param == "sqlite":
        return str(tmp_path / "team.db")
    return request.getfixturevalue("postgres_url")


def at(word: str) -> tuple[int, int]:
    start = TEXT.index(word)
    return start, start + len(word)


@pytest.fixture
def team(url, tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    project = Project.open(url, "ali")
    project.import_paths([tmp_path / "a.txt"])
    ali = Workspace(project)
    badr = Workspace(Project(project.db, "badr"))
    curator = Workspace(Project(project.db, "curation"))
    did = ali.documents()[0].id
    for ws, moscow in ((ali, "GPE"), (badr, "LOC")):
        ws.create_mention(did, *at("بوتين"), "PERS")
        ws.create_mention(did, *at("موسكو"), moscow)
    badr.create_mention(did, *at("غازبروم"), "ORG")  # ali marked nothing there
    yield ali, badr, curator, did
    project.close()


def labels(doc, who: str) -> list[tuple[str, str]]:
    return sorted(
        (TEXT[m.start : m.end], m.label)
        for m in doc.mentions
        if m.annotator == who and m.status.value != "rejected"
    )


def test_each_annotator_edits_only_their_own_layer(team):
    ali, badr, _, did = team
    badr_putin = next(m for m in badr.document(did).mentions if m.annotator == "badr")
    with pytest.raises(MizanError, match="badr: another annotator's annotations are read-only"):
        ali.update_mention(badr_putin.id, label="ORG")
    with pytest.raises(MizanError, match="read-only"):
        ali.delete_mentions([badr_putin.id])
    assert labels(ali.document(did), "badr") == [
        ("بوتين", "PERS"), ("غازبروم", "ORG"), ("موسكو", "LOC"),
    ]  # fmt: skip
    # with other layers hidden, ali's document holds only ali's spans
    ali.show_other_layers = False
    assert {m.annotator for m in ali.document(did).mentions} == {"ali"}
    assert [(a.name, a.mentions) for a in ali.annotators()] == [
        ("ali", 2), ("badr", 3), ("curation", 0),
    ]  # fmt: skip


def test_switching_annotator_changes_layer_status_and_undo(team):
    ali, _, _, did = team
    ali.show_other_layers = False
    change = ali.switch_annotator("badr")
    assert "status" in change.kinds
    assert ali.annotator == "badr"
    assert labels(ali.document(did), "badr")[0] == ("بوتين", "PERS")
    assert {m.annotator for m in ali.document(did).mentions} == {"badr"}
    assert ali.undo_state().undo_text.startswith("ORG")  # badr's last action
    with pytest.raises(MizanError):
        ali.switch_annotator("   ")


def test_curation_merges_agreement_and_resolves_each_disagreement(team):
    ali, _, curator, did = team
    doc, plan = curator.curation(did)
    assert plan.annotators == ("ali", "badr")
    assert [(TEXT[m.start : m.end], m.label) for m in plan.agreed_mentions] == [("بوتين", "PERS")]
    kinds = {TEXT[d.start : d.end]: d.kind for d in plan.disagreements}
    assert kinds == {"موسكو": "label", "غازبروم": "missing"}

    curator.merge_agreed(did)
    label_key = next(d.key for d in plan.disagreements if d.kind == "label")
    missing_key = next(d.key for d in plan.disagreements if d.kind == "missing")
    curator.resolve(did, label_key, "badr")  # take B
    curator.resolve(did, missing_key, DROP)
    doc, plan = curator.curation(did)
    assert labels(doc, "curation") == [("بوتين", "PERS"), ("موسكو", "LOC")]
    assert plan.open == [] and plan.agreed_mentions == ()

    # undo the drop: the region is open again; edit it instead
    change = curator.undo()
    assert change.document_ids == {did}
    _, plan = curator.curation(did)
    assert [d.key for d in plan.open] == [missing_key]
    start, end = at("غازبروم")
    curator.resolve(did, missing_key, Edit(start - 5, end, "ORG"))
    doc, _ = curator.curation(did)
    assert ("شركة غازبروم", "ORG") in labels(doc, "curation")
    # only the curator writes the curated layer
    with pytest.raises(MizanError, match="curation"):
        ali.merge_agreed(did)


def test_the_first_decision_merges_the_agreed_spans_and_undo_takes_both_back(team):
    _, _, curator, did = team
    _, plan = curator.curation(did)
    assert [(TEXT[m.start : m.end], m.label) for m in plan.agreed_mentions] == [("بوتين", "PERS")]
    label_key = next(d.key for d in plan.open if d.kind == "label")
    change = curator.resolve(did, label_key, "ali")  # no M pressed before
    assert "merge 1 agreed span" in change.description
    doc, plan = curator.curation(did)
    assert labels(doc, "curation") == [("بوتين", "PERS"), ("موسكو", "GPE")]
    assert plan.agreed_mentions == ()
    curator.undo()  # one decision, one undo: the merge goes with it
    doc, plan = curator.curation(did)
    assert labels(doc, "curation") == []
    assert len(plan.agreed_mentions) == 1 and label_key in {d.key for d in plan.open}


def test_claim_attribute_disagreement_and_take(team):
    ali, badr, curator, did = team
    span = (TEXT.index("شركة"), len(TEXT))
    for ws, polarity in ((ali, Polarity.ASSERTED), (badr, Polarity.HEDGED)):
        ws.create_claim(did, *span, source=ClaimSource(SourceKind.OUTLET), polarity=polarity)
    _, plan = curator.curation(did)
    claim = next(d for d in plan.disagreements if d.layer == "claim")
    assert claim.kind == "attribute"
    curator.resolve(did, claim.key, "ali")
    doc, plan = curator.curation(did)
    (curated,) = [c for c in doc.claims if c.annotator == "curation"]
    assert curated.polarity is Polarity.ASSERTED and (curated.start, curated.end) == span
    assert all(d.resolved for d in plan.disagreements if d.layer == "claim")


def test_entity_link_and_boundary_disagreements_are_listed_and_taken(team):
    ali, _, curator, did = team
    ali_putin = next(m for m in ali.document(did).mentions if m.annotator == "ali")
    ali.create_entity("فلاديمير بوتين", "PERS", link_mention=ali_putin.id)
    key = next(m.entity for m in ali.document(did).mentions if m.id == ali_putin.id)
    start, end = at("غازبروم")
    ali.create_mention(did, start - 5, end, "ORG")  # "شركة غازبروم": badr has "غازبروم"
    _, plan = curator.curation(did)
    kinds = {TEXT[d.start : d.end]: d.kind for d in plan.open}
    assert kinds == {"بوتين": "entity", "موسكو": "label", "شركة غازبروم": "boundary"}
    by_kind = {d.kind: d.key for d in plan.open}
    curator.resolve(did, by_kind["entity"], "ali")  # take A: the link comes along
    curator.resolve(did, by_kind["boundary"], "badr")  # take B: the shorter span
    doc, plan = curator.curation(did)
    curated = {(TEXT[m.start : m.end], m.label, m.entity) for m in doc.mentions
               if m.annotator == "curation"}  # fmt: skip
    assert curated == {("بوتين", "PERS", key), ("غازبروم", "ORG", None)}
    assert [d.kind for d in plan.open] == ["label"]


def test_a_claim_region_is_edited_with_one_key_and_undone(team):
    ali, badr, curator, did = team
    long, short = (TEXT.index("إن"), len(TEXT)), (TEXT.index("شركة"), len(TEXT))
    ali.create_claim(did, *long, source=ClaimSource(SourceKind.OUTLET))
    badr.create_claim(
        did, *short, source=ClaimSource(SourceKind.UNNAMED), quote_type=QuoteType.DIRECT
    )
    _, plan = curator.curation(did)
    (claim,) = [d for d in plan.open if d.layer == "claim"]
    assert claim.kind == "boundary"
    edit = ClaimEdit(*short, QuoteType.MIXED, Polarity.HEDGED, speaker_of="ali")
    change = curator.resolve(did, claim.key, edit)
    assert change.document_ids == {did}
    doc, plan = curator.curation(did)
    (curated,) = [c for c in doc.claims if c.annotator == "curation"]
    assert (curated.start, curated.end) == short
    assert (curated.quote_type, curated.polarity) == (QuoteType.MIXED, Polarity.HEDGED)
    assert curated.source == ClaimSource(SourceKind.OUTLET)  # ali's speaker
    assert [d.key for d in plan.open if d.layer == "claim"] == []
    with pytest.raises(MizanError, match="only a claim"):
        mention_key = next(d.key for d in plan.open if d.layer == "mention")
        curator.resolve(did, mention_key, edit)
    curator.undo()
    doc, plan = curator.curation(did)
    assert [c for c in doc.claims if c.annotator == "curation"] == []
    assert [d.key for d in plan.open if d.layer == "claim"] == [claim.key]


def test_a_dropped_claim_disagreement_stays_decided_after_reopening(team, url):
    ali, _, curator, did = team
    span = (TEXT.index("شركة"), len(TEXT))
    ali.create_claim(did, *span, source=ClaimSource(SourceKind.OUTLET))  # badr marked none
    _, plan = curator.curation(did)
    (claim,) = [d for d in plan.open if d.layer == "claim"]
    curator.resolve(did, claim.key, DROP)

    reopened = Workspace(Project.open(url, "curation"))
    try:
        doc, plan = reopened.curation(did)
        assert [d.key for d in plan.open if d.layer == "claim"] == []
        assert [c for c in doc.claims if c.annotator == "curation"] == []  # nothing curated
        reopened.resolve(did, claim.key, "ali")  # changing one's mind: take ali's claim
        doc, plan = reopened.curation(did)
        assert [(c.start, c.end) for c in doc.claims if c.annotator == "curation"] == [span]
        reopened.undo()  # back to dropped, still decided
        doc, plan = reopened.curation(did)
        assert [c for c in doc.claims if c.annotator == "curation"] == []
        assert [d.key for d in plan.open if d.layer == "claim"] == []
    finally:
        reopened.project.close()
    curator.undo()  # the drop undone: the disagreement is open again
    _, plan = curator.curation(did)
    assert [d.key for d in plan.open if d.layer == "claim"] == [claim.key]


def test_exports_use_the_curated_layer_when_there_is_one(team, tmp_path):
    ali, _, curator, did = team
    from desktop.app.exporting import export
    from desktop.core.filters import ExportFilter

    before = tmp_path / "before.jsonl"
    export(ali.project, "jsonl", before)
    assert {m["annotator"] for m in json.loads(before.read_text())["entities"]} == {"ali", "badr"}
    curator.merge_agreed(did)
    out = tmp_path / "curated.jsonl"
    export(ali.project, "jsonl", out)
    (record,) = [json.loads(line) for line in out.read_text().splitlines()]
    assert [(m["annotator"], m["label"]) for m in record["entities"]] == [("curation", "PERS")]
    chosen = tmp_path / "badr.jsonl"
    export(ali.project, "jsonl", chosen, flt=ExportFilter(annotators=("badr",)))
    (record,) = [json.loads(line) for line in chosen.read_text().splitlines()]
    assert {m["annotator"] for m in record["entities"]} == {"badr"}
