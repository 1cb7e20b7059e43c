"""Visit passes: issuing (and reprinting) a pass and voiding it (the keys behind them: pass_keys.py).

Each action is one transaction: the pass row, its audit event and its sync outbox op are written
together, and the PDF is made before the commit, so a pass that failed to render was never
"printed". A voided pass stays voided; printing again afterwards issues a new pass with a new
serial (and so a new token), and the old code is refused at the door.
"""

from __future__ import annotations

import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from visitorcentre.core import passes as tokens
from visitorcentre.core.ages import age_on
from visitorcentre.core.checks import cut_off_time
from visitorcentre.core.errors import (  # noqa: F401 - ReprintNeedsReason re-exported
    InvalidInput,
    NotAllowed,
    NotFound,
    ReprintNeedsReason,
)
from visitorcentre.core.kinds import AWAITING_CHECK_IN, PersonOutcome, SessionKind, VisitStatus
from visitorcentre.core.views import PassSheet, PassStatus
from visitorcentre.db import facts, queries
from visitorcentre.db import models as m
from visitorcentre.i18n import N_, _
from visitorcentre.services.passes import pass_keys
from visitorcentre.services.passes.pass_keys import signing_key, verification_keys  # noqa: F401 - re-exported
from visitorcentre.services.unit_of_work import UnitOfWork
from visitorcentre.services.visits import lookups
from visitorcentre.services.words import status_words, weekday_words

#: Statuses whose pass the desk prints: the family has been checked in.
PRINTABLE = frozenset({VisitStatus.CHECKED_IN, VisitStatus.IN_HALL})
#: From the command line, passes can also be printed ahead for visits not yet checked in.
PRINTABLE_AHEAD = PRINTABLE | AWAITING_CHECK_IN


# --- reading ------------------------------------------------------------------------------------


def current_pass(session: Session, visit_id: str) -> m.VisitPass | None:
    """The visit's pass in force, or else its most recently voided one (None if never printed)."""
    return session.scalar(
        select(m.VisitPass)
        .where(m.VisitPass.visit_id == visit_id)
        .order_by(m.VisitPass.voided, m.VisitPass.voided_at.desc(), m.VisitPass.created_at.desc())
        .limit(1)
    )


def pass_status(session: Session, visit_id: str) -> PassStatus:
    """Whether the visit's pass was printed (how often, when) or voided."""
    visit = lookups.visit(session, visit_id)
    row = current_pass(session, visit.id)
    if row is None:
        return PassStatus(visit_id=visit.id, reference=visit.reference)
    return PassStatus(
        visit_id=visit.id,
        reference=visit.reference,
        serial=row.serial,
        times_printed=row.times_printed,
        voided=row.voided,
        voided_reason=row.voided_reason,
        last_printed_at=row.printed_at,
    )


def pass_sheet(session: Session, visit: m.Visit, row: m.VisitPass) -> PassSheet:
    """What the printed pass shows for ``visit`` with the pass ``row``."""
    slot = visit.session
    est = facts.known_establishment(session, slot.establishment)
    going = [p for p in visit.party if p.outcome in (PersonOutcome.EXPECTED, PersonOutcome.CHECKED_IN)]
    adults = tuple(p.visitor.name for p in going if age_on(p.visitor.date_of_birth, slot.date) >= est.adult_age)
    children = tuple(
        (p.visitor.name, p.visitor.date_of_birth)
        for p in going
        if age_on(p.visitor.date_of_birth, slot.date) < est.adult_age
    )
    return PassSheet(
        establishment=est.code,
        establishment_name=est.name,
        reference=visit.reference,
        session_start=slot.start,
        session_end=slot.ends_at,
        room=slot.room,
        kind=slot.kind,
        cut_off=cut_off_time(slot.start, est.cutoff_minutes),
        prisoner_name=visit.prisoner.name,
        prisoner_number=visit.prisoner.prison_number,
        adults=adults,
        children=children,
        token=row.token,
        serial=row.serial,
        printed_at=row.printed_at or row.created_at,
        times_printed=row.times_printed,
        language=queries.family_language(visit),
    )


# --- writing ------------------------------------------------------------------------------------


def _new_serial(session: Session, establishment: str) -> int:
    # Random rather than counted: desks print offline, and two desks counting up would collide.
    while True:
        serial = secrets.randbelow(2**31 - 1) + 1
        if not session.scalar(
            select(m.VisitPass.id).where(m.VisitPass.establishment == establishment, m.VisitPass.serial == serial)
        ):
            return serial


