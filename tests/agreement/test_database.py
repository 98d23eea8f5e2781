"""Agreement read from a database (SQLite and the throw-away PostgreSQL server): the team's
JSONL files are imported as layers, `mizan agreement` reports what the metric code reports on
the same files."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace

import pytest

from desktop.agreement import agreement_report
from desktop.app.agreement import agreement, as_text
from desktop.app.project import Project
from desktop.app.workspace import Workspace
from desktop.formats.jsonl import write_jsonl
from tests.agreement.data import team


def consistent(doc):
    """The generated variant without claim sources whose mention the annotator dropped."""
    ids = {m.ext_id for m in doc.mentions}
    claims = tuple(
        c
        if c.source is None or c.source.mention is None or c.source.mention in ids
        else replace(c, source=None)
        for c in doc.claims
    )
    return replace(doc, claims=claims)


def write_team(tmp_path, n_docs: int = 12) -> tuple[dict, list]:
    docs = {name: [consistent(d) for d in group] for name, group in team(n_docs, 3, seed=7).items()}
    paths = []
    for name, group in docs.items():
        path = tmp_path / f"{name}.jsonl"
        with path.open("w", encoding="utf-8") as out:
            write_jsonl(group, out)
        paths.append(path)
    return docs, paths


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    if request.param == "sqlite":
        return str(tmp_path / "team.db")
    return request.getfixturevalue("postgres_url")


def test_the_database_report_is_the_report_of_the_files(db_url, tmp_path):
    docs, paths = write_team(tmp_path)
    project = Project.open(db_url, "importer")
    try:
        for path in paths:
            project.import_paths([path])
        report = agreement(project.db)
    finally:
        project.close()
    expected = agreement_report(docs)
    assert report["annotators"] == ["annotator-1", "annotator-2", "annotator-3"]
    assert report["documents_compared"] == 12
    for key in ("span_f1_exact", "span_f1_overlap", "kappa", "alpha"):
        assert report[key] == pytest.approx(expected[key])
    assert report["claims"]["attributes"]["polarity"]["percent"] == pytest.approx(
        expected["claims"]["attributes"]["polarity"]["percent"]
    )
    # every document entry names its database row, most disagreement first
    assert all(isinstance(d["id"], int) for d in report["documents"])
    shown = [d["disagreement"] for d in report["documents"]]
    assert shown == sorted(shown, reverse=True)


def test_pairs_labels_and_the_curated_layer_are_chosen(tmp_path):
    _, paths = write_team(tmp_path, 6)
    project = Project.open(str(tmp_path / "team.db"), "importer")
    for path in paths:
        project.import_paths([path])
    curator = Workspace(Project(project.db, "curation"))
    first = curator.documents()[0]
    curator.create_mention(first.id, 0, 2, "PERS")

    everyone = agreement(project.db)
    assert "curation" not in everyone["annotators"]  # derived from the others, left out
    two = agreement(project.db, annotators=["annotator-1", "annotator-3"])
    assert two["annotators"] == ["annotator-1", "annotator-3"]
    assert [p["annotators"] for p in two["mentions"]["pairs"]] == [["annotator-1", "annotator-3"]]
    asked = agreement(project.db, annotators=["curation", "annotator-1"])
    assert asked["annotators"] == ["curation", "annotator-1"]  # in the order asked
    only_pers = agreement(project.db, label="PERS")
    assert set(only_pers["mentions"]["per_label"]) == {"PERS"}
    text = as_text(two)
    assert "annotator-1, annotator-3" in text and "span F1 exact" in text
    project.close()


def test_suggestions_do_not_count(tmp_path):
    db = tmp_path / "s.db"
    project = Project.open(str(db), "ali")
    (tmp_path / "a.txt").write_text("قال الرئيس بوتين في موسكو اليوم", encoding="utf-8")
    project.import_paths([tmp_path / "a.txt"])
    ali, badr = Workspace(project), Workspace(Project(project.db, "badr"))
    did = ali.documents()[0].id
    ali.create_mention(did, 11, 16, "PERS")
    badr.create_mention(did, 11, 16, "PERS")
    before = agreement(project.db)["span_f1_exact"]
    occurrences = badr.find_occurrences("موسكو", document_id=did)
    badr.add_suggestions(occurrences, "GPE")  # pending: not yet badr's annotation
    assert before == 1.0
    assert agreement(project.db)["span_f1_exact"] == 1.0
    project.close()


def test_mizan_agreement_prints_json_and_text(tmp_path):
    _, paths = write_team(tmp_path, 4)
    db = str(tmp_path / "cli.db")
    project = Project.open(db, "importer")
    for path in paths:
        project.import_paths([path])
    project.close()

    def mizan(*args):
        return subprocess.run(
            [sys.executable, "-m", "desktop", "--db", db, "agreement", *args],
            capture_output=True, text=True, timeout=300, check=True,
        ).stdout  # fmt: skip

    report = json.loads(mizan("--json", "--annotators", "annotator-1,annotator-2"))
    assert {"mentions", "claims", "clusters"} <= report.keys()
    assert all(isinstance(report[k], dict) for k in ("mentions", "claims", "clusters"))
    assert {"span_f1_exact", "span_f1_overlap", "kappa", "alpha"} <= report.keys()
    assert report["annotators"] == ["annotator-1", "annotator-2"]
    text = mizan("--label", "PERS")
    assert text.startswith("Agreement between annotator-1, annotator-2, annotator-3 on PERS")
    assert "Krippendorff α" in text
