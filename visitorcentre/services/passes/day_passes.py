"""A day's passes at once (Desk > Passes for a day…, and the ``passes`` verb): every visit that needs one.

Virtual visits need no pass: they are left out and counted, never a reason to fail the day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from visitorcentre.core.errors import NotFound
from visitorcentre.core.kinds import SessionKind
from visitorcentre.i18n import _, ngettext
from visitorcentre.services.passes.visit_passes import (
    _GOING,
    PRINTABLE_AHEAD,
    _issue_in,
    _layout,
    _preview_sheet,
    current_pass,
)
from visitorcentre.services.unit_of_work import UnitOfWork
from visitorcentre.services.visits import lookups
from visitorcentre.services.words import weekday_full


@dataclass(frozen=True)
class DayPasses:
    """A day's passes in one PDF, how many, and how many virtual visits were left out (they need none)."""

    pdf: bytes
    printed: int
    virtual_left_out: int


def passes_due(session: Session, day: date, establishment: str | None) -> tuple[list[str], int]:
    """The visits on ``day`` whose pass can be printed ahead, and how many virtual visits are left out."""
    from visitorcentre.db import queries

    going = [
        v
        for v in queries.day_list(session, day, establishment)
        if v.status in PRINTABLE_AHEAD and any(p.outcome in _GOING for p in v.party)
    ]
    virtual = sum(1 for v in going if v.kind == SessionKind.VIRTUAL)
    return [v.visit_id for v in going if v.kind != SessionKind.VIRTUAL], virtual


def printed_before(session: Session, day: date, establishment: str | None) -> int:
    """How many of ``day``'s passes were printed before (printing them again needs a reason)."""
    visit_ids, _virtual = passes_due(session, day, establishment)
    return sum(1 for visit_id in visit_ids if (row := current_pass(session, visit_id)) is not None and not row.voided)


def _none_due(day: date, virtual: int) -> NotFound:
    if virtual:
        said = ngettext(
            "No booked or checked-in visits on {day} need a pass "
            "({n} virtual visit: they join by video, with no pass).",
            "No booked or checked-in visits on {day} need a pass "
            "({n} virtual visits: they join by video, with no pass).",
            virtual,
        )
    else:
        said = _("No booked or checked-in visits on {day} need a pass.")
    return NotFound(said.format(day=weekday_full(day), n=virtual), "date")


def issue_day_passes(
    uow: UnitOfWork, day: date, establishment: str | None, layout: str = "a6", reprint_reason: str = ""
) -> DayPasses:
    """Print (and record) every pass for ``day`` in one PDF, leaving out virtual visits and saying how many."""
    layout = _layout(layout)
    with uow:
        visit_ids, virtual = passes_due(uow.session, day, establishment)
        if not visit_ids:
            raise _none_due(day, virtual)
        pdf = _issue_in(uow, visit_ids, layout, reprint_reason.strip(), ahead=True)
        uow.commit()
    return DayPasses(pdf, len(visit_ids), virtual)


def preview_day_passes(session: Session, day: date, establishment: str | None, layout: str, now) -> DayPasses:
    """A day's passes as they will print, marked PREVIEW and with codes the door refuses; records nothing."""
    from visitorcentre.printing.passes import pass_pdf

    layout = _layout(layout)
    visit_ids, virtual = passes_due(session, day, establishment)
    if not visit_ids:
        raise _none_due(day, virtual)
    sheets = [_preview_sheet(session, lookups.visit(session, visit_id), now) for visit_id in visit_ids]
    return DayPasses(pass_pdf(sheets, layout, preview=True), len(visit_ids), virtual)
