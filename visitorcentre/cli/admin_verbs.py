"""The administrators' verbs: staff and the audit log at a desk, and the central server and sync."""

from __future__ import annotations

import argparse
from pathlib import Path

from visitorcentre.cli.verbs import VerbParser, positive, verb


def add_staff_verbs(verbs) -> None:
    """``staff add|list|disable`` and ``audit verify`` (run by ``cli/staff.py``)."""
    staff = verbs.add_parser("staff", help="staff who sign in at the desk: add, list, disable")
    actions = staff.add_subparsers(dest="staff_verb", metavar="ACTION", parser_class=VerbParser, required=True)
    add = verb(
        actions,
        "add",
        "visitorcentre.cli.staff:run_add",
        help="add a staff member; the PIN is asked for twice (or read as two lines of stdin)",
    )
    add.add_argument("name", metavar="NAME")
    add.add_argument("--role", choices=("desk", "manager", "admin"), required=True)
    add.add_argument("--db", type=Path, required=True, dest="verb_db")
    listing = verb(actions, "list", "visitorcentre.cli.staff:run_list", help="every staff member and role")
    listing.add_argument("--db", type=Path, required=True, dest="verb_db")
    listing.add_argument("--json", action="store_true")
    disable = verb(actions, "disable", "visitorcentre.cli.staff:run_disable", help="stop a staff member signing in")
    disable.add_argument("name", metavar="NAME")
    disable.add_argument("--db", type=Path, required=True, dest="verb_db")
    audit = verbs.add_parser("audit", help="the audit log: check its hash chain")
    audit_actions = audit.add_subparsers(dest="audit_verb", metavar="ACTION", parser_class=VerbParser, required=True)
    verify = verb(
        audit_actions,
        "verify",
        "visitorcentre.cli.staff:run_verify",
        help="check the audit log's hash chain (exit 0 intact, 1 broken, naming the first broken entry)",
    )
    verify.add_argument("--db", type=Path, required=True, dest="verb_db")
    verify.add_argument("--json", action="store_true")


def add_server_verbs(verbs) -> None:
    """``server``, ``server-admin``, ``enrol`` and ``sync``: the central server and a desk's link to it."""
    server = verb(
        verbs,
        "server",
        "visitorcentre.cli.sync:run_server",
        help="run the central server (FastAPI under uvicorn) until stopped",
    )
    server.add_argument(
        "--database-url",
        default=None,
        help="sqlite:///FILE (default: server.sqlite3 in the data folder) or postgresql+psycopg://…",
    )
    server.add_argument("--host", default="127.0.0.1")
    server.add_argument("--port", type=positive, default=8765)
    server.add_argument(
        "--workers", type=positive, default=1, help="worker processes (they share only the database; default 1)"
    )
    server.add_argument(
        "--trusted-proxies",
        "--forwarded-allow-ips",
        dest="trusted_proxies",
        default="",
        help="comma-separated addresses of the reverse proxies whose X-Forwarded-For is believed "
        "(default: none, the header is ignored)",
    )

    admin = verb(
        verbs,
        "server-admin",
        "visitorcentre.cli.sync:run_server_admin",
        help="the central server's administration: demo data, enrolment codes, devices, the roster",
    )
    admin.add_argument("--database-url", default=None, help="the server's database (as for `server`)")
    admin_verbs = admin.add_subparsers(dest="admin_verb", metavar="VERB", parser_class=VerbParser, required=True)
    admin_demo = admin_verbs.add_parser("demo", help="national reference data and the demo establishments")
    admin_demo.add_argument("--visitors", type=positive, default=2000)
    admin_demo.add_argument("--seed", type=int, default=1)
    admin_demo.add_argument("--json", action="store_true")
    code = admin_verbs.add_parser("enrolment-code", help="print a one-time code that enrols one desk (expires in 24 h)")
    code.add_argument("--establishment", required=True, help="its code, e.g. BAR")
    listing = admin_verbs.add_parser("devices", help="the enrolled desks")
    listing.add_argument("--json", action="store_true")
    revoke = admin_verbs.add_parser("revoke", help="stop a desk from syncing")
    revoke.add_argument("device_id", metavar="DEVICE_ID")
    roster = admin_verbs.add_parser("import-roster", help="load an establishment's prisoner roster (all rows or none)")
    roster.add_argument("file", type=Path, metavar="FILE.csv")
    roster.add_argument("--establishment", required=True, help="its code, e.g. BAR")
    console_user = admin_verbs.add_parser("console-user", help="people who sign in to the central console")
    console_actions = console_user.add_subparsers(
        dest="console_verb", metavar="ACTION", parser_class=VerbParser, required=True
    )
    console_add = console_actions.add_parser(
        "add",
        help="add a console user; the password is asked for twice (or read from stdin with --password-stdin); "
        "the authenticator app is set up at their first sign-in",
    )
    console_add.add_argument("name", metavar="NAME")
    console_add.add_argument(
        "--role",
        required=True,
        type=lambda text: text.replace("-", "_"),
        choices=("national_admin", "establishment_admin", "caseworker", "analyst"),
    )
    console_add.add_argument(
        "--establishment",
        dest="establishments",
        action="append",
        default=[],
        metavar="CODE",
        help="an establishment the user works for (repeat for several; needed for an establishment_admin)",
    )
    console_add.add_argument("--password-stdin", action="store_true", help="read the password as one line of stdin")
    sessions = admin_verbs.add_parser(
        "make-sessions",
        help="make the dated visiting sessions of every weekly session some weeks ahead (run it nightly; "
        "running it again makes nothing twice)",
    )
    sessions.add_argument("--weeks", type=positive, default=8, help="how many weeks ahead (default 8)")
    sessions.add_argument("--establishment", default="", metavar="CODE", help="only this establishment")
    rotate = admin_verbs.add_parser(
        "rotate-pass-key",
        help="give an establishment a new pass-signing key; passes "
        "printed with the old one stay good for sessions up to today",
    )
    rotate.add_argument("establishment", metavar="CODE", help="the establishment's code, e.g. BAR")
    rotate.add_argument("--database-url", default=argparse.SUPPRESS, help="the server's database (as for `server`)")
    claims = admin_verbs.add_parser("claims", help="travel-costs claims at the centre")
    claims_actions = claims.add_subparsers(dest="claims_verb", metavar="ACTION", parser_class=VerbParser, required=True)
    claims_actions.add_parser(
        "auto-approve",
        help="run the automatic approval checks on every submitted claim and approve those that pass "
        "(run it on a timer, e.g. every 10 minutes; it does nothing while automatic approval is off)",
    )
    admin_verbs.add_parser(
        "rebuild-typed-copies",
        help="make the console's typed copies again from the document store (one transaction)",
    )

    enrol = verb(
        verbs,
        "enrol",
        "visitorcentre.cli.sync:run_enrol",
        help="enrol a new desk with the central server (a one-time code) and take its records",
    )
    enrol.add_argument("url", metavar="URL", help="the server, e.g. https://visits.example.scot")
    enrol.add_argument("code", metavar="CODE", help="the one-time enrolment code")
    enrol.add_argument("--db", type=Path, required=True, dest="verb_db")
    enrol.add_argument("--desk-name", default="", help="what staff call this desk (default: the computer's name)")

    sync = verb(
        verbs,
        "sync",
        "visitorcentre.cli.sync:run_sync",
        help="send this desk's changes to the central server and take what changed there",
    )
    sync.add_argument("--db", type=Path, required=True, dest="verb_db")
    sync.add_argument("--json", action="store_true", help='print {"pushed", "pulled", "pending", "issues"}')
