"""The roster feed: integrations with their hashed API keys, and the feeds each has sent (console-prisoners)

Revision ID: s0009_prisoners
Revises: s0008_timetable
Create Date: 2026-12-03 13:20:00
"""

import sqlalchemy as sa
from alembic import op

revision = "s0009_prisoners"
down_revision = "s0008_timetable"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "roster_integration",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("establishment", sa.String(length=8), nullable=False),
        sa.Column("key_sha256", sa.String(length=64), nullable=False),
        sa.Column("key_hint", sa.String(length=12), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=120), nullable=False),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.Column("revoked_by", sa.String(length=120), nullable=False),
        sa.Column("last_used_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("key_sha256"),
        sa.UniqueConstraint("name"),
    )
    op.create_index(op.f("ix_roster_integration_establishment"), "roster_integration", ["establishment"], unique=False)
    op.create_table(
        "roster_feed_receipt",
        sa.Column("integration_id", sa.String(length=36), nullable=False),
        sa.Column("idempotency_key", sa.String(length=80), nullable=False),
        sa.Column("body_sha256", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("result", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("integration_id", "idempotency_key"),
    )


def downgrade() -> None:
    op.drop_table("roster_feed_receipt")
    op.drop_index(op.f("ix_roster_integration_establishment"), table_name="roster_integration")
    op.drop_table("roster_integration")
