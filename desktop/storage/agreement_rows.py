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

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from desktop.core import model as core
from desktop.storage import orm

REVIEWED = ("manual", "accepted")
_DOC_WHO = itemgetter(0, 1)


@dataclass
class AgreementRows:
    documents: list[tuple[int, str, str, str]] = field(default_factory=list)
    mentions: dict[int, dict[str, list[tuple]]] = field(default_factory=dict)
    claims: dict[int, dict[str, list[tuple]]] = field(default_factory=dict)
    statuses: dict[int, dict[str, str]] = field(default_factory=dict)
    clusters: list[core.ClaimCluster] = field(default_factory=list)


def agreement_rows(
    session: Session, skip: Collection[str] = (), unknown: str = ""
) -> AgreementRows:
    """Every layer of every document, leaving out the annotators named in ``skip``."""
    conn = session.connection()
    names = dict(_rows(conn, select(orm.Annotator.id, orm.Annotator.name)))
    names[None] = unknown
    skipped = {i for i, n in names.items() if n in skip}
    out = AgreementRows()
    d = orm.Document
    out.documents = _rows(conn, select(d.id, d.external_id, d.text_sha256, d.text).order_by(d.id))

    m, e = orm.Mention, orm.Entity
    q = (
        select(m.document_id, m.annotator_id, m.start, m.end, m.label)
        .where(m.status.in_(REVIEWED))
        .order_by(m.document_id, m.annotator_id, m.start, m.end.desc(), m.id)
    )
    out.mentions = _layers(_rows(conn, q), names, skipped)

    c, source, source_entity = orm.Claim, aliased(orm.Mention), aliased(orm.Entity)
    q = (
        select(c.document_id, c.annotator_id, c.start, c.end, c.ext_id, c.source_kind, e.key,
               c.quote_type, c.polarity, source.ext_id, source.document_id, source.annotator_id,
               source.status, source.start, source.end, source.label, source_entity.key,
               source.prefix_len)
        .outerjoin(e, e.id == c.source_entity_id)
        .outerjoin(source, source.id == c.source_mention_id)
        .outerjoin(source_entity, source_entity.id == source.entity_id)
        .order_by(c.document_id, c.annotator_id, c.start, c.end.desc(), c.id)
    )  # fmt: skip
    rows = []
    for (doc, who, start, end, ext, kind, entity, quote, polarity,
         m_ext, m_doc, m_who, m_status, *m_span) in _rows(conn, q):  # fmt: skip
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
        rows.append((doc, who, start, end, ext, kind, ref, quote, polarity, mention))
    out.claims = _layers(rows, names, skipped)

    ds = orm.DocumentStatus
    q = select(ds.document_id, ds.annotator_id, ds.status)
    for doc, who, status in _rows(conn, q.order_by(ds.document_id, ds.annotator_id)):
        if who not in skipped:
            out.statuses.setdefault(doc, {})[names[who]] = status

    out.clusters = _clusters(conn, names, skipped)
    return out


def _rows(conn, query) -> list[tuple]:
    """All rows of ``query`` as plain tuples, on the session's own connection and transaction.

    The statement is compiled once with its few constants inline and run on the driver's cursor:
    for the ~100,000 span rows of 1,000 articles × 3 annotators, SQLAlchemy's result rows cost
    as much as the query."""
    sql = str(query.compile(dialect=conn.dialect, compile_kwargs={"literal_binds": True}))
    cursor = conn.connection.dbapi_connection.cursor()
    try:
        cursor.execute(sql)
        return cursor.fetchall()
    finally:
        cursor.close()


def _layers(rows, names: dict, skipped: set) -> dict[int, dict[str, list[tuple]]]:
    """Rows ``(document, annotator, *span)``, ordered by both, grouped by document and annotator
    name."""
    out: dict[int, dict[str, list[tuple]]] = {}
    span = itemgetter(slice(2, None))
    for (doc, who), group in groupby(rows, key=_DOC_WHO):
        if who not in skipped:
            out.setdefault(doc, {})[names[who]] = list(map(span, group))
    return out


def _clusters(conn, names: dict, skipped: set) -> list[core.ClaimCluster]:
    k, m, c, d = orm.ClaimCluster, orm.ClusterMember, orm.Claim, orm.Document
    members: dict[int, list[core.ClusterMember]] = {}
    q = (
        select(m.cluster_id, d.external_id, c.ext_id)
        .join(c, c.id == m.claim_id)
        .join(d, d.id == c.document_id)
        .order_by(m.cluster_id, d.id, c.start)
    )
    for cluster, doc_ext, claim_ext in _rows(conn, q):
        members.setdefault(cluster, []).append(core.ClusterMember(doc_ext, claim_ext))
    return [
        core.ClaimCluster(
            key=f"k{i}", label=label, members=tuple(members.get(i, ())), annotator=names[who]
        )
        for i, label, who in _rows(conn, select(k.id, k.label, k.annotator_id).order_by(k.id))
        if who not in skipped
    ]
