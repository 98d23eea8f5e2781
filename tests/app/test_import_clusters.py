"""Claim clusters of several annotators imported on the same texts: each annotator's clusters
hold that annotator's own claims (their ``c1`` is stored as ``c1@name`` when another's ``c1``
came first), a second import of the same file adds nothing, and the agreement report compares
the clusters."""

from __future__ import annotations

import json

import pytest

from desktop.app.agreement import agreement
from desktop.app.project import Project
from tests.conftest import dump

TEXTS = {
    "d1": "قال الرئيس إن المحادثات كانت جيدة وإن الاتفاق قريب",
    "d2": "وقال الوزير إن المحادثات جيدة لكن الاتفاق ما زال بعيدا",
}
# the cluster each annotator makes: amal and badr agree, huda pairs d1's c1 with d2's c2
CLUSTERS = {"amal": ("c1", "c1"), "badr": ("c1", "c1"), "huda": ("c1", "c2")}


def _file(tmp_path, annotator: str) -> str:
    path = tmp_path / f"{annotator}.jsonl"
    lines = []
    for doc, text in TEXTS.items():
        claims = [
            {"id": "c1", "start": 0, "end": 10, "source": {"outlet": True}},
            {"id": "c2", "start": 11, "end": 30, "source": {"outlet": True}},
        ]
        lines.append({"id": doc, "text": text, "claims": claims})
    first, second = CLUSTERS[annotator]
    members = [{"document": "d1", "claim": first}, {"document": "d2", "claim": second}]
    lines.append({"type": "cluster", "label": f"talks ({annotator})", "members": members})
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in lines), encoding="utf-8"
    )
    return str(path)


def _import_all(url: str, tmp_path) -> None:
    for annotator in CLUSTERS:
        project = Project.open(url, annotator)
        try:
            report = project.import_paths([_file(tmp_path, annotator)])
            assert report.clusters == 1
        finally:
            project.close()


def _clusters(url: str) -> dict[str, list[tuple[str, str, str]]]:
    """Cluster annotator -> (document, claim span id, the claim's annotator) of its members."""
    project = Project.open(url, "reader")
    try:
        owner = {
            (doc.external_id, claim.ext_id): claim.annotator
            for doc in project.iter_documents()
            for claim in doc.claims
        }
        out: dict[str, list] = {}
        for cluster in project.clusters():
            out.setdefault(cluster.annotator, []).extend(
                (m.document, m.claim, owner[m.document, m.claim]) for m in cluster.members
            )
        report = agreement(project.db)["clusters"]
        pairs = {tuple(p["annotators"]): p["b3_f1"] for p in report["pairs"]}
        return {name: sorted(v) for name, v in out.items()}, pairs
    finally:
        project.close()


def _check(url: str, tmp_path) -> None:
    _import_all(url, tmp_path)
    clusters, pairs = _clusters(url)
    assert clusters == {
        "amal": [("d1", "c1", "amal"), ("d2", "c1", "amal")],
        "badr": [("d1", "c1@badr", "badr"), ("d2", "c1@badr", "badr")],
        "huda": [("d1", "c1@huda", "huda"), ("d2", "c2@huda", "huda")],
    }
    assert pairs[("amal", "badr")] == pytest.approx(1.0)
    assert pairs[("amal", "huda")] is not None  # they share one clustered claim


def test_each_annotators_clusters_keep_their_own_claims(db_path, tmp_path):
    _check(str(db_path), tmp_path)


def test_each_annotators_clusters_keep_their_own_claims_on_postgresql(postgres_url, tmp_path):
    _check(postgres_url, tmp_path)


def test_importing_the_clusters_again_changes_nothing(db_path, tmp_path):
    _import_all(str(db_path), tmp_path)
    before = dump(db_path)
    for annotator in CLUSTERS:
        project = Project.open(str(db_path), annotator)
        try:
            report = project.import_paths([_file(tmp_path, annotator)])
        finally:
            project.close()
        assert report.clusters == 0 and report.claims == 0
        assert any("the cluster is stored already" in line for line in report.skipped)
        assert len(report.skipped) == 3  # two records, one cluster: one line each
    assert dump(db_path) == before
