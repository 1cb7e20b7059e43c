"""The console users page and the audit log viewer over HTTP, mistakes included."""

from __future__ import annotations

import csv
import io
import re
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from tests.console.harness import add_establishment, signed_in
from visitorcentre.server.centre import audit
from visitorcentre.server.centre.models import CentreAudit
from visitorcentre.server.console import accounts
from visitorcentre.server.console.models import ConsoleSession, ConsoleUser


def user_named(app, name: str) -> ConsoleUser:
    with Session(app.state.engine) as session:
        return session.scalars(select(ConsoleUser).where(ConsoleUser.name == name)).one()


def test_adding_a_user_with_mistakes_then_right(app):
    add_establishment(app.state.engine, "BAR")
    admin = signed_in(app, name="Nat Admin")
    page = admin.get("/console/users/new")
    assert page.status_code == 200 and "BAR – HMP BAR" in page.text
    empty = admin.post("/console/users/new", data={"csrf_token": admin.csrf})
    assert empty.status_code == 400
    assert '<a href="#name">Enter the person&#39;s name.</a>' in empty.text
    no_place = admin.post(
        "/console/users/new",
        data={"name": "Eve Estab", "role": "establishment_admin", "password": "x" * 12, "csrf_token": admin.csrf},
    )
    assert no_place.status_code == 400 and 'href="#establishments"' in no_place.text
    assert 'value="Eve Estab"' in no_place.text  # what was typed is kept
    short = admin.post(
        "/console/users/new",
        data={
            "name": "Eve Estab",
            "role": "establishment_admin",
            "establishments": "BAR",
            "password": "short",
            "csrf_token": admin.csrf,
        },
    )
    assert short.status_code == 400 and 'href="#password"' in short.text
    added = admin.post(
        "/console/users/new",
        data={
            "name": "Eve Estab",
            "role": "establishment_admin",
            "establishments": "BAR",
            "password": "a good long password",
            "csrf_token": admin.csrf,
        },
    )
    assert added.status_code == 303
    eve = user_named(app, "Eve Estab")
    assert eve.role == "establishment_admin" and eve.establishments == ["BAR"]
    shown = admin.get(added.headers["location"].removeprefix("http://testserver"), cookies=added.cookies)
    assert "Added Eve Estab" in shown.text and "Not signed in yet" in shown.text
    listing = admin.get("/console/users")
    assert "Eve Estab" in listing.text and "Nat Admin" in listing.text
    again = admin.post(
        "/console/users/new",
        data={"name": "Eve  Estab", "role": "analyst", "password": "another long one", "csrf_token": admin.csrf},
    )
    assert again.status_code == 400 and "already a console user called Eve Estab" in again.text


def test_deactivate_unlock_and_resets_end_the_persons_sessions(app):
    admin = signed_in(app, name="Nat Admin")
    analyst = signed_in(app, accounts.ANALYST, name="Ann Analyst")
    assert analyst.get("/console/").status_code == 200
    target = f"/console/users/{analyst.user_id}"
    assert admin.post(f"{target}/second-factor", data={"csrf_token": admin.csrf}).status_code == 303
    assert analyst.get("/console/").status_code == 303  # signed out by the reset
    with Session(app.state.engine) as session, session.begin():
        session.execute(update(ConsoleUser).values(locked_until=datetime.utcnow() + timedelta(minutes=20)))
    assert admin.post(f"{target}/unlock", data={"csrf_token": admin.csrf}).status_code == 303
    assert user_named(app, "Ann Analyst").locked_until is None
    short = admin.post(f"{target}/password", data={"password": "short", "csrf_token": admin.csrf})
    assert short.status_code == 400 and 'href="#password"' in short.text
    assert admin.post(f"{target}/password", data={"password": "a new long password", "csrf_token": admin.csrf})
    assert admin.post(f"{target}/deactivate", data={"csrf_token": admin.csrf}).status_code == 303
    assert not user_named(app, "Ann Analyst").active
    myself = admin.post(f"/console/users/{admin.user_id}/deactivate", data={"csrf_token": admin.csrf})
    assert myself.status_code == 400 and "cannot deactivate your own account" in myself.text
    assert admin.get("/console/users/no-such-user").status_code == 404
    with Session(app.state.engine) as session:
        actions = session.scalars(select(CentreAudit.action).where(CentreAudit.actor == "Nat Admin")).all()
        assert session.scalar(select(ConsoleSession).where(ConsoleSession.user_id == analyst.user_id)) is None
    assert actions == [
        "console_user.second_factor_reset",
        "console_user.unlocked",
        "console_user.password_reset",
        "console_user.deactivated",
    ]


