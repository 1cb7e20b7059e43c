"""The caseworker's queue index carries each claim's warning bits, so a warnings filter (and each tab's
count under it) is read from the index alone, not from every claim of the status

Revision ID: s0016_queue_warnings_index
Revises: s0015_claim_automation
Create Date: 2026-12-03 18:10:00
"""

from alembic import op

revision = "s0016_queue_warnings_index"
down_revision = "s0015_claim_automation"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("typed_cost_application", schema=None) as batch_op:
        batch_op.drop_index("ix_typed_cost_application_status_submitted")
        batch_op.create_index(
            "ix_typed_cost_application_status_queue", ["status", "submitted_at", "row_id", "warnings"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("typed_cost_application", schema=None) as batch_op:
        batch_op.drop_index("ix_typed_cost_application_status_queue")
        batch_op.create_index(
            "ix_typed_cost_application_status_submitted", ["status", "submitted_at", "row_id"], unique=False
        )
