"""visits that need review: ``visit_review``, a flag on a booked visit a later change would stop

Synced append-only, with its settling (resolved_at, resolved_by, resolution, family_told, note)
the one part that changes afterwards (sync.policy.APPEND_ONLY_CHANGES).

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "visit_review",
        sa.Column("visit_id", sa.String(length=36), nullable=False),
        sa.Column("reason", sa.String(length=20), nullable=False),
        sa.Column("words", sa.Text(), nullable=False),
        sa.Column("raised_at", sa.DateTime(), nullable=False),
        sa.Column("resolved_at", sa.DateTime(), nullable=True),
        sa.Column("resolved_by", sa.String(length=80), nullable=False),
        sa.Column("resolution", sa.String(length=20), nullable=False),
        sa.Column("family_told", sa.String(length=10), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("establishment", sa.String(length=8), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["visit_id"], ["visit.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("visit_review", schema=None) as batch_op:
        batch_op.create_index("ix_visit_review_open", ["resolved_at", "visit_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_visit_review_visit_id"), ["visit_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("visit_review", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_visit_review_visit_id"))
        batch_op.drop_index("ix_visit_review_open")
    op.drop_table("visit_review")
