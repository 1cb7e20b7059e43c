"""The console's "Needs review" tab of an establishment: the flags its desks raised (synced as
visit_review records), open ones on visits from today on and those lately settled; only for people
who may see the establishment. SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.conftest import NOW, build_world
from tests.console.harness import signed_in
from tests.review_data import ban
from tests.unit.ledger import visit_id
from visitorcentre.server import admin
from visitorcentre.server.app import create_app
from visitorcentre.server.centre import typed_rows
from visitorcentre.server.centre.typed import TypedVisitReview
from visitorcentre.server.console import accounts


@pytest.fixture
def app(console_url, tmp_path):
    """A server whose clock is the desk's, loaded with a desk's two flags (one settled) on Gran's ban."""
    world = build_world(tmp_path / "seed.sqlite3")
    desk = world.desk
    tomorrow = visit_id(world, desk.visits.book_visit(world.session_tomorrow, world.prisoner, [world.mum, world.gran]))
    today = visit_id(world, desk.visits.book_visit(world.session_today, world.prisoner, [world.gran, world.child]))
    ban(world, world.gran)
    (settled,) = [f for f in desk.visits.needing_review() if f.visit_id == today]
    desk.visits.resolve_review(settled.id, "goes_ahead", family_told="phoned", note="Checked with security")
    references = {v: desk.visits.visit(v).reference for v in (tomorrow, today)}
    desk.close()
    app = create_app(console_url, clock=lambda: NOW + timedelta(minutes=30))
    admin.load_desk_database(app.state.engine, tmp_path / "seed.sqlite3", datetime.utcnow())
    app.state.references = references
    app.state.visits = (tomorrow, today)
    yield app
    app.state.engine.dispose()


def test_the_establishment_admin_sees_the_open_flag_and_the_settled_one(app):
    tomorrow, today = (app.state.references[v] for v in app.state.visits)
    client = signed_in(app, accounts.ESTABLISHMENT_ADMIN, ["BAR"])
    page = client.get("/console/establishments/BAR/needs-review")
    assert page.status_code == 200
    open_part, settled_part = page.text.split("Settled in the last 14 days")
    assert "1 not yet settled" in open_part and tomorrow in open_part and today not in open_part
    assert "Margaret McDonald was banned on 22 November; the visit on 23 November includes Margaret." in open_part
    assert "Siobhán MacDonald" in open_part and "to see John MacDonald" in open_part
    assert today in settled_part and "Checked, goes ahead — by Test Worker; family: Phoned" in settled_part
    assert 'aria-current="page" href="/console/establishments/BAR/needs-review"' in page.text


def test_an_analyst_may_read_it_a_caseworker_may_not_and_another_establishment_is_not_found(app):
    assert signed_in(app, accounts.ANALYST).get("/console/establishments/BAR/needs-review").status_code == 200
    assert signed_in(app, accounts.CASEWORKER).get("/console/establishments/BAR/needs-review").status_code == 403
    elsewhere = signed_in(app, accounts.ESTABLISHMENT_ADMIN, ["GRE"])
    assert elsewhere.get("/console/establishments/BAR/needs-review").status_code == 404
    assert elsewhere.get("/console/establishments/NOPE/needs-review").status_code == 404
    mine = elsewhere.get("/console/establishments/GRE/needs-review")
    assert mine.status_code == 200 and "No visit from today on needs review." in mine.text
    assert "Margaret McDonald" not in mine.text


def test_a_flag_of_a_past_visit_or_settled_long_ago_is_not_listed(app):
    with Session(app.state.engine) as session:
        flags = session.scalars(select(TypedVisitReview)).all()
        assert len(flags) == 2
        for flag in flags:  # the open one a fortnight and a day old, on a visit now past; the settled one too
            flag.raised_at = NOW - timedelta(days=15)
            if flag.resolved_at is not None:
                flag.resolved_at = NOW - timedelta(days=15)
        session.commit()
    late = create_app(
        str(app.state.engine.url.render_as_string(hide_password=False)), clock=lambda: NOW + timedelta(days=2)
    )
    try:
        page = signed_in(late, accounts.NATIONAL_ADMIN).get("/console/establishments/BAR/needs-review")
        assert "No visit from today on needs review." in page.text and "None settled in the last 14 days." in page.text
    finally:
        late.state.engine.dispose()


def test_the_typed_copy_is_made_again_from_the_documents(app):
    with Session(app.state.engine) as session:
        session.execute(TypedVisitReview.__table__.delete())
        assert typed_rows.rebuild(session) > 0
        rows = session.scalars(select(TypedVisitReview)).all()
        assert sorted((r.reason, r.resolution, r.family_told) for r in rows) == [
            ("ban", "", ""),
            ("ban", "goes_ahead", "phoned"),
        ]


def test_a_long_list_says_only_the_soonest_are_listed(app, monkeypatch):
    from visitorcentre.server.centre import review_flags

    monkeypatch.setattr(review_flags, "LIMIT", 1)
    page = signed_in(app, accounts.NATIONAL_ADMIN).get("/console/establishments/BAR/needs-review")
    assert "Only the 1 soonest are listed here." in page.text
    assert page.text.count("Margaret McDonald was banned") == 1
