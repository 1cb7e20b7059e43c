"""The audit log's hash chain: it verifies, and shows an edited, a removed or a cut-off entry."""

from __future__ import annotations

import sqlite3
import threading
from datetime import date, datetime, timedelta
from itertools import pairwise

import pytest

from tests.unit.staff_helpers import desk_as
from visitorcentre.core import audit_chain
from visitorcentre.core.audit_chain import ChainedFields
from visitorcentre.core.errors import InvalidInput
from visitorcentre.services.staff.audit_log import AuditQuery


def _actions(world, count: int = 3) -> None:
    """A few desk actions, each writing audit entries."""
    for _ in range(count):
        reference = world.desk.visits.book_visit(world.session_tomorrow, world.prisoner, [world.mum])
        world.desk.visits.cancel(world.desk.visits.visit_for_scan(reference), "family ill")


def _tamper(world, sql: str, params: tuple = ()) -> None:
    """Change the file directly, as someone with the file (not the app) could."""
    connection = sqlite3.connect(world.desk.ctx.db_path)
    with connection:
        connection.execute(sql, params)
    connection.close()


def _fields(seq: int, prev: str, summary: str = "booked") -> ChainedFields:
    return ChainedFields(
        seq,
        f"id-{seq}",
        "BAR",
        datetime(2026, 11, 22, 13, 0, 0, 5),
        "Ann",
        "book_visit",
        "visit",
        f"v-{seq}",
        summary,
        {"b": [1, 2], "a": "é"},
        prev,
    )


class TestTheChainItself:
    def test_the_hash_covers_every_field_and_the_previous_hash(self):
        base = _fields(1, audit_chain.GENESIS)
        assert audit_chain.entry_hash(base) == audit_chain.entry_hash(_fields(1, audit_chain.GENESIS))
        for changed in (
            _fields(1, "1" * 64),
            _fields(1, audit_chain.GENESIS, "booked!"),
            _fields(2, audit_chain.GENESIS),
        ):
            assert audit_chain.entry_hash(changed) != audit_chain.entry_hash(base)

    def test_a_chain_in_memory(self):
        entries, prev = [], audit_chain.GENESIS
        for seq in (1, 2, 3):
            fields = _fields(seq, prev)
            prev = audit_chain.entry_hash(fields)
            entries.append((fields, prev))
        assert audit_chain.verify(entries, (3, prev)).ok
        assert audit_chain.verify([], None).ok
        report = audit_chain.verify(entries[:1] + entries[2:], (3, prev))
        assert (report.ok, report.broken_seq) == (False, 3)


