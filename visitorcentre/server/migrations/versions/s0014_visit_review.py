"""Typed copies of the visits that need review (the desks' visit_review flags), for the console's flags
page of an establishment; filled from the documents already synced

Revision ID: s0014_visit_review
Revises: s0013_caseworker_queue
Create Date: 2026-12-03 16:50:00
"""

import sqlalchemy as sa
from alembic import op

revision = "s0014_visit_review"
down_revision = "s0013_caseworker_queue"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "typed_visit_review",
        sa.Column("row_id", sa.String(length=64), nullable=False),
        sa.Column("establishment", sa.String(length=8), nullable=False),
        sa.Column("visit_id", sa.String(length=64), nullable=False),
        sa.Column("reason", sa.String(length=20), nullable=False),
        sa.Column("words", sa.Text(), nullable=False),
        sa.Column("raised_at", sa.DateTime(), nullable=True),
        sa.Column("resolved_at", sa.DateTime(), nullable=True),
        sa.Column("resolved_by", sa.String(length=80), nullable=False),
        sa.Column("resolution", sa.String(length=20), nullable=False),
        sa.Column("family_told", sa.String(length=10), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("row_id"),
    )
    with op.batch_alter_table("typed_visit_review", schema=None) as batch_op:
        batch_op.create_index(
            "ix_typed_visit_review_establishment_raised", ["establishment", "raised_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_typed_visit_review_visit_id"), ["visit_id"], unique=False)

    from sqlalchemy.orm import Session

    from visitorcentre.server.centre import typed_rows
    from visitorcentre.server.models import Document

    session = Session(bind=op.get_bind())
    after = ""
    while True:
        batch = session.execute(
            sa.select(Document.row_id, Document.payload)
            .where(Document.entity == "visit_review", Document.row_id > after)
            .order_by(Document.row_id)
            .limit(2000)
        ).all()
        if not batch:
            break
        typed_rows.refresh(session, (("visit_review", row_id, payload) for row_id, payload in batch))
        after = batch[-1][0]


def downgrade() -> None:
    op.drop_table("typed_visit_review")
