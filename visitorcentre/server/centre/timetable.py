"""The weekly visiting timetable: session templates, and the dated sessions they make weeks ahead.

A template says "every Monday, 14:00 to 16:00, Visits hall, standard, 20 visits, from 4 January".
``make_sessions`` keeps the dated ``visit_session`` records made for the coming weeks (8 by
default) in step with the templates, through the centre's one write path (``store.save``), so
each desk receives them on its next sync. Running it again changes nothing that is already right:
a template's date is made once (``timetable_session`` remembers which session it made); a
changed template changes the coming sessions it made that have no bookings; a session that has
bookings is never changed by it: it is named in the answer (``Made.kept``) so a person can change
it on its own page, seeing who is booked. A date the template no longer runs on closes its
unbooked session ("No longer in the timetable"); a blocked date gets no session at all.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time

from sqlalchemy import select
from sqlalchemy.orm import Session

from visitorcentre.core.errors import InvalidInput, NotFound
from visitorcentre.server.centre import audit, store
from visitorcentre.server.centre.reach import Reach
from visitorcentre.server.centre.timetable_bookings import places_taken
from visitorcentre.server.centre.timetable_dates import DEFAULT_WEEKS, template_dates, window
from visitorcentre.server.centre.timetable_input import WEEKDAYS, SessionPlan, TemplatePlan, stamp, when
from visitorcentre.server.centre.timetable_models import BlockedDate, SessionTemplate, TimetableSession
from visitorcentre.server.devices import establishment_id
from visitorcentre.server.models import Document

NO_LONGER_RUNS = "No longer in the timetable"
MAX_WEEKS = 52


@dataclass(frozen=True)
class Kept:
    """A session the timetable would have changed but left as it was, because visits are booked."""

    session_id: str
    date: date
    starts_at: time
    room: str
    booked: int
    why: str


@dataclass
class Made:
    """What making the coming weeks' sessions did."""

    created: int = 0
    changed: int = 0
    closed: int = 0
    unchanged: int = 0
    kept: list[Kept] = field(default_factory=list)


def session_fields(establishment: str, day: date, plan: SessionPlan) -> dict:
    """The ``visit_session`` record's own fields for ``plan`` on ``day``."""
    return {
        "establishment": establishment,
        "date": day.isoformat(),
        "starts_at": plan.starts_at.isoformat(),
        "ends_at": plan.ends_at.isoformat(),
        "room": plan.room,
        "kind": plan.kind,
        "capacity": plan.capacity,
    }


def template_plan(template: SessionTemplate) -> SessionPlan:
    return SessionPlan(template.starts_at, template.ends_at, template.room, template.kind, template.capacity)


def describe(template: SessionTemplate) -> str:
    """ "Mondays 14:00 to 16:00 in Visits hall"."""
    return f"{WEEKDAYS[template.weekday]}s {template.starts_at:%H:%M} to {template.ends_at:%H:%M} in {template.room}"


def _as_record(template: SessionTemplate) -> dict:
    return {
        "id": template.id,
        "establishment": template.establishment,
        "weekday": WEEKDAYS[template.weekday],
        "starts_at": template.starts_at.isoformat(),
        "ends_at": template.ends_at.isoformat(),
        "room": template.room,
        "kind": template.kind,
        "capacity": template.capacity,
        "valid_from": template.valid_from.isoformat(),
        "valid_until": template.valid_until.isoformat() if template.valid_until else None,
        "version": template.version,
    }


def known_establishment(session: Session, reach: Reach, establishment: str) -> str:
    """The establishment's code if the user looks after it and the server knows it."""
    code = reach.check(establishment)
    if not establishment_id(session, code):
        raise NotFound(f"The server knows no establishment with the code “{code}”.", "establishment")
    return code


def template(session: Session, reach: Reach, template_id: str) -> SessionTemplate:
    """One template the user may see, or NotFound."""
    found = session.get(SessionTemplate, template_id)
    if found is None or not reach.sees(found.establishment):
        raise NotFound("There is no such weekly session.", "template")
    return found


