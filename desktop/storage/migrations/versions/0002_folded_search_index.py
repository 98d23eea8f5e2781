"""Full-text index of each document's folded text (SQLite FTS5, trigram tokenizer).

The folded key drops harakat, tatweel and bidi controls and unifies letter variants
(desktop.text.fold_key), so vowelled, unvowelled and stretched forms all match; the trigram
tokenizer matches inside words, so a name is found with its proclitics (وبوتين).

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

from desktop.text import fold_key

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return
    op.execute("CREATE VIRTUAL TABLE document_fts USING fts5(folded, tokenize = 'trigram')")
    rows = bind.execute(sa.text("SELECT id, text FROM document")).all()
    if rows:
        bind.execute(
            sa.text("INSERT INTO document_fts(rowid, folded) VALUES (:id, :folded)"),
            [{"id": doc_id, "folded": fold_key(body)} for doc_id, body in rows],
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE document_fts")
