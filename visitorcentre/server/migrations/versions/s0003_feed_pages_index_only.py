"""feed: the (scope, seq) index also carries (entity, row_id), so a pull page is read from the index alone

Revision ID: s0003
Revises: s0002
Create Date: 2026-12-01 21:52:00
"""

from alembic import op

revision = "s0003"
down_revision = "s0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("feed", schema=None) as batch_op:
        batch_op.create_index("ix_feed_scope_seq_row", ["scope", "seq", "entity", "row_id"], unique=False)
        batch_op.drop_index("ix_feed_scope_seq")


def downgrade() -> None:
    with op.batch_alter_table("feed", schema=None) as batch_op:
        batch_op.create_index("ix_feed_scope_seq", ["scope", "seq"], unique=False)
        batch_op.drop_index("ix_feed_scope_seq_row")
