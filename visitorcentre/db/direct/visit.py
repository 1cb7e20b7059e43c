"""``visitorcentre visit`` through sqlite3: one visit's panel contents, with each person's checks.

The same facts ``db.facts`` gives the checks (core/checks.py decides), read with plain SQL; a
test holds ``visit_detail`` here equal to ``db.queries.visit_detail`` for every visit of a demo
database, so the command line and the desk's visit panel say the same.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from datetime import date, datetime, time

from visitorcentre.core import checks, references
from visitorcentre.core.ages import age_on
from visitorcentre.core.checks import cut_off_time
from visitorcentre.core.errors import NotFound
from visitorcentre.core.kinds import (
    ADMITTED,
    AWAITING_CHECK_IN,
    BanScope,
    ListStatus,
    PersonOutcome,
    PrisonerStatus,
    RestrictionKind,
    SessionKind,
    session_counts,
)
from visitorcentre.core.restrictions import Restriction, to_know
from visitorcentre.core.views import PartyMember, SessionSummary, VisitDetail
from visitorcentre.core.words import said
from visitorcentre.db.direct import day


def _marks(count: int) -> str:
    return ",".join("?" * count)


def visit_id_for_reference(db: sqlite3.Connection, text: str) -> str | None:
    """The id of the visit whose reference is typed or scanned in ``text`` (None if there is none)."""
    reference = references.normalise(text)
    if not reference:
        return None
    row = db.execute("SELECT id FROM visit WHERE reference = ?", (reference,)).fetchone()
    return row[0] if row else None


def _house_rules(db: sqlite3.Connection, code: str) -> checks.HouseRules:
    row = db.execute(
        "SELECT code, name, adult_age, max_adults, max_total, cutoff_minutes FROM establishment WHERE code = ?",
        (code,),
    ).fetchone()
    if row is None:
        raise NotFound(said("This desk's records have no establishment {code}.", code=code), "establishment")
    return checks.HouseRules(*row)


def _restrictions(db: sqlite3.Connection, prisoner_id: str) -> tuple[Restriction, ...]:
    return tuple(
        Restriction(
            kind=RestrictionKind(kind),
            reason=reason,
            starts_on=date.fromisoformat(starts_on),
            ends_on=day(ends_on),
            detail=detail,
            lifted_on=day(lifted_on),
            lifted_reason=lifted_reason,
        )
        for kind, reason, starts_on, ends_on, detail, lifted_on, lifted_reason in db.execute(
            "SELECT kind, reason, starts_on, ends_on, detail, lifted_on, lifted_reason FROM restriction"
            " WHERE prisoner_id = ? ORDER BY starts_on, id",
            (prisoner_id,),
        )
    )


def _people(db: sqlite3.Connection, prisoner_id: str, visitors: list[tuple[str, str, date]], on: date):
    """Check facts for each (id, name, date of birth) visiting ``prisoner_id`` on ``on`` (as db.facts.people_facts)."""
    ids = [v[0] for v in visitors]
    statuses = dict(
        db.execute(
            "SELECT visitor_id, list_status FROM relationship"
            f" WHERE prisoner_id = ? AND visitor_id IN ({_marks(len(ids))})",
            (prisoner_id, *ids),
        ).fetchall()
    )
    bans: dict[str, list[checks.Ban]] = defaultdict(list)
    for visitor_id, scope, reason, starts_on, ends_on, establishment, banned_from, lifted_on in db.execute(
        "SELECT visitor_id, scope, reason, starts_on, ends_on, establishment, prisoner_id, lifted_on FROM ban"
        f" WHERE visitor_id IN ({_marks(len(ids))})",
        ids,
    ):
        bans[visitor_id].append(
            checks.Ban(
                BanScope(scope),
                reason,
                date.fromisoformat(starts_on),
                day(ends_on),
                establishment,
                banned_from,
                day(lifted_on),
            )
        )
    approvals = {
        visitor_id: f"{approved_by}, {date.fromisoformat(approved_on):%d %b %Y}"
        for visitor_id, approved_by, approved_on in db.execute(
            "SELECT visitor_id, approved_by, approved_on FROM child_approval WHERE prisoner_id = ?"
            f" AND visitor_id IN ({_marks(len(ids))})"
            " AND approved_on <= ? AND (valid_until IS NULL OR valid_until >= ?)",
            (prisoner_id, *ids, on.isoformat(), on.isoformat()),
        )
    }
    return [
        checks.Person(
            visitor_id=vid,
            name=name,
            date_of_birth=born,
            list_status=ListStatus(statuses[vid]) if vid in statuses else None,
            bans=tuple(bans[vid]),
            child_approval=approvals.get(vid),
        )
        for vid, name, born in visitors
    ]


def _first_visit(db: sqlite3.Connection, visitor_ids: list[str], before: datetime) -> bool:
    """True when none of these visitors has an earlier visit that went ahead."""
    admitted = sorted(str(s) for s in ADMITTED)
    count = db.execute(
        "SELECT count(*) FROM visit_person vp JOIN visit v ON v.id = vp.visit_id"
        " JOIN visit_session s ON s.id = v.session_id"
        f" WHERE vp.visitor_id IN ({_marks(len(visitor_ids))}) AND vp.outcome = ?"
        f" AND v.status IN ({_marks(len(admitted))}) AND s.date < ?",
        (*visitor_ids, str(PersonOutcome.CHECKED_IN), *admitted, before.date().isoformat()),
    ).fetchone()[0]
    return not count


def _summary(db: sqlite3.Connection, slot: tuple) -> SessionSummary:
    """The session with how many are booked, expected, arrived and in the hall (as session_queries does)."""
    slot_id, establishment, on, starts_at, ends_at, room, kind, capacity, _details, blocked_reason = slot
    c = dict(
        db.execute("SELECT status, count(*) FROM visit WHERE session_id = ? GROUP BY status", (slot_id,)).fetchall()
    )
    return SessionSummary(
        id=slot_id,
        establishment=establishment,
        date=on,
        starts_at=starts_at,
        ends_at=ends_at,
        room=room,
        kind=kind,
        capacity=capacity,
        **session_counts(c),
        blocked_reason=blocked_reason.strip(),
    )


def visit_detail(db: sqlite3.Connection, visit_id: str, now: datetime) -> VisitDetail | None:
    """The visit panel's contents, with each person's checks as of ``now`` (as db.queries.visit_detail)."""
    row = db.execute(
        "SELECT id, reference, status, source, session_id, prisoner_id, late_reason, overbooked_reason, notes,"
        " version, support_needs FROM visit WHERE id = ?",
        (visit_id,),
    ).fetchone()
    if row is None:
        return None
    vid, reference, status, source, session_id, prisoner_id, late, overbooked, notes, version, needs = row
    slot = db.execute(
        "SELECT id, establishment, date, starts_at, ends_at, room, kind, capacity, details, blocked_reason"
        " FROM visit_session WHERE id = ?",
        (session_id,),
    ).fetchone()
    slot = (*slot[:2], date.fromisoformat(slot[2]), time.fromisoformat(slot[3]), time.fromisoformat(slot[4]), *slot[5:])
    on, start, kind, details, blocked = slot[2], datetime.combine(slot[2], slot[3]), slot[6], slot[8], slot[9]
    est = _house_rules(db, slot[1])
    p_number, p_first, p_last, p_est, p_location, p_status, no_child, closed = db.execute(
        "SELECT prison_number, first_name, last_name, establishment, location, status, no_child_contact,"
        " closed_visits FROM prisoner WHERE id = ?",
        (prisoner_id,),
    ).fetchone()
    centre = _restrictions(db, prisoner_id)
    party_rows = [
        (visitor_id, f"{first} {last}", date.fromisoformat(born), outcome, reason, support, language)
        for visitor_id, outcome, reason, first, last, born, support, language in db.execute(
            "SELECT vp.visitor_id, vp.outcome, vp.reason, p.first_name, p.last_name, p.date_of_birth,"
            " p.support_needs, p.language FROM visit_person vp JOIN visitor p ON p.id = vp.visitor_id"
            " WHERE vp.visit_id = ? ORDER BY vp.position",
            (vid,),
        )
    ]
    going = [(r[0], r[1], r[2]) for r in party_rows if r[3] in ("expected", "checked_in")]
    arrival = now if status in AWAITING_CHECK_IN and on == now.date() else None
    prisoner = checks.Prisoner(
        prisoner_id,
        p_number,
        f"{p_first} {p_last}",
        p_est,
        PrisonerStatus(p_status),
        bool(no_child),
        bool(closed),
        centre,
    )
    assessment = checks.assess(
        prisoner,
        _people(db, prisoner_id, going, on),
        est,
        on,
        arrived_at=arrival,
        session_start=start if arrival else None,
        first_visit=_first_visit(db, [g[0] for g in going], start) if arrival else False,
        blocked_reason=blocked,
    )
    party = tuple(
        PartyMember(
            visitor_id=visitor_id,
            name=name,
            date_of_birth=born,
            age=age_on(born, on),
            is_adult=age_on(born, on) >= est.adult_age,
            outcome=outcome,
            reason=reason,
            support_needs=support,
            results=tuple(assessment.for_person(visitor_id)),
        )
        for visitor_id, name, born, outcome, reason, support, _language in party_rows
    )
    return VisitDetail(
        id=vid,
        reference=reference,
        status=status,
        source=source,
        establishment=est.code,
        establishment_name=est.name,
        session=_summary(db, slot),
        cut_off=cut_off_time(start, est.cutoff_minutes),
        prisoner_id=prisoner_id,
        prisoner_number=p_number,
        prisoner_name=f"{p_first} {p_last}",
        prisoner_location=p_location,
        restrictions=to_know(bool(no_child), bool(closed), centre, on),
        party=party,
        party_results=tuple(assessment.party_wide()),
        first_visit=_first_visit(db, [r[0] for r in party_rows], start),
        late_reason=late,
        overbooked_reason=overbooked,
        notes=notes,
        version=version,
        support_needs=tuple((json.loads(needs) if needs else None) or ()),
        virtual=kind == SessionKind.VIRTUAL,
        joining_details=details if kind == SessionKind.VIRTUAL else "",
        language=party_rows[0][6] if party_rows else "en",
    )