_GOING = (PersonOutcome.EXPECTED, PersonOutcome.CHECKED_IN)


def _party_going(visit: m.Visit) -> int:
    return sum(1 for p in visit.party if p.outcome in (PersonOutcome.EXPECTED, PersonOutcome.CHECKED_IN))


VIRTUAL_NO_PASS = N_(
    "Visit {reference} is a virtual visit: the family joins by video, so there is no hall and no pass to print."
)


def _check_printable(uow: UnitOfWork, visit: m.Visit, ahead: bool) -> None:
    if visit.session.kind == SessionKind.VIRTUAL:
        raise NotAllowed(_(VIRTUAL_NO_PASS).format(reference=visit.reference), "visit")
    allowed = PRINTABLE_AHEAD if ahead else PRINTABLE
    if visit.status not in allowed:
        said = {"reference": visit.reference, "status": status_words(visit.status)}
        if visit.status in AWAITING_CHECK_IN:
            raise NotAllowed(
                _("Visit {reference} is {status}: check the family in first, then print the pass.").format(**said)
            )
        raise NotAllowed(_("Visit {reference} is {status}; there is no pass to print for it.").format(**said))
    if not ahead and visit.session.date != uow.clock.today():
        raise NotAllowed(
            _("Visit {reference} is for {day}, not today.").format(
                reference=visit.reference, day=weekday_words(visit.session.date)
            )
        )
    if _party_going(visit) == 0:
        raise NotAllowed(
            _("Nobody in visit {reference}'s party is going in, so there is no pass to print.").format(
                reference=visit.reference
            )
        )


def _print_one(uow: UnitOfWork, visit: m.Visit, layout: str, reason: str) -> m.VisitPass:
    """Record one (re)print of the visit's pass; a new pass if none is in force."""
    now = uow.clock.now()
    row = current_pass(uow.session, visit.id)
    if row is not None and not row.voided:
        if pass_keys.replaced_for(uow.session, row.key_id, visit.session.date):  # a copy would be refused
            raise NotAllowed(
                _(
                    "Visit {reference}'s pass was printed with a pass key that has since been "
                    "replaced, so a copy would not open the door: void it, then print a new pass."
                ).format(reference=visit.reference)
            )
        row.times_printed += 1
        row.printed_at, row.printed_by, row.layout = now, uow.actor.name, layout
        uow.stamp_changed(row)
        uow.record(
            "reprint_pass",
            row,
            f"Reprinted the pass for visit {visit.reference} (copy {row.times_printed}): {reason}",
            {
                "visit": visit.id,
                "serial": row.serial,
                "layout": layout,
                "times_printed": row.times_printed,
                "reason": reason,
            },
        )
        return row
    key = signing_key(uow, visit.establishment)
    serial = _new_serial(uow.session, visit.establishment)
    claims = tokens.PassClaims(
        establishment=visit.establishment,
        reference=visit.reference,
        session_date=visit.session.date,
        session_start=visit.session.starts_at,
        party_size=_party_going(visit),
        serial=serial,
        issued_at=tokens.utc_seconds(uow.clock.utcnow()),
        key_id=key.key_id,
    )
    token = tokens.issue(claims, bytes.fromhex(key.private_key))
    row = uow.stamp_new(
        m.VisitPass(
            visit_id=visit.id,
            serial=serial,
            key_id=key.key_id,
            token=token,
            layout=layout,
            printed_at=now,
            printed_by=uow.actor.name,
            times_printed=1,
            voided=False,
            voided_reason="",
            voided_by="",
        ),
        establishment=visit.establishment,
    )
    detail = {"visit": visit.id, "serial": serial, "layout": layout, "times_printed": 1}
    summary = f"Printed the pass for visit {visit.reference}"
    if reason:
        detail["reason"] = reason
        summary += f" (a new pass after the last was voided: {reason})"
    uow.record("issue_pass", row, summary, detail)
    return row


def _layout(layout: str) -> str:
    from visitorcentre.printing.passes import LAYOUTS

    if layout not in LAYOUTS:
        raise InvalidInput(
            _("There is no pass layout “{layout}”; choose {choices}.").format(
                layout=layout, choices=_(" or ").join(LAYOUTS)
            ),
            "layout",
        )
    return layout


