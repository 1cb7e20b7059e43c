"""feed: an index on (entity, row_id), so a push finds a document's feed entries without a scan

Revision ID: s0002
Revises: s0001
Create Date: 2026-12-01 21:45:00
"""

from alembic import op

revision = "s0002"
down_revision = "s0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("feed", schema=None) as batch_op:
        batch_op.create_index("ix_feed_entity_row_id", ["entity", "row_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("feed", schema=None) as batch_op:
        batch_op.drop_index("ix_feed_entity_row_id")
