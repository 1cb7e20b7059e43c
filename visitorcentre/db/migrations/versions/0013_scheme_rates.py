"""the scheme's rates from the centre: ``scheme_rates``, a table per nation and date, received through sync

The desk computes a quote with the rates in force on the visit's date for the prison's nation;
the data file in resources/ is used only while the desk has received none.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "scheme_rates",
        sa.Column("nation", sa.String(length=16), nullable=False),
        sa.Column("effective_from", sa.Date(), nullable=False),
        sa.Column("mileage_pence", sa.Integer(), nullable=False),
        sa.Column("refreshments_over_5_hours_pence", sa.Integer(), nullable=False),
        sa.Column("refreshments_over_10_hours_pence", sa.Integer(), nullable=False),
        sa.Column("car_hire_per_day_pence", sa.Integer(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("establishment", sa.String(length=8), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("scheme_rates", schema=None) as batch_op:
        batch_op.create_index("ix_scheme_rates_nation_day", ["nation", "effective_from"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("scheme_rates", schema=None) as batch_op:
        batch_op.drop_index("ix_scheme_rates_nation_day")
    op.drop_table("scheme_rates")
