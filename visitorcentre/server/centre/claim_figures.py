"""Travel-costs claims in figures: per establishment and month of the visit, how many claims are at each
status, how long a decision took, and what was approved and paid.

Read from the typed copies (which claims: by establishment and visit date, along their index;
their decisions: by claim)
and the documents (each claim's submission time and the decisions on it). A claim's time to
decision runs from its first submission to the first approval or refusal; the amount approved
is the last approval's, and the amount paid that of the payment.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from visitorcentre.core.cost_of_visits.vocab import ApplicationStatus
from visitorcentre.core.errors import InvalidInput
from visitorcentre.server.centre import establishments
from visitorcentre.server.centre.access import Scope
from visitorcentre.server.centre.typed import TypedCostApplication, TypedCostDecision
from visitorcentre.server.models import Document

S = ApplicationStatus
#: The statuses counted, in the order shown (a draft never reaches the centre).
STATUSES = (S.SUBMITTED, S.NEEDS_INFORMATION, S.APPROVED, S.REJECTED, S.PAID)
LONGEST_DAYS = 366 * 5
CHUNK = 500


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


def _moment(value: object) -> datetime | None:
    try:
        return datetime.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


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
    t = TypedCostApplication
    found = list(
        session.execute(
            select(t.row_id, t.establishment, t.visit_date, t.status).where(
                t.establishment.in_(chosen or [""]), t.visit_date.between(start, end), t.status.in_(STATUSES)
            )
        )
    )
    claims = _payloads(session, "cost_application", [row_id for row_id, *_ in found])
    decisions = _decisions(session, {row_id for row_id, *_ in found})
    for row_id, code, visit_date, status in found:
        if visit_date is None:  # (between() never lets one through)
            continue
        month = visit_date.replace(day=1)
        line = lines.setdefault((code, month), ClaimLine(code, names[code], month))
        line.by_status[status] += 1
        _decided(line, claims.get(row_id, {}), decisions.get(row_id, []))
    ordered = sorted(lines.values(), key=lambda li: (chosen.index(li.code), li.month))
    each = {c: ClaimLine(c, names[c], start.replace(day=1)) for c in chosen}
    total = ClaimLine("", "Total", start.replace(day=1))
    for line in ordered:
        each[line.code].add(line)
        total.add(line)
    return ClaimFigures(start, end, names, ordered, each, total)


def _decided(line: ClaimLine, claim: dict, decisions: list[dict]) -> None:
    decisions = sorted(decisions, key=lambda d: str(d.get("decided_at") or ""))
    final = next((d for d in decisions if d.get("outcome") in (S.APPROVED, S.REJECTED)), None)
    submitted, decided_at = _moment(claim.get("submitted_at")), _moment((final or {}).get("decided_at"))
    if final is not None and submitted is not None and decided_at is not None:
        line.decided += 1
        line.days_to_decision += max(0, (decided_at - submitted).days)
    approvals = [d for d in decisions if d.get("outcome") == S.APPROVED]
    if approvals:
        line.approved_pence += int(approvals[-1].get("approved_pence") or 0)
        line.automatic += int(bool(approvals[-1].get("automatic")))
    line.paid_pence += sum(int(d.get("approved_pence") or 0) for d in decisions if d.get("outcome") == S.PAID)


def _payloads(session: Session, entity: str, row_ids: list[str]) -> dict[str, dict]:
    found: dict[str, dict] = {}
    for at in range(0, len(row_ids), CHUNK):
        for row_id, payload in session.execute(
            select(Document.row_id, Document.payload).where(
                Document.entity == entity, Document.row_id.in_(row_ids[at : at + CHUNK])
            )
        ):
            found[row_id] = dict(payload)
    return found


def _decisions(session: Session, claim_ids: set[str]) -> dict[str, list[dict]]:
    """The decisions on ``claim_ids`` (found along the typed copy's index on the claim)."""
    found: dict[str, list[dict]] = defaultdict(list)
    ids = sorted(claim_ids)
    for at in range(0, len(ids), CHUNK):
        decision_ids = list(
            session.scalars(
                select(TypedCostDecision.row_id).where(TypedCostDecision.application_id.in_(ids[at : at + CHUNK]))
            )
        )
        for payload in _payloads(session, "cost_decision", decision_ids).values():
            found[str(payload["application_id"])].append(payload)
    return found
