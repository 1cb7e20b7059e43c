"""The desk's own settings, a dismissed sync issue and a desk set up on its own: each written by a service, audited.

Before the desk was rebuilt by area these three wrote with a session of their own, leaving no
audit event; now each goes through a unit of work like every other action.
"""

from __future__ import annotations

import pytest

from tests.conftest import NOW
from tests.unit.ledger import Ledger
from visitorcentre.core.errors import InvalidInput, NotFound
from visitorcentre.desk import first_run, open_desk
from visitorcentre.sync import desk_records


def test_choosing_the_establishment_is_audited_and_kept(world, ledger: Ledger):
    world.desk.settings.use_establishment("GRE")
    (row,) = ledger.audit_rows()
    assert row["detail"] == {"setting": "desk.establishment", "value": "GRE"}
    ledger.expect(audit=[("Test Worker", "setting_changed", "setting", "desk.establishment")], outbox=[])
    assert world.desk.ctx.establishment == "GRE"
    reopened = open_desk(world.desk.ctx.db_path, clock=world.clock)
    try:
        assert reopened.ctx.establishment == "GRE"
    finally:
        reopened.close()


def test_an_unknown_establishment_writes_nothing(world, ledger: Ledger):
    with ledger.nothing_written(), pytest.raises(InvalidInput) as refused:
        world.desk.settings.use_establishment("XYZ")
    assert refused.value.field == "establishment"
    assert world.desk.ctx.establishment == "BAR"


def test_remembering_a_printer_is_audited(world, ledger: Ledger):
    world.desk.settings.remember_printer("a6", "Card printer")
    world.desk.settings.remember_printer("a6", "Card printer 2")
    ledger.expect(audit=[("Test Worker", "setting_changed", "setting", "printing.printer.a6")] * 2, outbox=[])
    assert world.desk.settings.printer_for("a6") == "Card printer 2"
    assert world.desk.settings.printer_for("receipt") == ""
    with ledger.nothing_written(), pytest.raises(InvalidInput) as refused:
        world.desk.settings.remember_printer("a3", "Big printer")
    assert refused.value.field == "layout"


def test_dismissing_a_sync_issue_is_audited(world, ledger: Ledger):
    with world.desk.ctx.write_sessions() as session:
        desk_records.raise_issue(session, "rejected", "visit", "row-1", "The server did not take it.", NOW)
        session.commit()
    ledger.mark()
    (issue,) = world.desk.sync.issues()
    world.desk.sync.dismiss_issue(issue.id)
    ledger.expect(audit=[("Test Worker", "sync_issue_dismissed", "sync_issue", issue.id)], outbox=[])
    assert world.desk.sync.issues() == []
    assert [i.dismissed for i in world.desk.sync.issues(include_dismissed=True)] == [True]
    with ledger.nothing_written(), pytest.raises(NotFound):
        world.desk.sync.dismiss_issue("no-such-issue")
    assert world.desk.staff.verify_audit().ok


def test_a_desk_set_up_on_its_own_records_who_set_it_up(tmp_path):
    path = tmp_path / "desk.sqlite3"
    first_run.set_up_on_its_own(path, "BAR", NOW)
    desk = open_desk(path)
    try:
        ledger = Ledger(desk)
        ledger._audit_ids = set()  # everything the set-up wrote
        ledger._seq = 0
        (event,) = ledger.audit()
        assert (event.actor, event.action, event.entity) == (first_run.SET_UP_BY, "desk_set_up", "establishment")
        assert ledger.outbox() == []  # the establishment is the centre's: never pushed from a desk
        assert desk.staff.verify_audit().ok
    finally:
        desk.close()


def test_a_sync_runs_on_an_engine_of_its_own_and_leaves_the_context_alone(world, monkeypatch):
    """The sync thread shares no engine, counter or establishment with the desk's worker."""
    seen = {}

    class Recorded:
        def __init__(self, engine, db_path, now, transport):
            seen.update(engine=engine, db_path=db_path, transport=transport)

        def run(self, progress=None):
            with seen["engine"].connect() as connection:
                seen["open"] = connection.exec_driver_sql("SELECT count(*) FROM visit").scalar() >= 0
            return "result"

    monkeypatch.setattr("visitorcentre.sync.run.DeskSync", Recorded)
    ctx = world.desk.ctx
    before = (ctx.writes, ctx.establishment, ctx.actor)
    world.desk.sync.transport = "the network"
    assert world.desk.sync.now() == "result"
    assert seen["engine"] is not ctx.engine and seen["open"]
    assert seen["engine"].pool.checkedout() == 0  # closed again when the sync is over
    assert (seen["db_path"], seen["transport"]) == (ctx.db_path, "the network")
    assert (ctx.writes, ctx.establishment, ctx.actor) == before