def issue_passes(
    uow: UnitOfWork, visit_ids: list[str], layout: str = "a6", reprint_reason: str = "", ahead: bool = False
) -> bytes:
    """Print the passes of ``visit_ids`` (one PDF, a page each) and record each print; returns the PDF.

    A pass printed before needs ``reprint_reason``; ``ahead`` allows visits not yet checked in and
    on other days (the command line's morning run).
    """
    layout = _layout(layout)
    if not visit_ids:
        raise InvalidInput(_("There are no visits to print passes for."), "visits")
    with uow:
        pdf = _issue_in(uow, visit_ids, layout, reprint_reason.strip(), ahead)
        uow.commit()
    return pdf


def _issue_in(uow: UnitOfWork, visit_ids: list[str], layout: str, reason: str, ahead: bool) -> bytes:
    """Inside an open unit of work: check, record and make the passes of ``visit_ids``."""
    from visitorcentre.printing.passes import pass_pdf

    visits = [lookups.visit(uow.session, visit_id) for visit_id in visit_ids]
    for visit in visits:
        _check_printable(uow, visit, ahead)
    if not reason:
        printed = [
            row for row in (current_pass(uow.session, v.id) for v in visits) if row is not None and not row.voided
        ]
        if len(visits) == 1 and printed:
            raise ReprintNeedsReason(printed[0].times_printed)
        if printed:
            raise ReprintNeedsReason(
                max(r.times_printed for r in printed),
                _("{count} of these passes have been printed before; say why they are being printed again.").format(
                    count=len(printed)
                ),
            )
    sheets = [pass_sheet(uow.session, visit, _print_one(uow, visit, layout, reason)) for visit in visits]
    return pass_pdf(sheets, layout)


def issue_pass(
    uow: UnitOfWork, visit_id: str, layout: str = "a6", reprint_reason: str = "", ahead: bool = False
) -> bytes:
    """Print a checked-in visit's pass (recorded); a reprint needs a reason. Returns the PDF."""
    return issue_passes(uow, [visit_id], layout, reprint_reason, ahead)


def void_pass(uow: UnitOfWork, visit_id: str, reason: str) -> None:
    """Void the visit's pass so the door refuses it; the reason is recorded."""
    reason = reason.strip()
    if not reason:
        raise InvalidInput(_("Please give the reason for voiding this pass."), "reason")
    with uow:
        visit = lookups.visit(uow.session, visit_id)
        row = current_pass(uow.session, visit.id)
        if row is None or row.voided:
            raise NotAllowed(_("Visit {reference} has no pass in force to void.").format(reference=visit.reference))
        row.voided, row.voided_reason = True, reason
        row.voided_at, row.voided_by = uow.clock.now(), uow.actor.name
        uow.stamp_changed(row)
        uow.record(
            "void_pass",
            row,
            f"Voided the pass for visit {visit.reference}: {reason}",
            {"visit": visit.id, "serial": row.serial, "reason": reason},
        )
        uow.commit()


# --- documents that record nothing --------------------------------------------------------------


def preview(session: Session, visit_id: str, layout: str, now) -> bytes:
    """What the pass will look like, marked PREVIEW and with a code the door refuses; records nothing."""
    from visitorcentre.printing.passes import pass_pdf

    layout = _layout(layout)
    return pass_pdf([_preview_sheet(session, lookups.visit(session, visit_id), now)], layout, preview=True)


def _preview_sheet(session: Session, visit: m.Visit, now) -> PassSheet:
    row = current_pass(session, visit.id)
    if row is None or row.voided:
        row = m.VisitPass(token="", serial=0, printed_at=now, times_printed=1)
    else:
        row = m.VisitPass(token="", serial=row.serial, printed_at=now, times_printed=row.times_printed + 1)
    return pass_sheet(session, visit, row)


def day_list(session: Session, day, establishment: str | None, now, printed_by: str) -> bytes:
    """The printable day list for ``day`` (one establishment, or every one when None)."""
    from visitorcentre.db import queries
    from visitorcentre.printing.day_list import Establishment, day_list_pdf

    known = {e.code: Establishment(e.code, e.name, e.adult_age) for e in session.scalars(select(m.Establishment))}
    if establishment is not None and establishment not in known:
        raise InvalidInput(
            _("There is no establishment with the code “{code}” (known: {known}).").format(
                code=establishment, known=", ".join(sorted(known))
            ),
            "establishment",
        )
    visits = queries.day_list(session, day, establishment)
    wanted = known if establishment is None else {establishment: known[establishment]}
    return day_list_pdf(visits, day, wanted, now, printed_by)
