"""End to end, from an empty server: the console in a real Chromium sets up an establishment, a desk enrols
with a code the console made, syncs, books, checks in and prints a pass using only what the console entered;
then the console's ban, restriction and blocked day reach the desk's checks. SQLite and PostgreSQL.

One server per database kind for the whole story. axe-core runs on every console page visited. With
``VC_CONSOLE_SCREENSHOTS=folder`` the main pages are saved there (README's screenshots), else in tmp_path.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pyotp
import pypdfium2
import pytest
import zxingcpp
from playwright.sync_api import expect

from tests.console.browser import assert_accessible
from visitorcentre.core.clock import FixedClock
from visitorcentre.core.errors import NotAllowed
from visitorcentre.core.kinds import RelationshipKind
from visitorcentre.core.staff import Actor
from visitorcentre.core.visitor_details import VisitorDetails
from visitorcentre.desk import first_run, open_desk

pytestmark = pytest.mark.browser

ADMIN, PASSWORD = "Ann Smith", "a good long password"
HEADER = "prison_number,first_name,last_name,date_of_birth,location,status,restrictions\n"
BAD = HEADER + "A1234BC,Seán,MacDonald,1990-05-01,Hall B,convicted,\nB2345CD,Mary,,1985-03-02,,remand,\n"
GOOD = HEADER + "A1234BC,Seán,MacDonald,1990-05-01,Hall B,convicted,\nB2345CD,Mary,Jones,1985-03-02,,remand,\n"
TODAY = date.today()
NEXT_WEEK = TODAY + timedelta(days=7)


class Console:
    """The browser page of the story: each ``go`` checks the page with axe; ``shot`` keeps a screenshot."""

    def __init__(self, page, server, shots: Path):
        self.page, self.server, self.shots = page, server, shots
        page.set_default_timeout(15_000)

    def url(self, path: str) -> str:
        return f"{self.server.address}/console{path}"

    def checked(self) -> None:
        self.page.wait_for_load_state()
        assert_accessible(self.page)

    def shot(self, name: str) -> None:
        self.page.screenshot(path=str(self.shots / f"console-{name}.png"), full_page=True)


def fill_date(scope, day: date) -> None:
    scope.get_by_label("Day").fill(str(day.day))
    scope.get_by_label("Month").fill(str(day.month))
    scope.get_by_label("Year").fill(str(day.year))


def first_administrator(url: str) -> None:
    """As README says: the command on the server's computer, the password on standard input."""
    done = subprocess.run(
        [sys.executable, "-m", "visitorcentre", "server-admin", "--database-url", url, "console-user", "add", ADMIN]
        + ["--role", "national_admin", "--password-stdin"],
        input=PASSWORD + "\n",
        capture_output=True,
        text=True,
        env=os.environ.copy(),
        timeout=120,
    )
    assert done.returncode == 0, done.stderr


def sign_in(console: Console) -> None:
    page = console.page
    page.goto(console.url("/"))
    page.wait_for_url(re.compile(r"/console/sign-in$"))
    console.checked()
    page.get_by_label("Name").fill(ADMIN)
    page.get_by_label("Password").fill(PASSWORD)
    console.shot("sign-in")
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(re.compile(r"/sign-in/code$"))
    console.checked()
    secret = page.locator(".vc-secret").inner_text().strip()
    page.get_by_label("Code from your authenticator app").fill(pyotp.TOTP(secret.replace(" ", "")).now())
    page.get_by_role("button", name="Finish setting up and sign in").click()
    page.wait_for_url(re.compile(r"/console/$"))
    expect(page.get_by_text(f"You are signed in as {ADMIN}")).to_be_visible()
    console.checked()


def add_establishment(console: Console) -> None:
    page = console.page
    page.get_by_role("link", name="Establishments").first.click()
    page.wait_for_url(re.compile(r"/establishments$"))
    console.checked()
    page.get_by_role("button", name="Add an establishment").click()
    console.checked()
    page.get_by_label("Code").fill("BAR")
    page.get_by_label("Name").fill("HMP Barlinnie")
    page.get_by_role("button", name="Add the establishment").click()
    page.wait_for_url(re.compile(r"/establishments/BAR$"))
    console.checked()
    page.get_by_role("link", name="Change visiting rules").click()
    console.checked()
    page.get_by_label("What the lockers take").fill("Lockers take £1 coins.")
    page.get_by_role("button", name="Save the visiting rules").click()
    page.wait_for_url(re.compile(r"/establishments/BAR$"))
    expect(page.get_by_text("Visiting rules of HMP Barlinnie saved.")).to_be_visible()
    console.checked()
    console.shot("establishment")


