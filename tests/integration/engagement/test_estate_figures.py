"""The national figures equal the sum of the desks' reports over the same days (SQLite and PostgreSQL).

Two ways the centre gets a desk's records: a desk's own work pushed through a real sync, and a
generated demo of five establishments loaded in bulk. Either way, each establishment's figures
at the centre are its desk report's, and the national total is their sum.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy.orm import Session

from tests.conftest import NOW, build_world
from tests.integration.servers import drop_server_db, server_db_url
from tests.integration.sync_world import Network, SyncWorld
from tests.unit.cost_of_visits.test_services_cost_applications import filled
from visitorcentre.core.errors import InvalidInput
from visitorcentre.core.figures import Figures
from visitorcentre.db import engine as desk_engine
from visitorcentre.server import admin
from visitorcentre.server.app import create_app
from visitorcentre.server.centre.access import Scope
from visitorcentre.server.centre.figures import estate_figures
from visitorcentre.services.engagement import reports
from visitorcentre.sync.in_process import server_transport


@pytest.fixture(params=["sqlite", "postgres"])
def server_url(request, tmp_path):
    url = server_db_url(request.param, tmp_path)
    yield url
    drop_server_db(url)


def _centre(engine, codes, start, end, scope=None):
    with Session(engine) as session:
        return estate_figures(session, scope or Scope.national(), codes, start, end)


def _desk(path, code, start, end) -> Figures:
    engine = desk_engine.make_engine(path)
    try:
        with Session(engine) as session:
            return reports.figures(session, start, end, code)
    finally:
        engine.dispose()


def test_a_desks_synced_work_gives_the_same_figures_at_the_centre(server_url, tmp_path):
    seed = build_world(tmp_path / "seed.sqlite3")
    seed.desk.close()
    app = create_app(server_url)
    admin.load_desk_database(app.state.engine, tmp_path / "seed.sqlite3", datetime.utcnow())
    world = SyncWorld(app, app.state.engine, Network(server_transport(app)), tmp_path)
    try:
        desk = world.enrol("bar", "BAR")
        visits = desk.visits
        # Today: one family let in (with advice read out and a travel-costs application),
        # one person refused, one family that did not come; feedback and a response.
        first = visits.visit_for_scan(visits.book_visit("ses-today", "pr-1", ["vis-mum", "vis-child", "vis-teen"]))
        second = visits.visit_for_scan(visits.book_visit("ses-today", "pr-1", ["vis-gran"]))
        visits.refuse(first, "vis-teen", "No photo ID")
        visits.check_in(first)
        desk.advice.record_advice_given(first)
        desk.ctx.clock.moment = NOW + timedelta(hours=1)  # after the cut-off
        visits.no_show(second)
        desk.costs.save(filled(desk.costs.start(visit_id=first)))
        said = desk.engagement.leave_feedback(4, "Friendly staff", visit_id=first)
        desk.engagement.leave_feedback(2, "Long wait", by_child=True)
        desk.engagement.respond_to_feedback("Waiting", "The wait was long", "We open ten minutes earlier", [said])
        # Tomorrow's booking counts as a visit too (booked), and the pulled past is already there.
        visits.book_visit("ses-tomorrow", "pr-1", ["vis-mum"])
        desk.sync.now()

        start, end = NOW.date() - timedelta(days=7), NOW.date() + timedelta(days=7)
        at_the_desk = _desk(desk.ctx.db_path, "BAR", start, end)
        at_the_centre = _centre(app.state.engine, ["BAR"], start, end)
        assert at_the_centre.each["BAR"] == at_the_desk
        assert at_the_centre.total == at_the_desk
        mine = at_the_desk
        assert (mine.visitors_admitted, mine.children, mine.no_shows) == (2, 1, 1)
        assert mine.refusals == {"No photo ID": 1}
        assert (mine.advice_given, mine.cost_applications, mine.feedback, mine.responses) == (1, 1, 2, 1)
        assert mine.feedback_by_child == 1 and mine.feedback_average == 3.0
        assert mine.first_time_visitors == 2
    finally:
        world.close()


def test_the_national_report_is_the_sum_of_the_desk_reports(server_url, tmp_path):
    from visitorcentre.demo.generate import build

    path = tmp_path / "demo.sqlite3"
    desk_engine.migrate(path)
    build(path, 150, 150, 11, datetime(2026, 11, 22, 13))
    app = create_app(server_url)
    try:
        admin.load_desk_database(app.state.engine, path, datetime.utcnow())
        start, end = date(2026, 9, 1), date(2026, 12, 31)
        national = _centre(app.state.engine, [], start, end)
        assert sorted(national.each) == ["ADD", "BAR", "EDI", "GRE", "KIL"]
        total = Figures()
        for code, figures in national.each.items():
            assert figures == _desk(path, code, start, end), code
            total = total + figures
        assert national.total == total
        assert national.total.visits > 100 and national.total.feedback > 0 and national.total.refused > 0
        # Two establishments side by side: the same figures as each alone.
        pair = _centre(app.state.engine, ["gre", "BAR"], start, end)
        assert list(pair.each) == ["GRE", "BAR"]
        assert pair.each["GRE"] == national.each["GRE"]
    finally:
        app.state.engine.dispose()


def test_an_establishment_admin_sees_only_theirs_and_ranges_are_checked(server_url, tmp_path):
    seed = build_world(tmp_path / "seed.sqlite3")
    seed.desk.close()
    app = create_app(server_url)
    try:
        admin.load_desk_database(app.state.engine, tmp_path / "seed.sqlite3", datetime.utcnow())
        day = NOW.date()
        mine = _centre(app.state.engine, [], day, day, Scope.of("BAR"))
        assert list(mine.each) == ["BAR"]
        with pytest.raises(InvalidInput) as refused:
            _centre(app.state.engine, ["GRE"], day, day, Scope.of("BAR"))
        assert refused.value.field == "establishments"
        with pytest.raises(InvalidInput) as refused:
            _centre(app.state.engine, [], day, day - timedelta(days=1))
        assert refused.value.field == "end"
    finally:
        app.state.engine.dispose()
