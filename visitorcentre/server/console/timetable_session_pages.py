"""The timetable's pages for single sessions and days: one-off sessions, changing or blocking a session,
blocking or unblocking a whole day.

When visits are booked, the first POST answers with the bookings (reference, prisoner, lead
visitor, party size) and a confirmation form that sends the same values again with
``confirm=yes``; only that second POST changes anything.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from visitorcentre.core.errors import InvalidInput, NotFound, VisitorCentreError
from visitorcentre.server.centre import timetable_bookings, timetable_sessions
from visitorcentre.server.centre.timetable_bookings import BookingsAffected
from visitorcentre.server.centre.timetable_input import read_date, read_session
from visitorcentre.server.console.accounts import ADMINS, Staff
from visitorcentre.server.console.timetable_pages import KINDS, READERS, invalid, reach, today, typed_date
from visitorcentre.server.console.web import Reader, Writer, now, redirect, render, require

router = APIRouter()
BASE = "/establishments/{code}/timetable"
_PLAN = ("starts_at", "ends_at", "room", "kind", "capacity")


def _session(db: Session, staff: Staff, code: str, session_id: str) -> dict:
    record = timetable_sessions.session_record(db, reach(staff), session_id)
    if record["establishment"] != code:
        raise NotFound("There is no such session.", "session")
    return record


def _back(code: str) -> str:
    return f"/establishments/{code}/timetable"


def _confirm(request: Request, code: str, asked: BookingsAffected, heading: str, button: str, values: dict) -> Response:
    return render(
        request,
        "timetable/confirm.html",
        code=code,
        heading=heading,
        message=asked.message,
        bookings=asked.bookings,
        hidden=values,
        button=button,
    )


@router.get(BASE + "/sessions/{session_id}")
def one_session(
    request: Request, code: str, session_id: str, db: Reader, staff: Staff = Depends(require(*READERS))
) -> Response:
    record = _session(db, staff, code, session_id)
    booked = timetable_bookings.bookings(db, [session_id])
    return render(
        request,
        "timetable/session.html",
        code=code,
        record=record,
        day=date.fromisoformat(record["date"]),
        kinds=dict(KINDS),
        bookings=booked,
        may_change=staff.role in ADMINS,
        block=timetable_sessions.day_block(db, code, date.fromisoformat(record["date"])),
        today_date=today(request),
    )


def _plan_values(record: dict) -> dict[str, str]:
    return {
        "starts_at": str(record["starts_at"])[:5],
        "ends_at": str(record["ends_at"])[:5],
        "room": str(record["room"]),
        "kind": str(record["kind"]),
        "capacity": str(record["capacity"]),
    }


@router.get(BASE + "/sessions/{session_id}/change")
def change_form(
    request: Request, code: str, session_id: str, db: Reader, staff: Staff = Depends(require(*ADMINS))
) -> Response:
    record = _session(db, staff, code, session_id)
    return render(request, "timetable/change.html", code=code, record=record, kinds=KINDS, values=_plan_values(record))


@router.post(BASE + "/sessions/{session_id}/change")
def change(
    request: Request,
    code: str,
    session_id: str,
    db: Writer,
    starts_at: Annotated[str, Form()] = "",
    ends_at: Annotated[str, Form()] = "",
    room: Annotated[str, Form()] = "",
    kind: Annotated[str, Form()] = "",
    capacity: Annotated[str, Form()] = "",
    confirm: Annotated[str, Form()] = "",
    staff: Staff = Depends(require(*ADMINS)),
) -> Response:
    record = _session(db, staff, code, session_id)
    values = {"starts_at": starts_at, "ends_at": ends_at, "room": room, "kind": kind, "capacity": capacity}
    try:
        plan = read_session(starts_at, ends_at, room, kind, capacity)
        timetable_sessions.change_session(
            db, reach(staff), session_id, plan, confirm == "yes", today(request), now(request)
        )
    except BookingsAffected as asked:
        request.state.rollback = True
        return _confirm(request, code, asked, "This session has visits booked", "Change the session", values)
    except VisitorCentreError as error:
        return invalid(request, "timetable/change.html", error, code=code, record=record, kinds=KINDS, values=values)
    return redirect(request, _back(code), flash="The session is changed. Desks will have it at their next sync.")


@router.get(BASE + "/sessions/{session_id}/block")
def block_form(
    request: Request, code: str, session_id: str, db: Reader, staff: Staff = Depends(require(*ADMINS))
) -> Response:
    record = _session(db, staff, code, session_id)
    return render(request, "timetable/reason.html", code=code, record=record, **_block_words(record))


def _block_words(record: dict) -> dict[str, Any]:
    day = date.fromisoformat(record["date"])
    when = f"{day:%A} {day.day} {day:%B %Y} at {str(record['starts_at'])[:5]}"
    return {
        "heading": f"Block the session on {when}",
        "hint": "Desk staff see this reason, and tell the families booked.",
        "button": "Block the session",
    }


@router.post(BASE + "/sessions/{session_id}/block")
def block(
    request: Request,
    code: str,
    session_id: str,
    db: Writer,
    reason: Annotated[str, Form()] = "",
    confirm: Annotated[str, Form()] = "",
    staff: Staff = Depends(require(*ADMINS)),
) -> Response:
    record = _session(db, staff, code, session_id)
    try:
        timetable_sessions.block_session(
            db, reach(staff), session_id, reason, confirm == "yes", today(request), now(request)
        )
    except BookingsAffected as asked:
        request.state.rollback = True
        return _confirm(request, code, asked, "This session has visits booked", "Block the session", {"reason": reason})
    except VisitorCentreError as error:
        words = _block_words(record)
        return invalid(request, "timetable/reason.html", error, code=code, values={"reason": reason}, **words)
    return redirect(request, _back(code), flash="The session is blocked. Desks will have it at their next sync.")


@router.get(BASE + "/sessions/{session_id}/unblock")
def unblock_form(
    request: Request, code: str, session_id: str, db: Reader, staff: Staff = Depends(require(*ADMINS))
) -> Response:
    _session(db, staff, code, session_id)
    return render(request, "timetable/reason.html", code=code, **_UNBLOCK)


_UNBLOCK: dict[str, Any] = {
    "heading": "Open the session again",
    "hint": "Say why it can go ahead after all. This goes in the audit log.",
    "button": "Open the session",
}


@router.post(BASE + "/sessions/{session_id}/unblock")
def unblock(
    request: Request,
    code: str,
    session_id: str,
    db: Writer,
    reason: Annotated[str, Form()] = "",
    staff: Staff = Depends(require(*ADMINS)),
) -> Response:
    _session(db, staff, code, session_id)
    try:
        timetable_sessions.unblock_session(db, reach(staff), session_id, reason, today(request), now(request))
    except VisitorCentreError as error:
        return invalid(request, "timetable/reason.html", error, code=code, values={"reason": reason}, **_UNBLOCK)
    return redirect(request, _back(code), flash="The session is open again.")


@router.get(BASE + "/one-off/new")
def one_off_form(request: Request, code: str, staff: Staff = Depends(require(*ADMINS))) -> Response:
    return render(request, "timetable/one_off.html", code=code, kinds=KINDS, values={"kind": "family_day"})


@router.post(BASE + "/one-off/new")
def one_off(
    request: Request,
    code: str,
    db: Writer,
    day: Annotated[str, Form(alias="date-day")] = "",
    month: Annotated[str, Form(alias="date-month")] = "",
    year: Annotated[str, Form(alias="date-year")] = "",
    starts_at: Annotated[str, Form()] = "",
    ends_at: Annotated[str, Form()] = "",
    room: Annotated[str, Form()] = "",
    kind: Annotated[str, Form()] = "",
    capacity: Annotated[str, Form()] = "",
    staff: Staff = Depends(require(*ADMINS)),
) -> Response:
    values = {"date-day": day, "date-month": month, "date-year": year, "starts_at": starts_at, "ends_at": ends_at}
    values |= {"room": room, "kind": kind, "capacity": capacity}
    try:
        when = read_date(typed_date(day, month, year), "date", "date of the session")
        assert when is not None
        plan = read_session(starts_at, ends_at, room, kind, capacity)
        timetable_sessions.add_one_off(db, reach(staff), code, when, plan, today(request), now(request))
    except VisitorCentreError as error:
        return invalid(request, "timetable/one_off.html", error, code=code, kinds=KINDS, values=values)
    return redirect(request, _back(code), flash=f"Added the session on {when:%A} {when.day} {when:%B %Y}.")


_BLOCK_DAY: dict[str, Any] = {"heading": "Block a day", "button": "Block the day"}


@router.get(BASE + "/block-day")
def block_day_form(request: Request, code: str, staff: Staff = Depends(require(*ADMINS))) -> Response:
    return render(request, "timetable/block_day.html", code=code, **_BLOCK_DAY)


@router.post(BASE + "/block-day")
def block_day(
    request: Request,
    code: str,
    db: Writer,
    day: Annotated[str, Form(alias="date-day")] = "",
    month: Annotated[str, Form(alias="date-month")] = "",
    year: Annotated[str, Form(alias="date-year")] = "",
    reason: Annotated[str, Form()] = "",
    confirm: Annotated[str, Form()] = "",
    staff: Staff = Depends(require(*ADMINS)),
) -> Response:
    values = {"date-day": day, "date-month": month, "date-year": year, "reason": reason}
    when = date.min
    try:
        when = read_date(typed_date(day, month, year), "date", "date to block") or date.min
        blocked = timetable_sessions.block_date(
            db, reach(staff), code, when, reason, confirm == "yes", today(request), now(request)
        )
    except BookingsAffected as asked:
        request.state.rollback = True
        return _confirm(
            request, code, asked, f"{when:%A} {when.day} {when:%B %Y} has visits booked", "Block the day", values
        )
    except VisitorCentreError as error:
        return invalid(request, "timetable/block_day.html", error, code=code, values=values, **_BLOCK_DAY)
    sessions = "1 session" if blocked == 1 else f"{blocked} sessions"
    return redirect(request, _back(code), flash=f"{when:%A} {when.day} {when:%B %Y} is blocked ({sessions} blocked).")


_UNBLOCK_DAY: dict[str, Any] = {
    "heading": "Unblock the day",
    "hint": "Say why visits can go ahead after all. This goes in the audit log.",
    "button": "Unblock the day",
}


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise NotFound("There is no such day.", "date") from None


@router.get(BASE + "/days/{day}/unblock")
def unblock_day_form(request: Request, code: str, day: str, staff: Staff = Depends(require(*ADMINS))) -> Response:
    return render(request, "timetable/reason.html", code=code, **_UNBLOCK_DAY, caption=f"{_day(day):%A %-d %B %Y}")


@router.post(BASE + "/days/{day}/unblock")
def unblock_day(
    request: Request,
    code: str,
    day: str,
    db: Writer,
    reason: Annotated[str, Form()] = "",
    staff: Staff = Depends(require(*ADMINS)),
) -> Response:
    when = _day(day)
    try:
        made = timetable_sessions.unblock_date(db, reach(staff), code, when, reason, today(request), now(request))
    except (InvalidInput, VisitorCentreError) as error:
        return invalid(
            request,
            "timetable/reason.html",
            error,
            code=code,
            values={"reason": reason},
            **_UNBLOCK_DAY,
            caption=f"{when:%A %-d %B %Y}",
        )
    return redirect(
        request, _back(code), flash=f"{when:%A} {when.day} {when:%B %Y} is open again ({made.created} sessions made)."
    )
