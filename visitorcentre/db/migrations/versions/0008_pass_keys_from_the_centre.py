"""pass-signing keys come from the central server: a retirement day on each key; desk keys never queued

A key the central server retires keeps vouching for passes of its session days up to and
including ``retired_on`` (server/pass_keys.py). Keys are no longer pushed by desks, so any
pass_key change still waiting in the outbox is dropped: the server would only refuse it.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03
"""

from alembic import op
import sqlalchemy as sa

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('pass_key', schema=None) as batch_op:
        batch_op.add_column(sa.Column('retired_on', sa.Date(), nullable=True))
    op.execute("DELETE FROM outbox_op WHERE entity = 'pass_key'")


def downgrade() -> None:
    with op.batch_alter_table('pass_key', schema=None) as batch_op:
        batch_op.drop_column('retired_on')
