"""family engagement: feedback, "you said, we did" responses, support services, support needs on visits

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def _synced() -> list[sa.Column]:
    return [
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("establishment", sa.String(length=8), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
    ]


def upgrade() -> None:
    with op.batch_alter_table("visit", schema=None) as batch_op:
        batch_op.add_column(sa.Column("support_needs", sa.JSON(), nullable=False, server_default="[]"))

    op.create_table(
        "feedback",
        sa.Column("rating", sa.Integer(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("by_child", sa.Boolean(), nullable=False),
        sa.Column("anonymous", sa.Boolean(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("visit_id", sa.String(length=36), nullable=True),
        sa.Column("session_kind", sa.String(length=20), nullable=False),
        sa.Column("given_at", sa.DateTime(), nullable=False),
        sa.Column("given_on", sa.Date(), nullable=False),
        sa.Column("responded", sa.Boolean(), nullable=False),
        *_synced(),
        sa.ForeignKeyConstraint(
            ["visit_id"],
            ["visit.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("feedback", schema=None) as batch_op:
        batch_op.create_index("ix_feedback_day", ["establishment", "given_on"], unique=False)

    op.create_table(
        "feedback_response",
        sa.Column("theme", sa.String(length=80), nullable=False),
        sa.Column("you_said", sa.Text(), nullable=False),
        sa.Column("we_did", sa.Text(), nullable=False),
        sa.Column("feedback_ids", sa.JSON(), nullable=False),
        sa.Column("responded_on", sa.Date(), nullable=False),
        sa.Column("responded_by", sa.String(length=80), nullable=False),
        *_synced(),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("feedback_response", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_feedback_response_responded_on"), ["responded_on"], unique=False)

    op.create_table(
        "support_service",
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("category", sa.String(length=20), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("phone", sa.String(length=40), nullable=False),
        sa.Column("website", sa.String(length=120), nullable=False),
        sa.Column("hours", sa.String(length=120), nullable=False),
        sa.Column("national", sa.Boolean(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        *_synced(),
        sa.PrimaryKeyConstraint("id"),
    )


def downgrade() -> None:
    op.drop_table("support_service")
    with op.batch_alter_table("feedback_response", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_feedback_response_responded_on"))
    op.drop_table("feedback_response")
    with op.batch_alter_table("feedback", schema=None) as batch_op:
        batch_op.drop_index("ix_feedback_day")
    op.drop_table("feedback")
    with op.batch_alter_table("visit", schema=None) as batch_op:
        batch_op.drop_column("support_needs")
