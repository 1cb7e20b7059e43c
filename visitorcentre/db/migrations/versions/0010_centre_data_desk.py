"""what the centre's console enters: restrictions on prisoners, blocked sessions, lifted bans

- ``restriction``: the centre's restrictions on a prisoner's visits (no child contact, closed
  visits, others), with the days they are in force and when they were lifted. Reference data:
  desks receive it and never write it.
- ``visit_session.blocked_reason``: not empty when the prison has blocked (cancelled) the session.
- ``ban.lifted_on`` and ``ban.lifted_reason``: a ban the centre lifted no longer counts from that day.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "restriction",
        sa.Column("prisoner_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.Column("lifted_on", sa.Date(), nullable=True),
        sa.Column("lifted_reason", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("establishment", sa.String(length=8), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["prisoner_id"], ["prisoner.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("restriction", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_restriction_prisoner_id"), ["prisoner_id"], unique=False)
    with op.batch_alter_table("visit_session", schema=None) as batch_op:
        batch_op.add_column(sa.Column("blocked_reason", sa.Text(), nullable=False, server_default=""))
    with op.batch_alter_table("ban", schema=None) as batch_op:
        batch_op.add_column(sa.Column("lifted_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("lifted_reason", sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("ban", schema=None) as batch_op:
        batch_op.drop_column("lifted_reason")
        batch_op.drop_column("lifted_on")
    with op.batch_alter_table("visit_session", schema=None) as batch_op:
        batch_op.drop_column("blocked_reason")
    with op.batch_alter_table("restriction", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_restriction_prisoner_id"))
    op.drop_table("restriction")
