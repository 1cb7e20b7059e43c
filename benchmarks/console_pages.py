"""The console at national scale: every console page's p50/p95, on PostgreSQL, beside a baseline from the same run.

    python benchmarks/console_pages.py [--quick] [--json FILE] [--keep] [--schema NAME] [--fill-only] [--pages WORDS]
    (or: python benchmarks/run.py --only console)

A PostgreSQL schema of its own is filled at national scale (console_fill.py: 20 establishments,
10,000 prisoners, 300,000 visitors, 2,000,000 visits with their sessions and parties; ``--quick``
fills a fiftieth of it), then the console app runs in this process and a signed-in national
administrator asks for each page in ``PAGES`` ~30 times through an in-process ASGI client.
``PAGES`` is the table of pages to measure: a page of another area is one more line. A page in
the table that the app does not have yet is left out and named; a console page the app has that
is not in the table is named too, so none goes unmeasured unseen. The baseline is GET /health
asked the same way, since absolute times drift on a shared machine.

Budget (DESIGN.md): every console page p95 under 200 ms at national scale on PostgreSQL; the national
figures (issue 16) a year in under 2 s (``BUDGETS_P95_MS``).
The schema is dropped at the end unless ``--keep``.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
import uuid
from datetime import date, datetime, timedelta
from pathlib import Path
from urllib.parse import quote

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

import console_fill  # noqa: E402

PG = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
PG_PLAIN = "host=127.0.0.1 port=5432 dbname=test user=postgres"
REQUESTS = 30
WARM_UP = 3
BUDGET_P95_MS = 200.0

#: (what the page is, its address): ``{name}`` is filled from the samples (``samples``). One line per page.
_END = date.today()
_START = _END.replace(year=_END.year - 1) + timedelta(days=1)
#: The year to today, as the figures page's date fields ask for it.
_A_YEAR = (
    f"start-day={_START.day}&start-month={_START.month}&start-year={_START.year}"
    f"&end-day={_END.day}&end-month={_END.month}&end-year={_END.year}"
)
#: Pages with a budget of their own (issue 16: a year's national report in under 2 s).
BUDGETS_P95_MS = {
    "a year's national figures": 2000.0,
    "the figures as CSV": 2000.0,
    "the figures as PDF": 2000.0,
    "a year's claim figures": 2000.0,
    "the claim figures as CSV": 2000.0,
}

PAGES: list[tuple[str, str]] = [
    ("home", "/console/"),
    ("establishments", "/console/establishments"),
    ("add an establishment form", "/console/establishments/new"),
    ("an establishment", "/console/establishments/{code}"),
    ("its details form", "/console/establishments/{code}/details"),
    ("its visiting rules form", "/console/establishments/{code}/rules"),
    ("its contact form", "/console/establishments/{code}/contact"),
    ("its advice rules", "/console/establishments/{code}/advice"),
    ("a new advice rule form", "/console/establishments/{code}/advice/new"),
    ("an advice rule form", "/console/establishments/{code}/advice/{rule_id}"),
    ("its support services", "/console/establishments/{code}/support"),
    ("a new support service form", "/console/establishments/{code}/support/new"),
    ("a support service form", "/console/establishments/{code}/support/{service_id}"),
    ("its desks", "/console/establishments/{code}/desks"),
    ("a desk", "/console/establishments/{code}/desks/{device_id}"),
    ("revoking a desk", "/console/establishments/{code}/desks/{device_id}/revoke"),
    ("central audit log", "/console/audit"),
    ("an audit entry", "/console/audit/entries/{seq}"),
    ("the audit log as CSV", "/console/audit.csv"),
    ("checking the audit chain", "/console/audit/check"),
    ("console users", "/console/users"),
    ("add a console user form", "/console/users/new"),
    ("a console user", "/console/users/{user_id}"),
    ("in the building now", "/console/establishments/{code}/in-the-building"),
    ("its evacuation list PDF", "/console/establishments/{code}/in-the-building.pdf"),
    ("its visits that need review", "/console/establishments/{code}/needs-review"),
    ("a year's national figures", "/console/figures?" + _A_YEAR),
    ("the figures as CSV", "/console/figures.csv?" + _A_YEAR),
    ("the figures as PDF", "/console/figures.pdf?" + _A_YEAR),
    # the visiting timetable
    ("timetable: choose a place", "/console/timetable"),
    ("its coming weeks", "/console/establishments/{code}/timetable"),
    ("a new weekly session form", "/console/establishments/{code}/timetable/weekly/new"),
    ("a weekly session form", "/console/establishments/{code}/timetable/weekly/{template_id}"),
    ("a new one-off session form", "/console/establishments/{code}/timetable/one-off/new"),
    ("a session and its bookings", "/console/establishments/{code}/timetable/sessions/{session_id}"),
    ("changing a session form", "/console/establishments/{code}/timetable/sessions/{session_id}/change"),
    ("blocking a session form", "/console/establishments/{code}/timetable/sessions/{session_id}/block"),
    ("unblocking a session form", "/console/establishments/{code}/timetable/sessions/{session_id}/unblock"),
    ("blocking a day form", "/console/establishments/{code}/timetable/block-day"),
    ("unblocking a day form", "/console/establishments/{code}/timetable/days/{day}/unblock"),
    # prisoners, restrictions and the visitor list
    ("prisoners: the search form", "/console/prisoners"),
    ("prisoners by name prefix", "/console/prisoners?q=Mac"),
    ("prisoners by full name", "/console/prisoners?q=Ann+Smith"),
    ("a prisoner by prison number", "/console/prisoners?q={prison_number}"),
    ("add a prisoner form", "/console/prisoners/add"),
    ("a prisoner", "/console/prisoners/{prisoner_id}"),
    ("editing a prisoner form", "/console/prisoners/{prisoner_id}/edit"),
    ("moving a prisoner form", "/console/prisoners/{prisoner_id}/move"),
    ("releasing a prisoner form", "/console/prisoners/{prisoner_id}/release"),
    ("adding a restriction form", "/console/prisoners/{prisoner_id}/restrictions/add"),
    ("lifting a restriction form", "/console/restrictions/{restriction_id}/lift"),
    ("approving a listed visitor", "/console/visitor-list/{relationship_id}/{decision}"),
    ("the roster upload", "/console/roster"),
    ("integrations (roster feeds)", "/console/integrations"),
    # visitors and bans
    ("visitors: the search form", "/console/visitors"),
    ("visitors by last name", "/console/visitors?name=Smith"),
    ("visitors by full name", "/console/visitors?name=Ann+Smith"),
    ("a visitor", "/console/visitors/{visitor_id}"),
    ("a new ban form", "/console/visitors/{visitor_id}/bans/new"),
    ("lifting a ban form", "/console/visitors/{visitor_id}/bans/{ban_id}/lift"),
    # travel-costs claims (issue 15)
    ("claims queue (submitted)", "/console/claims"),
    ("claims queue: paid", "/console/claims?status=paid"),
    ("claims queue: one place", "/console/claims?status=submitted&establishment={code}"),
    ("claims queue: any warning", "/console/claims?status=submitted&warning=any"),
    ("claims queue: no warnings", "/console/claims?status=submitted&warning=none"),
    ("claims queue: a duplicate", "/console/claims?status=submitted&warning=duplicate"),
    ("claims queue: receipts", "/console/claims?status=submitted&warning=receipts_missing"),
    ("claims queue: £50 to £200", "/console/claims?status=submitted&min=50&max=200"),
    ("claims queue: 14 days old", "/console/claims?status=submitted&age=14"),
    ("claims queue: all filters", "/console/claims?status=approved&establishment={code}&warning=any&min=10&age=7"),
    ("claims queue: next page", "/console/claims?status=submitted&after={after}"),
    ("a claim (PNG receipt)", "/console/claims/{claim_id}"),
    ("a claim (PDF receipt)", "/console/claims/{pdf_claim_id}"),
    ("a receipt file", "/console/claims/{claim_id}/files/{attachment_id}"),
    ("a PDF receipt's page", "/console/claims/{pdf_claim_id}/files/{pdf_attachment_id}/pages/{number}"),
    ("a year's claim figures", "/console/claim-figures"),
    ("the claim figures as CSV", "/console/claim-figures.csv"),
    ("automatic approval settings", "/console/claim-settings/automatic-approval"),
    ("the scheme's rates", "/console/claim-settings/scheme-rates"),
]
BASELINE = ("baseline: /health", "/health")
#: Pages for someone not signed in yet (a signed-in person is sent on): not measured here.
SIGNED_OUT = ("/console/sign-in", "/console/sign-in/code")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def new_schema() -> str:
    import psycopg

    schema = f"vc_console_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(PG_PLAIN, autocommit=True) as connection:
        connection.execute(f'CREATE SCHEMA "{schema}"')
    return schema


def drop_schema(schema: str) -> None:
    import psycopg

    with psycopg.connect(PG_PLAIN, autocommit=True) as connection:
        connection.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


def url_of(schema: str) -> str:
    return f"{PG}?options=-csearch_path%3D{schema}"


def fill(schema: str, quick: bool, today: date) -> tuple[dict[str, int], float]:
    """Migrate the schema and fill it; returns (records of each kind, seconds)."""
    import psycopg

    from visitorcentre.server import database

    engine = database.make_engine(url_of(schema))
    database.migrate(engine)
    engine.dispose()
    started = time.perf_counter()
    with psycopg.connect(PG_PLAIN, options=f"-csearch_path={schema}") as connection:
        connection.execute("SET synchronous_commit = off")
        counts = console_fill.fill(connection, console_fill.QUICK if quick else console_fill.FULL, today)
    return counts, time.perf_counter() - started


def samples(engine, now: datetime) -> dict[str, str]:
    """One of each thing a page's address names, made through the centre's own services where there are any."""
    from sqlalchemy import func, select
    from sqlalchemy.orm import Session

    from visitorcentre.server import devices
    from visitorcentre.server.centre import advice_rules, desks, support_services
    from visitorcentre.server.centre.access import Scope
    from visitorcentre.server.centre.models import CentreAudit
    from visitorcentre.server.models import Document

    code = console_fill.code_of(0)
    everywhere = Scope.national()
    with Session(engine) as session, session.begin():
        rule = None
        for n, (category, text) in enumerate(
            (("dress", "No hooded tops."), ("money", "Up to £10."), ("id", "Bring ID."))
        ):
            rule = advice_rules.add(
                session, everywhere, "Benchmark", now, code, advice_rules.Wording(category, "must", f"{text} ({n})")
            )
        service = support_services.add(
            session, everywhere, "Benchmark", now, code, support_services.Details("Family centre", "visitor_centre")
        )
        device = None
        for n in range(3):
            made = desks.make_code(session, everywhere, "Benchmark", now, code, "http://127.0.0.1")
            device, _secret = devices.enrol(session, made.code, f"Desk {n + 1}", now)
        found = {
            "code": code,
            "rule_id": rule.id if rule else "",
            "service_id": service.id,
            "device_id": device.device_id if device else "",
            "seq": str(session.scalar(select(func.max(CentreAudit.seq)))),
            "prisoner": str(session.scalar(select(Document.row_id).where(Document.entity == "prisoner").limit(1))),
            "visitor": str(session.scalar(select(Document.row_id).where(Document.entity == "visitor").limit(1))),
        }
        found |= _more_samples(session, now, code)
    return found


def _more_samples(session, now: datetime, code: str) -> dict[str, str]:
    """The timetable's, prisoners', visitors' and claims' samples: a weekly session and a restriction made
    through the centre's services, the rest read from the filled data (console_fill, console_claims)."""
    from sqlalchemy import select

    from visitorcentre.server.centre import claims_queue, restrictions, timetable, typed
    from visitorcentre.server.centre.reach import Reach
    from visitorcentre.server.centre.timetable_input import read_template

    rid = console_fill.rid
    plan = read_template("2", "10:00", "11:30", "Family room", "standard", "12", now.date().isoformat(), "")
    template, _made = timetable.add_template(session, Reach.national("Benchmark"), code, plan, now.date(), now)
    prisoner_id = rid("prisoner", 0)
    restriction_id = restrictions.add(
        session,
        actor="Benchmark",
        scope=None,  # (centre.scope: every establishment)
        now=now,
        prisoner_id=prisoner_id,
        kind="closed_visits",
        detail="",
        reason="Benchmark",
        starts_on=now.date(),
        ends_on=None,
    )
    coming = session.scalar(
        select(typed.TypedSession.row_id)
        .where(typed.TypedSession.establishment == code, typed.TypedSession.date >= now.date() + timedelta(days=7))
        .order_by(typed.TypedSession.date, typed.TypedSession.starts_at)
        .limit(1)
    )
    second_page = claims_queue.queue(session, None, claims_queue.Filters(), now).next_after
    return {
        "after": quote(second_page or "", safe=""),
        "template_id": template.id,
        "session_id": str(coming),
        "day": (now.date() + timedelta(days=7)).isoformat(),
        "prisoner_id": prisoner_id,
        "prison_number": "A000123",
        "restriction_id": restriction_id,
        "relationship_id": rid("relationship", 0),
        "decision": "remove",
        "visitor_id": rid("visitor", 0),
        "ban_id": rid("ban", 0),
        "claim_id": rid("cost_application", 0),  # (claim 0 has a PNG receipt, claim 2 a PDF: console_claims)
        "attachment_id": rid("cost_attachment", 0),
        "pdf_claim_id": rid("cost_application", 2),
        "pdf_attachment_id": rid("cost_attachment", 2),
        "number": "1",
    }


