"""advice rules (versioned, per establishment), advice given at check-in, local support for leaflets

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
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
    with op.batch_alter_table("establishment", schema=None) as batch_op:
        batch_op.add_column(sa.Column("local_support", sa.Text(), nullable=False, server_default=""))

    op.create_table(
        "advice_rule",
        sa.Column("rule_key", sa.String(length=36), nullable=False),
        sa.Column("category", sa.String(length=20), nullable=False),
        sa.Column("severity", sa.String(length=8), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("easy_read", sa.Text(), nullable=False),
        sa.Column("pictogram", sa.String(length=24), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("effective_from", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.Column("retired", sa.Boolean(), nullable=False),
        sa.Column("retired_reason", sa.Text(), nullable=False),
        sa.Column("translations", sa.JSON(), nullable=False),
        sa.Column("changed_by", sa.String(length=80), nullable=False),
        *_synced(),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("advice_rule", schema=None) as batch_op:
        batch_op.create_index("ix_advice_rule_in_force", ["establishment", "effective_from", "ends_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_advice_rule_rule_key"), ["rule_key"], unique=False)

    op.create_table(
        "advice_given",
        sa.Column("visit_id", sa.String(length=36), nullable=False),
        sa.Column("given_at", sa.DateTime(), nullable=False),
        sa.Column("given_by", sa.String(length=80), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        *_synced(),
        sa.ForeignKeyConstraint(
            ["visit_id"],
            ["visit.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("visit_id"),
    )


def downgrade() -> None:
    op.drop_table("advice_given")
    with op.batch_alter_table("advice_rule", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_advice_rule_rule_key"))
        batch_op.drop_index("ix_advice_rule_in_force")
    op.drop_table("advice_rule")
    with op.batch_alter_table("establishment", schema=None) as batch_op:
        batch_op.drop_column("local_support")
