"""What a desk action wrote: every row before and after, and the new audit events and outbox ops."""

from __future__ import annotations

import json
from contextlib import contextmanager
from dataclasses import dataclass

from visitorcentre.db.models import Base
from visitorcentre.desk import Desk

#: Every table a service could write, including the search index the triggers keep.
TABLES = sorted(Base.metadata.tables) + ["visitor_search"]


@dataclass(frozen=True, order=True)
class Audit:
    actor: str
    action: str
    entity: str
    entity_id: str


@dataclass(frozen=True)
class Op:
    entity: str
    row_id: str
    operation: str


class Ledger:
    """Reads the database behind a Desk to say exactly what an action wrote."""

    def __init__(self, desk: Desk):
        self.desk = desk
        self.mark()

    def _rows(self, sql: str) -> list[tuple]:
        with self.desk.ctx.engine.connect() as connection:
            return [tuple(r) for r in connection.exec_driver_sql(sql).all()]

    def snapshot(self) -> dict[str, list[tuple]]:
        """Every row of every table (the test database is small)."""
        return {table: sorted(self._rows(f'SELECT * FROM "{table}"'), key=repr) for table in TABLES}

    def count(self, table: str) -> int:
        return self._rows(f'SELECT count(*) FROM "{table}"')[0][0]

    def mark(self) -> None:
        """Remember what is there now; ``audit()`` and ``outbox()`` report what came after."""
        self._audit_ids = {r[0] for r in self._rows("SELECT id FROM audit_event")}
        self._seq = self._rows("SELECT coalesce(max(seq), 0) FROM outbox_op")[0][0]

    def audit(self) -> list[Audit]:
        """Audit events written since the mark (sorted: they share one clock time)."""
        rows = self._rows("SELECT id, actor, action, entity, entity_id FROM audit_event")
        return sorted(Audit(*r[1:]) for r in rows if r[0] not in self._audit_ids)

    def audit_rows(self) -> list[dict]:
        """The full new audit rows, for checking summary and detail."""
        with self.desk.ctx.engine.connect() as connection:
            rows = connection.exec_driver_sql("SELECT * FROM audit_event").mappings().all()
        return [dict(r, detail=json.loads(r["detail"])) for r in rows if r["id"] not in self._audit_ids]

    def outbox(self) -> list[Op]:
        """Outbox ops written since the mark, in device-sequence order."""
        return [
            Op(*r)
            for r in self._rows(f"SELECT entity, row_id, operation FROM outbox_op WHERE seq > {self._seq} ORDER BY seq")
        ]

    def expect(self, audit: list[tuple], outbox: list[tuple]) -> None:
        """Exactly these audit events and outbox ops were written since the mark."""
        assert self.audit() == sorted(Audit(*a) for a in audit)
        assert self.outbox() == [Op(*o) for o in outbox]
        self.mark()

    @contextmanager
    def nothing_written(self):
        """The block changes no row in any table."""
        before = self.snapshot()
        yield
        after = self.snapshot()
        changed = [t for t in TABLES if before[t] != after[t]]
        assert not changed, f"a failed action wrote to {changed}"


def visit_id(world, reference: str) -> str:
    found = world.desk.visits.visit_for_scan(reference)
    assert found, reference
    return found


def party(world, visit_id_: str) -> list[tuple[str, str, str, str]]:
    """(visit_person id, visitor id, outcome, reason) for each person, lead first."""
    with world.desk.ctx.engine.connect() as connection:
        return [
            tuple(r)
            for r in connection.exec_driver_sql(
                "SELECT id, visitor_id, outcome, reason FROM visit_person WHERE visit_id = ? ORDER BY position",
                (visit_id_,),
            ).all()
        ]


def events(world, visit_id_: str) -> list[tuple[str, str | None, str, str, str]]:
    """(id, visitor id, event, reason, by) for a visit's check-in events, in the order written."""
    with world.desk.ctx.engine.connect() as connection:
        return [
            tuple(r)
            for r in connection.exec_driver_sql(
                "SELECT id, visitor_id, event, reason, by FROM check_in_event WHERE visit_id = ? ORDER BY rowid",
                (visit_id_,),
            ).all()
        ]


def execute(world, sql: str, params: tuple = ()) -> None:
    """Change the database directly, as the roster or bans arriving from the central server would."""
    with world.desk.ctx.engine.begin() as connection:
        connection.exec_driver_sql(sql, params)