def sign_in(client, engine, now: datetime) -> str:
    """A national administrator signed in: the session row made as a real sign-in makes it (``signin.start``),
    past the second factor, which a benchmark cannot type."""
    import secrets

    from sqlalchemy.orm import Session

    from visitorcentre.server.console import accounts, signin
    from visitorcentre.server.console.web import COOKIE

    with Session(engine) as session, session.begin():
        user = accounts.add(
            session,
            actor="benchmark",
            name=f"Benchmark administrator {uuid.uuid4().hex[:6]}",  # (a kept schema is measured again)
            role=accounts.NATIONAL_ADMIN,
            establishments=[],
            password=secrets.token_urlsafe(24),
            now=now,
        )
        token = signin.start(session, user, signin.SIGNED_IN, now).token
        user_id = user.id
    client.cookies.set(COOKIE, token, domain="testserver.local", path="/console")
    return user_id


def routes_of(app) -> set[str]:
    """The GET routes of the app and of the apps mounted in it (the console is mounted at /console)."""
    from starlette.routing import Mount

    found: set[str] = set()

    def walk(routes, prefix: str) -> None:
        for route in routes:
            if isinstance(route, Mount):
                walk(route.routes, prefix + route.path)
            elif hasattr(route, "original_router"):  # a router included as one (FastAPI 0.12x and later)
                walk(route.original_router.routes, prefix + str(getattr(route.include_context, "prefix", "") or ""))
            elif "GET" in (getattr(route, "methods", None) or ()):
                found.add(prefix + route.path)

    walk(app.routes, "")
    return found


