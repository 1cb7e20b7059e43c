"""The visiting timetable's own tables: weekly session templates, blocked dates, the sessions it made

Planning data of the centre, not synced (desks receive only the visit_session records).

Revision ID: s0008_timetable
Revises: s0007_console
Create Date: 2026-12-03 13:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "s0008_timetable"
down_revision = "s0007_console"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "session_template",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("establishment", sa.String(length=8), nullable=False),
        sa.Column("weekday", sa.Integer(), nullable=False),
        sa.Column("starts_at", sa.Time(), nullable=False),
        sa.Column("ends_at", sa.Time(), nullable=False),
        sa.Column("room", sa.String(length=40), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("capacity", sa.Integer(), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_until", sa.Date(), nullable=True),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("session_template", schema=None) as batch_op:
        batch_op.create_index(
            "ix_session_template_establishment_day", ["establishment", "weekday", "starts_at"], unique=False
        )
    op.create_table(
        "blocked_date",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("establishment", sa.String(length=8), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("blocked_by", sa.String(length=120), nullable=False),
        sa.Column("blocked_at", sa.DateTime(), nullable=False),
        sa.Column("unblocked_reason", sa.Text(), nullable=False),
        sa.Column("unblocked_by", sa.String(length=120), nullable=False),
        sa.Column("unblocked_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("blocked_date", schema=None) as batch_op:
        batch_op.create_index("ix_blocked_date_establishment_day", ["establishment", "date"], unique=False)
    op.create_table(
        "timetable_session",
        sa.Column("session_id", sa.String(length=64), nullable=False),
        sa.Column("establishment", sa.String(length=8), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("template_id", sa.String(length=36), nullable=True),
        sa.Column("blocked_by", sa.String(length=12), nullable=False),
        sa.PrimaryKeyConstraint("session_id"),
        sa.UniqueConstraint("template_id", "date", name="uq_timetable_session_template_day"),
    )
    with op.batch_alter_table("timetable_session", schema=None) as batch_op:
        batch_op.create_index("ix_timetable_session_establishment_day", ["establishment", "date"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("timetable_session", schema=None) as batch_op:
        batch_op.drop_index("ix_timetable_session_establishment_day")
    op.drop_table("timetable_session")
    with op.batch_alter_table("blocked_date", schema=None) as batch_op:
        batch_op.drop_index("ix_blocked_date_establishment_day")
    op.drop_table("blocked_date")
    with op.batch_alter_table("session_template", schema=None) as batch_op:
        batch_op.drop_index("ix_session_template_establishment_day")
    op.drop_table("session_template")
