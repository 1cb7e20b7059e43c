"""the central team's decisions on travel-costs applications: ``cost_decision``, received through sync

One row per decision step (needs information, approved, rejected, paid) with the decision on
each expense; the centre writes them, desks only receive them (sync.policy.REFERENCE).

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "cost_decision",
        sa.Column("application_id", sa.String(length=36), nullable=False),
        sa.Column("outcome", sa.String(length=20), nullable=False),
        sa.Column("reason", sa.String(length=30), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("expenses", sa.JSON(), nullable=False),
        sa.Column("approved_pence", sa.Integer(), nullable=False),
        sa.Column("payment_method", sa.String(length=20), nullable=False),
        sa.Column("payment_reference", sa.String(length=60), nullable=False),
        sa.Column("decided_at", sa.DateTime(), nullable=False),
        sa.Column("decided_by", sa.String(length=80), nullable=False),
        sa.Column("automatic", sa.Boolean(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("establishment", sa.String(length=8), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["application_id"], ["cost_application.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("cost_decision", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_cost_decision_application_id"), ["application_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("cost_decision", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cost_decision_application_id"))
    op.drop_table("cost_decision")
