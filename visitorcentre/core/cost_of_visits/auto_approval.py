"""Automatic approval of a repeat travel-costs claim: the checks, each with words for the claim page.

Pure (no database): the centre gathers the facts of a submitted claim (``ClaimFacts``), reads
the administrator's settings (``AutoApprovalSettings``) and asks ``assess``. A claim is approved
automatically only when the administrator has turned automatic approval on and every check
that is switched on passes. Three safeguards cannot be switched off: a claim the desk's quote
found cannot be paid (not eligible, out of time, over the allowance) is never approved by a
machine; a first claim, or one after a person refused the claimant's latest, is decided by a
person (there is no approval by a person to compare with); and after ``RUN_LIMIT`` automatic
approvals in a row for the same claimant the next one goes to a person.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from visitorcentre.core.cost_of_visits.rates import Thresholds
from visitorcentre.core.errors import InvalidInput

VARIANCE_PERCENT = 10
# The total, the claims in 12 months and in a month (this one included) are the rate table's
# thresholds in force on the visit's date for the prison's nation (``ClaimFacts.limits``).
RUN_LIMIT = 4  # automatic approvals in a row before a person looks again


class Check(StrEnum):
    ELIGIBLE = "eligible"
    REPEAT_CLAIM = "repeat_claim"
    SAME_AS_LAST_APPROVED = "same_as_last_approved"
    TOTAL_LIMIT = "total_limit"
    YEAR_LIMIT = "year_limit"
    MONTH_LIMIT = "month_limit"
    NOTHING_PENDING = "nothing_pending"
    VISIT_CHECKED_IN = "visit_checked_in"
    RECEIPTS_PRESENT = "receipts_present"
    NO_WARNINGS = "no_warnings"
    PERSON_AFTER_RUN = "person_after_run"


#: What each check asks, as the administrator's page and the claim page show it.
CHECK_LABELS: dict[str, str] = {
    Check.ELIGIBLE: "The desk found the claimant eligible, and the claim was made in time",
    Check.REPEAT_CLAIM: ("A repeat claim: a person approved the claimant's last claim they decided"),
    Check.SAME_AS_LAST_APPROVED: (
        f"The expenses match the last claim a person approved (same kinds, each within {VARIANCE_PERCENT}%)"
    ),
    Check.TOTAL_LIMIT: "The total is within the scheme rates' limit for a person to check",
    Check.YEAR_LIMIT: "No more claims in 12 months than the scheme rates allow",
    Check.MONTH_LIMIT: "No more claims in a month than the scheme rates allow",
    Check.NOTHING_PENDING: "No other claim by the claimant is waiting for a decision",
    Check.VISIT_CHECKED_IN: "The visit is confirmed by a check-in",
    Check.RECEIPTS_PRESENT: "Every receipt the claim needs is attached",
    Check.NO_WARNINGS: "The claim has no warnings",
    Check.PERSON_AFTER_RUN: f"Fewer than {RUN_LIMIT} automatic approvals in a row for this claimant",
}
#: The safeguards an administrator cannot switch off.
ALWAYS_ON = frozenset({Check.ELIGIBLE, Check.REPEAT_CLAIM, Check.PERSON_AFTER_RUN})
SWITCHABLE = tuple(c for c in Check if c not in ALWAYS_ON)


@dataclass(frozen=True)
class AutoApprovalSettings:
    """Off until an administrator turns it on; then every switchable check in ``checks`` applies."""

    enabled: bool = False
    checks: frozenset[str] = field(default_factory=lambda: frozenset(SWITCHABLE))

    def applies(self, check: str) -> bool:
        return check in ALWAYS_ON or check in self.checks

    def to_json(self) -> dict:
        return {"enabled": self.enabled, "checks": sorted(self.checks)}

    @classmethod
    def from_json(cls, data: object) -> AutoApprovalSettings:
        """Settings as stored; refuses an unknown check (InvalidInput naming ``checks``)."""
        if not isinstance(data, dict):
            return cls()
        checks = data.get("checks", list(SWITCHABLE))
        if not isinstance(checks, list) or any(c not in set(SWITCHABLE) for c in checks):
            raise InvalidInput("The automatic approval checks are not ones this service knows.", "checks")
        return cls(enabled=data.get("enabled") is True, checks=frozenset(str(c) for c in checks))


@dataclass(frozen=True)
class ClaimFacts:
    """What the centre knows of a submitted claim, gathered for the checks.

    ``expenses`` are (kind, pence claimed) lines; ``last_approved`` the (kind, pence approved)
    lines of the claimant's last claim a person approved, or None when there is none (a first
    claim). Counts include this claim. ``visit`` is how the check-in records end the visit:
    "checked_in", "refused", "no_show" or "not_yet".
    """

    total_pence: int
    expenses: tuple[tuple[str, int], ...]
    last_approved: tuple[tuple[str, int], ...] | None
    claims_in_12_months: int
    claims_in_month: int
    other_pending: int
    visit: str
    receipts_missing: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    automatic_in_a_row: int = 0
    eligible: bool = True  # the desk's quote: eligible, in time, within the allowance
    last_person_refused: bool = False  # the claimant's latest claim decided by a person was refused
    limits: Thresholds = Thresholds()  # the rate table's thresholds for the visit's date and the prison's nation


@dataclass(frozen=True)
class CheckResult:
    check: str
    applies: bool  # switched on (a check switched off is shown, and does not count)
    passed: bool
    words: str  # why it passed or failed, for the claim page

    @property
    def label(self) -> str:
        return CHECK_LABELS[self.check]


@dataclass(frozen=True)
class Assessment:
    approve: bool
    results: tuple[CheckResult, ...]

    @property
    def failed(self) -> tuple[CheckResult, ...]:
        return tuple(r for r in self.results if r.applies and not r.passed)


def assess(facts: ClaimFacts, settings: AutoApprovalSettings) -> Assessment:
    """Every check's result; ``approve`` only when switched on and every applying check passes."""
    results = tuple(CheckResult(check, settings.applies(check), *_CHECKS[check](facts)) for check in Check)
    approve = settings.enabled and all(r.passed for r in results if r.applies)
    return Assessment(approve, results)


