"""The per-kind record rules (sync.record_rules) and the push policy tables (sync.policy), without a server."""

from __future__ import annotations

from decimal import Decimal

import pytest
from pydantic import ValidationError
from sqlalchemy import JSON, Boolean, Date, DateTime, Integer, String, Text, Time

from visitorcentre.db.models import Base
from visitorcentre.sync import policy, record_fields, record_rules

STAMP = "2026-12-03T09:15:00"


def visitor(**changes) -> dict:
    payload = {
        "id": "vis-1",
        "establishment": "BAR",
        "created_at": STAMP,
        "updated_at": STAMP,
        "version": 1,
        "first_name": "Siobhán",
        "last_name": "MacDonald",
        "date_of_birth": "1990-04-12",
        "phone": "",
        "email": "",
        "address": "",
        "postcode": "",
        "language": "en",
        "support_needs": "",
        "id_checked": "",
        "photo_consent": False,
        "notes": "",
        "search_terms": "siobhan macdonald",
    }
    payload.update(changes)
    return payload


def visit(**changes) -> dict:
    payload = {
        "id": "v-1",
        "establishment": "BAR",
        "created_at": STAMP,
        "updated_at": STAMP,
        "version": 1,
        "reference": "AB12CD",
        "session_id": "ses-1",
        "prisoner_id": "pr-1",
        "status": "booked",
        "source": "desk",
        "booked_at": STAMP,
        "checked_in_at": None,
        "in_hall_at": None,
        "completed_at": None,
        "late_reason": "",
        "overbooked_reason": "",
        "cancel_reason": "",
        "notes": "",
        "support_needs": ["wheelchair"],
    }
    payload.update(changes)
    return payload


_COLUMN_KINDS = (
    (DateTime, "datetime"),
    (Date, "date"),
    (Time, "time"),
    (Boolean, "boolean"),
    (Integer, "integer"),
    (JSON, "json"),
    (String, "text"),
    (Text, "text"),
)


def _kind(column) -> str:
    return next(word for kind, word in _COLUMN_KINDS if isinstance(column.type, kind))


@pytest.mark.parametrize("entity", sorted(policy.SYNCED))
def test_every_synced_column_has_a_rule_of_its_type(entity):
    table = Base.metadata.tables[entity]
    rules = record_rules.rules(entity)
    assert set(rules) == {c.name for c in table.columns}, "a column without a rule, or a rule without a column"
    for column in table.columns:
        rule = rules[column.name]
        assert rule.column == _kind(column), column.name
        if rule.column == "text" and isinstance(column.type, String) and column.type.length:
            # a String(n) column is never sent more than n characters
            model = record_rules._model(entity)
            with pytest.raises(ValidationError) as refused:
                model.model_validate({column.name: "x" * (column.type.length + 1)})
            assert any(
                e["loc"] == (column.name,)
                and e["type"] in ("string_too_long", "literal_error", "string_pattern_mismatch")
                for e in refused.value.errors()
            ), column.name
        if not column.nullable and column.name in {"id", "establishment", "version"}:
            assert rule.required


def test_desk_rows_as_the_outbox_sends_them_pass(world):
    from visitorcentre.db import models as m
    from visitorcentre.services.unit_of_work import row_payload

    desk = world.desk
    reference = desk.visits.book_visit(world.session_today, world.prisoner, [world.mum, world.child])
    visit_id = desk.visits.visit_for_scan(reference)
    desk.visits.check_in(visit_id)
    desk.passes.issue_pass(visit_id)
    desk.passes.void_pass(visit_id, "lost")
    desk.engagement.leave_feedback(4, "Kind staff", visit_id=visit_id, anonymous=False, name="Siobhán")
    desk.advice.record_advice_given(visit_id)
    checked = 0
    with desk.ctx.reading() as session:
        for model in (
            m.Visit,
            m.VisitPerson,
            m.Visitor,
            m.Relationship,
            m.CheckInEvent,
            m.VisitPass,
            m.Feedback,
            m.AdviceGiven,
            m.PassKey,
            m.VisitSession,
            m.Prisoner,
            m.Establishment,
            m.Ban,
        ):
            for row in session.query(model):
                assert record_rules.problem(model.__tablename__, row_payload(row)) is None, model.__tablename__
                checked += 1
    assert checked > 20


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"date_of_birth": "2026-13-03"}, "The field “date_of_birth” must be a date like 2026-12-03."),
        ({"date_of_birth": "3/12/2026"}, "The field “date_of_birth” must be a date like 2026-12-03."),
        ({"date_of_birth": 20261203}, "The field “date_of_birth” must be a date like 2026-12-03."),
        ({"created_at": "yesterday"}, "The field “created_at” must be a date and time like 2026-12-03T14:30:00."),
        ({"version": 0}, "The field “version” must be a whole number from 1 to 9223372036854775807."),
        ({"version": 2**63}, "The field “version” must be a whole number from 1 to 9223372036854775807."),
        ({"version": 10**30}, "The field “version” must be a whole number from 1 to 9223372036854775807."),
        ({"version": "2"}, "The field “version” must be a whole number"),
        ({"version": True}, "The field “version” must be a whole number"),
        ({"photo_consent": 1}, "The field “photo_consent” must be true or false."),
        ({"photo_consent": "yes"}, "The field “photo_consent” must be true or false."),
        ({"first_name": None}, "The field “first_name” must be text"),
        ({"first_name": "x" * 81}, "The field “first_name” must be text of at most 80 characters."),
        ({"first_name": "Eve\x00"}, "The field “first_name” holds a NUL character"),
        ({"first_name": "Eve\ud800"}, "The field “first_name” holds a broken character"),
        ({"establishment": "*"}, "The field “establishment” must be an establishment code"),
        ({"establishment": ""}, "The field “establishment” must be an establishment code"),
        ({"id": "../../etc"}, "The field “id” must be a record id"),
        ({"favourite_colour": "blue"}, "The field “favourite_colour” is not part of a visitor record."),
        ({"bad\x00key": 1}, "The field “bad?key” is not part of a visitor record."),
    ],
)
def test_a_broken_visitor_is_refused_naming_the_field(changes, message):
    assert record_rules.problem("visitor", visitor(**changes)).startswith(message)