def time_page(client, path: str) -> dict:
    for _ in range(WARM_UP):
        client.get(path)
    took, status = [], 0
    for _ in range(REQUESTS):
        started = time.perf_counter()
        answer = client.get(path)
        took.append((time.perf_counter() - started) * 1000)
        status = answer.status_code
    return {"status": status, "p50_ms": statistics.median(took), "p95_ms": percentile(took, 0.95)}


def _shape(path: str) -> str:
    """A route's path with its placeholders unnamed (a line may name a sample its own way: {pdf_claim_id})."""
    return re.sub(r"\{[^}]*\}", "{}", path.split("?")[0])


def measure(quick: bool, keep: bool = False, reuse: str = "", fill_only: bool = False, only: str = "") -> dict:
    from starlette.testclient import TestClient

    from visitorcentre.server.app import create_app

    today = date.today()
    now = datetime.utcnow()
    schema = reuse or new_schema()
    keep = keep or bool(reuse)
    try:
        if reuse:  # a schema an earlier run filled and kept (--keep): migrated to today's head, not filled again
            from visitorcentre.server import database

            started = time.perf_counter()
            database.migrate(database.make_engine(url_of(schema)))
            counts, fill_s = {"reused schema": 1}, time.perf_counter() - started
        else:
            counts, fill_s = fill(schema, quick, today)
            if keep or fill_only:
                print(f"kept schema {schema} (measure it again with --schema {schema})", flush=True)
            if fill_only:
                keep = True
                return {"scale": counts, "fill_s": fill_s, "schema": schema}
        app = create_app(url_of(schema))
        engine = app.state.engine
        found = samples(engine, now)
        results: dict = {"scale": counts, "fill_s": fill_s, "pages": {}, "not_yet": [], "not_in_table": []}
        with TestClient(app, base_url="http://testserver", follow_redirects=False) as client:
            found["user_id"] = sign_in(client, engine, now)
            results["baseline"] = time_page(client, BASELINE[1])
            routes = {_shape(r): r for r in routes_of(app)}
            for label, template in PAGES:
                if only and only not in label:
                    continue
                if _shape(template) not in routes:
                    results["not_yet"].append(template)
                    continue
                results["pages"][label] = {"path": template} | time_page(client, template.format(**found))
            listed = {_shape(template) for _label, template in PAGES} | set(SIGNED_OUT)
            results["not_in_table"] = sorted(
                r
                for shape, r in routes.items()
                if r.startswith("/console") and shape not in listed and "static" not in r
            )
        engine.dispose()
        return results
    finally:
        if not keep:
            drop_schema(schema)


