"""National figures in the console: who sees which establishments, the range checked, CSV and PDF."""

from __future__ import annotations

import csv
import io
from datetime import datetime

import pytest

from tests.conftest import build_world
from tests.console.harness import signed_in
from visitorcentre.server import admin
from visitorcentre.server.console import accounts

RANGE = {
    "start-day": "1",
    "start-month": "11",
    "start-year": "2026",
    "end-day": "30",
    "end-month": "11",
    "end-year": "2026",
}


@pytest.fixture
def loaded(app, tmp_path):
    """The tests' small world (Barlinnie and Greenock) with a visit checked in, loaded at the centre."""
    world = build_world(tmp_path / "seed.sqlite3")
    visit = world.desk.visits.visit_for_scan(
        world.desk.visits.book_visit(world.session_today, world.prisoner, [world.mum, world.child])
    )
    world.desk.visits.check_in(visit)
    world.desk.close()
    admin.load_desk_database(app.state.engine, tmp_path / "seed.sqlite3", datetime.utcnow())
    return app


def test_an_analyst_sees_every_establishment_side_by_side(loaded):
    client = signed_in(loaded, accounts.ANALYST)
    page = client.get("/console/figures", params=RANGE)
    assert page.status_code == 200
    assert "HMP Barlinnie (BAR)" in page.text and "(GRE)" in page.text
    assert 'id="chart-visits"' in page.text and "This chart as a table" in page.text
    assert "<svg" in page.text and "<script" not in page.text.split("<main", 1)[1]


def test_an_establishment_admin_sees_only_their_own(loaded):
    client = signed_in(loaded, accounts.ESTABLISHMENT_ADMIN, ["BAR"])
    page = client.get("/console/figures", params=RANGE)
    assert page.status_code == 200
    assert "HMP Barlinnie (BAR)" in page.text and "(GRE)" not in page.text
    refused = client.get("/console/figures", params={**RANGE, "establishments": "GRE"})
    assert refused.status_code == 400
    assert "There is no establishment with the code “GRE” that you can see." in refused.text
    assert 'href="#establishments"' in refused.text
    assert client.get("/console/figures.csv", params={**RANGE, "establishments": "GRE"}).status_code == 400
    answer = client.get("/console/figures.csv", params=RANGE)
    assert "GRE" not in answer.text


def test_a_caseworker_does_not_see_the_figures(loaded):
    client = signed_in(loaded, accounts.CASEWORKER)
    assert client.get("/console/figures").status_code == 403
    assert client.get("/console/figures.csv").status_code == 403


def test_a_range_the_wrong_way_round_and_a_date_that_is_not_one(loaded):
    client = signed_in(loaded, accounts.NATIONAL_ADMIN)
    backwards = client.get("/console/figures", params={**RANGE, "end-month": "10"})
    assert backwards.status_code == 400
    assert (
        'href="#end' in backwards.text and "The end date must be the same as or after the start date." in backwards.text
    )
    nonsense = client.get("/console/figures", params={**RANGE, "start-day": "41"})
    assert nonsense.status_code == 400 and "Start date must be a real date." in nonsense.text


def test_the_csv_and_the_pdf_carry_the_same_figures(loaded):
    client = signed_in(loaded, accounts.NATIONAL_ADMIN)
    answer = client.get("/console/figures.csv", params={**RANGE, "establishments": ["BAR", "GRE"]})
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(answer.text)))
    assert rows[1] == ["section", "figure", "BAR", "GRE", "total"]
    by_figure = {row[1]: row[2:] for row in rows[2:]}
    assert by_figure["Visits"] == ["1", "0", "1"]
    assert by_figure["Children let in"] == ["1", "0", "1"]
    pdf = client.get("/console/figures.pdf", params=RANGE)
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
