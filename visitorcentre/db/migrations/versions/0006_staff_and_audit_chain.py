"""staff who sign in, and the audit log's hash chain

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01

Audit entries written before this migration are chained here, oldest first (by their time,
then the order they were written), so the chain covers the desk's whole history from now on.
"""

import hashlib
import json

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

# A copy of core.audit_chain's encoding as it is today: a migration must not change when the core does.
_GENESIS = "0" * 64


def _entry_hash(row, seq: int, prev_hash: str) -> str:
    fields = [
        "vc-audit-1",
        seq,
        row.id,
        row.establishment,
        row.at.isoformat(timespec="microseconds"),
        row.actor,
        row.action,
        row.entity,
        row.entity_id,
        row.summary,
        row.detail if row.detail is not None else {},
        prev_hash,
    ]
    text = json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def upgrade() -> None:
    op.create_table(
        "staff",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("name_key", sa.String(length=80), nullable=False),
        sa.Column("role", sa.String(length=12), nullable=False),
        sa.Column("pin_hash", sa.Text(), nullable=False),
        sa.Column("disabled", sa.Boolean(), nullable=False),
        sa.Column("wrong_pins", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.DateTime(), nullable=True),
        sa.Column("last_signed_in_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name_key"),
    )
    op.create_table(
        "audit_chain_head",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.add_column(sa.Column("seq", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("prev_hash", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("hash", sa.String(length=64), nullable=True))

    audit = sa.table(
        "audit_event",
        sa.column("id", sa.String),
        sa.column("establishment", sa.String),
        sa.column("at", sa.DateTime),
        sa.column("actor", sa.String),
        sa.column("action", sa.String),
        sa.column("entity", sa.String),
        sa.column("entity_id", sa.String),
        sa.column("summary", sa.Text),
        sa.column("detail", sa.JSON),
        sa.column("seq", sa.Integer),
        sa.column("prev_hash", sa.String),
        sa.column("hash", sa.String),
    )
    connection = op.get_bind()
    rows = connection.execute(sa.select(audit).order_by(audit.c.at, sa.literal_column("rowid"))).all()
    prev_hash = _GENESIS
    for seq, row in enumerate(rows, start=1):
        own = _entry_hash(row, seq, prev_hash)
        connection.execute(audit.update().where(audit.c.id == row.id).values(seq=seq, prev_hash=prev_hash, hash=own))
        prev_hash = own
    if rows:
        head = sa.table(
            "audit_chain_head", sa.column("id", sa.Integer), sa.column("seq", sa.Integer), sa.column("hash", sa.String)
        )
        connection.execute(head.insert().values(id=1, seq=len(rows), hash=prev_hash))

    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.alter_column("seq", existing_type=sa.Integer(), nullable=False)
        batch_op.alter_column("prev_hash", existing_type=sa.String(length=64), nullable=False)
        batch_op.alter_column("hash", existing_type=sa.String(length=64), nullable=False)
        batch_op.create_unique_constraint("uq_audit_event_seq", ["seq"])


def downgrade() -> None:
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.drop_constraint("uq_audit_event_seq", type_="unique")
        batch_op.drop_column("hash")
        batch_op.drop_column("prev_hash")
        batch_op.drop_column("seq")
    op.drop_table("audit_chain_head")
    op.drop_table("staff")
