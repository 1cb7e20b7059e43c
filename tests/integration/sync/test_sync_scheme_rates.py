"""The scheme's rates come from the centre: a new server is seeded from the data file, a national
administrator's new table reaches a desk over a real server on loopback, and the desk's quote changes
for a visit on or after its date and not before (SQLite and PostgreSQL)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.conftest import NOW, build_world
from tests.integration.servers import ServerProcess, drop_server_db, server_db_url
from tests.integration.sync_world import empty_desk_database
from visitorcentre.core.clock import FixedClock
from visitorcentre.core.cost_of_visits.views import ApplicationForm, Claimant, Expense
from visitorcentre.core.errors import InvalidInput
from visitorcentre.core.staff import Actor
from visitorcentre.db import models as m
from visitorcentre.desk import open_desk
from visitorcentre.server import admin, database
from visitorcentre.server.centre import scheme_rates
from visitorcentre.server.centre.models import CentreAudit
from visitorcentre.sync.enrolment import enrol

NEW_RATES = {
    "mileage_pence": "45",
    "refreshments_over_5_hours_pence": "500",
    "refreshments_over_10_hours_pence": "600",
    "car_hire_per_day_pence": "4500",
    "universal_credit_income_limit_pence": "125000",
    "manual_check_total_pence": "25000",
    "claims_a_year": "26",
    "claims_a_month": "4",
    "most_miles": "1500",
}


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def server(request, tmp_path):
    url = server_db_url(request.param, tmp_path)
    engine = database.make_engine(url)
    database.migrate(engine)
    seed = build_world(tmp_path / "seed.sqlite3")
    seed.desk.close()
    admin.load_desk_database(engine, tmp_path / "seed.sqlite3", datetime.utcnow())
    process = ServerProcess(url).start()  # starting seeds the rates from the data file
    process.engine = engine
    yield process
    process.stop()
    engine.dispose()
    drop_server_db(url)


def form(visit: date, nation: str = "scotland") -> ApplicationForm:
    return ApplicationForm(
        prison_nation=nation,
        visit_date=visit,
        application_date=visit,
        claimant=Claimant(date(1980, 5, 1), "partner", "income_support", None, False),
        children=(),
        escort=False,
        claims_in_last_12_months=0,
        hours_away_from_home=Decimal(6),
        expenses=(Expense("car", miles_one_way=Decimal(50), return_journey=True),),
    )


def enter(server, nation: str, effective_from: date, typed: dict[str, str]) -> None:
    with Session(server.engine.execution_options(write=True)) as session, session.begin():
        scheme_rates.enter(
            session, actor="Nina National", nation=nation, effective_from=effective_from, typed=typed, now=NOW
        )


def test_a_new_rate_table_reaches_the_desk_and_counts_from_its_date(server, tmp_path):
    with Session(server.engine) as session:
        seeded = scheme_rates.tables(session)
    assert {(t.nation, t.effective_from) for t in seeded} >= {
        ("scotland", date(2025, 5, 1)),
        ("wales", date(2024, 7, 1)),
    }
    code, _ = admin.enrolment_code(server.engine, "BAR", datetime.utcnow())
    path = tmp_path / "desk.sqlite3"
    enrol(empty_desk_database(path), server.address, code, "front")
    desk = open_desk(path, actor=Actor("Dawn Desk", "manager"), clock=FixedClock(NOW))
    try:
        before = desk.costs.quote(form(date(2026, 12, 20)))
        assert before.items[0].amount_pence == 100 * 30 and before.refreshments_pence == 450  # the file's rates
        desk.sync.now()
        with desk.ctx.reading() as session:
            assert session.scalar(select(m.SchemeRatesRow).limit(1)) is not None  # the seeded tables arrived

        enter(server, "scotland", date(2026, 12, 10), NEW_RATES)
        desk.sync.now()
        after = desk.costs.quote(form(date(2026, 12, 20)))
        assert after.items[0].amount_pence == 100 * 45 and after.refreshments_pence == 500
        assert after.items[0].note == "100 miles at 45p"
        earlier = desk.costs.quote(form(date(2026, 12, 9)))  # the day before it comes into force
        assert earlier.items[0].amount_pence == 100 * 30 and earlier.refreshments_pence == 450
        england = desk.costs.quote(form(date(2026, 12, 20), "england"))  # another nation's prisons: unchanged
        assert england.items[0].amount_pence == 100 * 20
        assert desk.costs.rates().pence("mileage", "scotland", date(2026, 12, 10)) == 45
    finally:
        desk.close()
    with Session(server.engine) as session:
        audited = list(session.scalars(select(CentreAudit.summary).where(CentreAudit.actor == "Nina National")))
    assert audited == [
        "Rates for prisons in Scotland from 10 December 2026: mileage 45p, refreshments over 5 hours 500p, "
        "refreshments over 10 hours 600p, car hire per day 4500p, universal credit income limit 125000p, "
        "manual check total 25000p, claims a year 26, claims a month 4, most miles 1500"
    ]


def test_a_bad_table_is_refused_naming_the_field_and_writes_nothing(server):
    for field, typed, expected in [
        ("mileage_pence", {**NEW_RATES, "mileage_pence": "0.45"}, "whole number of pence"),
        ("car_hire_per_day_pence", {**NEW_RATES, "car_hire_per_day_pence": ""}, "Enter the car hire"),
        ("refreshments_over_5_hours_pence", {**NEW_RATES, "refreshments_over_5_hours_pence": "-5"}, "whole number"),
        ("mileage_pence", {**NEW_RATES, "mileage_pence": "100001"}, "100000 pence or less"),
    ]:
        with pytest.raises(InvalidInput) as error:
            enter(server, "scotland", date(2026, 12, 10), typed)
        assert error.value.field == field and expected in error.value.message
    with pytest.raises(InvalidInput) as error:
        enter(server, "atlantis", date(2026, 12, 10), NEW_RATES)
    assert error.value.field == "nation"
    with Session(server.engine) as session:
        assert all(t.effective_from != date(2026, 12, 10) for t in scheme_rates.tables(session))


def test_a_server_that_has_tables_is_never_seeded_again(server):
    enter(server, "scotland", date(2026, 12, 10), NEW_RATES)
    assert scheme_rates.seed_new_server(server.engine, NOW) == 0
    with Session(server.engine) as session:
        tables = scheme_rates.tables(session)
    assert len([t for t in tables if t.effective_from == date(2026, 12, 10)]) == 1
    assert replace(tables[0]).nation in ("wales", "scotland", "england")


def test_a_lower_total_for_a_person_and_fewer_miles_reach_the_desks_quote(server, tmp_path):
    code, _ = admin.enrolment_code(server.engine, "BAR", datetime.utcnow())
    path = tmp_path / "desk.sqlite3"
    enrol(empty_desk_database(path), server.address, code, "front")
    desk = open_desk(path, actor=Actor("Dawn Desk", "manager"), clock=FixedClock(NOW))
    try:
        desk.sync.now()
        before = desk.costs.quote(form(date(2026, 12, 20)))
        assert before.total_pence == 100 * 30 + 450 and before.manual_check == ()
        stricter = {**NEW_RATES, "manual_check_total_pence": "3000", "most_miles": "80"}
        stricter |= {"claims_a_year": "3", "claims_a_month": "2"}
        enter(server, "scotland", date(2026, 12, 10), stricter)
        desk.sync.now()
        with desk.ctx.reading() as session:
            row = session.scalar(select(m.SchemeRatesRow).where(m.SchemeRatesRow.effective_from == date(2026, 12, 10)))
            assert row is not None and (row.manual_check_total_pence, row.most_miles) == (3000, 80)
        after = desk.costs.quote(form(date(2026, 12, 20)))
        assert (
            after.items[0].amount_pence == 0 and after.items[0].note == "over 80 miles: paid only after a manual check"
        )
        assert after.manual_check == ("over 80 miles",)
        small = replace(
            form(date(2026, 12, 20)), expenses=(Expense("car", miles_one_way=Decimal(30), return_journey=True),)
        )
        assert desk.costs.quote(small).manual_check == ("total over £30",)  # 60 miles at 45p and £5 refreshments
        assert desk.costs.quote(replace(small, claims_in_last_12_months=3)).reasons == ("allowance",)
        assert desk.costs.quote(replace(small, claims_in_last_12_months=2)).eligible
        earlier = desk.costs.quote(form(date(2026, 12, 9)))  # before the new table: the standing thresholds
        assert earlier.manual_check == () and earlier.items[0].amount_pence == 100 * 30
    finally:
        desk.close()
