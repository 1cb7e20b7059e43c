"""The caseworker's queue: claims from the establishments they may see, oldest first, filtered, a page at a time.

Read from the typed copies only (``typed_cost_application`` with the claimant's and prisoner's
names), on the index of status and submission time; pages go by the last row's key (submitted
at, id), never by offset, so the hundredth page costs what the first does. The counts per
status use the same filters but the status.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import ColumnElement, and_, func, literal, or_, select, true, union_all
from sqlalchemy.orm import Session, aliased

from visitorcentre.core.cost_of_visits.vocab import ApplicationStatus
from visitorcentre.core.cost_of_visits.warnings import BITS, WARNING_LABELS
from visitorcentre.core.errors import InvalidInput
from visitorcentre.server.centre import typed
from visitorcentre.server.centre.scope import Scope, within

PER_PAGE = 25
#: Each status's tab counts its claims up to this many and then says "1,000+": a count never reads
#: every claim a status has ever had (paid claims grow by ~100,000 a year nationally).
COUNTED_UP_TO = 1000
S = ApplicationStatus
#: The statuses a caseworker works through, in the queue's order.
QUEUE_STATUSES = (S.SUBMITTED, S.NEEDS_INFORMATION, S.APPROVED, S.REJECTED, S.PAID)
#: Ages a claim has waited since it was submitted (days): "any", then at least each.
AGES = (0, 7, 14, 28)
ANY_WARNING, NO_WARNING = "any", "none"
Claim = typed.TypedCostApplication
AMOUNT = re.compile(r"^\d{0,7}(\.\d{1,2})?$")


@dataclass(frozen=True)
class Filters:
    status: str = S.SUBMITTED
    establishment: str = ""  # "": every one the caseworker sees
    older_than_days: int = 0  # 0: any age
    warning: str = ""  # "": any claim; ANY_WARNING; NO_WARNING; or a WarningCode
    min_pence: int | None = None
    max_pence: int | None = None


@dataclass(frozen=True)
class QueueRow:
    id: str
    reference: str
    establishment: str
    claimant: str
    prisoner: str
    prison_number: str
    visit_date: date | None
    submitted_at: datetime | None
    total_pence: int
    status: str
    warnings: tuple[str, ...]  # labels


@dataclass(frozen=True)
class QueuePage:
    rows: list[QueueRow]
    counts: dict[str, int]
    next_after: str | None  # the key of the next page, or None on the last


def pence(text: str, field: str) -> int | None:
    """£ typed as "12", "12.50" or "£1,250" in pence, or None when empty; InvalidInput naming ``field``."""
    cleaned = (text or "").strip().replace("£", "").replace(",", "")
    if not cleaned:
        return None
    if not AMOUNT.match(cleaned):
        raise InvalidInput("Enter an amount in pounds, like 25 or 25.50.", field)
    pounds, _, pennies = cleaned.partition(".")
    return int(pounds or 0) * 100 + int((pennies + "00")[:2])


def _filtered(scope: Scope, filters: Filters, now: datetime) -> list[ColumnElement[bool]]:
    clauses: list[ColumnElement[bool]] = [within(scope, Claim.establishment), Claim.submitted_at.is_not(None)]
    if filters.establishment:
        clauses.append(Claim.establishment == filters.establishment)
    if filters.older_than_days:
        clauses.append(Claim.submitted_at <= now - timedelta(days=filters.older_than_days))
    if filters.warning == ANY_WARNING:
        clauses.append(Claim.warnings != 0)
    elif filters.warning == NO_WARNING:
        clauses.append(Claim.warnings == 0)
    elif filters.warning in BITS:
        clauses.append(Claim.warnings.in_(holding(BITS[filters.warning])))
    if filters.min_pence is not None:
        clauses.append(Claim.total_pence >= filters.min_pence)
    if filters.max_pence is not None:
        clauses.append(Claim.total_pence <= filters.max_pence)
    return clauses


def holding(bit: int) -> list[int]:
    """Every warning number with ``bit`` set: a list the status-and-warnings index answers directly (a
    bitwise test can only be checked claim by claim)."""
    return [value for value in range(1 << len(BITS)) if value & bit]


def _after(key: str) -> ColumnElement[bool]:
    """Rows after the key "2026-12-01T10:00:00|claim-id"."""
    moment, _, row_id = (key or "").partition("|")
    try:
        at = datetime.fromisoformat(moment)
    except ValueError:
        return true()
    return or_(Claim.submitted_at > at, and_(Claim.submitted_at == at, Claim.row_id > row_id[:64]))


def _counted(clauses: list[ColumnElement[bool]]):
    """Each status's claims, counted along the status's index up to ``COUNTED_UP_TO`` + 1 (one statement)."""
    return union_all(
        *(
            select(literal(str(status)).label("status"), func.count()).select_from(
                select(Claim.row_id).where(Claim.status == status, *clauses).limit(COUNTED_UP_TO + 1).subquery()
            )
            for status in QUEUE_STATUSES
        )
    )


def shown_count(number: int) -> str:
    """A tab's count as the caseworker reads it: "1,000+" past ``COUNTED_UP_TO``."""
    return f"{COUNTED_UP_TO:,}+" if number > COUNTED_UP_TO else f"{number:,}"


def labels(value: int) -> tuple[str, ...]:
    return tuple(WARNING_LABELS[code] for code, bit in BITS.items() if value & bit)


def queue(session: Session, scope: Scope, filters: Filters, now: datetime, after: str = "") -> QueuePage:
    """A page of the queue (after the key ``after``), with the counts per status."""
    clauses = _filtered(scope, filters, now)
    counted = session.execute(_counted(clauses)).all()
    counts = {str(status): 0 for status in QUEUE_STATUSES} | {status: number for status, number in counted}
    claimant, prisoner = aliased(typed.TypedVisitor), aliased(typed.TypedPrisoner)
    query = (
        select(
            Claim,
            claimant.first_name,
            claimant.last_name,
            prisoner.first_name,
            prisoner.last_name,
            prisoner.prison_number,
        )
        .outerjoin(claimant, claimant.row_id == Claim.claimant_id)
        .outerjoin(prisoner, prisoner.row_id == Claim.prisoner_id)
        .where(Claim.status == filters.status, *clauses)
        .order_by(Claim.submitted_at, Claim.row_id)
        .limit(PER_PAGE + 1)
    )
    if after:
        query = query.where(_after(after))
    found = session.execute(query).all()
    rows = [
        QueueRow(
            id=c.row_id,
            reference=c.reference,
            establishment=c.establishment,
            claimant=f"{cf or ''} {cl or ''}".strip() or "(not known at the centre)",
            prisoner=f"{pf or ''} {pl or ''}".strip() or "(not known at the centre)",
            prison_number=number or "",
            visit_date=c.visit_date,
            submitted_at=c.submitted_at,
            total_pence=c.total_pence,
            status=c.status,
            warnings=labels(c.warnings),
        )
        for c, cf, cl, pf, pl, number in found[:PER_PAGE]
    ]
    last = rows[-1] if len(found) > PER_PAGE else None
    next_after = f"{last.submitted_at.isoformat()}|{last.id}" if last and last.submitted_at else None
    return QueuePage(rows, counts, next_after)
