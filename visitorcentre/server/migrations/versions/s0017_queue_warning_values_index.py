"""The caseworker's queue gets a second index, by status and warning number, so a filter on one warning
finds its few claims directly instead of walking every claim of the status (a duplicate among 60,000
submitted claims took 250 ms at national scale; the filter asks for the warning numbers holding its bit)

Revision ID: s0017_queue_warning_values_index
Revises: s0016_queue_warnings_index
Create Date: 2026-12-04 17:15:00
"""

from alembic import op

revision = "s0017_queue_warning_values_index"
down_revision = "s0016_queue_warnings_index"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("typed_cost_application", schema=None) as batch_op:
        batch_op.create_index(
            "ix_typed_cost_application_status_warnings", ["status", "warnings", "submitted_at", "row_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("typed_cost_application", schema=None) as batch_op:
        batch_op.drop_index("ix_typed_cost_application_status_warnings")
