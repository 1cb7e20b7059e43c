"""cost of visits: applications, their status history and attachments

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
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
    op.create_table(
        "cost_application",
        sa.Column("reference", sa.String(length=8), nullable=False),
        sa.Column("claimant_id", sa.String(length=36), nullable=False),
        sa.Column("prisoner_id", sa.String(length=36), nullable=False),
        sa.Column("visit_id", sa.String(length=36), nullable=True),
        sa.Column("prison_nation", sa.String(length=16), nullable=False),
        sa.Column("visit_date", sa.Date(), nullable=False),
        sa.Column("application_date", sa.Date(), nullable=False),
        sa.Column("claim_type", sa.String(length=8), nullable=False),
        sa.Column("claimant_date_of_birth", sa.Date(), nullable=False),
        sa.Column("relationship", sa.String(length=20), nullable=False),
        sa.Column("benefit", sa.String(length=40), nullable=False),
        sa.Column("monthly_household_income_pence", sa.Integer(), nullable=True),
        sa.Column("medical_condition", sa.Boolean(), nullable=False),
        sa.Column("children", sa.JSON(), nullable=False),
        sa.Column("escort", sa.Boolean(), nullable=False),
        sa.Column("claims_in_last_12_months", sa.Integer(), nullable=False),
        sa.Column("hours_away_from_home", sa.String(length=12), nullable=False),
        sa.Column("expenses", sa.JSON(), nullable=False),
        sa.Column("visit_confirmation", sa.Boolean(), nullable=False),
        sa.Column("eligible", sa.Boolean(), nullable=False),
        sa.Column("total_pence", sa.Integer(), nullable=False),
        sa.Column("quote", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("helped_by", sa.String(length=80), nullable=False),
        sa.Column("submitted_at", sa.DateTime(), nullable=True),
        *_synced(),
        sa.ForeignKeyConstraint(
            ["claimant_id"],
            ["visitor.id"],
        ),
        sa.ForeignKeyConstraint(
            ["prisoner_id"],
            ["prisoner.id"],
        ),
        sa.ForeignKeyConstraint(
            ["visit_id"],
            ["visit.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("reference"),
    )
    with op.batch_alter_table("cost_application", schema=None) as batch_op:
        batch_op.create_index("ix_cost_application_claim", ["claimant_id", "prisoner_id", "visit_date"], unique=False)
        batch_op.create_index(batch_op.f("ix_cost_application_prisoner_id"), ["prisoner_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_cost_application_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_cost_application_visit_date"), ["visit_date"], unique=False)

    op.create_table(
        "cost_application_event",
        sa.Column("application_id", sa.String(length=36), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("by", sa.String(length=80), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        *_synced(),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["cost_application.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("cost_application_event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_cost_application_event_application_id"), ["application_id"], unique=False)

    op.create_table(
        "cost_attachment",
        sa.Column("application_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("media_type", sa.String(length=40), nullable=False),
        sa.Column("size_bytes", sa.Integer(), nullable=False),
        sa.Column("original_name", sa.String(length=255), nullable=False),
        sa.Column("expense_index", sa.Integer(), nullable=True),
        *_synced(),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["cost_application.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("cost_attachment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_cost_attachment_application_id"), ["application_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_cost_attachment_sha256"), ["sha256"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("cost_attachment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cost_attachment_sha256"))
        batch_op.drop_index(batch_op.f("ix_cost_attachment_application_id"))
    op.drop_table("cost_attachment")
    with op.batch_alter_table("cost_application_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cost_application_event_application_id"))
    op.drop_table("cost_application_event")
    with op.batch_alter_table("cost_application", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cost_application_visit_date"))
        batch_op.drop_index(batch_op.f("ix_cost_application_status"))
        batch_op.drop_index(batch_op.f("ix_cost_application_prisoner_id"))
        batch_op.drop_index("ix_cost_application_claim")
    op.drop_table("cost_application")
