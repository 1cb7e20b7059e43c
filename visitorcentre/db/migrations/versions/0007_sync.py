"""sync with the central server: sync state, sync issues, stale ops, visit notes

Revision ID: 0007
Revises: 0005
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sync_state",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("server_url", sa.Text(), nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("establishment", sa.String(length=8), nullable=False),
        sa.Column("pull_cursor", sa.Integer(), nullable=False),
        sa.Column("last_sync", sa.DateTime(), nullable=True),
        sa.Column("last_attempt", sa.DateTime(), nullable=True),
        sa.Column("online", sa.Boolean(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "sync_issue",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("raised_at", sa.DateTime(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("row_id", sa.String(length=36), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.Column("dismissed", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("sync_issue", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sync_issue_row_id"), ["row_id"], unique=False)
    op.create_table(
        "sync_stale_op", sa.Column("op_id", sa.String(length=36), nullable=False), sa.PrimaryKeyConstraint("op_id")
    )
    op.create_table(
        "visit_note",
        sa.Column("visit_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("establishment", sa.String(length=8), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("visit_note", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_visit_note_visit_id"), ["visit_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("visit_note", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_visit_note_visit_id"))
    op.drop_table("visit_note")
    op.drop_table("sync_stale_op")
    with op.batch_alter_table("sync_issue", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sync_issue_row_id"))
    op.drop_table("sync_issue")
    op.drop_table("sync_state")