def weekly_timetable(console: Console) -> None:
    """A session on today's weekday: today's is the one the desk checks in; next week's is blocked later."""
    page = console.page
    page.goto(console.url("/establishments/BAR/timetable"))
    expect(page.get_by_text("There are no weekly sessions yet.")).to_be_visible()
    console.checked()
    page.get_by_role("link", name="Add a weekly session").click()
    console.checked()
    page.get_by_label("Day of the week").select_option(label=f"{TODAY:%A}")
    page.get_by_label("Start time").fill("14:00")
    page.get_by_label("End time").fill("16:00")
    page.get_by_label("Room").fill("Visits hall")
    page.get_by_label("Capacity").fill("12")
    page.get_by_role("button", name="Save and make the sessions").click()
    page.wait_for_url(re.compile(r"/establishments/BAR/timetable$"))
    expect(page.get_by_role("cell", name=f"{TODAY:%A} 14:00 to 16:00")).to_be_visible()
    console.checked()
    console.shot("timetable")


def roster(console: Console) -> None:
    page = console.page

    def upload(text: str) -> None:
        page.get_by_label("Establishment").select_option("BAR")
        page.get_by_label("Roster file (CSV)").set_input_files(
            {"name": "roster.csv", "mimeType": "text/csv", "buffer": text.encode()}
        )
        page.get_by_role("button", name="Upload the roster").click()

    page.get_by_role("link", name="Roster").first.click()
    console.checked()
    upload(BAD)
    summary = page.get_by_role("alert")
    assert "Line 3, column 3: last_name: empty" in summary.inner_text()
    console.checked()
    console.shot("roster-error")
    upload(GOOD)
    expect(page.get_by_role("heading", name="Roster imported")).to_be_visible()
    expect(page.get_by_role("cell", name="Mary Jones")).to_be_visible()
    console.checked()


def enrolment_code(console: Console) -> str:
    page = console.page
    page.goto(console.url("/establishments/BAR/desks"))
    expect(page.get_by_text("No desk of HMP Barlinnie is enrolled yet.")).to_be_visible()
    console.checked()
    page.get_by_role("button", name="Make an enrolment code").click()
    code = page.locator("#enrolment-code").inner_text().strip()
    console.checked()
    return code


def open_prisoner(console: Console) -> None:
    page = console.page
    page.goto(console.url("/prisoners"))
    console.checked()
    page.get_by_label("Name or prison number").fill("A1234BC")
    page.get_by_role("button", name="Find").click()
    page.get_by_role("link", name="MacDonald, Seán").click()
    page.wait_for_url(re.compile(r"/prisoners/[^/]+$"))
    console.checked()


def approve(console: Console, name: str) -> None:
    page = console.page
    open_prisoner(console)
    page.get_by_role("link", name=f"Approve {name}").click()
    console.checked()
    page.get_by_label("Reason").fill("Mother; identity and relationship checked")
    page.get_by_role("button", name="Approve the visitor").click()
    page.wait_for_url(re.compile(r"/prisoners/[^/]+$"))
    expect(page.get_by_text(f"{name} was approved for the visitor list.")).to_be_visible()
    console.checked()


def restriction(console: Console) -> None:
    page = console.page
    open_prisoner(console)
    page.get_by_role("link", name="Add a restriction").click()
    console.checked()
    page.get_by_label("Closed visits only").check()
    page.get_by_label("Reason").fill("Security report")
    fill_date(page.get_by_role("group", name="From"), TODAY)
    page.get_by_role("button", name="Add the restriction").click()
    page.wait_for_url(re.compile(r"/prisoners/[^/]+$"))
    expect(page.get_by_text("In force")).to_be_visible()
    console.checked()
    console.shot("prisoner")


def ban(console: Console, name: str) -> None:
    page = console.page
    page.goto(console.url("/visitors"))
    console.checked()
    page.get_by_label("Name").fill(name.lower())
    page.get_by_role("button", name="Search").click()
    console.checked()
    page.get_by_role("link", name=name).click()
    console.checked()
    page.get_by_role("link", name="Add a ban").click()
    console.checked()
    page.get_by_label("Establishment (for a ban at one establishment)").select_option("BAR")
    page.get_by_label("Reason").fill("Passed an item during a visit")
    page.get_by_role("button", name="Add the ban").click()
    page.wait_for_url(re.compile(r"/visitors/[^/]+$"))
    expect(page.get_by_text("In force")).to_be_visible()
    console.checked()


def block_day(console: Console, reference: str) -> None:
    page = console.page
    page.goto(console.url("/establishments/BAR/timetable"))
    page.get_by_role("link", name="Block a day").click()
    console.checked()
    page.locator("#date").fill(str(NEXT_WEEK.day))
    page.locator("#date-month").fill(str(NEXT_WEEK.month))
    page.locator("#date-year").fill(str(NEXT_WEEK.year))
    page.get_by_label("Reason").fill("Staff training")
    page.get_by_role("button", name="Block the day").click()
    expect(page.get_by_text("1 visit is booked")).to_be_visible()
    assert "Mary MacDonald" in page.get_by_role("row", name=re.compile(reference)).inner_text()
    console.checked()
    page.get_by_role("button", name="Block the day").click()
    page.wait_for_url(re.compile(r"/establishments/BAR/timetable$"))
    expect(page.get_by_text("is blocked (1 session blocked)")).to_be_visible()
    console.checked()


