"""who is on a visit on a day at an establishment, from one index: the search puts today's visitors first
and asked for them through the day's sessions and visits, on every first keystroke after opening

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-04
"""

from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Built in bulk by CREATE INDEX (seconds for a million party rows); SQLite keeps it up to date in
    # the same transaction as every later write, the sync's pull and the demo's build included.
    op.create_index("ix_visit_person_day", "visit_person", ["establishment", "session_date", "visitor_id"])


def downgrade() -> None:
    op.drop_index("ix_visit_person_day", table_name="visit_person")
