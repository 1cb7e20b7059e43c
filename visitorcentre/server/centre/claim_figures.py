"""Travel-costs claims in figures: per establishment and month of the visit, how many claims are at each
status, how long a decision took, and what was approved and paid.

Summed in the database from the typed copies alone (which claims: by establishment and visit
date, along their index; their submission time on the claim's copy; the decisions on them:
by claim), so a year's national claims are one statement, never their documents. A claim's time
to decision runs from its submission to the first approval or refusal; the amount approved is
the last approval's, and the amount paid that of the payment.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Integer, Select, and_, case, cast, extract, func, select
from sqlalchemy.orm import Session

from visitorcentre.core.cost_of_visits.vocab import ApplicationStatus
from visitorcentre.core.errors import InvalidInput
from visitorcentre.server.centre import establishments
from visitorcentre.server.centre.access import Scope
from visitorcentre.server.centre.typed import TypedCostApplication, TypedCostDecision

S = ApplicationStatus
#: The statuses counted, in the order shown (a draft never reaches the centre).
STATUSES = (S.SUBMITTED, S.NEEDS_INFORMATION, S.APPROVED, S.REJECTED, S.PAID)
LONGEST_DAYS = 366 * 5


@dataclass
class ClaimLine:
    """One establishment's claims for visits in one month (``month`` is its first day)."""

    code: str
    name: str
    month: date
    by_status: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATUSES, 0))
    decided: int = 0
    days_to_decision: int = 0  # summed over the decided claims
    automatic: int = 0
    approved_pence: int = 0
    paid_pence: int = 0

    @property
    def claims(self) -> int:
        return sum(self.by_status.values())

    @property
    def average_days(self) -> str:
        """Days from submission to decision, on average ("" when nothing is decided yet)."""
        return f"{self.days_to_decision / self.decided:.1f}" if self.decided else ""

    def add(self, other: ClaimLine) -> None:
        for status, n in other.by_status.items():
            self.by_status[status] += n
        self.decided += other.decided
        self.days_to_decision += other.days_to_decision
        self.automatic += other.automatic
        self.approved_pence += other.approved_pence
        self.paid_pence += other.paid_pence


@dataclass(frozen=True)
class ClaimFigures:
    start: date
    end: date
    names: dict[str, str]  # code -> name, in the order shown
    lines: list[ClaimLine]  # by establishment (as shown), then month
    each: dict[str, ClaimLine]  # each establishment over the whole range
    total: ClaimLine


def claim_figures(session: Session, scope: Scope, codes: list[str], start: date, end: date) -> ClaimFigures:
    """The figures of the claims for visits from ``start`` to ``end`` at ``codes`` (every one ``scope`` sees
    when empty). InvalidInput names the field ("end", "establishments")."""
    if end < start:
        raise InvalidInput("The end date must be the same as or after the start date.", "end")
    if (end - start).days >= LONGEST_DAYS:
        raise InvalidInput("The figures cover at most five years at a time: choose a shorter range.", "end")
    known = {e.code: e for e in establishments.listed(session, scope)}
    wanted = [c.strip().upper() for c in codes if c.strip()]
    unknown = [c for c in wanted if c not in known]
    if unknown:
        raise InvalidInput(
            f"There is no establishment with the code “{unknown[0]}” that you can see.", "establishments"
        )
    chosen = wanted or list(known)
    names = {c: known[c].name for c in chosen}
    lines: dict[tuple[str, date], ClaimLine] = {}
    for code, year, month, status, count, decided, days, approved, automatic, paid in session.execute(
        _by_month(session, chosen, start, end)
    ):
        key = (code, date(int(year), int(month), 1))
        line = lines.setdefault(key, ClaimLine(code, names[code], key[1]))
        line.by_status[status] += int(count)
        line.decided += int(decided or 0)
        line.days_to_decision += int(days or 0)
        line.approved_pence += int(approved or 0)
        line.automatic += int(automatic or 0)
        line.paid_pence += int(paid or 0)
    ordered = sorted(lines.values(), key=lambda li: (chosen.index(li.code), li.month))
    each = {c: ClaimLine(c, names[c], start.replace(day=1)) for c in chosen}
    total = ClaimLine("", "Total", start.replace(day=1))
    for line in ordered:
        each[line.code].add(line)
        total.add(line)
    return ClaimFigures(start, end, names, ordered, each, total)


def _days_between(session: Session, earlier: Any, later: Any) -> ColumnElement[Any]:
    """Whole days from ``earlier`` to ``later`` (rounded down, as a timedelta's ``days``; none below 0)."""
    if session.get_bind().dialect.name == "postgresql":
        days: ColumnElement[Any] = func.floor(func.extract("epoch", later - earlier) / 86400)
    else:  # (SQLite: a cast rounds toward zero, the same as down for the days kept)
        days = cast(func.julianday(later) - func.julianday(earlier), Integer)
    return case((days < 0, 0), else_=days)


def _by_month(session: Session, chosen: list[str], start: date, end: date) -> Select[Any]:
    """Per establishment, month of the visit and status: the claims, how many are decided (their first
    approval or refusal) and the days that took, the last approval's amount (automatic or not) and what
    was paid, summed in the database from the typed copies (a year's national claims are ~100,000)."""
    t, d = TypedCostApplication, TypedCostDecision
    claims = (
        select(
            t.row_id,
            t.establishment,
            extract("year", t.visit_date).label("year"),
            extract("month", t.visit_date).label("month"),
            t.status,
            t.submitted_at,
        )
        .where(t.establishment.in_(chosen or [""]), t.visit_date.between(start, end), t.status.in_(STATUSES))
        .subquery("claims")
    )
    steps = (
        select(
            d.application_id,
            func.min(case((d.outcome.in_((S.APPROVED, S.REJECTED)), d.decided_at))).label("final_at"),
            func.sum(case((d.outcome == S.PAID, d.approved_pence), else_=0)).label("paid"),
        )
        .group_by(d.application_id)
        .subquery("steps")
    )
    latest = func.row_number().over(partition_by=d.application_id, order_by=(d.decided_at.desc(), d.row_id.desc()))
    approvals = (
        select(d.application_id, d.approved_pence, d.automatic, latest.label("latest"))
        .where(d.outcome == S.APPROVED)
        .subquery("approvals")
    )
    decided = and_(steps.c.final_at.is_not(None), claims.c.submitted_at.is_not(None))
    return (
        select(
            claims.c.establishment,
            claims.c.year,
            claims.c.month,
            claims.c.status,
            func.count(),
            func.sum(case((decided, 1), else_=0)),
            func.sum(case((decided, _days_between(session, claims.c.submitted_at, steps.c.final_at)), else_=0)),
            func.sum(approvals.c.approved_pence),
            func.sum(approvals.c.automatic),
            func.sum(steps.c.paid),
        )
        .select_from(claims)
        .outerjoin(steps, steps.c.application_id == claims.c.row_id)
        .outerjoin(approvals, and_(approvals.c.application_id == claims.c.row_id, approvals.c.latest == 1))
        .group_by(claims.c.establishment, claims.c.year, claims.c.month, claims.c.status)
    )
