"""Typed copies for the national figures: a visit's session kind and support needs, a visit person's refusal
reason and age on the day, and the advice given, cost-of-visits applications, feedback and "you said, we did"
responses; then every typed copy is made again from the documents (server.centre.typed_rows)

Revision ID: s0011_estate_figures
Revises: s0010_establishments
Create Date: 2026-12-03 14:20:00
"""

import sqlalchemy as sa
from alembic import op

revision = "s0011_estate_figures"
down_revision = "s0010_establishments"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("typed_visit", schema=None) as batch_op:
        batch_op.add_column(sa.Column("kind", sa.String(length=20), server_default="", nullable=False))
        batch_op.add_column(sa.Column("support_needs", sa.Integer(), server_default="0", nullable=False))
    with op.batch_alter_table("typed_visit_person", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reason", sa.Text(), server_default="", nullable=False))
        batch_op.add_column(sa.Column("age", sa.Integer(), nullable=True))
        batch_op.create_index(
            "ix_typed_visit_person_establishment_day", ["establishment", "session_date", "outcome"], unique=False
        )
    op.create_table(
        "typed_advice_given",
        sa.Column("row_id", sa.String(length=64), nullable=False),
        sa.Column("establishment", sa.String(length=8), nullable=False),
        sa.Column("visit_id", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("row_id"),
    )
    with op.batch_alter_table("typed_advice_given", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_typed_advice_given_visit_id"), ["visit_id"], unique=False)
    op.create_table(
        "typed_cost_application",
        sa.Column("row_id", sa.String(length=64), nullable=False),
        sa.Column("establishment", sa.String(length=8), nullable=False),
        sa.Column("visit_date", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("total_pence", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("row_id"),
    )
    with op.batch_alter_table("typed_cost_application", schema=None) as batch_op:
        batch_op.create_index(
            "ix_typed_cost_application_establishment_day", ["establishment", "visit_date"], unique=False
        )
    op.create_table(
        "typed_feedback",
        sa.Column("row_id", sa.String(length=64), nullable=False),
        sa.Column("establishment", sa.String(length=8), nullable=False),
        sa.Column("given_on", sa.Date(), nullable=True),
        sa.Column("rating", sa.Integer(), nullable=False),
        sa.Column("by_child", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("row_id"),
    )
    with op.batch_alter_table("typed_feedback", schema=None) as batch_op:
        batch_op.create_index("ix_typed_feedback_establishment_day", ["establishment", "given_on"], unique=False)
    op.create_table(
        "typed_feedback_response",
        sa.Column("row_id", sa.String(length=64), nullable=False),
        sa.Column("establishment", sa.String(length=8), nullable=False),
        sa.Column("responded_on", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("row_id"),
    )
    with op.batch_alter_table("typed_feedback_response", schema=None) as batch_op:
        batch_op.create_index(
            "ix_typed_feedback_response_establishment_day", ["establishment", "responded_on"], unique=False
        )
    # The typed copies are made again from the documents by s0012 (typed_rows.rebuild writes today's
    # columns and tables, which exist only from s0012 on).


def downgrade() -> None:
    op.drop_table("typed_feedback_response")
    op.drop_table("typed_feedback")
    op.drop_table("typed_cost_application")
    op.drop_table("typed_advice_given")
    with op.batch_alter_table("typed_visit_person", schema=None) as batch_op:
        batch_op.drop_index("ix_typed_visit_person_establishment_day")
        batch_op.drop_column("age")
        batch_op.drop_column("reason")
    with op.batch_alter_table("typed_visit", schema=None) as batch_op:
        batch_op.drop_column("support_needs")
        batch_op.drop_column("kind")
