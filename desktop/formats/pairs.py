"""Claim pairs for stance / cross-document alignment training (``pairs.jsonl``).

One JSON object per line (UTF-8, keys sorted)::

    {"claim_a": {"document", "claim", "start", "end", "text", "outlet"},
     "claim_b": {...}, "stance": "agree", "cluster": "k1", "event": "…",
     "relations": ["agrees", "adds_detail"]}

A pair is two members of one claim cluster that come from **different documents** (members in the
same document are not paired), in cluster-member order; clusters are taken in key order.

Stance from the two members' relations to the cluster's proposition:

* one ``contradicts`` and the other does not → ``disagree`` (they take opposite sides);
* otherwise, if either ``reframes`` → ``discuss`` (same facts, different framing);
* otherwise → ``agree`` (``agrees`` / ``adds_detail`` on both sides, and also two ``contradicts``:
  both deny the proposition, so they agree with each other).

With ``unrelated_per_pair=N``, every related pair also yields up to ``N`` ``"unrelated"`` pairs:
``claim_a`` with a claim sampled (``random.Random(seed)``, deterministic) from the **other**
clusters of the same event, from another document, never one that shares a cluster with
``claim_a``; such a pair's ``cluster`` and ``relations`` are ``null``. Clusters without an event
get none.

Documents are streamed once; only the clustered claims are kept in memory (their text and
offsets). A member whose document or claim is not among the documents is left out and counted
in ``dropped``.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterable
from pathlib import Path

from desktop.core.model import ClaimCluster, Document, Relation
from desktop.formats.atomic import atomic_file
from desktop.formats.split import ExportCounts

__all__ = ["STANCES", "stance", "write_pairs"]

STANCES = ("agree", "disagree", "discuss", "unrelated")


def stance(a: Relation, b: Relation) -> str:
    """The stance between two members of one cluster (see the module docstring)."""
    a, b = Relation(a), Relation(b)
    if (a is Relation.CONTRADICTS) != (b is Relation.CONTRADICTS):
        return "disagree"
    if Relation.REFRAMES in (a, b):
        return "discuss"
    return "agree"


Key = tuple[str, str]


def write_pairs(
    documents: Iterable[Document],
    clusters: Iterable[ClaimCluster],
    path: Path,
    *,
    unrelated_per_pair: int = 0,
    seed: int = 0,
) -> ExportCounts:
    """Write ``pairs.jsonl`` (see the module docstring); returns the counts (``pairs`` includes
    ``unrelated``)."""
    if unrelated_per_pair < 0:
        raise ValueError("unrelated_per_pair must not be negative")
    cluster_list = sorted(clusters, key=lambda c: c.key)
    needed: set[Key] = {(m.document, m.claim) for c in cluster_list for m in c.members}
    index: dict[Key, dict] = {}
    counts = ExportCounts()
    for doc in documents:
        counts.documents += 1
        for c in doc.claims:
            key = (doc.external_id, c.ext_id or "")
            if key in needed:
                index[key] = {
                    "document": doc.external_id,
                    "claim": c.ext_id,
                    "start": c.start,
                    "end": c.end,
                    "text": doc.text[c.start : c.end],
                    "outlet": doc.meta.outlet,
                }

    members_of: dict[str, list[tuple[Key, Relation]]] = {}
    clusters_of: dict[Key, set[str]] = {}
    by_event: dict[str, set[Key]] = {}
    for cluster in cluster_list:
        members: list[tuple[Key, Relation]] = []
        seen: set[Key] = set()
        for m in cluster.members:
            key = (m.document, m.claim)
            if key in seen:
                continue
            seen.add(key)
            if key not in index:
                counts.dropped += 1
                continue
            members.append((key, Relation(m.relation)))
            clusters_of.setdefault(key, set()).add(cluster.key)
            if cluster.event is not None:
                by_event.setdefault(cluster.event, set()).add(key)
        members_of[cluster.key] = members
    pools = {event: sorted(keys) for event, keys in by_event.items()}

    rng = random.Random(seed)
    emitted_unrelated: set[frozenset[Key]] = set()
    with atomic_file(Path(path), "w", encoding="utf-8", newline="\n") as out:

        def emit(a: Key, b: Key, label: str, cluster, event, relations) -> None:
            record = {
                "claim_a": index[a],
                "claim_b": index[b],
                "stance": label,
                "cluster": cluster,
                "event": event,
                "relations": relations,
            }
            out.write(json.dumps(record, ensure_ascii=False, sort_keys=True))
            out.write("\n")
            counts.pairs += 1

        for cluster in cluster_list:
            members = members_of[cluster.key]
            for i, (a, ra) in enumerate(members):
                for b, rb in members[i + 1 :]:
                    if a[0] == b[0]:
                        continue
                    emit(a, b, stance(ra, rb), cluster.key, cluster.event, [ra.value, rb.value])
                    if not unrelated_per_pair or cluster.event is None:
                        continue
                    mine = clusters_of[a]
                    candidates = [
                        k
                        for k in pools[cluster.event]
                        if k[0] != a[0]
                        and not (clusters_of[k] & mine)
                        and frozenset((a, k)) not in emitted_unrelated
                    ]
                    take = min(unrelated_per_pair, len(candidates))
                    for k in rng.sample(candidates, take):
                        emitted_unrelated.add(frozenset((a, k)))
                        emit(a, k, "unrelated", None, cluster.event, None)
                        counts.unrelated += 1
    counts.files = 1
    return counts
