"""Claim clusters: claims of different documents that report one proposition, with each
member's relation to it, and the suggested pairs an annotator rejected."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.storage import orm
from desktop.storage.corpus import load_clusters  # noqa: F401 - read without SQLAlchemy (exports)


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