def report(results: dict) -> list[str]:
    scale = results["scale"]
    lines = [
        f"filled in {results['fill_s']:.1f} s: " + ", ".join(f"{count:,} {kind}" for kind, count in scale.items()),
        f"{'page':<28}{'status':>7}{'p50 ms':>9}{'p95 ms':>9}  budget p95 < {BUDGET_P95_MS:.0f} ms",
        f"{BASELINE[0]:<28}{results['baseline']['status']:>7}{results['baseline']['p50_ms']:>9.1f}"
        f"{results['baseline']['p95_ms']:>9.1f}",
    ]
    for label, figures in results["pages"].items():
        budget = BUDGETS_P95_MS.get(label, BUDGET_P95_MS)
        mark = "" if figures["p95_ms"] < budget and figures["status"] == 200 else "  OVER BUDGET or not 200"
        lines.append(f"{label:<28}{figures['status']:>7}{figures['p50_ms']:>9.1f}{figures['p95_ms']:>9.1f}{mark}")
    if results["not_yet"]:
        lines.append("not in the app yet: " + ", ".join(results["not_yet"]))
    if results["not_in_table"]:
        lines.append("console pages not in the table (add a line to PAGES): " + ", ".join(results["not_in_table"]))
    return lines


def over_budget(results: dict) -> list[str]:
    return [
        label
        for label, f in results["pages"].items()
        if f["p95_ms"] >= BUDGETS_P95_MS.get(label, BUDGET_P95_MS) or f["status"] != 200
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="a fiftieth of national scale, for a fast look")
    parser.add_argument("--json", type=Path, help="write the figures to this JSON file")
    parser.add_argument("--keep", action="store_true", help="keep the filled schema (its name is printed)")
    parser.add_argument("--schema", default="", help="measure a schema an earlier --keep run filled (kept)")
    parser.add_argument("--fill-only", action="store_true", help="fill a schema and keep it, measuring nothing")
    parser.add_argument("--pages", default="", help="measure only the pages whose line holds these words")
    args = parser.parse_args()
    results = measure(args.quick, args.keep, args.schema, args.fill_only, args.pages)
    if args.fill_only:
        print(f"filled {results['schema']} in {results['fill_s']:.1f} s: {results['scale']}")
        return 0
    print("\n".join(report(results)))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    over = over_budget(results)
    print("within budget" if not over else f"OVER BUDGET: {', '.join(over)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
