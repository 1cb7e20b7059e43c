"""The national figures without a pass over every visit: each visit person's visit status, and each
visitor's first day let in at each establishment (``typed_first_visit``); the typed copies are made
again from the documents by the newest migration that changes them (s0013)

Revision ID: s0012_first_visits
Revises: s0011_estate_figures
Create Date: 2026-12-03 17:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "s0012_first_visits"
down_revision = "s0011_estate_figures"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("typed_visit_person", schema=None) as batch_op:
        batch_op.add_column(sa.Column("visit_status", sa.String(length=20), server_default="", nullable=False))
        batch_op.drop_index("ix_typed_visit_person_establishment_day")
        batch_op.create_index(
            "ix_typed_visit_person_establishment_day",
            ["establishment", "session_date", "outcome"],
            unique=False,
            postgresql_include=["visit_status", "age"],
        )
    op.create_table(
        "typed_first_visit",
        sa.Column("establishment", sa.String(length=8), nullable=False),
        sa.Column("visitor_id", sa.String(length=64), nullable=False),
        sa.Column("first_on", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("establishment", "visitor_id"),
    )
    with op.batch_alter_table("typed_first_visit", schema=None) as batch_op:
        batch_op.create_index("ix_typed_first_visit_day", ["establishment", "first_on"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("typed_first_visit", schema=None) as batch_op:
        batch_op.drop_index("ix_typed_first_visit_day")
    op.drop_table("typed_first_visit")
    with op.batch_alter_table("typed_visit_person", schema=None) as batch_op:
        batch_op.drop_index("ix_typed_visit_person_establishment_day")
        batch_op.create_index(
            "ix_typed_visit_person_establishment_day", ["establishment", "session_date", "outcome"], unique=False
        )
        batch_op.drop_column("visit_status")
