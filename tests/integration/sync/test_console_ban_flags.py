"""Done when (issue 16): a ban entered in the console flags a visit on an enrolled desk after one
sync. The ban goes in through the console's own form (a signed-in administrator's POST with its
CSRF token) on a real server on loopback; the desk syncs once and the booked visit needs review.
SQLite and PostgreSQL."""

from __future__ import annotations

import httpx

from tests.console.harness import add_user, session_for
from tests.integration.sync.test_sync_centre_data import desks, server, visit_of  # noqa: F401 (fixtures)
from visitorcentre.server.console import accounts
from visitorcentre.server.console.web import COOKIE


def _console(server, role: str, establishments: list[str]):
    signed = session_for(server.engine, add_user(server.engine, role, establishments))
    client = httpx.Client(base_url=f"{server.address}/console", cookies={COOKIE: signed.token}, timeout=30)
    return client, signed.csrf


def _ban_form(csrf: str, **fields) -> dict[str, str]:
    form = {
        "csrf_token": csrf,
        "scope": "establishment",
        "establishment": "BAR",
        "prison_number": "",
        "reason": "Passed an item during a visit",
        "starts_on-day": "22",
        "starts_on-month": "11",
        "starts_on-year": "2026",
    }
    return form | fields


def test_a_ban_entered_in_the_console_flags_the_desk_visit_after_one_sync(server, desks):
    desk = desks("bar-1")
    booked = visit_of(desk, desk.visits.book_visit("ses-tomorrow", "pr-1", ["vis-mum", "vis-gran"]))
    untouched = visit_of(desk, desk.visits.book_visit("ses-today", "pr-1", ["vis-mum"]))
    assert desk.sync.now().pending == 0
    console, csrf = _console(server, accounts.ESTABLISHMENT_ADMIN, ["BAR"])
    with console:
        # A form without its token is refused.
        refused = console.post("/visitors/vis-gran/bans/new", data=_ban_form(""))
        assert refused.status_code == 403
        answer = console.post("/visitors/vis-gran/bans/new", data=_ban_form(csrf))
        assert answer.status_code == 303, answer.text
        assert answer.headers["location"].endswith("/console/visitors/vis-gran")  # not back to signing in
    assert desk.visits.needing_review() == []

    desk.sync.now()  # one sync

    (flag,) = desk.visits.needing_review()
    assert (flag.visit_id, flag.reason) == (booked, "ban") and untouched != booked
    assert flag.words == "Margaret McDonald was banned on 22 November; the visit on 23 November includes Margaret."
    assert desk.visits.needing_review_count() == 1
    assert desk.sync.issues() == []
