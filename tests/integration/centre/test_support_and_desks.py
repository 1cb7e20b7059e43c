"""Support services and desks at the centre: scope, checks, an enrolment code a desk can use, revoking a desk."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from visitorcentre.core import enrolment_link
from visitorcentre.core.errors import ChangedElsewhere, InvalidInput, NotAllowed, NotFound
from visitorcentre.server import devices
from visitorcentre.server.centre import audit, desks, establishments, support_services
from visitorcentre.server.centre.access import Scope
from visitorcentre.server.centre.models import CentreAudit
from visitorcentre.server.centre.support_services import Details
from visitorcentre.server.models import AppliedOp, Conflict, Feed

NOW = datetime(2026, 12, 3, 9, 30)
NATIONAL = Scope.national()


@pytest.fixture
def engine(engine):
    with Session(engine) as session, session.begin():
        establishments.add(session, NATIONAL, "Ann Admin", NOW, "BAR", "HMP Barlinnie", "scotland")
        establishments.add(session, NATIONAL, "Ann Admin", NOW, "GRE", "HMP Greenock", "scotland")
    return engine


def add_service(engine, scope=NATIONAL, code="BAR", national=False, **changes):
    values = {"name": "Barlinnie family centre", "category": "visitor_centre", "phone": "0141 770 2059"} | changes
    with Session(engine) as session, session.begin():
        return support_services.add(session, scope, "Ann Admin", NOW, code, Details(**values), national)


def test_local_services_reach_their_establishment_and_national_ones_every_desk(engine):
    add_service(engine)
    add_service(
        engine, national=True, name="Families Outside", category="helpline", website="www.familiesoutside.org.uk"
    )
    with Session(engine) as session:
        at_bar = support_services.listed(session, NATIONAL, "BAR")
        at_gre = support_services.listed(session, Scope.of("GRE"), "GRE")
        assert [s.name for s in at_bar] == ["Families Outside", "Barlinnie family centre"]
        assert [s.name for s in at_gre] == ["Families Outside"]
        assert sorted(session.scalars(select(Feed.scope).where(Feed.entity == "support_service"))) == ["*", "BAR"]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"name": ""}, "name"),
        ({"category": "pizza"}, "category"),
        ({"phone": "ring us"}, "phone"),
        ({"website": "not a website"}, "website"),
        ({"hours": "x" * 121}, "hours"),
    ],
)
def test_a_wrong_value_is_refused_naming_its_field(engine, changes, field):
    with pytest.raises(InvalidInput) as refused:
        add_service(engine, **changes)
    assert refused.value.field == field


def test_only_national_administrators_touch_national_services_and_changes_carry_the_version(engine):
    with pytest.raises(NotAllowed):
        add_service(engine, scope=Scope.of("BAR"), national=True)
    national = add_service(engine, national=True, name="Families Outside", category="helpline")
    local = add_service(engine, scope=Scope.of("BAR"))
    with Session(engine) as session, session.begin():
        with pytest.raises(NotAllowed):
            support_services.change(session, Scope.of("BAR"), "Bo", NOW, national.id, 1, Details("Mine", "other"))
        with pytest.raises(NotFound):
            support_services.change(session, Scope.of("GRE"), "Bo", NOW, local.id, 1, Details("Mine", "other"))
        with pytest.raises(ChangedElsewhere):
            support_services.change(session, Scope.of("BAR"), "Bo", NOW, local.id, 3, Details("Mine", "other"))
        changed = support_services.change(
            session, Scope.of("BAR"), "Bo", NOW, local.id, 1, Details("Kids' club", "children", hours="Saturdays")
        )
    assert (changed.name, changed.category_name, changed.version) == (
        "Kids' club",
        "Support for children and young people",
        2,
    )


def test_an_enrolment_code_is_shown_once_with_a_link_a_desk_reads_and_is_audited_without_the_code(engine):
    with Session(engine) as session, session.begin():
        made = desks.make_code(session, Scope.of("BAR"), "Ann Admin", NOW, "BAR", "https://visits.example.scot/")
    assert enrolment_link.parse(made.link) == ("https://visits.example.scot", made.code)
    assert made.qr_svg.startswith("<svg") and "<script" not in made.qr_svg
    with Session(engine) as session, session.begin():
        entry = session.scalars(select(CentreAudit).where(CentreAudit.action == "desk.enrolment_code_made")).one()
        assert made.code not in str(entry.detail) and made.code not in entry.summary
        device, _secret = devices.enrol(session, made.code, "Front desk", NOW)
    with Session(engine) as session:
        listed = desks.enrolled(session, Scope.of("BAR"), "BAR")
        assert [(d.name, d.revoked, d.waiting) for d in listed] == [("Front desk", False, 0)]
        with pytest.raises(NotFound):
            desks.enrolled(session, Scope.of("GRE"), "BAR")


def test_a_desks_waiting_issues_are_counted_and_listed(engine):
    with Session(engine) as session, session.begin():
        made = desks.make_code(session, NATIONAL, "Ann Admin", NOW, "BAR", "http://127.0.0.1:8000")
        device, _secret = devices.enrol(session, made.code, "Front desk", NOW)
        device_id = device.device_id
        session.add(
            Conflict(
                op_id="op-1",
                device_id=device.device_id,
                entity="visit",
                row_id="v-1",
                establishment="BAR",
                kind="conflict",
                payload={},
                server_version=2,
                at=NOW,
            )
        )
        for n, outcome in enumerate(("rejected", "applied", "rejected")):
            session.add(
                AppliedOp(
                    op_id=f"op-{n + 2}",
                    device_id=device.device_id,
                    entity="visitor",
                    row_id=f"r-{n}",
                    outcome=outcome,
                    message="date_of_birth: a date",
                    seq=None,
                    at=NOW,
                )
            )
    with Session(engine) as session:
        desk = desks.enrolled(session, NATIONAL, "BAR")[0]
        assert (desk.conflicts, desk.refused) == (1, 2)
        found = desks.issues(session, NATIONAL, device_id)
        assert sorted(i.kind for i in found) == ["clash", "refused", "refused"]
        with pytest.raises(NotFound):
            desks.issues(session, Scope.of("GRE"), device_id)


def test_revoking_a_desk_is_audited_and_stops_its_sign_in(engine):
    with Session(engine) as session, session.begin():
        made = desks.make_code(session, NATIONAL, "Ann Admin", NOW, "BAR", "http://127.0.0.1:8000")
        device, secret = devices.enrol(session, made.code, "Front desk", NOW)
        device_id = device.device_id
    with Session(engine) as session, session.begin():
        with pytest.raises(NotFound):
            desks.revoke(session, Scope.of("GRE"), "Bo", NOW, device_id)
        with pytest.raises(NotAllowed):
            desks.revoke(session, Scope.of("BAR", changes=False), "Bo", NOW, device_id)
        assert desks.revoke(session, Scope.of("BAR"), "Bo", NOW, device_id).revoked
    with Session(engine) as session, session.begin():
        assert devices.signed_in(session, device_id, secret) is None
        with pytest.raises(NotAllowed):
            desks.revoke(session, NATIONAL, "Bo", NOW, device_id)
        entry = session.scalars(select(CentreAudit).where(CentreAudit.action == "desk.revoked")).one()
        assert entry.detail["after"]["revoked"] is True and entry.actor == "Bo"
        assert audit.verify(session).ok


def test_a_code_for_an_establishment_out_of_scope_is_refused(engine):
    with Session(engine) as session, session.begin():
        with pytest.raises(NotFound):
            desks.make_code(session, Scope.of("GRE"), "Bo", NOW, "BAR", "http://x")
        with pytest.raises(NotAllowed):
            desks.make_code(session, Scope.of("BAR", changes=False), "Bo", NOW, "BAR", "http://x")
