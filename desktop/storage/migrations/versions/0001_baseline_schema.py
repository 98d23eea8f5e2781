"""Baseline schema: the whole domain of docs/data-model.md.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "annotator",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_annotator")),
        sa.UniqueConstraint("name", name=op.f("uq_annotator_name")),
    )
    op.create_table(
        "entity",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("type", sa.String(length=50), nullable=True),
        sa.Column("external_id", sa.String(length=200), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_entity")),
        sa.UniqueConstraint("key", name=op.f("uq_entity_key")),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=500), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event")),
        sa.UniqueConstraint("name", name=op.f("uq_event_name")),
    )
    op.create_table(
        "label_set",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_label_set")),
        sa.UniqueConstraint("name", name=op.f("uq_label_set_name")),
    )
    op.create_table(
        "outlet",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("website", sa.String(length=500), nullable=True),
        sa.Column("country", sa.String(length=100), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outlet")),
        sa.UniqueConstraint("name", name=op.f("uq_outlet_name")),
    )
    op.create_table(
        "claim_cluster",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("label", sa.Text(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("annotator_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["annotator_id"], ["annotator.id"], name=op.f("fk_claim_cluster_annotator_id_annotator")
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["event.id"],
            name=op.f("fk_claim_cluster_event_id_event"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_claim_cluster")),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "document",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("external_id", sa.String(length=300), nullable=False),
        sa.Column("outlet_id", sa.Integer(), nullable=True),
        sa.Column("original_source", sa.String(length=300), nullable=True),
        sa.Column("event_id", sa.Integer(), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("language", sa.String(length=20), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("length", sa.Integer(), nullable=False),
        sa.Column("text_sha256", sa.String(length=64), nullable=False),
        sa.Column("source_file", sa.Text(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("length >= 0", name=op.f("ck_document_length")),
        sa.ForeignKeyConstraint(
            ["event_id"], ["event.id"], name=op.f("fk_document_event_id_event"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["outlet_id"],
            ["outlet.id"],
            name=op.f("fk_document_outlet_id_outlet"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document")),
        sa.UniqueConstraint("external_id", name=op.f("uq_document_external_id")),
        sa.UniqueConstraint("text_sha256", name=op.f("uq_document_text_sha256")),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "entity_alias",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.Column("alias", sa.Text(), nullable=False),
        sa.Column("folded", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["entity_id"],
            ["entity.id"],
            name=op.f("fk_entity_alias_entity_id_entity"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_entity_alias")),
        sa.UniqueConstraint("entity_id", "alias", name=op.f("uq_entity_alias_entity_id")),
    )
    with op.batch_alter_table("entity_alias", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_entity_alias_folded"), ["folded"], unique=False)

    op.create_table(
        "label",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("label_set_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=50), nullable=False),
        sa.Column("name_en", sa.String(length=200), nullable=False),
        sa.Column("name_ar", sa.String(length=200), nullable=False),
        sa.Column("color", sa.String(length=9), nullable=False),
        sa.Column("shortcut", sa.String(length=20), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["label_set_id"],
            ["label_set.id"],
            name=op.f("fk_label_label_set_id_label_set"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_label")),
        sa.UniqueConstraint("label_set_id", "key", name=op.f("uq_label_label_set_id")),
    )
    op.create_table(
        "document_status",
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("annotator_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "status IN ('not_started', 'in_progress', 'done')",
            name=op.f("ck_document_status_status"),
        ),
        sa.ForeignKeyConstraint(
            ["annotator_id"],
            ["annotator.id"],
            name=op.f("fk_document_status_annotator_id_annotator"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["document.id"],
            name=op.f("fk_document_status_document_id_document"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("document_id", "annotator_id", name=op.f("pk_document_status")),
    )
    op.create_table(
        "history",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("annotator_id", sa.Integer(), nullable=True),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(length=100), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("redo", sa.JSON(), nullable=False),
        sa.Column("undo", sa.JSON(), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.CheckConstraint("state IN ('done', 'undone', 'dropped')", name=op.f("ck_history_state")),
        sa.ForeignKeyConstraint(
            ["annotator_id"], ["annotator.id"], name=op.f("fk_history_annotator_id_annotator")
        ),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["document.id"],
            name=op.f("fk_history_document_id_document"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_history")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("history", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_history_document_id"), ["document_id"], unique=False)

    op.create_table(
        "mention",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("ext_id", sa.String(length=100), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(length=50), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=True),
        sa.Column("prefix_len", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("annotator_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "status IN ('manual', 'suggested', 'accepted', 'rejected')",
            name=op.f("ck_mention_status"),
        ),
        sa.CheckConstraint(
            "prefix_len IS NULL OR prefix_len >= 0", name=op.f("ck_mention_prefix_len")
        ),
        sa.CheckConstraint('start >= 0 AND "end" > start', name=op.f("ck_mention_offsets")),
        sa.ForeignKeyConstraint(
            ["annotator_id"], ["annotator.id"], name=op.f("fk_mention_annotator_id_annotator")
        ),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["document.id"],
            name=op.f("fk_mention_document_id_document"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["entity_id"],
            ["entity.id"],
            name=op.f("fk_mention_entity_id_entity"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mention")),
        sa.UniqueConstraint("document_id", "ext_id", name=op.f("uq_mention_document_id")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("mention", schema=None) as batch_op:
        batch_op.create_index("ix_mention_document_start", ["document_id", "start"], unique=False)
        batch_op.create_index(batch_op.f("ix_mention_entity_id"), ["entity_id"], unique=False)

    op.create_table(
        "claim",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("ext_id", sa.String(length=100), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("source_kind", sa.String(length=20), nullable=True),
        sa.Column("source_mention_id", sa.Integer(), nullable=True),
        sa.Column("source_entity_id", sa.Integer(), nullable=True),
        sa.Column("cue_start", sa.Integer(), nullable=True),
        sa.Column("cue_end", sa.Integer(), nullable=True),
        sa.Column("quote_type", sa.String(length=20), nullable=False),
        sa.Column("polarity", sa.String(length=20), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("annotator_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "polarity IN ('asserted', 'denied', 'hedged')", name=op.f("ck_claim_polarity")
        ),
        sa.CheckConstraint(
            "quote_type IN ('direct', 'indirect', 'mixed', 'outlet_assertion')",
            name=op.f("ck_claim_quote_type"),
        ),
        sa.CheckConstraint(
            "source_kind IS NULL OR source_kind IN ('mention', 'entity', 'outlet', 'unnamed')",
            name=op.f("ck_claim_source_kind"),
        ),
        sa.CheckConstraint(
            "(cue_start IS NULL AND cue_end IS NULL) OR (cue_start >= 0 AND cue_end > cue_start)",
            name=op.f("ck_claim_cue_offsets"),
        ),
        sa.CheckConstraint('start >= 0 AND "end" > start', name=op.f("ck_claim_offsets")),
        sa.ForeignKeyConstraint(
            ["annotator_id"], ["annotator.id"], name=op.f("fk_claim_annotator_id_annotator")
        ),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["document.id"],
            name=op.f("fk_claim_document_id_document"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["source_entity_id"],
            ["entity.id"],
            name=op.f("fk_claim_source_entity_id_entity"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["source_mention_id"],
            ["mention.id"],
            name=op.f("fk_claim_source_mention_id_mention"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_claim")),
        sa.UniqueConstraint("document_id", "ext_id", name=op.f("uq_claim_document_id")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("claim", schema=None) as batch_op:
        batch_op.create_index("ix_claim_document_start", ["document_id", "start"], unique=False)

    op.create_table(
        "claim_topic",
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("topic", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["claim_id"],
            ["claim.id"],
            name=op.f("fk_claim_topic_claim_id_claim"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("claim_id", "topic", name=op.f("pk_claim_topic")),
    )
    with op.batch_alter_table("claim_topic", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_claim_topic_topic"), ["topic"], unique=False)

    op.create_table(
        "cluster_member",
        sa.Column("cluster_id", sa.Integer(), nullable=False),
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("relation", sa.String(length=20), nullable=False),
        sa.CheckConstraint(
            "relation IN ('agrees', 'contradicts', 'adds_detail', 'reframes')",
            name=op.f("ck_cluster_member_relation"),
        ),
        sa.ForeignKeyConstraint(
            ["claim_id"],
            ["claim.id"],
            name=op.f("fk_cluster_member_claim_id_claim"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["cluster_id"],
            ["claim_cluster.id"],
            name=op.f("fk_cluster_member_cluster_id_claim_cluster"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("cluster_id", "claim_id", name=op.f("pk_cluster_member")),
        sa.UniqueConstraint("claim_id", name=op.f("uq_cluster_member_claim_id")),
    )


def downgrade() -> None:
    op.drop_table("cluster_member")
    with op.batch_alter_table("claim_topic", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_claim_topic_topic"))

    op.drop_table("claim_topic")
    with op.batch_alter_table("claim", schema=None) as batch_op:
        batch_op.drop_index("ix_claim_document_start")

    op.drop_table("claim")
    with op.batch_alter_table("mention", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mention_entity_id"))
        batch_op.drop_index("ix_mention_document_start")

    op.drop_table("mention")
    with op.batch_alter_table("history", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_history_document_id"))

    op.drop_table("history")
    op.drop_table("document_status")
    op.drop_table("label")
    with op.batch_alter_table("entity_alias", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_entity_alias_folded"))

    op.drop_table("entity_alias")
    op.drop_table("document")
    op.drop_table("claim_cluster")
    op.drop_table("outlet")
    op.drop_table("label_set")
    op.drop_table("event")
    op.drop_table("entity")
    op.drop_table("annotator")
