"""Several annotators' versions of generated documents, for the agreement tests and timing."""

from __future__ import annotations

import dataclasses
import itertools
import random
from collections.abc import Iterator

from desktop.core.model import ClaimCluster, ClusterMember, Document, Polarity
from tests.support.documents import generate_documents

LABELS = ("PERS", "ORG", "GPE", "LOC", "DATE", "OCC", "NORP", "CARDINAL")


def variant(doc: Document, name: str, rng: random.Random, noise: float) -> Document:
    """The document as another annotator might have marked it: some spans dropped, relabelled,
    shortened by a word, claims with another polarity."""
    mentions = []
    for m in doc.mentions:
        roll = rng.random()
        if roll < noise / 3:
            continue
        if roll < 2 * noise / 3:
            m = dataclasses.replace(m, label=rng.choice(LABELS))
        elif roll < noise:
            m = dataclasses.replace(m, end=max(m.start + 1, m.end - 2))
        mentions.append(dataclasses.replace(m, annotator=name))
    claims = []
    for c in doc.claims:
        if rng.random() < noise:
            c = dataclasses.replace(c, polarity=Polarity.HEDGED)
        claims.append(dataclasses.replace(c, annotator=name))
    return dataclasses.replace(doc, mentions=tuple(mentions), claims=tuple(claims))


def team(
    n_docs: int, annotators: int = 3, *, noise: float = 0.2, seed: int = 1
) -> dict[str, list[Document]]:
    """``{annotator: documents}``: the first annotator as generated, the others with noise.

    Each document gets its own text (a number appended), so no two share a hash."""
    rng = random.Random(seed)
    base = []
    for i, doc in enumerate(itertools.islice(generate_documents(10**9), n_docs)):
        text = doc.text + f" {i}"
        base.append(dataclasses.replace(doc, text=text, text_sha256=None))
    names = [f"annotator-{k + 1}" for k in range(annotators)]
    return {
        name: [variant(d, name, rng, noise if k else 0.0) for d in base]
        for k, name in enumerate(names)
    }


def clusters_for(docs: list[Document], name: str, size: int = 3) -> Iterator[ClaimCluster]:
    """Claims grouped ``size`` documents at a time, claim by claim."""
    for start in range(0, len(docs) - size + 1, size):
        group = docs[start : start + size]
        for k, claim in enumerate(group[0].claims):
            yield ClaimCluster(
                key=f"{name}-{start}-{k}",
                label=f"claim {k}",
                members=tuple(ClusterMember(d.external_id, claim.ext_id) for d in group),
                annotator=name,
            )
