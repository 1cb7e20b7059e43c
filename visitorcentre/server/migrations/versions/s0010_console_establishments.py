"""Indexes for the console's establishment pages: a kind's records at one establishment, and a desk's waiting issues

Revision ID: s0010_establishments
Revises: s0009_prisoners
Create Date: 2026-12-03 13:20:00
"""

from alembic import op

revision = "s0010_establishments"
down_revision = "s0009_prisoners"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("document", schema=None) as batch_op:
        batch_op.create_index("ix_document_entity_establishment", ["entity", "establishment"], unique=False)
    with op.batch_alter_table("conflict", schema=None) as batch_op:
        batch_op.create_index("ix_conflict_device_at", ["device_id", "at"], unique=False)
    with op.batch_alter_table("applied_op", schema=None) as batch_op:
        batch_op.create_index("ix_applied_op_device_outcome", ["device_id", "outcome", "at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("applied_op", schema=None) as batch_op:
        batch_op.drop_index("ix_applied_op_device_outcome")
    with op.batch_alter_table("conflict", schema=None) as batch_op:
        batch_op.drop_index("ix_conflict_device_at")
    with op.batch_alter_table("document", schema=None) as batch_op:
        batch_op.drop_index("ix_document_entity_establishment")
