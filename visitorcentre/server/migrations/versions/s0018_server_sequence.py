"""On PostgreSQL the server's sequence numbers come from a SEQUENCE (``server_seq``), no longer from the
counter row, whose lock held every push from its numbers to its commit, one push at a time
(see ``documents.take_seqs``). The sequence carries on from the counter; SQLite keeps the counter.

Revision ID: s0018_server_sequence
Revises: s0017_queue_warning_values_index
Create Date: 2026-12-04 19:40:00
"""

from alembic import op

revision = "s0018_server_sequence"
down_revision = "s0017_queue_warning_values_index"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    # MINVALUE 0 and setval(..., true): last_value is always the last number handed out (0: none yet),
    # never one still to come, which documents.take_seqs and pull_pages rely on.
    op.execute("CREATE SEQUENCE server_seq AS bigint MINVALUE 0 START WITH 0")
    op.execute("SELECT setval('server_seq', COALESCE((SELECT value FROM counter WHERE name = 'seq'), 0), true)")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    # The counter carries on from the sequence again.
    op.execute("UPDATE counter SET value = GREATEST(value, (SELECT last_value FROM server_seq)) WHERE name = 'seq'")
    op.execute("DROP SEQUENCE server_seq")
