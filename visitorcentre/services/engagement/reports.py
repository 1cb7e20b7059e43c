"""Reports: patterns of family contact over a date range, counted straight from the desk's records.

Each figure is one grouped SQL query by day, summed into weeks here, so a year of a large
database takes a moment, not minutes.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from datetime import date, timedelta

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from visitorcentre.core.engagement import CostApplicationsSummary, FeedbackSummary, Report
from visitorcentre.core.errors import InvalidInput
from visitorcentre.core.figures import Figures, Tally
from visitorcentre.core.kinds import ADMITTED, SessionKind, VisitStatus
from visitorcentre.db import models as m
from visitorcentre.i18n import _

_ADMITTED = "('" + "', '".join(sorted(ADMITTED)) + "')"
_IN_RANGE = "s.date BETWEEN :start AND :end AND (:est IS NULL OR s.establishment = :est)"
_VISITS = "visit v JOIN visit_session s ON s.id = v.session_id"
_PEOPLE = "visit_person p JOIN visit v ON v.id = p.visit_id JOIN visit_session s ON s.id = v.session_id"


def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def weeks_between(start: date, end: date) -> list[date]:
    weeks, week = [], monday(start)
    while week <= end:
        weeks.append(week)
        week += timedelta(days=7)
    return weeks


def _day(value) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def report(session: Session, start: date, end: date, establishment: str | None = None) -> Report:
    """The figures of family contact from ``start`` to ``end`` (both included).

    ``establishment`` is a code, or None for every establishment (as the day lists).
    Raises InvalidInput (field "end") when ``end`` is before ``start``, and (field
    "establishment") for an unknown code. Read-only; a year of a large demo takes well
    under a second or two.
    """
    if end < start:
        raise InvalidInput(_("The end date is before the start date."), "end")
    if (
        establishment is not None
        and session.scalar(select(m.Establishment.code).where(m.Establishment.code == establishment)) is None
    ):
        raise InvalidInput(
            _("There is no establishment with the code “{code}”.").format(code=establishment), "establishment"
        )
    params = {"start": start.isoformat(), "end": end.isoformat(), "est": establishment}
    run = lambda sql: session.execute(text(sql), params).all()  # noqa: E731
    weeks = weeks_between(start, end)
    index = {week: i for i, week in enumerate(weeks)}
    slot = lambda day: index[monday(_day(day))]  # noqa: E731
    series = lambda: [0] * len(weeks)  # noqa: E731

    tally = Tally()  # the headline figures, counted as the centre counts them (core.figures)
    kind_weekly: dict[str, list[int]] = defaultdict(series)
    no_shows_weekly, virtual_weekly, physical_weekly = series(), series(), series()
    for day, kind, status, n in run(
        f"SELECT s.date, s.kind, v.status, count(*) FROM {_VISITS} WHERE {_IN_RANGE} GROUP BY s.date, s.kind, v.status"
    ):
        tally.visits(kind, status, n)
        week = slot(day)
        kind_weekly[kind][week] += n
        (virtual_weekly if kind == SessionKind.VIRTUAL else physical_weekly)[week] += n
        if status == VisitStatus.NO_SHOW:
            no_shows_weekly[week] += n

    children_weekly = series()
    for day, people, children in run(
        f"SELECT s.date, count(*), coalesce(sum("
        f"  (CAST(strftime('%Y', s.date) AS INTEGER) - CAST(strftime('%Y', vi.date_of_birth) AS INTEGER)"
        f"   - (strftime('%m-%d', s.date) < strftime('%m-%d', vi.date_of_birth))) < e.adult_age), 0) "
        f"FROM {_PEOPLE} "
        f"JOIN visitor vi ON vi.id = p.visitor_id JOIN establishment e ON e.code = s.establishment "
        f"WHERE {_IN_RANGE} AND p.outcome = 'checked_in' AND v.status IN {_ADMITTED} GROUP BY s.date"
    ):
        tally.admitted(people, children)
        children_weekly[slot(day)] += children

    refusals_weekly = series()
    for day, reason, n in run(
        f"SELECT s.date, p.reason, count(*) FROM {_PEOPLE} "
        f"WHERE {_IN_RANGE} AND p.outcome = 'refused' "
        f"GROUP BY s.date, p.reason"
    ):
        tally.refused(reason, n)
        refusals_weekly[slot(day)] += n

    # A first-time visitor: let in during the range, with no visit that went ahead on an earlier day
    # (anywhere), as the check-in desk's "first visit" flag. Counted once, in the week of that first visit.
    first_time_weekly = series()
    for (day,) in run(
        f"SELECT first FROM (SELECT p.visitor_id AS vid, min(p.session_date) AS first FROM {_PEOPLE} "
        f"  WHERE {_IN_RANGE} AND p.outcome = 'checked_in' AND v.status IN {_ADMITTED} GROUP BY p.visitor_id) "
        f"WHERE NOT EXISTS (SELECT 1 FROM visit_person p2 JOIN visit v2 ON v2.id = p2.visit_id "
        f"  WHERE p2.visitor_id = vid AND p2.session_date < first "
        f"  AND p2.outcome = 'checked_in' AND v2.status IN {_ADMITTED})"
    ):
        first_time_weekly[slot(day)] += 1
        tally.first_time(1)

    advice_weekly = series()
    for day, n in run(
        f"SELECT s.date, count(*) FROM advice_given a JOIN visit v ON v.id = a.visit_id "
        f"JOIN visit_session s ON s.id = v.session_id "
        f"WHERE {_IN_RANGE} GROUP BY s.date"
    ):
        advice_weekly[slot(day)] += n
        tally.advice(n)

    tally.support_needs(
        session.execute(
            text(f"SELECT count(*) FROM {_VISITS} WHERE {_IN_RANGE} AND v.support_needs NOT IN ('[]', '')"), params
        ).scalar_one()
    )

    for status, n, total in run(
        "SELECT status, count(*), coalesce(sum(total_pence), 0) FROM cost_application "
        "WHERE visit_date BETWEEN :start AND :end "
        "AND (:est IS NULL OR establishment = :est) GROUP BY status"
    ):
        tally.application(status, n, total)

    week_n, week_sum = series(), series()
    for day, rating, child, n in run(
        "SELECT given_on, rating, by_child, count(*) FROM feedback "
        "WHERE given_on BETWEEN :start AND :end "
        "AND (:est IS NULL OR establishment = :est) "
        "GROUP BY given_on, rating, by_child"
    ):
        tally.feedback(rating, bool(child), n)
        week = slot(day)
        week_n[week] += n
        week_sum[week] += rating * n
    tally.responses(
        session.execute(
            text(
                "SELECT count(*) FROM feedback_response WHERE responded_on BETWEEN :start AND :end "
                "AND (:est IS NULL OR establishment = :est)"
            ),
            params,
        ).scalar_one()
    )
    week_avg = tuple(round(s / n, 2) if n else None for s, n in zip(week_sum, week_n, strict=True))
    figures = tally.figures()
    return Report(
        start=start,
        end=end,
        establishment=establishment,
        total_visits=figures.visits,
        by_kind=figures.by_kind,
        by_status=figures.by_status,
        virtual=figures.virtual,
        physical=figures.physical,
        first_time_visitors=figures.first_time_visitors,
        children=figures.children,
        visitors_admitted=figures.visitors_admitted,
        refusals=figures.refusals,
        no_shows=figures.no_shows,
        advice_given=figures.advice_given,
        support_needs=figures.support_needs,
        cost_applications=CostApplicationsSummary(
            figures.cost_applications, figures.cost_pence, figures.cost_by_status
        ),
        feedback=FeedbackSummary(
            count=figures.feedback,
            average=figures.feedback_average,
            by_rating=figures.feedback_by_rating,
            by_child=figures.feedback_by_child,
            over_time=tuple(zip(weeks, week_n, week_avg, strict=True)),
        ),
        weeks=tuple(weeks),
        visits_by_kind_weekly={k: tuple(kind_weekly[k]) for k in figures.by_kind if k in kind_weekly},
        physical_weekly=tuple(physical_weekly),
        virtual_weekly=tuple(virtual_weekly),
        first_time_weekly=tuple(first_time_weekly),
        children_weekly=tuple(children_weekly),
        refusals_weekly=tuple(refusals_weekly),
        no_shows_weekly=tuple(no_shows_weekly),
        advice_given_weekly=tuple(advice_weekly),
        feedback_average_weekly=week_avg,
        feedback_count_weekly=tuple(week_n),
        figures=figures,
    )


def figures(session: Session, start: date, end: date, establishment: str | None = None) -> Figures:
    """The headline figures of the report (what the console's national figures show for this establishment)."""
    found = report(session, start, end, establishment).figures
    assert found is not None
    return found


def to_csv(report: Report) -> str:
    """The report as CSV text: a "section,item,value" table, then the weekly series (one row per week)."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["section", "item", "value"])
    w.writerow(["range", "from", report.start.isoformat()])
    w.writerow(["range", "to", report.end.isoformat()])
    w.writerow(["range", "establishment", report.establishment or "all"])
    for item in (
        "total_visits",
        "virtual",
        "physical",
        "first_time_visitors",
        "children",
        "visitors_admitted",
        "no_shows",
        "advice_given",
        "support_needs",
    ):
        w.writerow(["visits", item, getattr(report, item)])
    for kind, n in report.by_kind.items():
        w.writerow(["by_kind", kind, n])
    for status, n in report.by_status.items():
        w.writerow(["by_status", status, n])
    for reason, n in report.refusals.items():
        w.writerow(["refusals", reason, n])
    apps = report.cost_applications
    w.writerow(["cost_applications", "count", apps.count])
    w.writerow(["cost_applications", "total_pence", apps.total_pence])
    for status, n in apps.by_status.items():
        w.writerow(["cost_applications_by_status", status, n])
    w.writerow(["feedback", "count", report.feedback.count])
    w.writerow(["feedback", "average", "" if report.feedback.average is None else report.feedback.average])
    w.writerow(["feedback", "by_child", report.feedback.by_child])
    for rating, n in report.feedback.by_rating.items():
        w.writerow(["feedback_by_rating", rating, n])
    w.writerow([])
    kinds = list(report.visits_by_kind_weekly)
    w.writerow(
        [
            "week",
            *[f"visits_{k}" for k in kinds],
            "physical",
            "virtual",
            "first_time_visitors",
            "children",
            "refusals",
            "no_shows",
            "advice_given",
            "feedback_count",
            "feedback_average",
        ]
    )
    for i, week in enumerate(report.weeks):
        avg = report.feedback_average_weekly[i]
        w.writerow(
            [
                week.isoformat(),
                *[report.visits_by_kind_weekly[k][i] for k in kinds],
                report.physical_weekly[i],
                report.virtual_weekly[i],
                report.first_time_weekly[i],
                report.children_weekly[i],
                report.refusals_weekly[i],
                report.no_shows_weekly[i],
                report.advice_given_weekly[i],
                report.feedback_count_weekly[i],
                "" if avg is None else avg,
            ]
        )
    return out.getvalue()
