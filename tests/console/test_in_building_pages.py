"""Everyone in the building at the centre: the desk's evacuation list, once the desk has synced."""

from __future__ import annotations

from datetime import datetime, timedelta

from tests.conftest import NOW, build_world
from tests.console.harness import signed_in
from tests.integration.sync_world import Network, SyncWorld
from visitorcentre.server import admin
from visitorcentre.server.app import create_app
from visitorcentre.server.console import accounts
from visitorcentre.sync.in_process import server_transport


def test_the_centre_lists_who_the_desk_lists(console_url, tmp_path):
    seed = build_world(tmp_path / "seed.sqlite3")
    seed.desk.close()
    app = create_app(console_url, clock=lambda: NOW + timedelta(minutes=30))
    world = SyncWorld(app, app.state.engine, Network(server_transport(app)), tmp_path)
    try:
        admin.load_desk_database(app.state.engine, tmp_path / "seed.sqlite3", datetime.utcnow())
        desk = world.enrol("bar", "BAR")
        first = desk.visits.visit_for_scan(desk.visits.book_visit("ses-today", "pr-1", ["vis-mum", "vis-child"]))
        second = desk.visits.visit_for_scan(desk.visits.book_visit("ses-today", "pr-1", ["vis-gran"]))
        desk.visits.check_in(first)
        desk.visits.enter_hall(first)
        desk.ctx.clock.moment = NOW + timedelta(minutes=5)
        desk.visits.check_in(second)
        desk.visits.check_out(second)  # gone home: not in the building
        desk.sync.now()

        at_the_desk = desk.visits.in_building()
        client = signed_in(app, accounts.ESTABLISHMENT_ADMIN, ["BAR"])
        page = client.get("/console/establishments/BAR/in-the-building")
        assert page.status_code == 200
        listed = [p.name for f in at_the_desk.families for p in f.people]
        assert listed == ["Siobhán MacDonald", "Zoë MacDonald"]
        for name in listed:
            assert name in page.text
        assert "Margaret McDonald" not in page.text
        assert "2 people in the building: 1 adult and 1 child, in 1 family" in page.text
        assert "13:00" in page.text and "Child (9)" in page.text and "In the hall" in page.text
        pdf = client.get("/console/establishments/BAR/in-the-building.pdf")
        assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
        # Another establishment's list is not theirs: the same answer as one that does not exist.
        assert client.get("/console/establishments/GRE/in-the-building").status_code == 404
        assert client.get("/console/establishments/GRE/in-the-building.pdf").status_code == 404
        assert signed_in(app, accounts.CASEWORKER).get("/console/establishments/BAR/in-the-building").status_code == 403
    finally:
        world.close()
