"""The index of mentions by registry entity holds only linked mentions.

Most mentions link no entity; an index entry for each cost a fifth of inserting a mention
(docs/benchmarks.md, "Session 4"). `entity_id = ?` and the foreign key's SET NULL use the partial
index as they used the whole one.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

LINKED = sa.text("entity_id IS NOT NULL")


def upgrade() -> None:
    op.drop_index("ix_mention_entity_id", table_name="mention")
    op.create_index(
        "ix_mention_entity_id",
        "mention",
        ["entity_id"],
        sqlite_where=LINKED,
        postgresql_where=LINKED,
    )


def downgrade() -> None:
    op.drop_index("ix_mention_entity_id", table_name="mention")
    op.create_index("ix_mention_entity_id", "mention", ["entity_id"])
