"""A person's data: everything about them exported (and nothing about others), erasure on request, managers only."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from tests.conftest import TODAY
from tests.unit.cost_of_visits.test_services_cost_applications import filled, past_visit, png_file
from visitorcentre.core.errors import InvalidInput, NotAllowed, NotFound
from visitorcentre.core.kinds import VisitSource
from visitorcentre.files import receipts as receipt_files


@pytest.fixture
def history(world, tmp_path):
    """Mum's past visit with her children, her travel-cost application with a receipt, and her named feedback."""
    visit_id = past_visit(world)
    application_id = world.desk.costs.save(filled(world.desk.costs.start(visit_id=visit_id)))
    world.desk.costs.attach(application_id, png_file(tmp_path, "bus-ticket.png"), "receipt", expense_index=2)
    world.desk.engagement.leave_feedback(5, "Lovely staff", visit_id=visit_id, anonymous=False, name="Siobhán")
    world.desk.engagement.leave_feedback(2, "Gran's comment", visit_id=visit_id, anonymous=False, name="Margaret")
    return visit_id, application_id


def test_the_export_holds_everything_about_the_person_and_nothing_about_others(world, history, ledger):
    data = world.desk.records.export_visitor(world.mum)
    text = json.dumps(data, ensure_ascii=False)
    assert data["visitor"]["first_name"] == "Siobhán" and data["visitor"]["date_of_birth"] == "1990-04-12"
    assert {r["prisoner"]["number"] for r in data["relationships"]} == {"S100001", "S100002", "S100003"}
    assert [v["reference"] for v in data["visits"]] == ["H7K2MP"]
    assert data["visits"][0]["your_outcome"] == "checked_in" and data["visits"][0]["lead_visitor"]
    [application] = data["cost_applications"]
    assert application["status_history"][0]["status"] == "draft"
    assert [a["name"] for a in application["attachments"]] == ["bus-ticket.png"]
    assert [f["comment"] for f in data["feedback"]] == ["Lovely staff"]
    assert any(
        a["action"] == "register_visitor" or a["action"] == "save_cost_application" or a["record"] == "cost_application"
        for a in data["audit"]
    )
    for other in ("Margaret", "Gran's comment", "Craig", "Wilson", "Agnieszka", "vis-gran", "vis-banned"):
        assert other not in text
    assert ("export_visitor", "visitor", world.mum) in [(a.action, a.entity, a.entity_id) for a in ledger.audit()]
    assert [(o.entity, o.row_id) for o in ledger.outbox()] == [("visitor", world.mum)]


def test_erasure_removes_the_person_keeps_the_counts_and_deletes_their_receipts(world, history, ledger):
    visit_id, application_id = history
    sha = world.desk.costs.application(application_id).attachments[0].sha256
    assert receipt_files.blob_path(sha).exists()
    report_before = world.desk.engagement.report(TODAY - timedelta(days=30), TODAY).as_json()
    world.desk.records.erase_visitor(world.mum, "She asked in writing on 20 November")
    assert world.desk.engagement.report(TODAY - timedelta(days=30), TODAY).as_json() == report_before
    record = world.desk.visits.visitor_record(world.mum)
    details = record.details
    assert (details.first_name, details.last_name, details.phone, details.postcode, details.address) == (
        "Name",
        "removed",
        "",
        "",
        "",
    )
    assert details.date_of_birth.replace(day=1) == details.date_of_birth.replace(day=1) and (
        details.date_of_birth.year,
        details.date_of_birth.month,
    ) == (1990, 4)
    assert world.desk.visits.search("Siobhan") == []
    assert not receipt_files.blob_path(sha).exists()
    feedback = world.desk.engagement.feedback(TODAY - timedelta(days=1), TODAY)
    assert sorted(f.comment for f in feedback) == ["", "Gran's comment"]
    view = world.desk.costs.application(application_id)
    assert view.form.expenses == () and view.attachments[0].original_name == ""
    audit = ledger.audit_rows()
    assert {"erase_visitor", "anonymise_visitor", "anonymise_cost_application", "anonymise_feedback"} <= {
        a["action"] for a in audit
    }
    erase = next(a for a in audit if a["action"] == "erase_visitor")
    assert erase["detail"] == {"reason": "She asked in writing on 20 November"} and erase["actor"] == "Test Worker"
    assert "Siobh" not in " ".join(a["summary"] for a in audit)
    ops = {(o.entity, o.row_id) for o in ledger.outbox()}
    assert {("visitor", world.mum), ("cost_application", application_id)} <= ops
    for row in audit:  # each change's audit event has its outbox op
        assert (row["entity"], row["entity_id"]) in ops


def test_erasure_is_refused_while_a_visit_is_still_booked(world, ledger):
    reference = world.desk.visits.book_visit(world.session_tomorrow, world.prisoner, [world.gran], VisitSource.PHONE)
    with ledger.nothing_written():
        with pytest.raises(NotAllowed, match=f"still has visit {reference} booked on .*Cancel it first"):
            world.desk.records.erase_visitor(world.gran, "asked by phone")


def test_erasure_is_refused_while_a_ban_is_in_force(world, ledger):
    with ledger.nothing_written():
        with pytest.raises(NotAllowed, match="ban in force"):
            world.desk.records.erase_visitor(world.banned, "asked by letter")


def test_erasure_needs_a_reason_and_a_known_person(world, ledger):
    with ledger.nothing_written():
        with pytest.raises(InvalidInput, match="Say why"):
            world.desk.records.erase_visitor(world.gran, "   ")
        with pytest.raises(NotFound):
            world.desk.records.erase_visitor("nobody", "asked")
        with pytest.raises(NotFound):
            world.desk.records.export_visitor("nobody")


def test_a_desk_worker_can_neither_export_nor_erase(desk_worker, world, ledger):
    with ledger.nothing_written():
        with pytest.raises(NotAllowed, match="Only a manager can export"):
            desk_worker.records.export_visitor(world.gran)
        with pytest.raises(NotAllowed, match="Only a manager can erase"):
            desk_worker.records.erase_visitor(world.gran, "asked")


def test_erasing_twice_says_it_was_done(world):
    world.desk.records.erase_visitor(world.gran, "asked")
    with pytest.raises(NotAllowed, match="already been erased"):
        world.desk.records.erase_visitor(world.gran, "asked again")