def test_a_missing_required_field_is_named():
    payload = visitor()
    del payload["date_of_birth"]
    assert record_rules.problem("visitor", payload) == "The field “date_of_birth” is missing."


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"status": "teleported"}, "status"),
        ({"source": ""}, "source"),
        ({"support_needs": "wheelchair"}, "support_needs"),
        ({"support_needs": ["ok", "\ud83d"]}, "support_needs"),
        ({"support_needs": [{"nested\x00": 1}]}, "support_needs"),
        ({"checked_in_at": "2026-12-03T25:00:00"}, "checked_in_at"),
        ({"session_id": None}, "session_id"),
    ],
)
def test_a_broken_visit_is_refused_naming_the_field(changes, field):
    assert record_rules.problem("visit", visit(**changes)).startswith(f"The field “{field}”")


def test_nested_json_is_checked_all_the_way_down():
    deep: list = ["x"]
    for _ in range(10):
        deep = [deep]
    assert "nested more than" in record_rules.problem("visit", visit(support_needs=deep))
    claim = {
        "id": "app-1",
        "establishment": "BAR",
        "created_at": STAMP,
        "updated_at": STAMP,
        "version": 1,
        "reference": "ABCDEF",
        "claimant_id": "vis-1",
        "prisoner_id": "pr-1",
        "prison_nation": "scotland",
        "visit_date": "2026-12-01",
        "application_date": "2026-12-03",
        "claim_type": "past",
        "claimant_date_of_birth": "1990-04-12",
        "relationship": "partner",
        "benefit": "none",
        "status": "draft",
    }
    assert record_rules.problem("cost_application", claim) is None
    for hours in ("0", "7.5", str(Decimal("10.0").normalize()), "12.25"):  # as the desk writes them
        assert record_rules.problem("cost_application", {**claim, "hours_away_from_home": hours}) is None
    for hours in ("-1", "1E+9", "NaN", "seven", "5000"):
        assert "hours_away_from_home" in record_rules.problem(
            "cost_application", {**claim, "hours_away_from_home": hours}
        )
    assert (
        record_rules.problem("cost_application", {**claim, "quote": {"total": float("nan")}})
        == "The field “quote” holds a number that is not finite."
    )
    assert (
        record_rules.problem("cost_application", {**claim, "quote": {"total": 2**64}})
        == "The field “quote” holds a number too large to store."
    )
    assert record_rules.problem("cost_application", {**claim, "expenses": [{"k\ud800": 1}]}).startswith(
        "The field “expenses” holds a broken character"
    )


def test_a_good_record_passes_and_other_kinds_or_shapes_are_refused():
    assert record_rules.problem("visitor", visitor()) is None
    assert record_rules.problem("visit", visit()) is None
    assert "does not keep records" in record_rules.problem("audit_event", {})
    assert "not a set of named fields" in record_rules.problem("visitor", ["a list"])


def test_vocabularies_match_the_desk():
    from visitorcentre.printing.passes import LAYOUTS

    assert set(record_fields.PASS_LAYOUTS) == set(LAYOUTS)


def test_pass_keys_are_the_centres_and_still_reach_desks():
    assert "pass_key" in policy.REFERENCE and "pass_key" in policy.SYNCED
    assert "pass_key" not in policy.DESK_WRITABLE and "pass_key" not in policy.APPEND_ONLY
    for kind in ("establishment", "prisoner", "ban", "visit_session", "support_service", "visit_note"):
        assert kind not in policy.DESK_WRITABLE


@pytest.mark.parametrize("entity", sorted(policy.DESK_WRITABLE))
def test_every_reference_of_a_desk_written_kind_is_checked(entity):
    """Each foreign key of a kind a desk writes is in policy.REFERENCES, so ownership checks it."""
    table = Base.metadata.tables[entity]
    keys = {(fk.parent.name, fk.column.table.name) for fk in table.foreign_keys}
    assert entity in policy.REFERENCES
    assert keys <= set(policy.REFERENCES[entity])
    for field, target in policy.REFERENCES[entity]:
        assert field in table.c and target in policy.SYNCED


def test_append_only_changes_name_real_fields():
    assert set(policy.APPEND_ONLY_CHANGES) <= policy.APPEND_ONLY
    for entity, fields in policy.APPEND_ONLY_CHANGES.items():
        assert set(fields) <= set(Base.metadata.tables[entity].c.keys()), entity
        assert not set(fields) & {"id", "establishment", "created_at"}
