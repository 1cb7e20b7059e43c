"""pass-signing keys come from the central server: a retirement day on each key

A key the central server retires keeps vouching for passes of its session days up to and
including ``retired_on`` (server/pass_keys.py). Nothing else changes: a key change a desk
queued before this version stays in its outbox (an upgrade loses nothing); a desk set up on its
own drops it when it is enrolled (sync/connect_later.py), since the server refuses keys.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("pass_key", schema=None) as batch_op:
        batch_op.add_column(sa.Column("retired_on", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("pass_key", schema=None) as batch_op:
        batch_op.drop_column("retired_on")
