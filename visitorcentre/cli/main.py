"""The command line: the desk app by default, and verbs for admins, scripts and checks.

A user's mistake is one line on stderr and exit status 2; never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from datetime import date
from pathlib import Path

from visitorcentre import __version__
from visitorcentre.config import logs
from visitorcentre.core.errors import VisitorCentreError
from visitorcentre.files.private import keep_private

log = logging.getLogger(__name__)
USER_ERROR = 2


class UsageError(VisitorCentreError):
    """A command-line argument is wrong."""


class _Parser(argparse.ArgumentParser):
    """argparse, but a mistake is one line on stderr."""

    def error(self, message: str) -> None:  # noqa: D401 - argparse's hook
        raise UsageError(f"{self.prog}: {message}")


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}” is not a date; write it as YYYY-MM-DD") from None


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}” is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"“{text}” cannot be negative")
    return value


def _at_most(maximum: int, what: str):
    """A whole number from 0 to ``maximum`` (a demo of a billion visitors is a typing mistake, not a request)."""

    def parse(text: str) -> int:
        value = _positive(text)
        if value > maximum:
            raise argparse.ArgumentTypeError(f"“{text}” is too many {what} (at most {maximum:,})")
        return value

    return parse


def _one_line(text: str) -> str:
    """An error message kept to one line: a newline or other control character typed in an argument is shown escaped."""
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in str(text))


def _verb(verbs, name: str, runner: str, **kwargs) -> argparse.ArgumentParser:
    """A verb whose work is done by ``runner`` ("module:function"), imported only when the verb runs."""
    parser = verbs.add_parser(name, **kwargs)
    parser.set_defaults(runner=runner)
    return parser


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="visitorcentre",
        description="Visitor Centre: the prison visitor centre desk. With no verb, opens the desk app.",
    )
    parser.add_argument("--version", action="version", version=f"visitorcentre {__version__}")
    parser.add_argument("--db", type=Path, help="the desk database (default: desk.sqlite3 in the data folder)")
    parser.add_argument(
        "--demo", action="store_true", help="open a demo database in the data folder, making it if needed"
    )
    parser.add_argument("--staff", default=None, help="the staff member's name shown in the status bar")
    parser.add_argument("--smoke-test", type=Path, default=None, metavar="FOLDER", help=argparse.SUPPRESS)
    verbs = parser.add_subparsers(dest="verb", metavar="VERB", parser_class=_Parser)

    demo = _verb(
        verbs,
        "demo",
        "visitorcentre.cli.common:run_demo",
        help="fill a database with realistic demo data, or act out a day at the desk",
    )
    demo.add_argument("--db", type=Path, required=True, dest="verb_db")
    demo.add_argument(
        "--visitors", type=_at_most(2_000_000, "visitors"), default=2000, help="how many visitors (default 2000)"
    )
    demo.add_argument(
        "--days", type=_at_most(3_660, "days"), default=14, help="days of sessions around today (default 14)"
    )
    demo.add_argument(
        "--activity",
        type=_at_most(1_000_000, "actions"),
        default=0,
        help="then perform K desk actions through the services",
    )
    demo.add_argument("--seed", type=int, default=1, help="the random seed (same seed, same data)")
    demo.add_argument("--json", action="store_true", help="print a JSON summary")

    search = _verb(
        verbs,
        "search",
        "visitorcentre.cli.common:run_search",
        help="find visitors by name, visit reference or prison number",
    )
    search.add_argument("query")
    search.add_argument("--db", type=Path, required=True, dest="verb_db")
    search.add_argument("--limit", type=_at_most(10_000, "results"), default=20)
    search.add_argument("--json", action="store_true")

    visits = _verb(verbs, "visits", "visitorcentre.cli.common:run_visits", help="the day list: every visit on a date")
    visits.add_argument("--db", type=Path, required=True, dest="verb_db")
    visits.add_argument("--date", type=_iso_date, required=True)
    visits.add_argument("--establishment", default=None, help="only this establishment (its code, e.g. BAR)")
    visits.add_argument("--json", action="store_true")

    visit = _verb(verbs, "visit", "visitorcentre.cli.common:run_visit", help="one visit, with each person's checks")
    visit.add_argument("reference")
    visit.add_argument("--db", type=Path, required=True, dest="verb_db")
    visit.add_argument("--json", action="store_true")

    layouts = ("a6", "receipt")
    pass_ = _verb(
        verbs,
        "pass",
        "visitorcentre.cli.passes:run_pass",
        help="print one visit's pass to a PDF (recorded, like printing it at the desk)",
    )
    pass_.add_argument("reference")
    pass_.add_argument("--db", type=Path, required=True, dest="verb_db")
    pass_.add_argument("--out", type=Path, required=True, help="the PDF file to write")
    pass_.add_argument("--layout", choices=layouts, default="a6", help="A6 card (default) or 80 mm receipt roll")
    pass_.add_argument("--reason", default="", help="why a pass printed before is printed again")

    passes = _verb(
        verbs,
        "passes",
        "visitorcentre.cli.passes:run_passes",
        help="print every booked or checked-in visit's pass for a date into one PDF",
    )
    passes.add_argument("--db", type=Path, required=True, dest="verb_db")
    passes.add_argument("--date", type=_iso_date, required=True)
    passes.add_argument("--establishment", default=None, help="only this establishment (its code, e.g. BAR)")
    passes.add_argument("--out", type=Path, required=True, help="the PDF file to write")
    passes.add_argument("--layout", choices=layouts, default="a6")
    passes.add_argument("--reason", default="", help="why passes printed before are printed again")

    verify = _verb(
        verbs,
        "verify",
        "visitorcentre.cli.passes:run_verify",
        help="check a pass token as the hall door would (exit 0 valid, 1 not)",
    )
    verify.add_argument("token")
    verify.add_argument("--db", type=Path, required=True, dest="verb_db")
    verify.add_argument("--establishment", default=None, help="check as this establishment (default: the desk's)")
    verify.add_argument("--json", action="store_true")

    day_list = _verb(
        verbs,
        "day-list",
        "visitorcentre.cli.passes:run_day_list",
        help="print the day list (every visit on a date) to a PDF",
    )
    day_list.add_argument("--db", type=Path, required=True, dest="verb_db")
    day_list.add_argument("--date", type=_iso_date, required=True)
    day_list.add_argument("--establishment", default=None, help="only this establishment (its code, e.g. BAR)")
    day_list.add_argument("--out", type=Path, required=True, help="the PDF file to write")

    advice = _verb(
        verbs,
        "advice",
        "visitorcentre.cli.advice:run_advice",
        help="an establishment's advice rules in force today, in a language",
    )
    advice.add_argument("--db", type=Path, required=True, dest="verb_db")
    advice.add_argument("--establishment", required=True, help="its code, e.g. BAR")
    advice.add_argument("--lang", default="en", help="en (default), pl or gd")
    advice.add_argument("--json", action="store_true")

    leaflet = _verb(
        verbs,
        "leaflet",
        "visitorcentre.cli.advice:run_leaflet",
        help="print a leaflet for families to a PDF: visit-guide, first-visit, children, easy-read or help-with-costs",
    )
    leaflet.add_argument("kind", metavar="KIND")
    leaflet.add_argument("--db", type=Path, required=True, dest="verb_db")
    leaflet.add_argument("--establishment", required=True, help="its code, e.g. BAR")
    leaflet.add_argument("--lang", default="en", help="en (default), pl or gd")
    leaflet.add_argument("--out", type=Path, required=True, help="the PDF file to write")

    report = _verb(
        verbs,
        "report",
        "visitorcentre.cli.reports:run_report",
        help="patterns of family contact between two dates: visits by kind, first-time visitors, "
        "children, refusals, cost-of-visits applications, feedback",
    )
    report.add_argument("--db", type=Path, required=True, dest="verb_db")
    report.add_argument("--from", type=_iso_date, required=True, dest="date_from", metavar="YYYY-MM-DD")
    report.add_argument("--to", type=_iso_date, required=True, dest="date_to", metavar="YYYY-MM-DD")
    report.add_argument("--format", choices=("text", "csv", "json"), default="text")
    report.add_argument("--establishment", default=None, help="only this establishment (its code; default: every one)")
    report.add_argument("--pdf", type=Path, default=None, help="also write the printable report (with charts) here")

    for name, what in (("poster", "the “you said, we did” poster"), ("support-directory", "the support directory")):
        printout = _verb(verbs, name, "visitorcentre.cli.reports:run_poster", help=f"print {what} to a PDF")
        printout.add_argument("--db", type=Path, required=True, dest="verb_db")
        printout.add_argument("--establishment", default=None, help="its code (default: the desk's)")
        printout.add_argument("--out", type=Path, required=True, help="the PDF file to write")

    hcpv = _verb(
        verbs,
        "hcpv-quote",
        "visitorcentre.cli.cost_of_visits:run_quote",
        help="help with the cost of a visit: can they claim, and how much (from a JSON file)",
    )
    hcpv.add_argument("file", type=Path, metavar="FILE.json", help="the claim, in the quote file format")
    hcpv.add_argument("--json", action="store_true", help="print the quote as JSON")
    _staff_verbs(verbs)

    purge = _verb(
        verbs,
        "purge",
        "visitorcentre.cli.data_protection:run_purge",
        help="anonymise personal data past its retention period, keeping the figures for reports",
    )
    purge.add_argument("--db", type=Path, required=True, dest="verb_db")
    purge.add_argument("--dry-run", action="store_true", help="only count what would be anonymised; change nothing")
    purge.add_argument("--json", action="store_true")
    export = _verb(
        verbs,
        "export-visitor",
        "visitorcentre.cli.data_protection:run_export_visitor",
        help="everything held about one person, as JSON (a subject access request; recorded)",
    )
    export.add_argument("visitor_id", metavar="VISITOR_ID")
    export.add_argument("--db", type=Path, required=True, dest="verb_db")
    export.add_argument("--out", type=Path, required=True, help="the JSON file to write (readable only by you)")
    erase = _verb(
        verbs,
        "erase-visitor",
        "visitorcentre.cli.data_protection:run_erase_visitor",
        help="erase one person's details at their request, keeping the figures for reports (recorded)",
    )
    erase.add_argument("visitor_id", metavar="VISITOR_ID")
    erase.add_argument("--db", type=Path, required=True, dest="verb_db")
    erase.add_argument("--reason", required=True, help="why, e.g. “asked in writing on 3 March”")
    backup = _verb(
        verbs,
        "backup",
        "visitorcentre.cli.data_protection:run_backup",
        help="copy the database safely while the desk runs, and check the copy",
    )
    backup.add_argument("--db", type=Path, required=True, dest="verb_db")
    backup.add_argument("--out", type=Path, required=True, help="the backup file to write")

    server = _verb(
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
    server.add_argument("--port", type=_positive, default=8765)
    server.add_argument(
        "--workers", type=_positive, default=1, help="worker processes (they share only the database; default 1)"
    )
    server.add_argument(
        "--trusted-proxies",
        "--forwarded-allow-ips",
        dest="trusted_proxies",
        default="",
        help="comma-separated addresses of the reverse proxies whose X-Forwarded-For is believed "
        "(default: none, the header is ignored)",
    )

    admin = _verb(
        verbs,
        "server-admin",
        "visitorcentre.cli.sync:run_server_admin",
        help="the central server's administration: demo data, enrolment codes, devices, the roster",
    )
    admin.add_argument("--database-url", default=None, help="the server's database (as for `server`)")
    admin_verbs = admin.add_subparsers(dest="admin_verb", metavar="VERB", parser_class=_Parser, required=True)
    admin_demo = admin_verbs.add_parser("demo", help="national reference data and the demo establishments")
    admin_demo.add_argument("--visitors", type=_positive, default=2000)
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
    rotate = admin_verbs.add_parser(
        "rotate-pass-key",
        help="give an establishment a new pass-signing key; passes "
        "printed with the old one stay good for sessions up to today",
    )
    rotate.add_argument("establishment", metavar="CODE", help="the establishment's code, e.g. BAR")
    rotate.add_argument("--database-url", default=argparse.SUPPRESS, help="the server's database (as for `server`)")

    enrol = _verb(
        verbs,
        "enrol",
        "visitorcentre.cli.sync:run_enrol",
        help="enrol a new desk with the central server (a one-time code) and take its records",
    )
    enrol.add_argument("url", metavar="URL", help="the server, e.g. https://visits.example.scot")
    enrol.add_argument("code", metavar="CODE", help="the one-time enrolment code")
    enrol.add_argument("--db", type=Path, required=True, dest="verb_db")
    enrol.add_argument("--desk-name", default="", help="what staff call this desk (default: the computer's name)")

    sync = _verb(
        verbs,
        "sync",
        "visitorcentre.cli.sync:run_sync",
        help="send this desk's changes to the central server and take what changed there",
    )
    sync.add_argument("--db", type=Path, required=True, dest="verb_db")
    sync.add_argument("--json", action="store_true", help='print {"pushed", "pulled", "pending", "issues"}')
    return parser


def _staff_verbs(verbs) -> None:
    """``staff add|list|disable`` and ``audit verify`` (staff_commands.py)."""
    staff = verbs.add_parser("staff", help="staff who sign in at the desk: add, list, disable")
    actions = staff.add_subparsers(dest="staff_verb", metavar="ACTION", parser_class=_Parser, required=True)
    add = _verb(
        actions,
        "add",
        "visitorcentre.cli.staff:run_add",
        help="add a staff member; the PIN is asked for twice (or read as two lines of stdin)",
    )
    add.add_argument("name", metavar="NAME")
    add.add_argument("--role", choices=("desk", "manager", "admin"), required=True)
    add.add_argument("--db", type=Path, required=True, dest="verb_db")
    listing = _verb(actions, "list", "visitorcentre.cli.staff:run_list", help="every staff member and role")
    listing.add_argument("--db", type=Path, required=True, dest="verb_db")
    listing.add_argument("--json", action="store_true")
    disable = _verb(actions, "disable", "visitorcentre.cli.staff:run_disable", help="stop a staff member signing in")
    disable.add_argument("name", metavar="NAME")
    disable.add_argument("--db", type=Path, required=True, dest="verb_db")
    audit = verbs.add_parser("audit", help="the audit log: check its hash chain")
    audit_actions = audit.add_subparsers(dest="audit_verb", metavar="ACTION", parser_class=_Parser, required=True)
    verify = _verb(
        audit_actions,
        "verify",
        "visitorcentre.cli.staff:run_verify",
        help="check the audit log's hash chain (exit 0 intact, 1 broken, naming the first broken entry)",
    )
    verify.add_argument("--db", type=Path, required=True, dest="verb_db")
    verify.add_argument("--json", action="store_true")


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    argv = sys.argv[1:] if argv is None else argv
    try:
        args = build_parser().parse_args(argv)
        keep_private()  # the log, receipts, PDFs and database files: this account only
        logs.configure()
        if args.verb is None and args.smoke_test is not None:  # installer/build.py, on a fresh bundle
            from visitorcentre.cli import smoke_test

            return smoke_test.run(args.db, args.smoke_test, args.staff)
        if args.verb is None:
            from visitorcentre.ui.runtime import desk_app  # the window opens before the database layer loads

            return desk_app.run(args.db, args.demo, args.staff)
        module, function = args.runner.split(":")
        return getattr(importlib.import_module(module), function)(args)
    except VisitorCentreError as error:
        print(
            _one_line(f"visitorcentre: {error.message}" if not isinstance(error, UsageError) else error.message),
            file=sys.stderr,
        )
        return USER_ERROR
    except KeyboardInterrupt:
        print("visitorcentre: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except OSError as error:  # a file the user named cannot be read or written: their problem to fix
        print(_one_line(f"visitorcentre: {error.filename or 'a file'}: {error.strerror or error}"), file=sys.stderr)
        return USER_ERROR
    except Exception as error:  # a fault of ours, not the user's: the details go to the log, not the screen
        from visitorcentre.db.backups import unreadable_database_message

        if (message := unreadable_database_message(error)) is not None:
            log.exception("The database could not be read running %s", argv)
            print(_one_line(f"visitorcentre: {message}"), file=sys.stderr)
            return USER_ERROR
        log.exception("Unexpected failure running %s", argv)
        print(
            f"visitorcentre: something went wrong; the details are in the log file ({logs.log_file()})", file=sys.stderr
        )
        return 1
