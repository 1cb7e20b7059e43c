"""Needs review: which change to a booked visit's facts made its checks worse, said in plain words.

The desk runs the visit checks (core.checks.assess) before and after a change reaches it; each
finding that is new afterwards, of a kind below, is a reason for the visit to need review.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from visitorcentre.core.checks import CheckResult

BAN = "ban"
LIST_REMOVAL = "list_removal"
RESTRICTION = "restriction"
PRISONER_MOVED = "prisoner_moved"
PRISONER_RELEASED = "prisoner_released"
SESSION_BLOCKED = "session_blocked"
REVIEW_REASONS = (BAN, LIST_REMOVAL, RESTRICTION, PRISONER_MOVED, PRISONER_RELEASED, SESSION_BLOCKED)

GOES_AHEAD = "goes_ahead"
PARTY_CHANGED = "party_changed"
CANCELLED = "cancelled"
RESOLUTIONS = (GOES_AHEAD, PARTY_CHANGED, CANCELLED)
RESOLUTION_LABELS = {GOES_AHEAD: "Checked, goes ahead", PARTY_CHANGED: "Party changed", CANCELLED: "Cancelled"}
FAMILY_TOLD = ("printed", "phoned")
#: How a flag settled by moving the booking begins its note (services.visits.review.move_booking).
MOVED_NOTE = "Moved to "

#: The check findings (core.checks codes) that make a visit need review, and the reason each gives.
REASON_OF_FINDING = {
    "banned": BAN,
    "removed_from_list": LIST_REMOVAL,
    "not_on_list": LIST_REMOVAL,
    "list_pending": LIST_REMOVAL,
    "child_restricted": RESTRICTION,
    "other_restriction": RESTRICTION,
    "closed_visits": RESTRICTION,
    "prisoner_moved": PRISONER_MOVED,
    "prisoner_released": PRISONER_RELEASED,
    "session_blocked": SESSION_BLOCKED,
}


@dataclass(frozen=True)
class VisitFacts:
    """What the words of a flag name: the visit's day and session, the prisoner, the party's names."""

    day: date
    starts_at: time
    prisoner_name: str
    names: dict[str, str]  # visitor id -> full name


@dataclass(frozen=True)
class Finding:
    """A reason a visit needs review: the reason code, the visitor it is about (if one) and its words."""

    reason: str
    visitor_id: str | None
    words: str


def _day(day: date) -> str:
    return f"{day.day} {day:%B}"


def newly_found(before: list[CheckResult], after: list[CheckResult]) -> list[CheckResult]:
    """The findings of a kind that needs review that are in ``after`` but were not in ``before``."""
    seen = {(r.code, r.visitor_id) for r in before}
    return [r for r in after if r.code in REASON_OF_FINDING and (r.code, r.visitor_id) not in seen]


def words_for(result: CheckResult, facts: VisitFacts, changed_on: date) -> str:
    """What changed, for the desk worker to read: "Craig Wilson was banned on 3 December; …"."""
    visit = f"the visit on {_day(facts.day)}"
    person = facts.names.get(result.visitor_id or "", "")
    first = person.split(" ")[0] if person else ""
    on = _day(changed_on)
    match result.code:
        case "banned":
            return f"{person} was banned on {on}; {visit} includes {first}."
        case "removed_from_list" | "not_on_list" | "list_pending":
            listed = f"{facts.prisoner_name}'s approved visitor list"
            return f"{person} was taken off {listed} on {on}; {visit} includes {first}."
        case "child_restricted":
            return (
                f"{facts.prisoner_name} may no longer have contact with children without a manager's approval "
                f"(from {on}); {visit} includes {person}, who is under 18."
            )
        case "prisoner_moved":
            return f"{facts.prisoner_name} was moved to another establishment on {on}; {visit} is to see them here."
        case "prisoner_released":
            return f"{facts.prisoner_name} was released on {on}; {visit} was to see them."
        case "session_blocked":
            return (
                f"The prison cancelled the {facts.starts_at:%H:%M} session on {_day(facts.day)} (learnt {on}); "
                f"this visit is booked on it. {result.message}"
            )
    return f"A restriction reached this desk on {on}: {result.message} It applies to {visit}."


def findings(before: list[CheckResult], after: list[CheckResult], facts: VisitFacts, changed_on: date) -> list[Finding]:
    """Each reason the visit now needs review, in words (nothing when the checks got no worse)."""
    return [
        Finding(REASON_OF_FINDING[r.code], r.visitor_id, words_for(r, facts, changed_on))
        for r in newly_found(before, after)
    ]


#: What a letter to the family says, by what became of the flag.
LETTER_OPEN = "open"  # not settled yet: please phone us
LETTER_BLOCKED = "blocked"  # the session was cancelled: the nearest times with places, please phone
LETTER_MOVED = "moved"  # the booking was moved to another session
LETTER_PARTY = "party"  # who may come has changed
LETTER_GOES_AHEAD = "goes_ahead"  # checked: the visit goes ahead as booked
LETTER_CANCELLED = "cancelled"


@dataclass(frozen=True)
class FamilyLetter:
    """A letter to the lead visitor: their booking changed, or needs their call. Never says why a
    person may not come (that is for a conversation, not a letter)."""

    language: str
    lead: str
    establishment: str
    address: str
    booking_line: str
    reference: str
    prisoner: str
    day: date  # the visit's day and time now (after a move, the new one)
    starts_at: time
    kind: str  # LETTER_*
    choices: tuple[tuple[date, time], ...] = ()  # the nearest sessions with places (LETTER_BLOCKED)


def letter_kind(reason: str, resolution: str, note: str = "") -> str:
    """Which letter the family gets for a flag with ``reason`` settled as ``resolution`` ("" open)."""
    moved = note.startswith(MOVED_NOTE)
    if resolution == CANCELLED:
        return LETTER_CANCELLED
    if resolution == GOES_AHEAD:
        return LETTER_GOES_AHEAD
    if resolution == PARTY_CHANGED:
        return LETTER_MOVED if moved else LETTER_PARTY
    return LETTER_BLOCKED if reason == SESSION_BLOCKED else LETTER_OPEN