class TestTheDesksLog:
    def test_every_write_chains_on_and_the_log_verifies(self, world):
        _actions(world)
        report = world.desk.staff.verify_audit()
        assert report.ok and report.entries == 6
        with world.desk.ctx.engine.connect() as connection:
            rows = connection.exec_driver_sql("SELECT seq, prev_hash, hash FROM audit_event ORDER BY seq").all()
        assert [r[0] for r in rows] == [1, 2, 3, 4, 5, 6]
        assert rows[0][1] == audit_chain.GENESIS
        assert all(later[1] == earlier[2] for earlier, later in pairwise(rows))

    @pytest.mark.parametrize(
        "column, value",
        [
            ("summary", "Nothing to see here"),
            ("actor", "Someone Else"),
            ("detail", '{"reason": "changed"}'),
            ("at", "2026-11-22 09:00:00.000000"),
            ("entity_id", "other"),
        ],
    )
    def test_an_edited_entry_is_named(self, world, column, value):
        _actions(world)
        _tamper(world, f"UPDATE audit_event SET {column} = ? WHERE seq = 3", (value,))
        report = world.desk.staff.verify_audit()
        assert not report.ok and report.broken_seq == 3
        assert "changed after it was written" in report.problem

    def test_an_edit_with_its_hash_recomputed_still_breaks_the_next_link(self, world):
        _actions(world)
        with world.desk.ctx.reading() as session:
            from visitorcentre.db.audit_log import chain

            fields, _stored = next(f for f in chain(session) if f[0].seq == 3)
        forged = ChainedFields(**{**fields.__dict__, "summary": "forged"})
        _tamper(
            world,
            "UPDATE audit_event SET summary = 'forged', hash = ? WHERE seq = 3",
            (audit_chain.entry_hash(forged),),
        )
        report = world.desk.staff.verify_audit()
        assert (report.ok, report.broken_seq) == (False, 4)

    def test_a_deleted_entry_is_named(self, world):
        _actions(world)
        _tamper(world, "DELETE FROM audit_event WHERE seq = 2")
        report = world.desk.staff.verify_audit()
        assert not report.ok and report.broken_seq == 3
        assert "entry (2) before it is missing" in report.problem

    def test_the_newest_entry_deleted_shows_against_the_chain_head(self, world):
        _actions(world)
        _tamper(world, "DELETE FROM audit_event WHERE seq = 6")
        report = world.desk.staff.verify_audit()
        assert not report.ok and report.broken_seq == 6 and "newest entry (6)" in report.problem

    def test_writing_on_after_a_deletion_does_not_hide_it(self, world):
        _actions(world, 2)
        _tamper(world, "DELETE FROM audit_event WHERE seq = 4")
        _actions(world, 1)
        assert not world.desk.staff.verify_audit().ok

    def test_two_desks_writing_the_same_file_keep_one_chain(self, world):
        other = desk_as(world, "Other Desk", "manager")
        errors: list[Exception] = []

        def work(desk, who):
            try:
                for _ in range(6):
                    reference = desk.visits.book_visit(world.session_tomorrow, world.prisoner, [who])
                    desk.visits.cancel(desk.visits.visit_for_scan(reference), "changed plans")
            except Exception as error:  # noqa: BLE001 - reported below
                errors.append(error)

        threads = [
            threading.Thread(target=work, args=(world.desk, world.mum)),
            threading.Thread(target=work, args=(other, world.gran)),
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        other.close()
        assert errors == []
        report = world.desk.staff.verify_audit()
        assert report.ok and report.entries == 24
        with world.desk.ctx.engine.connect() as connection:
            actors = {r[0] for r in connection.exec_driver_sql("SELECT actor FROM audit_event").all()}
        assert actors == {"Test Worker", "Other Desk"}


class TestTheManagersView:
    def test_filters_by_date_staff_action_and_record(self, world):
        _actions(world, 2)
        world.clock.moment += timedelta(days=2)
        other = desk_as(world, "Mo Manager", "manager")
        try:
            other.visits.approve_child_visit(world.restricted, world.child, "Social work assessment seen")
        finally:
            other.close()
        everything = world.desk.staff.audit_entries(AuditQuery())
        assert everything.total == 5 and [e.seq for e in everything.entries] == [5, 4, 3, 2, 1]
        assert set(everything.actors) == {"Test Worker", "Mo Manager"}
        today = world.clock.today()
        assert world.desk.staff.audit_entries(AuditQuery(start=today, end=today)).total == 1
        assert world.desk.staff.audit_entries(AuditQuery(end=today - timedelta(days=1))).total == 4
        assert world.desk.staff.audit_entries(AuditQuery(actor="Mo Manager")).total == 1
        assert world.desk.staff.audit_entries(AuditQuery(action="cancel_visit")).total == 2
        assert world.desk.staff.audit_entries(AuditQuery(text="child_approval")).total == 1
        assert world.desk.staff.audit_entries(AuditQuery(text="no such thing")).total == 0
        assert world.desk.staff.audit_entries(AuditQuery(text="%")).total == 0  # a wildcard is just a character
        with pytest.raises(InvalidInput) as caught:
            world.desk.staff.audit_entries(AuditQuery(start=today, end=today - timedelta(days=1)))
        assert caught.value.field == "end"

    def test_csv_has_a_header_and_a_row_an_entry_oldest_first(self, world, tmp_path):
        _actions(world, 1)
        path = tmp_path / "audit.csv"
        assert world.desk.staff.export_audit_csv(AuditQuery(), path) == 2
        lines = path.read_text(encoding="utf-8-sig").splitlines()
        assert lines[0] == "seq,at,staff,action,record,record_id,summary,detail"
        assert lines[1].startswith("1,2026-11-22 13:00:00,Test Worker,book_visit,visit,")
        assert lines[2].startswith("2,") and "cancel_visit" in lines[2]
        with pytest.raises(InvalidInput, match="could not be saved"):
            world.desk.staff.export_audit_csv(AuditQuery(), tmp_path / "no-such-folder" / "audit.csv")

    def test_a_formula_in_a_summary_is_not_run_by_a_spreadsheet(self, world):
        _actions(world, 1)
        _tamper(world, "UPDATE audit_event SET summary = '=1+2' WHERE seq = 1")
        assert ",'=1+2," in world.desk.staff.audit_csv(AuditQuery())

    def test_dates_are_the_desks_days(self, world):
        _actions(world, 1)
        assert world.desk.staff.audit_entries(AuditQuery(start=date(2026, 11, 22), end=date(2026, 11, 22))).total == 2
