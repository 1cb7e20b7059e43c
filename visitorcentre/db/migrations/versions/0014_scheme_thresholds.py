"""the scheme's thresholds in the centre's rate tables: the Universal Credit income limit, the total that
needs a person, the claims a year and a month, the most miles (each table received before has the
scheme's standing values)

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

COLUMNS = (
    ("universal_credit_income_limit_pence", 125_000),
    ("manual_check_total_pence", 25_000),
    ("claims_a_year", 26),
    ("claims_a_month", 4),
    ("most_miles", 1_500),
)


def upgrade() -> None:
    with op.batch_alter_table("scheme_rates", schema=None) as batch_op:
        for name, standing in COLUMNS:
            batch_op.add_column(sa.Column(name, sa.Integer(), nullable=False, server_default=str(standing)))


def downgrade() -> None:
    with op.batch_alter_table("scheme_rates", schema=None) as batch_op:
        for name, _standing in reversed(COLUMNS):
            batch_op.drop_column(name)