def templates(session: Session, reach: Reach, establishment: str) -> list[SessionTemplate]:
    """The establishment's weekly sessions, by day and time."""
    code = reach.check(establishment)
    return list(
        session.scalars(
            select(SessionTemplate)
            .where(SessionTemplate.establishment == code)
            .order_by(SessionTemplate.weekday, SessionTemplate.starts_at, SessionTemplate.room)
        )
    )


def establishments_with_templates(session: Session) -> list[str]:
    """The codes of the establishments that have weekly sessions."""
    return sorted(set(session.scalars(select(SessionTemplate.establishment).distinct())))


def _apply(found: SessionTemplate, plan: TemplatePlan) -> None:
    found.weekday = plan.weekday
    found.starts_at = plan.session.starts_at
    found.ends_at = plan.session.ends_at
    found.room = plan.session.room
    found.kind = plan.session.kind
    found.capacity = plan.session.capacity
    found.valid_from = plan.valid_from
    found.valid_until = plan.valid_until


def add_template(
    session: Session, reach: Reach, establishment: str, plan: TemplatePlan, today: date, now: datetime
) -> tuple[SessionTemplate, Made]:
    """Add a weekly session and make its sessions for the coming weeks."""
    code = known_establishment(session, reach, establishment)
    at = stamp(now)
    added = SessionTemplate(id=store.new_id(), establishment=code, version=1, created_at=at, updated_at=at)
    _apply(added, plan)
    session.add(added)
    session.flush()
    audit.record(
        session,
        actor=reach.actor,
        action="timetable.template_added",
        entity="session_template",
        entity_id=added.id,
        establishment=code,
        summary=f"Added the weekly session {describe(added)}",
        now=now,
        after=_as_record(added),
    )
    return added, make_sessions(session, reach, code, today, now)


def change_template(
    session: Session, reach: Reach, template_id: str, plan: TemplatePlan, today: date, now: datetime
) -> tuple[SessionTemplate, Made]:
    """Change a weekly session; its coming sessions without bookings follow, booked ones are named in ``Made.kept``."""
    found = template(session, reach, template_id)
    reach.check(found.establishment)
    before = _as_record(found)
    _apply(found, plan)
    found.version += 1
    found.updated_at = stamp(now)
    session.flush()
    audit.record(
        session,
        actor=reach.actor,
        action="timetable.template_changed",
        entity="session_template",
        entity_id=found.id,
        establishment=found.establishment,
        summary=f"Changed the weekly session to {describe(found)}",
        now=now,
        before=before,
        after=_as_record(found),
    )
    return found, make_sessions(session, reach, found.establishment, today, now)


def _differs(record: dict, wanted: dict) -> bool:
    return any(str(record.get(key)) != str(value) for key, value in wanted.items())


