"""The caseworker's queue: a claim's reference, claimant, prisoner, visit, submission time and warnings on its
typed copy, and typed copies of its attachments, status events and decisions; then every typed copy is made
again from the documents (server.centre.typed_rows), which works out each claim's warnings

Revision ID: s0012_caseworker_queue
Revises: s0011_estate_figures
Create Date: 2026-12-03 16:40:00
"""

import sqlalchemy as sa
from alembic import op

revision = "s0012_caseworker_queue"
down_revision = "s0011_estate_figures"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("typed_cost_application", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reference", sa.String(length=8), server_default="", nullable=False))
        batch_op.add_column(sa.Column("claimant_id", sa.String(length=64), server_default="", nullable=False))
        batch_op.add_column(sa.Column("prisoner_id", sa.String(length=64), server_default="", nullable=False))
        batch_op.add_column(sa.Column("visit_id", sa.String(length=64), server_default="", nullable=False))
        batch_op.add_column(sa.Column("submitted_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("warnings", sa.Integer(), server_default="0", nullable=False))
        batch_op.create_index(
            "ix_typed_cost_application_status_submitted", ["status", "submitted_at", "row_id"], unique=False
        )
        batch_op.create_index("ix_typed_cost_application_claimant_day", ["claimant_id", "visit_date"], unique=False)
        batch_op.create_index("ix_typed_cost_application_prisoner_day", ["prisoner_id", "visit_date"], unique=False)
    op.create_table(
        "typed_cost_attachment",
        sa.Column("row_id", sa.String(length=64), nullable=False),
        sa.Column("establishment", sa.String(length=8), nullable=False),
        sa.Column("application_id", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("media_type", sa.String(length=40), nullable=False),
        sa.Column("expense_index", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("row_id"),
    )
    with op.batch_alter_table("typed_cost_attachment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_typed_cost_attachment_application_id"), ["application_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_typed_cost_attachment_sha256"), ["sha256"], unique=False)
    op.create_table(
        "typed_cost_event",
        sa.Column("row_id", sa.String(length=64), nullable=False),
        sa.Column("establishment", sa.String(length=8), nullable=False),
        sa.Column("application_id", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("row_id"),
    )
    with op.batch_alter_table("typed_cost_event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_typed_cost_event_application_id"), ["application_id"], unique=False)
    op.create_table(
        "typed_cost_decision",
        sa.Column("row_id", sa.String(length=64), nullable=False),
        sa.Column("establishment", sa.String(length=8), nullable=False),
        sa.Column("application_id", sa.String(length=64), nullable=False),
        sa.Column("outcome", sa.String(length=20), nullable=False),
        sa.Column("approved_pence", sa.BigInteger(), nullable=False),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.Column("automatic", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("row_id"),
    )
    with op.batch_alter_table("typed_cost_decision", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_typed_cost_decision_application_id"), ["application_id"], unique=False)

    from sqlalchemy.orm import Session

    from visitorcentre.server.centre import typed_rows

    typed_rows.rebuild(Session(bind=op.get_bind()))


def downgrade() -> None:
    for table in ("typed_cost_decision", "typed_cost_event", "typed_cost_attachment"):
        op.drop_table(table)
    with op.batch_alter_table("typed_cost_application", schema=None) as batch_op:
        batch_op.drop_index("ix_typed_cost_application_prisoner_day")
        batch_op.drop_index("ix_typed_cost_application_claimant_day")
        batch_op.drop_index("ix_typed_cost_application_status_submitted")
        for column in ("warnings", "submitted_at", "visit_id", "prisoner_id", "claimant_id", "reference"):
            batch_op.drop_column(column)
