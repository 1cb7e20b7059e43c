"""Restrictions (added with dates, lifted with a reason) and the approved visitor list (approve, remove)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.orm import Session

from tests.integration.centre.prisoner_world import (
    ADMIN,
    NOW,
    add_prisoner,
    audit_entries,
    establishments,
    visitor_on_list,
)
from visitorcentre.core.errors import InvalidInput, NotAllowed, NotFound
from visitorcentre.server.centre import prisoners, prisoners_find, restrictions, store, visitor_list
from visitorcentre.server.models import Feed


@pytest.fixture
def engine(engine):
    establishments(engine)
    return engine


def restrict(session: Session, prisoner_id: str, **changes) -> str:
    fields = {
        "kind": "closed_visits",
        "detail": "",
        "reason": "Drugs found after a visit",
        "starts_on": date(2026, 12, 3),
        "ends_on": date(2027, 3, 3),
    } | changes
    return restrictions.add(session, actor=ADMIN, scope={"BAR"}, now=NOW, prisoner_id=prisoner_id, **fields)


def test_a_restriction_reaches_the_desks_and_can_be_lifted_with_a_reason(engine):
    prisoner_id = add_prisoner(engine)
    with Session(engine) as session, session.begin():
        row_id = restrict(session, prisoner_id)
    with Session(engine) as session:
        record = store.current(session, "restriction", row_id)
        assert record and record["ends_on"] == "2027-03-03" and record["lifted_on"] is None
        assert session.get(Feed, ("BAR", "restriction", row_id)) is not None
        [shown] = prisoners_find.profile(session, None, prisoner_id, NOW.date()).restrictions
        assert restrictions.in_force(shown, NOW.date())
        with pytest.raises(InvalidInput) as raised:
            restrictions.lift(session, actor=ADMIN, scope=None, now=NOW, restriction_id=row_id, reason=" ")
        assert raised.value.field == "lifted_reason"
        with pytest.raises(NotFound):
            restrictions.lift(session, actor=ADMIN, scope={"GRE"}, now=NOW, restriction_id=row_id, reason="x")
    with Session(engine) as session, session.begin():
        restrictions.lift(session, actor=ADMIN, scope=None, now=NOW, restriction_id=row_id, reason="Appeal upheld")
    with Session(engine) as session:
        record = store.current(session, "restriction", row_id)
        assert record and record["lifted_on"] == "2026-12-03" and record["lifted_reason"] == "Appeal upheld"
        assert not restrictions.in_force(record, NOW.date())
        with pytest.raises(NotAllowed):
            restrictions.lift(session, actor=ADMIN, scope=None, now=NOW, restriction_id=row_id, reason="again")
    actions = [(e.action, e.establishment) for e in audit_entries(engine)]
    assert actions[-2:] == [("restriction.added", "BAR"), ("restriction.lifted", "BAR")]
    assert "Appeal upheld" in audit_entries(engine)[-1].summary


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"kind": "curfew"}, "kind"),
        ({"kind": "other", "detail": ""}, "detail"),
        ({"reason": ""}, "reason"),
        ({"starts_on": None}, "starts_on"),
        ({"ends_on": date(2026, 12, 1)}, "ends_on"),
    ],
)
def test_a_restriction_mistake_is_named_by_field(engine, changes, field):
    prisoner_id = add_prisoner(engine)
    with Session(engine) as session:
        with pytest.raises(InvalidInput) as raised:
            restrict(session, prisoner_id, **changes)
    assert raised.value.field == field


def test_an_other_restriction_with_its_detail_and_no_end(engine):
    prisoner_id = add_prisoner(engine)
    with Session(engine) as session, session.begin():
        row_id = restrict(session, prisoner_id, kind="other", detail="No visits from Mr X", ends_on=None)
    with Session(engine) as session:
        record = store.current(session, "restriction", row_id)
        assert record and record["kind"] == "other" and record["ends_on"] is None


def test_a_visitor_is_approved_then_removed_with_reasons_in_the_audit_log(engine):
    prisoner_id = add_prisoner(engine)
    rel = visitor_on_list(engine, prisoner_id)
    with Session(engine) as session:
        [listed] = prisoners_find.visitor_list(session, prisoner_id)
        assert (listed.first_name, listed.list_status, listed.version) == ("Mary", "pending", 1)
        with pytest.raises(InvalidInput) as raised:
            visitor_list.decide(
                session, actor=ADMIN, scope=None, now=NOW, relationship_id=rel, list_status="approved", reason=""
            )
        assert raised.value.field == "reason"
        with pytest.raises(InvalidInput) as raised:
            visitor_list.decide(
                session, actor=ADMIN, scope=None, now=NOW, relationship_id=rel, list_status="pending", reason="x"
            )
        assert raised.value.field == "list_status"
        with pytest.raises(NotFound):
            visitor_list.decide(
                session, actor=ADMIN, scope={"GRE"}, now=NOW, relationship_id=rel, list_status="approved", reason="x"
            )
    with Session(engine) as session, session.begin():
        visitor_list.decide(
            session,
            actor=ADMIN,
            scope={"BAR"},
            now=NOW,
            relationship_id=rel,
            list_status="approved",
            reason="Mother, ID seen",
            version=1,
        )
    with Session(engine) as session:
        [listed] = prisoners_find.visitor_list(session, prisoner_id)
        assert (listed.list_status, listed.version) == ("approved", 2)
        with pytest.raises(NotAllowed, match="already approved"):
            visitor_list.decide(
                session, actor=ADMIN, scope=None, now=NOW, relationship_id=rel, list_status="approved", reason="x"
            )
        with pytest.raises(NotAllowed, match="changed"):
            visitor_list.decide(
                session,
                actor=ADMIN,
                scope=None,
                now=NOW,
                relationship_id=rel,
                list_status="removed",
                reason="x",
                version=1,
            )
    with Session(engine) as session, session.begin():
        visitor_list.decide(
            session, actor=ADMIN, scope=None, now=NOW, relationship_id=rel, list_status="removed", reason="Her request"
        )
    entries = audit_entries(engine)[-2:]
    assert [e.action for e in entries] == ["visitor_list.approved", "visitor_list.removed"]
    assert "Mother, ID seen" in entries[0].summary and "Her request" in entries[1].summary
    assert "Mary O'Neill" in entries[0].summary


def test_a_released_prisoner_takes_no_new_restriction(engine):
    prisoner_id = add_prisoner(engine)
    with Session(engine) as session, session.begin():
        prisoners.release(
            session, actor=ADMIN, scope=None, now=NOW, prisoner_id=prisoner_id, released_on=NOW.date(), reason="Bail"
        )
    with Session(engine) as session:
        with pytest.raises(NotAllowed, match="released"):
            restrict(session, prisoner_id)


def test_a_moved_prisoner_takes_their_restrictions_and_visitor_list_along(engine):
    prisoner_id = add_prisoner(engine)
    rel = visitor_on_list(engine, prisoner_id, status="approved")
    with Session(engine) as session, session.begin():
        row_id = restrict(session, prisoner_id)
    with Session(engine) as session, session.begin():
        prisoners.move(session, actor=ADMIN, scope={"BAR"}, now=NOW, prisoner_id=prisoner_id, to="GRE")
    with Session(engine) as session:
        for entity, key in (("restriction", row_id), ("relationship", rel)):
            moved = store.current(session, entity, key)
            assert moved and moved["establishment"] == "GRE" and moved["version"] == 2, entity
            assert session.get(Feed, ("GRE", entity, key)) is not None
            assert session.get(Feed, ("BAR", entity, key)) is not None  # the old desks learn it moved
        assert session.get(Feed, ("GRE", "visitor", f"v-{rel}")) is not None  # her details go too
        [listed] = prisoners_find.profile(session, {"GRE"}, prisoner_id, NOW.date()).visitors
        assert listed.list_status == "approved"
    assert [e.action for e in audit_entries(engine)][-2:] == ["restriction.moved", "relationship.moved"]
