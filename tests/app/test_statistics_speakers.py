"""`mizan stats` counts claims per speaker as the speaker rule names them on the documents
themselves (`desktop.core.speakers.claim_speaker`), per outlet and in all, most first."""

from __future__ import annotations

from collections import Counter

from desktop.app.project import Project
from desktop.app.statistics import statistics
from desktop.core.speakers import PLACEHOLDERS, claim_speaker
from desktop.formats import registry
from tests.formats.test_exports import CLUSTERS, make_corpus


def test_claims_per_speaker_follow_the_speaker_rule_on_the_documents(tmp_path):
    source = tmp_path / "corpus.jsonl"
    registry.write("jsonl", make_corpus(), source, clusters=CLUSTERS)
    project = Project.open(str(tmp_path / "mizan.db"), "tester")
    try:
        project.import_paths([source])
        stats = statistics(project)
        stored = list(project.iter_documents())
    finally:
        project.close()

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
