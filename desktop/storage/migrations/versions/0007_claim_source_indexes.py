"""Claims are found by the mention or entity their source names.

Deleting a mention or a registry entity sets the sources of the claims that name it to NULL;
without an index the database read every claim to find them (a mention deleted on a corpus of
100,000 claims: ~19 ms, with it 0.03 ms; docs/benchmarks.md, "Session 4"). Only claims with
such a source are indexed.

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

COLUMNS = ("source_mention_id", "source_entity_id")


def upgrade() -> None:
    for column in COLUMNS:
        where = sa.text(f"{column} IS NOT NULL")
        op.create_index(
            f"ix_claim_{column}", "claim", [column], sqlite_where=where, postgresql_where=where
        )


def downgrade() -> None:
    for column in COLUMNS:
        op.drop_index(f"ix_claim_{column}", table_name="claim")
