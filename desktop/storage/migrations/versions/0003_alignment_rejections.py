"""Rejected alignment suggestions, so the same pair is not suggested again.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "alignment_rejection",
        sa.Column("claim_a_id", sa.Integer(), nullable=False),
        sa.Column("claim_b_id", sa.Integer(), nullable=False),
        sa.Column("annotator_id", sa.Integer(), nullable=True),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("claim_a_id < claim_b_id", name=op.f("ck_alignment_rejection_ordered")),
        sa.ForeignKeyConstraint(
            ["annotator_id"],
            ["annotator.id"],
            name=op.f("fk_alignment_rejection_annotator_id_annotator"),
        ),
        sa.ForeignKeyConstraint(
            ["claim_a_id"],
            ["claim.id"],
            name=op.f("fk_alignment_rejection_claim_a_id_claim"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["claim_b_id"],
            ["claim.id"],
            name=op.f("fk_alignment_rejection_claim_b_id_claim"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("claim_a_id", "claim_b_id", name=op.f("pk_alignment_rejection")),
    )


def downgrade() -> None:
    op.drop_table("alignment_rejection")
