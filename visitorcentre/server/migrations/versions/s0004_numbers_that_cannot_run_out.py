"""64-bit sequences, counters, versions and sizes; rate limits kept in the database

Every number that grows is a BIGINT, so a busy server's sequence cannot pass 2**31 and stop
every push on PostgreSQL (SQLite's INTEGER was 64-bit already; its tables are rebuilt only so
the declared types match). ``rate_limit`` holds the enrolment and failed sign-in counts, so the
limits hold across several worker processes.

Revision ID: s0004
Revises: s0003
Create Date: 2026-12-03 08:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "s0004"
down_revision = "s0003"
branch_labels = None
depends_on = None

GROWING = {
    "counter": ["value"],
    "document": ["version", "seq"],
    "feed": ["seq"],
    "applied_op": ["seq"],
    "conflict": ["server_version"],
    "blob": ["size_bytes"],
}


def _retype(old, new) -> None:
    for table, columns in GROWING.items():
        with op.batch_alter_table(table, schema=None) as batch_op:
            for column in columns:
                batch_op.alter_column(
                    column, existing_type=old, type_=new, existing_nullable=(table, column) == ("applied_op", "seq")
                )


def upgrade() -> None:
    _retype(sa.Integer(), sa.BigInteger())
    op.create_table(
        "rate_limit",
        sa.Column("key", sa.String(length=120), nullable=False),
        sa.Column("window_start", sa.DateTime(), nullable=False),
        sa.Column("count", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    with op.batch_alter_table("rate_limit", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_rate_limit_window_start"), ["window_start"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("rate_limit", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rate_limit_window_start"))
    op.drop_table("rate_limit")
    _retype(sa.BigInteger(), sa.Integer())