def needs_review(console: Console, reference: str, words: str) -> None:
    page = console.page
    page.goto(console.url("/establishments/BAR"))
    page.get_by_role("link", name="Needs review").click()
    page.wait_for_url(re.compile(r"/establishments/BAR/needs-review$"))
    table = page.locator("#open-flags")
    expect(table.get_by_role("row").filter(has_text=words)).to_contain_text(reference)
    console.checked()
    console.shot("needs-review")


def pass_code(pdf: bytes) -> str:
    document = pypdfium2.PdfDocument(pdf)
    try:
        image = document[0].render(scale=300 / 72).to_pil()
    finally:
        document.close()
    (found,) = [c.text for c in zxingcpp.read_barcodes(image) if c.format == zxingcpp.BarcodeFormat.QRCode]
    return found


def test_an_establishment_set_up_from_nothing_and_a_desk_does_a_visit(console_url, live_server, page, tmp_path):
    shots = Path(os.environ.get("VC_CONSOLE_SCREENSHOTS") or tmp_path)
    console = Console(page, live_server, shots)
    first_administrator(console_url)
    sign_in(console)
    add_establishment(console)
    weekly_timetable(console)
    roster(console)
    code = enrolment_code(console)

    # A new desk enrols with the code over the network, as at first run, and takes the establishment.
    path = tmp_path / "desk" / "desk.sqlite3"
    pulled = first_run.enrol_new(path, live_server.address, code)
    assert pulled.establishment == "BAR" and pulled.problem == ""
    page.get_by_role("link", name="Back to the desks").click()
    expect(page.get_by_role("row").filter(has_text="Active")).to_have_count(1)
    console.checked()
    console.shot("desks")

    desk = open_desk(path, actor=Actor("Dana Desk", "manager"), clock=FixedClock(datetime.combine(TODAY, time(13))))
    try:
        (prisoner,) = desk.visits.find_prisoners("A1234BC")  # from the console's roster
        mum = desk.visits.register_visitor(
            VisitorDetails("Mary", "MacDonald", date(1970, 2, 3)), prisoner.id, RelationshipKind.PARENT
        )
        assert desk.sync.now().pending == 0
        approve(console, "Mary MacDonald")  # the desk's family, approved for his list at the centre
        desk.sync.now()

        sessions = {s.date: s for s in desk.visits.bookable_sessions()}  # made by the console's timetable
        assert sessions[TODAY].starts_at == time(14) and sessions[TODAY].room == "Visits hall"
        today_visit = desk.visits.visit_for_scan(desk.visits.book_visit(sessions[TODAY].id, prisoner.id, [mum]))
        later = desk.visits.book_visit(sessions[NEXT_WEEK].id, prisoner.id, [mum])
        desk.visits.check_in(today_visit)
        token = pass_code(desk.passes.issue_pass(today_visit))
        verdict = desk.passes.verify_token(token)
        assert verdict.valid, verdict
        assert verdict.reference == desk.visits.visit(today_visit).reference and verdict.party_size == 1
        assert desk.sync.now().pending == 0

        restriction(console)
        ban(console, "Mary MacDonald")
        block_day(console, later)
        desk.sync.now()

        detail = desk.visits.visit(desk.visits.visit_for_scan(later))
        assert any("Security report" in words for words in detail.restrictions)
        assert "banned" in [r.code for r in detail.party[0].results]
        assert NEXT_WEEK not in [s.date for s in desk.visits.bookable_sessions()]
        (blocked,) = desk.visits.today(NEXT_WEEK)
        assert blocked.blocked_reason == "Staff training"
        with pytest.raises(NotAllowed, match="The prison has cancelled the 14:00 session .*: Staff training"):
            desk.visits.book_visit(sessions[NEXT_WEEK].id, prisoner.id, [mum])
        # The console's ban flagged the booked visit after that one sync, in plain words ...
        later_id = desk.visits.visit_for_scan(later)
        flags = {f.reason: f for f in desk.visits.needing_review() if f.visit_id == later_id}
        assert {"ban", "session_blocked"} <= set(flags)
        assert flags["ban"].words.startswith("Mary MacDonald was banned on")
        assert desk.sync.now().pending == 0  # ... and the flags reach the centre with the next
        needs_review(console, later, flags["ban"].words)
        assert desk.sync.issues() == []
    finally:
        desk.close()
