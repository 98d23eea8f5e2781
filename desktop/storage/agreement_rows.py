"""What the agreement report reads, as plain tuples: one query per table, no `Document` or
`Mention` objects (building them cost more than the report itself; docs/benchmarks.md,
"Session 3: agreement").

Layout (the agreement package reads it by position, see `desktop/agreement/report.py`):

* ``documents``: ``(id, external_id, text_sha256, text)`` in id order;
* ``mentions``: ``{document id: {annotator: [(start, end, label)]}}``, reviewed mentions only
  (manual or accepted);
* ``claims``: ``{document id: {annotator: [(start, end, ext_id, source kind, source, quote
  type, polarity, source mention)]}}``; the source is the mention's ext_id or the entity's key,
  and the kind is ``None`` when the claim names a mention or entity that is gone. The source
  mention, ``(start, end, label, ext_id, entity key, prefix_len)``, is there when it is a
  reviewed mention of the claim's own layer (what the report reads to compare speakers), so the
  ~30 mentions per article are read without their ids and links;
* ``statuses``: ``{document id: {annotator: status}}``;
* ``clusters``: core claim clusters with their members (document external id, claim ext_id).

Spans are in the order every other reader gives them (start, longer first, id) and a span
without an annotator is credited to ``unknown``.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from itertools import groupby
from operator import itemgetter
from typing import Any

from desktop.core import model as core
from desktop.storage.rows import Rows

REVIEWED = ("manual", "accepted")
_DOC_WHO = itemgetter(0, 1)
_ORDER = 'document_id, annotator_id, start, "end" DESC, id'


@dataclass
class AgreementRows:
    documents: list[tuple[int, str, str, str]] = field(default_factory=list)
    mentions: dict[int, dict[str, list[tuple]]] = field(default_factory=dict)
    claims: dict[int, dict[str, list[tuple]]] = field(default_factory=dict)
    statuses: dict[int, dict[str, str]] = field(default_factory=dict)
    clusters: list[core.ClaimCluster] = field(default_factory=list)


def agreement_rows(rows: Any, skip: Collection[str] = (), unknown: str = "") -> AgreementRows:
    """Every layer of every document, leaving out the annotators named in ``skip``. ``rows`` is
    `Database.rows()`'s `Rows` (no SQLAlchemy on an SQLite file) or a session."""
    rows = Rows.of(rows)
    names: dict[int | None, str] = dict(rows.all("SELECT id, name FROM annotator"))
    names[None] = unknown
    skipped = {i for i, n in names.items() if n in skip}
    out = AgreementRows()
    out.documents = rows.all("SELECT id, external_id, text_sha256, text FROM document ORDER BY id")
    out.mentions = _layers(
        rows.all(
            'SELECT document_id, annotator_id, start, "end", label FROM mention '
            f"WHERE status IN ('manual', 'accepted') ORDER BY {_ORDER}"
        ),
        names,
        skipped,
    )
    claims = []
    for (doc, who, start, end, ext, kind, entity, quote, polarity,
         m_ext, m_doc, m_who, m_status, *m_span) in rows.all(
        'SELECT c.document_id, c.annotator_id, c.start, c."end", c.ext_id, c.source_kind, '
        "e.key, c.quote_type, c.polarity, m.ext_id, m.document_id, m.annotator_id, m.status, "
        'm.start, m."end", m.label, me.key, m.prefix_len FROM claim c '
        "LEFT JOIN entity e ON e.id = c.source_entity_id "
        "LEFT JOIN mention m ON m.id = c.source_mention_id "
        "LEFT JOIN entity me ON me.id = m.entity_id "
        "ORDER BY " + ", ".join(f"c.{k}" for k in _ORDER.split(", "))
    ):  # fmt: skip
        mention = None
        if kind == "mention":
            ref = m_ext
            if m_doc == doc and names[m_who] == names[who] and m_status in REVIEWED:
                mention = (m_span[0], m_span[1], m_span[2], m_ext, m_span[3], m_span[4])
        elif kind == "entity":
            ref = entity
        else:
            ref = None
        if kind in ("mention", "entity") and ref is None:
            kind = None
        claims.append((doc, who, start, end, ext, kind, ref, quote, polarity, mention))
    out.claims = _layers(claims, names, skipped)

    for doc, who, status in rows.all(
        "SELECT document_id, annotator_id, status FROM document_status "
        "ORDER BY document_id, annotator_id"
    ):
        if who not in skipped:
            out.statuses.setdefault(doc, {})[names[who]] = status

    out.clusters = _clusters(rows, names, skipped)
    return out


def _layers(rows, names: dict, skipped: set) -> dict[int, dict[str, list[tuple]]]:
    """Rows ``(document, annotator, *span)``, ordered by both, grouped by document and annotator
    name."""
    out: dict[int, dict[str, list[tuple]]] = {}
    span = itemgetter(slice(2, None))
    for (doc, who), group in groupby(rows, key=_DOC_WHO):
        if who not in skipped:
            out.setdefault(doc, {})[names[who]] = list(map(span, group))
    return out


def _clusters(rows: Rows, names: dict, skipped: set) -> list[core.ClaimCluster]:
    members: dict[int, list[core.ClusterMember]] = {}
    for cluster, doc_ext, claim_ext in rows.all(
        "SELECT k.cluster_id, d.external_id, c.ext_id FROM cluster_member k "
        "JOIN claim c ON c.id = k.claim_id JOIN document d ON d.id = c.document_id "
        "ORDER BY k.cluster_id, d.id, c.start"
    ):
        members.setdefault(cluster, []).append(core.ClusterMember(doc_ext, claim_ext))
    clusters = rows.all("SELECT id, label, annotator_id FROM claim_cluster ORDER BY id")
    return [
        core.ClaimCluster(
            key=f"k{i}", label=label, members=tuple(members.get(i, ())), annotator=names[who]
        )
        for i, label, who in clusters
        if who not in skipped
    ]