def make_sessions(
    session: Session, reach: Reach, establishment: str, today: date, now: datetime, weeks: int = DEFAULT_WEEKS
) -> Made:
    """Make (or bring into step) the dated sessions of every weekly session for ``weeks`` weeks from ``today``."""
    code = reach.check(establishment)
    if not 1 <= weeks <= MAX_WEEKS:
        raise InvalidInput(f"Sessions are made from 1 to {MAX_WEEKS} weeks ahead.", "weeks")
    first, last = window(today, weeks)
    plans = {  # (locked: two people making the same weeks at once take turns)
        t.id: t
        for t in session.scalars(select(SessionTemplate).where(SessionTemplate.establishment == code).with_for_update())
    }
    blocked = set(
        session.scalars(
            select(BlockedDate.date).where(
                BlockedDate.establishment == code,
                BlockedDate.date.between(first, last),
                BlockedDate.unblocked_at.is_(None),
            )
        )
    )
    wanted = {
        (t.id, day)
        for t in plans.values()
        for day in template_dates(t.weekday, t.valid_from, t.valid_until, first, last, blocked)
    }
    have: dict[tuple[str | None, date], TimetableSession] = {
        (row.template_id, row.date): row
        for row in session.scalars(
            select(TimetableSession).where(
                TimetableSession.establishment == code,
                TimetableSession.date.between(first, last),
                TimetableSession.template_id.is_not(None),
            )
        )
    }
    taken = places_taken(session, [row.session_id for row in have.values()])
    records = _records(session, [row.session_id for row in have.values()])
    made = Made()
    for key in sorted(wanted, key=lambda k: (k[1], plans[k[0]].starts_at, k[0])):
        template_id, day = key
        plan = template_plan(plans[template_id])
        row = have.get(key)
        if row is None:
            create_session(session, reach, code, template_id, day, plan, now)
            made.created += 1
            continue
        record = records.get(row.session_id, {})
        fields = session_fields(code, day, plan)
        reopen = row.blocked_by == "timetable"
        if reopen:
            fields["blocked_reason"] = ""
        if not reopen and not _differs(record, fields):
            made.unchanged += 1
        elif taken.get(row.session_id):
            why = "It runs again in the timetable" if reopen else "The weekly session was changed"
            made.kept.append(Kept(row.session_id, day, plan.starts_at, plan.room, taken[row.session_id], why))
        else:
            row.blocked_by = ""
            save_session(
                session,
                reach,
                row.session_id,
                fields,
                "timetable.session_changed",
                f"Changed the session on {when(day, plan.starts_at)}",
                now,
            )
            made.changed += 1
    for pair, row in sorted(have.items(), key=lambda item: item[0][1]):
        if pair in wanted or row.blocked_by or row.date in blocked:
            continue
        record = records.get(row.session_id, {})
        start = time.fromisoformat(str(record.get("starts_at") or "00:00"))
        if taken.get(row.session_id):
            why = "The weekly session no longer runs on this day"
            made.kept.append(
                Kept(row.session_id, row.date, start, str(record.get("room", "")), taken[row.session_id], why)
            )
            continue
        row.blocked_by = "timetable"
        save_session(
            session,
            reach,
            row.session_id,
            {"blocked_reason": NO_LONGER_RUNS},
            "timetable.session_closed",
            f"Closed the session on {when(row.date, start)}: no longer in the timetable",
            now,
        )
        made.closed += 1
    made.kept.sort(key=lambda k: (k.date, k.starts_at))
    return made


def _records(session: Session, session_ids: list[str]) -> dict[str, dict]:
    """The session records as stored, read a few hundred at a time."""
    found: dict[str, dict] = {}
    for start in range(0, len(session_ids), 500):
        rows = session.execute(
            select(Document.row_id, Document.payload).where(
                Document.entity == "visit_session", Document.row_id.in_(session_ids[start : start + 500])
            )
        )
        found.update({row_id: dict(payload) for row_id, payload in rows})
    return found


def create_session(
    session: Session, reach: Reach, code: str, template_id: str | None, day: date, plan: SessionPlan, now: datetime
) -> str:
    """A new dated session (made by a template, or a one-off when ``template_id`` is None); returns its id."""
    session_id = store.new_id()
    fields = session_fields(code, day, plan) | {"details": "", "blocked_reason": ""}
    save_session(
        session,
        reach,
        session_id,
        fields,
        "timetable.session_added",
        f"Added the session on {when(day, plan.starts_at)}",
        now,
    )
    session.add(
        TimetableSession(session_id=session_id, establishment=code, date=day, template_id=template_id, blocked_by="")
    )
    return session_id


def save_session(
    session: Session, reach: Reach, session_id: str, fields: dict, action: str, summary: str, now: datetime
) -> dict:
    """Write a session's fields through the centre's one write path (feed, typed copy, audit entry)."""
    return store.save(
        session,
        actor=reach.actor,
        action=action,
        entity="visit_session",
        row_id=session_id,
        fields=fields,
        summary=summary,
        now=now,
    )
