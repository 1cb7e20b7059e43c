"""Automatic approval of travel-costs claims: the centre's settings (``centre_setting``) and the last
checks run on each claim (``claim_auto_check``)

Revision ID: s0015_claim_automation
Revises: s0014_visit_review
Create Date: 2026-12-03 16:40:00
"""

import sqlalchemy as sa
from alembic import op

revision = "s0015_claim_automation"
down_revision = "s0014_visit_review"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "centre_setting",
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("value", sa.JSON(), nullable=False),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.Column("changed_by", sa.String(length=120), nullable=False),
        sa.PrimaryKeyConstraint("name"),
    )
    op.create_table(
        "claim_auto_check",
        sa.Column("application_id", sa.String(length=64), nullable=False),
        sa.Column("claim_version", sa.Integer(), nullable=False),
        sa.Column("checked_at", sa.DateTime(), nullable=False),
        sa.Column("approved", sa.Boolean(), nullable=False),
        sa.Column("results", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("application_id"),
    )


def downgrade() -> None:
    op.drop_table("claim_auto_check")
    op.drop_table("centre_setting")
