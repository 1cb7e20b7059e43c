"""The national figures: each establishment's desk-report figures over a range of days, side by side.

Counted with grouped SQL over the typed copies (one statement per figure, grouped by
establishment, along the establishment-and-day indexes) and handed to ``core.figures.Tally``, the
counting the desk's report uses, so each establishment's figures equal its desk's report over
the same days, and the total is their sum. A first-time visitor is one let in during the range
with no earlier visit that went ahead at that establishment (a desk holds its own
establishment's visits), so the national total of first-time visitors is the desks' sum too:
``typed_first_visit`` keeps each visitor's first day at each establishment (typed_visits).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session

from visitorcentre.core.errors import InvalidInput
from visitorcentre.core.figures import Figures, Tally
from visitorcentre.core.kinds import ADMITTED, PersonOutcome
from visitorcentre.server.centre import establishments
from visitorcentre.server.centre.access import Scope
from visitorcentre.server.centre.typed import (
    TypedAdviceGiven,
    TypedCostApplication,
    TypedFeedback,
    TypedFeedbackResponse,
    TypedFirstVisit,
    TypedVisit,
    TypedVisitPerson,
)

#: The longest range the figures cover in one go.
LONGEST_DAYS = 366 * 5
_ADMITTED = sorted(ADMITTED)


@dataclass(frozen=True)
class EstateFigures:
    """The figures of each establishment chosen (by code, in the order shown) and their total."""

    start: date
    end: date
    names: dict[str, str]  # code -> name, in the order shown
    each: dict[str, Figures]
    total: Figures


def _check_range(start: date, end: date) -> None:
    if end < start:
        raise InvalidInput("The end date must be the same as or after the start date.", "end")
    if (end - start).days >= LONGEST_DAYS:
        raise InvalidInput("The figures cover at most five years at a time: choose a shorter range.", "end")


def estate_figures(session: Session, scope: Scope, codes: list[str], start: date, end: date) -> EstateFigures:
    """The figures of the establishments ``codes`` (every one ``scope`` sees when empty) from ``start`` to ``end``.

    InvalidInput names the field: "end" for a range the wrong way round, "establishments" for a code
    the user does not see (the same words as one that does not exist).
    """
    _check_range(start, end)
    known = {e.code: e for e in establishments.listed(session, scope)}
    wanted = [c.strip().upper() for c in codes if c.strip()]
    unknown = [c for c in wanted if c not in known]
    if unknown:
        raise InvalidInput(
            f"There is no establishment with the code “{unknown[0]}” that you can see.", "establishments"
        )
    chosen = wanted or list(known)
    tallies: dict[str, Tally] = defaultdict(Tally)
    if chosen:
        adult_ages = {c: known[c].adult_age for c in chosen}
        _count(session, chosen, adult_ages, start, end, tallies)
    each = {c: tallies[c].figures() for c in chosen}
    total = Tally()
    for figures in each.values():
        total.add(figures)
    return EstateFigures(start, end, {c: known[c].name for c in chosen}, each, total.figures())


def _count(
    session: Session, codes: list[str], adult_ages: dict[str, int], start: date, end: date, tallies: dict[str, Tally]
) -> None:
    v, p = TypedVisit, TypedVisitPerson
    visits_in = and_(v.establishment.in_(codes), v.session_date.between(start, end))
    for code, kind, status, n in session.execute(
        select(v.establishment, v.kind, v.status, func.count())
        .where(visits_in)
        .group_by(v.establishment, v.kind, v.status)
    ):
        tallies[code].visits(kind, status, n)
    for code, n in session.execute(
        select(v.establishment, func.count()).where(visits_in, v.support_needs == 1).group_by(v.establishment)
    ):
        tallies[code].support_needs(n)

    people_in = and_(p.establishment.in_(codes), p.session_date.between(start, end))
    # (the visit's status is on each person: typed_visits)
    admitted = and_(p.outcome == PersonOutcome.CHECKED_IN, p.visit_status.in_(_ADMITTED))
    adult_age = case(adult_ages, value=p.establishment, else_=18)
    child = case((p.age < adult_age, 1), else_=0)
    for code, people, children in session.execute(
        select(p.establishment, func.count(), func.coalesce(func.sum(child), 0))
        .where(people_in, admitted)
        .group_by(p.establishment)
    ):
        tallies[code].admitted(people, children)
    for code, reason, n in session.execute(
        select(p.establishment, p.reason, func.count())
        .where(people_in, p.outcome == PersonOutcome.REFUSED)
        .group_by(p.establishment, p.reason)
    ):
        tallies[code].refused(reason, n)
    first = TypedFirstVisit
    for code, n in session.execute(
        select(first.establishment, func.count())
        .where(first.establishment.in_(codes), first.first_on.between(start, end))
        .group_by(first.establishment)
    ):
        tallies[code].first_time(n)

    for code, n in session.execute(
        select(v.establishment, func.count())
        .select_from(TypedAdviceGiven)
        .join(v, v.row_id == TypedAdviceGiven.visit_id)
        .where(visits_in)
        .group_by(v.establishment)
    ):
        tallies[code].advice(n)
    a = TypedCostApplication
    for code, status, n, pence in session.execute(
        select(a.establishment, a.status, func.count(), func.coalesce(func.sum(a.total_pence), 0))
        .where(a.establishment.in_(codes), a.visit_date.between(start, end))
        .group_by(a.establishment, a.status)
    ):
        tallies[code].application(status, n, int(pence))
    f = TypedFeedback
    for code, rating, by_child, n in session.execute(
        select(f.establishment, f.rating, f.by_child, func.count())
        .where(f.establishment.in_(codes), f.given_on.between(start, end))
        .group_by(f.establishment, f.rating, f.by_child)
    ):
        tallies[code].feedback(rating, bool(by_child), n)
    r = TypedFeedbackResponse
    for code, n in session.execute(
        select(r.establishment, func.count())
        .where(r.establishment.in_(codes), r.responded_on.between(start, end))
        .group_by(r.establishment)
    ):
        tallies[code].responses(n)
