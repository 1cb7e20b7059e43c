"""The command-line verbs of family engagement: the report (text, CSV or JSON, and a PDF), the poster and directory."""

from __future__ import annotations

import json
import sys

from visitorcentre.cli.common import _existing_desk
from visitorcentre.cli.passes import _establishment, _write
from visitorcentre.core.errors import InvalidInput
from visitorcentre.core.staff import Actor

COMMAND_LINE = Actor("Command line", "desk")


def _text(report) -> str:
    lines = [
        f"Family contact, {report.start:%d %B %Y} to {report.end:%d %B %Y}"
        f" ({report.establishment or 'every establishment'})",
        f"Visits: {report.total_visits} ({report.physical} in person, {report.virtual} virtual)",
    ]
    lines += [f"  {kind}: {n}" for kind, n in report.by_kind.items()]
    lines += [
        f"First-time visitors: {report.first_time_visitors}",
        f"Children let in: {report.children}",
        f"People refused: {report.refused}",
        f"Visits not attended: {report.no_shows}",
        f"Advice read out: {report.advice_given}",
        f"Cost-of-visits applications: {report.cost_applications.count} "
        f"(£{report.cost_applications.total_pence / 100:,.2f})",
        f"Feedback: {report.feedback.count}"
        + (f", average {report.feedback.average:.2f} of 5" if report.feedback.average is not None else ""),
    ]
    return "\n".join(lines)


def run_report(args) -> int:
    if args.date_to < args.date_from:
        raise InvalidInput("--to is before --from.", "end")
    desk = _existing_desk(args.verb_db, COMMAND_LINE)
    try:
        code = _establishment(desk, args.establishment)
        report = desk.engagement.report(args.date_from, args.date_to, code)
        if args.pdf is not None:
            _write(args.pdf, desk.engagement.report_pdf(report))
    finally:
        desk.close()
    if args.format == "json":
        json.dump(report.as_json(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    elif args.format == "csv":
        sys.stdout.write(desk.engagement.report_csv(report))
    else:
        print(_text(report))
    return 0


def run_poster(args) -> int:
    desk = _existing_desk(args.verb_db, COMMAND_LINE)
    try:
        code = _establishment(desk, args.establishment) or desk.ctx.establishment
        pdf = (
            desk.engagement.support_directory_pdf(code)
            if args.verb == "support-directory"
            else desk.engagement.you_said_we_did_poster_pdf(code)
        )
    finally:
        desk.close()
    _write(args.out, pdf)
    return 0
