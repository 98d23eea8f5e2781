"""`mizan stats` counts what the stored documents hold: mentions per status, label, outlet and
annotator, and claims per speaker as the speaker rule names them on the documents themselves
(`desktop.core.speakers.claim_speaker`), per outlet and in all, most first."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from desktop.app.project import Project
from desktop.app.statistics import statistics
from desktop.core.filters import ExportFilter
from desktop.core.speakers import PLACEHOLDERS, claim_speaker
from desktop.formats import registry
from tests.formats.test_exports import CLUSTERS, make_corpus


def _stats_and_documents(tmp_path, flt: ExportFilter | None = None) -> tuple[dict, list]:
    source = tmp_path / "corpus.jsonl"
    docs = make_corpus()  # and a copy of each: the same outlets and labels in two documents
    docs += [
        replace(d, external_id=f"{d.external_id}-2", text=d.text + ".", text_sha256=None)
        for d in docs
    ]
    registry.write("jsonl", docs, source, clusters=CLUSTERS)
    project = Project.open(str(tmp_path / "mizan.db"), "tester")
    try:
        project.import_paths([source])
        return statistics(project), list(project.iter_documents(flt))
    finally:
        project.close()


def test_mention_counts_are_the_stored_mentions_by_status_label_outlet_and_annotator(tmp_path):
    stats, stored = _stats_and_documents(tmp_path, ExportFilter(include_rejected=True))
    reviewed = [(d, m) for d in stored for m in d.mentions if m.status in ("manual", "accepted")]
    assert stats["mentions"] == len(reviewed)
    assert stats["suggestions"] == sum(m.status == "suggested" for d in stored for m in d.mentions)
    assert any(m.status == "rejected" for d in stored for m in d.mentions)  # counted nowhere
    assert stats["mentions_by_label"] == Counter(m.label for _, m in reviewed)
    by_outlet: dict[str, Counter] = {}
    for d, m in reviewed:
        by_outlet.setdefault(d.meta.outlet or "(none)", Counter())[m.label] += 1
    assert stats["mentions_by_outlet_label"] == by_outlet
    by_annotator = Counter(m.annotator for _, m in reviewed)
    assert len(by_annotator) > 1
    counted = {a: v["mentions"] for a, v in stats["by_annotator"].items() if v["mentions"]}
    assert counted == by_annotator


def test_claims_per_speaker_follow_the_speaker_rule_on_the_documents(tmp_path):
    stats, stored = _stats_and_documents(tmp_path)

    per_outlet: dict[str, Counter] = {}
    for doc in stored:
        mentions = {m.ext_id: m for m in doc.mentions}
        names = {key: e.name for key, e in doc.registry.items()}
        for claim in doc.claims:
            speaker = claim_speaker(claim.source, doc.text, mentions, names)
            label = speaker.name or PLACEHOLDERS.get(speaker.kind, "") or "(none)"
            per_outlet.setdefault(doc.meta.outlet or "(none)", Counter())[label] += 1
    overall = sum(per_outlet.values(), Counter())

    def most_first(counts: Counter) -> dict[str, int]:
        return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))

    assert len(overall) >= 4  # a linked mention, an entity, the outlet, unnamed sources …
    assert list(stats["claims_by_speaker"].items()) == list(most_first(overall).items())
    assert stats["claims_by_outlet_speaker"] == {
        outlet: most_first(c) for outlet, c in sorted(per_outlet.items())
    }