def by_kind(lines: tuple[tuple[str, int], ...]) -> dict[str, int]:
    """Pence per kind of expense."""
    totals: dict[str, int] = {}
    for kind, pence in lines:
        totals[kind] = totals.get(kind, 0) + pence
    return totals


def within_variance(now: int, before: int, percent: int = VARIANCE_PERCENT) -> bool:
    """``now`` is within ``percent`` of ``before`` either way (whole pence, no rounding)."""
    return abs(now - before) * 100 <= before * percent


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _money(pence: int) -> str:
    return f"£{pence / 100:,.2f}"


def _eligible(f: ClaimFacts) -> tuple[bool, str]:
    if not f.eligible:
        return False, "The desk's quote found the claim cannot be paid: a person decides it."
    return True, "Eligible by the desk's quote."


def _repeat(f: ClaimFacts) -> tuple[bool, str]:
    if f.last_approved is None:
        return False, "A first claim: a person decides it."
    if f.last_person_refused:
        return False, "A person refused the claimant's latest claim they decided: a person decides this one."
    return True, "A person approved the claimant's last claim they decided."


def _same(f: ClaimFacts) -> tuple[bool, str]:
    if f.last_approved is None:
        return False, "No claim approved by a person to compare with."
    now, before = by_kind(f.expenses), by_kind(f.last_approved)
    if set(now) != set(before):
        added = ", ".join(sorted(set(now) - set(before))) or "none"
        dropped = ", ".join(sorted(set(before) - set(now))) or "none"
        return False, f"Different kinds of expense from the last approved claim (new: {added}; missing: {dropped})."
    for kind in sorted(now):
        if not within_variance(now[kind], before[kind]):
            return False, (
                f"{kind.replace('_', ' ').capitalize()}: {_money(now[kind])} against {_money(before[kind])} "
                f"approved last time (more than {VARIANCE_PERCENT}% apart)."
            )
    return True, f"Each kind of expense is within {VARIANCE_PERCENT}% of the last approved claim."


def _total(f: ClaimFacts) -> tuple[bool, str]:
    most = f.limits.manual_check_total_pence
    ok = f.total_pence <= most
    return ok, f"Total {_money(f.total_pence)}" + (f" (at most {_money(most)})." if ok else f", over {_money(most)}.")


def _year(f: ClaimFacts) -> tuple[bool, str]:
    return (
        f.claims_in_12_months <= f.limits.claims_a_year,
        f"{_count(f.claims_in_12_months, 'claim')} in 12 months (at most {f.limits.claims_a_year}).",
    )


def _month(f: ClaimFacts) -> tuple[bool, str]:
    return (
        f.claims_in_month <= f.limits.claims_a_month,
        f"{_count(f.claims_in_month, 'claim')} in the month (at most {f.limits.claims_a_month}).",
    )


def _pending(f: ClaimFacts) -> tuple[bool, str]:
    if f.other_pending:
        return False, f"{_count(f.other_pending, 'other claim')} by the claimant waiting for a decision."
    return True, "No other claim waiting."


_VISIT_WORDS = {
    "checked_in": "The family was checked in for the visit.",
    "refused": "The family was refused entry at check-in.",
    "no_show": "The family did not come to the visit.",
    "not_yet": "No check-in for the visit has reached the centre yet.",
}


def _visit(f: ClaimFacts) -> tuple[bool, str]:
    return f.visit == "checked_in", _VISIT_WORDS.get(f.visit, _VISIT_WORDS["not_yet"])


def _receipts(f: ClaimFacts) -> tuple[bool, str]:
    if f.receipts_missing:
        return False, "Missing: " + ", ".join(f.receipts_missing) + "."
    return True, "Every receipt needed is attached."


def _warnings(f: ClaimFacts) -> tuple[bool, str]:
    if f.warnings:
        return False, "Warnings: " + "; ".join(f.warnings) + "."
    return True, "No warnings."


def _run(f: ClaimFacts) -> tuple[bool, str]:
    if f.automatic_in_a_row >= RUN_LIMIT:
        return False, f"The last {f.automatic_in_a_row} claims were approved automatically: a person decides this one."
    return True, f"{_count(f.automatic_in_a_row, 'automatic approval')} in a row."


_CHECKS = {
    Check.ELIGIBLE: _eligible,
    Check.REPEAT_CLAIM: _repeat,
    Check.SAME_AS_LAST_APPROVED: _same,
    Check.TOTAL_LIMIT: _total,
    Check.YEAR_LIMIT: _year,
    Check.MONTH_LIMIT: _month,
    Check.NOTHING_PENDING: _pending,
    Check.VISIT_CHECKED_IN: _visit,
    Check.RECEIPTS_PRESENT: _receipts,
    Check.NO_WARNINGS: _warnings,
    Check.PERSON_AFTER_RUN: _run,
}
