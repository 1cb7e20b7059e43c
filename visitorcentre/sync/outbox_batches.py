"""The outbox read a batch at a time for the push: ops in device-sequence order and their request's JSON.

``PUSH_BATCH`` ops a request (the server's most), fewer if their JSON would pass ``PUSH_BYTES``
(the server refuses a request over 4 MiB). An op made on top of a change the server refused
goes up marked stale, so the server keeps it aside too.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from visitorcentre.db.models import OutboxOp
from visitorcentre.db.sync_tables import SyncStaleOp
from visitorcentre.sync.client import push_body
from visitorcentre.sync.protocol import MAX_PUSH_OPS, Op

PUSH_BATCH = MAX_PUSH_OPS  # the server's most per request: fewer round trips
PUSH_BYTES = 3 * 1024 * 1024  # a batch's JSON at most (the server takes up to 4 MiB a request)


@dataclass(frozen=True)
class Batch:
    """Outbox ops to push, in order, and their request's JSON."""

    ops: list[Op]
    body: bytes

    @property
    def last(self) -> int:
        return self.ops[-1].seq if self.ops else 0


def next_batch(engine: Engine, after: int) -> Batch:
    """The next batch of the outbox after device sequence ``after``."""
    with Session(engine) as session:
        rows = session.execute(
            select(
                OutboxOp.op_id,
                OutboxOp.seq,
                OutboxOp.entity,
                OutboxOp.row_id,
                OutboxOp.operation,
                OutboxOp.schema_version,
                OutboxOp.payload,
                SyncStaleOp.op_id.label("stale"),
            )
            .outerjoin(SyncStaleOp, SyncStaleOp.op_id == OutboxOp.op_id)
            .where(OutboxOp.seq > after)
            .order_by(OutboxOp.seq)
            .limit(PUSH_BATCH)
        ).all()
    ops = [
        Op(
            op_id=r.op_id,
            seq=r.seq,
            entity=r.entity,
            row_id=r.row_id,
            operation=r.operation,
            schema_version=r.schema_version,
            payload=r.payload,
            stale=r.stale is not None,
        )
        for r in rows
    ]
    body = push_body(ops)
    while len(ops) > 1 and len(body) > PUSH_BYTES:
        ops = ops[: len(ops) // 2]
        body = push_body(ops)
    return Batch(ops, body)
