"""Search index off the import's critical path: a "not yet indexed" marker per document.

An import stores documents and marks each one pending; the folded index is built afterwards in
batches (resumable), and search scans the folded text of pending documents meanwhile
(desktop/storage/search.py). On PostgreSQL the folded text gets its own table with a pg_trgm
GIN index, which answers the same substring searches as SQLite's FTS5 trigram table.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "search_pending",
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["document.id"],
            name=op.f("fk_search_pending_document_id_document"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("document_id", name=op.f("pk_search_pending")),
    )
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        return  # migration 0002 indexed every document already
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    op.execute(
        "CREATE TABLE document_folded (document_id INTEGER PRIMARY KEY "
        "REFERENCES document(id) ON DELETE CASCADE, folded TEXT NOT NULL)"
    )
    op.execute(
        "CREATE INDEX ix_document_folded_trgm ON document_folded USING gin (folded gin_trgm_ops)"
    )
    op.execute("INSERT INTO search_pending (document_id) SELECT id FROM document")


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        op.execute("DROP TABLE document_folded")
    op.drop_table("search_pending")
