"""Two indexes that only repeated another's leading column are dropped: ``ix_applied_op_device_id``
(device) beside ``ix_applied_op_device_outcome`` (device, outcome, at), and
``ix_document_establishment`` (establishment) beside the primary key and
``ix_document_entity_establishment`` (entity, establishment). Every query of either table names
the kind with the establishment, or the device with the outcome (a desk's refusals), so no
plan used them; each push wrote both for every op (a tenth of the B-tree entries a new visitor
costs the database).

Revision ID: s0020_no_duplicate_indexes
Revises: s0019_name_words_without_rowid
Create Date: 2026-12-05 01:45:00
"""

from alembic import op

revision = "s0020_no_duplicate_indexes"
down_revision = "s0019_name_words_without_rowid"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("applied_op", schema=None) as batch_op:
        batch_op.drop_index("ix_applied_op_device_id")
    with op.batch_alter_table("document", schema=None) as batch_op:
        batch_op.drop_index("ix_document_establishment")


def downgrade() -> None:
    with op.batch_alter_table("document", schema=None) as batch_op:
        batch_op.create_index("ix_document_establishment", ["establishment"], unique=False)
    with op.batch_alter_table("applied_op", schema=None) as batch_op:
        batch_op.create_index("ix_applied_op_device_id", ["device_id"], unique=False)