def test_only_a_national_admin_manages_users(app):
    add_establishment(app.state.engine, "BAR")
    estab = signed_in(app, accounts.ESTABLISHMENT_ADMIN, ["BAR"])
    assert estab.get("/console/users").status_code == 403
    assert "Console users" not in estab.get("/console/").text  # not in their navigation either


def test_the_audit_log_filters_pages_and_exports(app):
    add_establishment(app.state.engine, "BAR")
    add_establishment(app.state.engine, "OTH")
    admin = signed_in(app, name="Nat Admin")
    with Session(app.state.engine) as session, session.begin():
        for n in range(55):
            audit.record(
                session,
                actor="Nat Admin",
                action="console_user.added",
                entity="console_user",
                entity_id=str(n),
                summary=f"Added the console user Analyst {n:02}",
                now=datetime.utcnow(),
            )
    first = admin.get("/console/audit")
    assert first.status_code == 200 and "Added the console user Analyst 54" in first.text
    older = re.search(r'href="(/console/audit\?before=\d+)"', first.text)
    assert older, "a link to the older entries"
    second = admin.get(older.group(1).replace("&amp;", "&"))
    assert "Added BAR" in second.text and "Analyst 54" not in second.text
    newer = re.search(r'href="(/console/audit\?after=\d+)"', second.text)
    assert newer and "Analyst 54" in admin.get(newer.group(1)).text
    mine = admin.get("/console/audit", params={"establishment": "BAR"})
    assert "Added BAR" in mine.text and "Added OTH" not in mine.text
    by_action = admin.get("/console/audit", params={"action": "establishment"})
    assert "Added OTH" in by_action.text and "Analyst" not in by_action.text
    bad_date = admin.get("/console/audit", params={"since-day": "31", "since-month": "2", "since-year": "2026"})
    assert bad_date.status_code == 400 and 'href="#since"' in bad_date.text
    exported = admin.get("/console/audit.csv", params={"action": "establishment"})
    assert exported.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(exported.text)))
    assert rows[0][:4] == ["seq", "at", "who", "action"] and [r[6] for r in rows[1:]] == ["BAR", "OTH"]
    check = admin.get("/console/audit/check")
    assert "Chain intact" in check.text


def test_an_establishment_admin_sees_only_their_establishments_entries(app):
    add_establishment(app.state.engine, "BAR")
    add_establishment(app.state.engine, "OTH")
    estab = signed_in(app, accounts.ESTABLISHMENT_ADMIN, ["BAR"])
    page = estab.get("/console/audit")
    assert "Added BAR" in page.text and "Added OTH" not in page.text and "console user" not in page.text
    with Session(app.state.engine) as session:
        other = session.scalar(select(CentreAudit.seq).where(CentreAudit.establishment == "OTH"))
        national = session.scalar(select(CentreAudit.seq).where(CentreAudit.establishment == ""))
    assert estab.get(f"/console/audit/entries/{other}").status_code == 404
    assert estab.get(f"/console/audit/entries/{national}").status_code == 404
    assert "OTH" not in estab.get("/console/audit.csv").text
    assert estab.get("/console/audit/check").status_code == 403


def test_a_tampered_audit_log_is_reported(app):
    admin = signed_in(app)
    with Session(app.state.engine) as session, session.begin():
        session.execute(update(CentreAudit).where(CentreAudit.seq == 1).values(summary="Nothing happened"))
    check = admin.get("/console/audit/check")
    assert check.status_code == 200 and "Chain intact" not in check.text
