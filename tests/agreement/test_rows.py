"""The agreement read as plain rows (`desktop/storage/agreement_rows.py`) gives the report the
documents gave before it: the whole JSON, on a generated team corpus with every kind of layer
(statuses without spans, pending suggestions, rejected mentions, the curated layer, claims
sourced by mention and entity, clusters), for every choice of annotators and label."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from desktop.agreement import agreement_report
from desktop.app.agreement import agreement
from desktop.app.annotators import CURATION
from desktop.app.project import Project
from desktop.app.workspace import Workspace
from desktop.core import model as core
from desktop.core.filters import ExportFilter
from desktop.formats.jsonl import write_jsonl
from desktop.storage import clusters as stored_clusters
from desktop.storage import documents as stored_documents
from tests.agreement.data import clusters_for, team

REVIEWED = (core.MentionStatus.MANUAL, core.MentionStatus.ACCEPTED)


def reference(db, annotators=None, label=None) -> dict:
    """The report as it was computed before the row read: whole documents from storage."""
    wanted = None if annotators is None else [a for a in annotators if a]
    skip = set() if wanted and CURATION in wanted else {CURATION}
    ids = {}
    with db.reading() as session:
        docs = []
        for doc in stored_documents.iter_documents(session, ExportFilter()):
            ids.setdefault(doc.text_sha256, doc.id)
            docs.append(
                replace(
                    doc,
                    mentions=tuple(
                        m for m in doc.mentions if m.status in REVIEWED and m.annotator not in skip
                    ),
                    claims=tuple(c for c in doc.claims if c.annotator not in skip),
                    status={k: v for k, v in doc.status.items() if k not in skip},
                )
            )
        clusters = [c for c in stored_clusters.load_clusters(session) if c.annotator not in skip]
    report = agreement_report(docs, clusters, annotators=wanted or None, label=label)
    for entry in report["documents"]:
        entry["id"] = ids.get(entry["text_sha256"])
    return report


def consistent(doc):
    ids = {m.ext_id for m in doc.mentions}
    claims = tuple(
        c
        if c.source is None or c.source.mention is None or c.source.mention in ids
        else replace(c, source=None)
        for c in doc.claims
    )
    return replace(doc, claims=claims)


@pytest.fixture(scope="module")
def team_db(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("rows")
    docs = {n: [consistent(d) for d in g] for n, g in team(30, 3, noise=0.3, seed=3).items()}
    project = Project.open(str(tmp / "team.db"), "importer")
    for name, group in docs.items():
        path = tmp / f"{name}.jsonl"
        with path.open("w", encoding="utf-8") as out:
            write_jsonl(group, out, clusters_for(group, name))
        project.import_paths([path])
    one = Workspace(project)
    first, second, third = (d.id for d in one.documents()[:3])
    # a fourth annotator who only marked a document done, and one with a pending suggestion
    Workspace(Project(project.db, "dana")).set_status(first, core.DocStatus.DONE)
    eve = Workspace(Project(project.db, "eve"))
    eve.create_mention(second, 0, 4, "PERS")
    eve.add_suggestions(eve.find_occurrences("بوتين", document_id=second), "ORG")
    eve.create_claim(second, 10, 40, source=core.ClaimSource(core.SourceKind.OUTLET))
    # claims whose speaker is a pending suggestion, and another annotator's mention
    pending = next(m for m in eve.document(second).mentions if m.annotator == "eve"
                   and m.status is core.MentionStatus.SUGGESTED)  # fmt: skip
    eve.create_claim(second, 50, 90, source=core.ClaimSource(core.SourceKind.MENTION,
                                                             mention=pending.ext_id))  # fmt: skip
    theirs = next(m for m in eve.document(second).mentions if m.annotator == "annotator-1")
    eve.create_claim(second, 100, 140, source=core.ClaimSource(core.SourceKind.MENTION,
                                                               mention=theirs.ext_id))  # fmt: skip
    eve.create_claim(third, 10, 40, source=core.ClaimSource(core.SourceKind.UNNAMED))
    # dana's claims match eve's, naming the same words as speaker: they agree only where
    # eve's speaker is a reviewed mention of eve's own layer
    dana = Workspace(Project(project.db, "dana"))
    dana.create_mention(second, pending.start, pending.end, pending.label)
    spoken = next(m for m in dana.document(second).mentions if m.annotator == "dana")
    said = core.ClaimSource(core.SourceKind.MENTION, mention=spoken.ext_id)
    for start, end in ((50, 90), (100, 140)):
        dana.create_claim(second, start, end, source=said)
    curator = Workspace(Project(project.db, CURATION))
    curator.create_mention(first, 0, 4, "GPE")
    yield project
    project.close()


@pytest.mark.parametrize(
    "annotators, label",
    [
        (None, None),
        (None, "PERS"),
        (["annotator-3", "annotator-1"], None),
        ([CURATION, "annotator-2", "eve"], None),
        (["annotator-1", "annotator-2", "dana", "eve"], "ORG"),
    ],
)
def test_the_row_read_gives_the_report_of_the_documents(team_db, annotators, label):
    got = agreement(team_db.db, annotators=annotators, label=label)
    want = reference(team_db.db, annotators, label)
    assert got["documents_compared"] >= 2
    assert json.dumps(got, sort_keys=True) == json.dumps(want, sort_keys=True)


def test_the_corpus_has_what_the_comparison_needs(team_db):
    report = agreement(team_db.db)
    assert report["annotators"] == ["annotator-1", "annotator-2", "annotator-3", "dana", "eve"]
    assert len(report["clusters"]["pairs"]) == 10
    assert report["claims"]["matched"] > 0
    sources = report["claims"]["attributes"]["source"]
    assert sources["matched"] > 0 and sources["percent"] < 100
    dana_eve = next(p for p in report["claims"]["pairs"] if p["annotators"] == ["dana", "eve"])
    assert dana_eve["attributes"]["source"]["matched"] >= 2
