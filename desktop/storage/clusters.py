"""Claim clusters: claims of different documents that report one proposition, with each
member's relation to it, and the suggested pairs an annotator rejected."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core import model as core
from desktop.storage import orm


def load_clusters(
    session: Session, document_ids: Iterable[int] | None = None
) -> list[core.ClaimCluster]:
    """Clusters with their members (those in `document_ids` when given), oldest first."""
    m, c, d = orm.ClusterMember, orm.Claim, orm.Document
    q = (
        select(m.cluster_id, m.claim_id, m.relation, d.external_id, c.ext_id)
        .join(c, c.id == m.claim_id)
        .join(d, d.id == c.document_id)
        .order_by(m.cluster_id, d.id, c.start)
    )
    if document_ids is not None:
        q = q.where(c.document_id.in_(list(document_ids)))
    members: dict[int, list[core.ClusterMember]] = {}
    for cluster_id, claim_id, relation, doc_ext, claim_ext in session.execute(q):
        members.setdefault(cluster_id, []).append(
            core.ClusterMember(doc_ext, claim_ext, core.Relation(relation), claim_id)
        )
    rows = session.execute(
        select(orm.ClaimCluster, orm.Event.name, orm.Annotator.name)
        .outerjoin(orm.Event, orm.Event.id == orm.ClaimCluster.event_id)
        .outerjoin(orm.Annotator, orm.Annotator.id == orm.ClaimCluster.annotator_id)
        .order_by(orm.ClaimCluster.id)
    ).all()
    return [
        core.ClaimCluster(
            key=f"k{row.id}",
            label=row.label,
            event=event,
            members=tuple(members.get(row.id, ())),
            note=row.note,
            annotator=annotator,
            id=row.id,
        )
        for row, event, annotator in rows
        if document_ids is None or row.id in members
    ]


def cluster_of_claims(session: Session, claim_ids: Iterable[int]) -> dict[int, int]:
    return dict(
        session.execute(
            select(orm.ClusterMember.claim_id, orm.ClusterMember.cluster_id).where(
                orm.ClusterMember.claim_id.in_(list(claim_ids))
            )
        ).all()
    )


def cluster_members(session: Session, cluster_id: int) -> list[tuple[int, str]]:
    return [
        (claim_id, relation)
        for claim_id, relation in session.execute(
            select(orm.ClusterMember.claim_id, orm.ClusterMember.relation).where(
                orm.ClusterMember.cluster_id == cluster_id
            )
        )
    ]


def claim_event_id(session: Session, claim_id: int) -> int | None:
    return session.execute(
        select(orm.Document.event_id)
        .join(orm.Claim, orm.Claim.document_id == orm.Document.id)
        .where(orm.Claim.id == claim_id)
    ).scalar()


def rejected_pairs(session: Session) -> set[tuple[tuple[str, str], tuple[str, str]]]:
    """Rejected alignment pairs as ((document, claim), (document, claim)) external ids."""
    a_claim, b_claim = orm.Claim.__table__.alias("a"), orm.Claim.__table__.alias("b")
    a_doc, b_doc = orm.Document.__table__.alias("ad"), orm.Document.__table__.alias("bd")
    q = (
        select(a_doc.c.external_id, a_claim.c.ext_id, b_doc.c.external_id, b_claim.c.ext_id)
        .select_from(orm.AlignmentRejection)
        .join(a_claim, a_claim.c.id == orm.AlignmentRejection.claim_a_id)
        .join(b_claim, b_claim.c.id == orm.AlignmentRejection.claim_b_id)
        .join(a_doc, a_doc.c.id == a_claim.c.document_id)
        .join(b_doc, b_doc.c.id == b_claim.c.document_id)
    )
    return {((ad, ac), (bd, bc)) for ad, ac, bd, bc in session.execute(q)}
