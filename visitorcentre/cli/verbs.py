"""The verbs' arguments: what each desk verb takes, and the checks on dates and numbers.

``build_parser`` in ``main`` adds these after the app's own options; the staff, audit, server
and sync verbs are in ``admin_verbs``. A verb names its runner as "module:function", imported
only when that verb runs, so ``--help`` stays quick.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from visitorcentre.core.errors import VisitorCentreError


class UsageError(VisitorCentreError):
    """A command-line argument is wrong."""


class VerbParser(argparse.ArgumentParser):
    """argparse, but a mistake is one line on stderr."""

    def error(self, message: str) -> None:  # noqa: D401 - argparse's hook
        raise UsageError(one_line(f"{self.prog}: {message}"))


def one_line(text: str) -> str:
    """An error message kept to one line: a newline or other control character typed in an argument is shown escaped."""
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in str(text))


def iso_date(text: str) -> date:
    """A date written YYYY-MM-DD."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}” is not a date; write it as YYYY-MM-DD") from None


def positive(text: str) -> int:
    """A whole number, 0 or more."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}” is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"“{text}” cannot be negative")
    return value


def at_most(maximum: int, what: str):
    """A whole number from 0 to ``maximum`` (a demo of a billion visitors is a typing mistake, not a request)."""

    def parse(text: str) -> int:
        value = positive(text)
        if value > maximum:
            raise argparse.ArgumentTypeError(f"“{text}” is too many {what} (at most {maximum:,})")
        return value

    return parse


def verb(verbs, name: str, runner: str, **kwargs) -> argparse.ArgumentParser:
    """A verb whose work is done by ``runner`` ("module:function"), imported only when the verb runs."""
    parser = verbs.add_parser(name, **kwargs)
    parser.set_defaults(runner=runner)
    return parser


def add_desk_verbs(verbs) -> None:
    """The desk's work: demo data, searching, visits, passes, advice, leaflets, reports, quotes."""
    demo = verb(
        verbs,
        "demo",
        "visitorcentre.cli.common:run_demo",
        help="fill a database with realistic demo data, or act out a day at the desk",
    )
    demo.add_argument("--db", type=Path, required=True, dest="verb_db")
    demo.add_argument(
        "--visitors", type=at_most(2_000_000, "visitors"), default=2000, help="how many visitors (default 2000)"
    )
    demo.add_argument(
        "--days", type=at_most(3_660, "days"), default=14, help="days of sessions around today (default 14)"
    )
    demo.add_argument(
        "--activity",
        type=at_most(1_000_000, "actions"),
        default=0,
        help="then perform K desk actions through the services",
    )
    demo.add_argument("--seed", type=int, default=1, help="the random seed (same seed, same data)")
    demo.add_argument("--json", action="store_true", help="print a JSON summary")

    search = verb(
        verbs,
        "search",
        "visitorcentre.cli.common:run_search",
        help="find visitors by name, visit reference or prison number",
    )
    search.add_argument("query")
    search.add_argument("--db", type=Path, required=True, dest="verb_db")
    search.add_argument("--limit", type=at_most(10_000, "results"), default=20)
    search.add_argument("--json", action="store_true")

    visits = verb(verbs, "visits", "visitorcentre.cli.common:run_visits", help="the day list: every visit on a date")
    visits.add_argument("--db", type=Path, required=True, dest="verb_db")
    visits.add_argument("--date", type=iso_date, required=True)
    visits.add_argument("--establishment", default=None, help="only this establishment (its code, e.g. BAR)")
    visits.add_argument("--json", action="store_true")

    visit = verb(verbs, "visit", "visitorcentre.cli.common:run_visit", help="one visit, with each person's checks")
    visit.add_argument("reference")
    visit.add_argument("--db", type=Path, required=True, dest="verb_db")
    visit.add_argument("--json", action="store_true")

    layouts = ("a6", "receipt")
    pass_ = verb(
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

    passes = verb(
        verbs,
        "passes",
        "visitorcentre.cli.passes:run_passes",
        help="print every booked or checked-in visit's pass for a date into one PDF",
    )
    passes.add_argument("--db", type=Path, required=True, dest="verb_db")
    passes.add_argument("--date", type=iso_date, required=True)
    passes.add_argument("--establishment", default=None, help="only this establishment (its code, e.g. BAR)")
    passes.add_argument("--out", type=Path, required=True, help="the PDF file to write")
    passes.add_argument("--layout", choices=layouts, default="a6")
    passes.add_argument("--reason", default="", help="why passes printed before are printed again")

    verify = verb(
        verbs,
        "verify",
        "visitorcentre.cli.passes:run_verify",
        help="check a pass token as the hall door would (exit 0 valid, 1 not)",
    )
    verify.add_argument("token")
    verify.add_argument("--db", type=Path, required=True, dest="verb_db")
    verify.add_argument("--establishment", default=None, help="check as this establishment (default: the desk's)")
    verify.add_argument("--json", action="store_true")

    day_list = verb(
        verbs,
        "day-list",
        "visitorcentre.cli.passes:run_day_list",
        help="print the day list (every visit on a date) to a PDF",
    )
    day_list.add_argument("--db", type=Path, required=True, dest="verb_db")
    day_list.add_argument("--date", type=iso_date, required=True)
    day_list.add_argument("--establishment", default=None, help="only this establishment (its code, e.g. BAR)")
    day_list.add_argument("--out", type=Path, required=True, help="the PDF file to write")

    advice = verb(
        verbs,
        "advice",
        "visitorcentre.cli.advice:run_advice",
        help="an establishment's advice rules in force today, in a language",
    )
    advice.add_argument("--db", type=Path, required=True, dest="verb_db")
    advice.add_argument("--establishment", required=True, help="its code, e.g. BAR")
    advice.add_argument("--lang", default="en", help="en (default), pl or gd")
    advice.add_argument("--json", action="store_true")

    leaflet = verb(
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

    report = verb(
        verbs,
        "report",
        "visitorcentre.cli.reports:run_report",
        help="patterns of family contact between two dates: visits by kind, first-time visitors, "
        "children, refusals, cost-of-visits applications, feedback",
    )
    report.add_argument("--db", type=Path, required=True, dest="verb_db")
    report.add_argument("--from", type=iso_date, required=True, dest="date_from", metavar="YYYY-MM-DD")
    report.add_argument("--to", type=iso_date, required=True, dest="date_to", metavar="YYYY-MM-DD")
    report.add_argument("--format", choices=("text", "csv", "json"), default="text")
    report.add_argument("--establishment", default=None, help="only this establishment (its code; default: every one)")
    report.add_argument("--pdf", type=Path, default=None, help="also write the printable report (with charts) here")

    for name, what in (("poster", "the “you said, we did” poster"), ("support-directory", "the support directory")):
        printout = verb(verbs, name, "visitorcentre.cli.reports:run_poster", help=f"print {what} to a PDF")
        printout.add_argument("--db", type=Path, required=True, dest="verb_db")
        printout.add_argument("--establishment", default=None, help="its code (default: the desk's)")
        printout.add_argument("--out", type=Path, required=True, help="the PDF file to write")

    hcpv = verb(
        verbs,
        "hcpv-quote",
        "visitorcentre.cli.cost_of_visits:run_quote",
        help="help with the cost of a visit: can they claim, and how much (from a JSON file)",
    )
    hcpv.add_argument("file", type=Path, metavar="FILE.json", help="the claim, in the quote file format")
    hcpv.add_argument("--json", action="store_true", help="print the quote as JSON")


def add_records_verbs(verbs) -> None:
    """Data protection and backups: purge, export-visitor, erase-visitor, backup."""
    purge = verb(
        verbs,
        "purge",
        "visitorcentre.cli.data_protection:run_purge",
        help="anonymise personal data past its retention period, keeping the figures for reports",
    )
    purge.add_argument("--db", type=Path, required=True, dest="verb_db")
    purge.add_argument("--dry-run", action="store_true", help="only count what would be anonymised; change nothing")
    purge.add_argument("--json", action="store_true")
    export = verb(
        verbs,
        "export-visitor",
        "visitorcentre.cli.data_protection:run_export_visitor",
        help="everything held about one person, as JSON (a subject access request; recorded)",
    )
    export.add_argument("visitor_id", metavar="VISITOR_ID")
    export.add_argument("--db", type=Path, required=True, dest="verb_db")
    export.add_argument("--out", type=Path, required=True, help="the JSON file to write (readable only by you)")
    erase = verb(
        verbs,
        "erase-visitor",
        "visitorcentre.cli.data_protection:run_erase_visitor",
        help="erase one person's details at their request, keeping the figures for reports (recorded)",
    )
    erase.add_argument("visitor_id", metavar="VISITOR_ID")
    erase.add_argument("--db", type=Path, required=True, dest="verb_db")
    erase.add_argument("--reason", required=True, help="why, e.g. “asked in writing on 3 March”")
    backup = verb(
        verbs,
        "backup",
        "visitorcentre.cli.data_protection:run_backup",
        help="copy the database safely while the desk runs, and check the copy",
    )
    backup.add_argument("--db", type=Path, required=True, dest="verb_db")
    backup.add_argument("--out", type=Path, required=True, help="the backup file to write")
