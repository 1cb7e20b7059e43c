"""Re-checking the booked visits a change touches, and flagging those whose checks got worse.

``Recheck.before`` is given the records about to be written (as a sync's pull stores them): it
finds, with indexed queries, the visits from today on that they touch (by prisoner, visitor or
session) and runs their checks. ``after`` runs the same checks on the same visits once the
records are written and raises a ``visit_review`` flag for each new finding (core.review), with
the sync op that takes it to the centre. Only the touched visits are ever checked.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from visitorcentre.core import checks, review
from visitorcentre.core.checks import CheckResult
from visitorcentre.core.kinds import AWAITING_CHECK_IN, ListStatus, PersonOutcome
from visitorcentre.db import facts
from visitorcentre.db import models as m

#: The flag ids: the same visit, reason, person and count of earlier flags give the same id on every desk.
_FLAG_IDS = uuid.UUID("6f1d2a0e-8a51-4c55-9d3b-6f0c3e5d7a21")
_CHUNK = 500
#: The records that can make a booked visit's checks worse, and which of their fields name what they touch.
_TOUCHES: dict[str, tuple[tuple[str, str], ...]] = {
    "ban": (("visitor_id", "visitor"),),
    "relationship": (("visitor_id", "visitor"),),
    "restriction": (("prisoner_id", "prisoner"),),
    "prisoner": (("id", "prisoner"),),
    "visit_session": (("id", "session"),),
}


@dataclass
class Touched:
    """The prisoners, visitors and sessions a set of changed records names."""

    prisoner: set[str] = field(default_factory=set)
    visitor: set[str] = field(default_factory=set)
    session: set[str] = field(default_factory=set)

    def add(self, entity: str, values: dict) -> None:
        for key, kind in _TOUCHES.get(entity, ()):
            value = values.get(key)
            if value:
                getattr(self, kind).add(str(value))

    def __bool__(self) -> bool:
        return bool(self.prisoner or self.visitor or self.session)


def _chunks(ids: set[str]) -> list[list[str]]:
    ordered = sorted(ids)
    return [ordered[i : i + _CHUNK] for i in range(0, len(ordered), _CHUNK)]


def touched_visits(session: Session, touched: Touched, today: date) -> set[str]:
    """The booked visits from ``today`` on that name a touched prisoner, visitor or session."""
    found: set[str] = set()
    waiting = list(AWAITING_CHECK_IN)
    on_or_after = (m.Visit.status.in_(waiting), m.VisitSession.date >= today)
    by_day = select(m.Visit.id).join(m.VisitSession, m.VisitSession.id == m.Visit.session_id)
    for ids in _chunks(touched.prisoner):
        found.update(session.scalars(by_day.where(m.Visit.prisoner_id.in_(ids), *on_or_after)))
    for ids in _chunks(touched.session):
        found.update(session.scalars(by_day.where(m.Visit.session_id.in_(ids), *on_or_after)))
    for ids in _chunks(touched.visitor):
        people = set(
            session.scalars(
                select(m.VisitPerson.visit_id).where(
                    m.VisitPerson.visitor_id.in_(ids), m.VisitPerson.session_date >= today
                )
            )
        )
        for visits in _chunks(people - found):
            found.update(session.scalars(select(m.Visit.id).where(m.Visit.id.in_(visits), m.Visit.status.in_(waiting))))
    return found


def verdicts(session: Session, visit_ids: set[str]) -> dict[str, tuple[list[CheckResult], review.VisitFacts]]:
    """Every check's findings for each visit, its whole party (the same as ``facts.assess_visit``,
    with the facts read a chunk of visits at a time), and what a flag's words name."""
    found = {}
    for ids in _chunks(visit_ids):
        visits = list(
            session.scalars(select(m.Visit).where(m.Visit.id.in_(ids)).options(selectinload(m.Visit.party))).unique()
        )
        people = {p.visitor_id for v in visits for p in v.party}
        prisoners = {v.prisoner_id for v in visits}
        rules = {e.code: facts.house_rules(e) for e in session.scalars(select(m.Establishment))}
        restrictions = facts.restrictions_for(session, sorted(prisoners))
        listed = {
            (r.prisoner_id, r.visitor_id): r.list_status
            for r in session.scalars(select(m.Relationship).where(m.Relationship.visitor_id.in_(people)))
        }
        bans: dict[str, list[checks.Ban]] = defaultdict(list)
        for ban in session.scalars(select(m.Ban).where(m.Ban.visitor_id.in_(people))):
            bans[ban.visitor_id].append(facts.ban_facts(ban))
        approvals: dict[tuple[str, str], list[m.ChildApproval]] = defaultdict(list)
        for approval in session.scalars(select(m.ChildApproval).where(m.ChildApproval.visitor_id.in_(people))):
            approvals[(approval.prisoner_id, approval.visitor_id)].append(approval)
        for visit in visits:
            day = visit.session.date
            prisoner = facts.prisoner_facts(session, visit.prisoner, restrictions.get(visit.prisoner_id, ()))
            party = [
                checks.Person(
                    visitor_id=p.visitor_id,
                    name=p.visitor.name,
                    date_of_birth=p.visitor.date_of_birth,
                    list_status=ListStatus(listed[key])
                    if (key := (visit.prisoner_id, p.visitor_id)) in listed
                    else None,
                    bans=tuple(bans[p.visitor_id]),
                    child_approval=next(
                        (
                            f"{a.approved_by}, {a.approved_on:%d %b %Y}"
                            for a in approvals[key]
                            if a.approved_on <= day and (a.valid_until is None or a.valid_until >= day)
                        ),
                        None,
                    ),
                )
                for p in visit.party
                if p.outcome != PersonOutcome.CANCELLED  # taken off the visit: no longer coming
            ]
            house = rules.get(visit.session.establishment)
            if house is None:
                continue  # (a visit of an establishment this desk does not know is never booked here)
            results = checks.assess(prisoner, party, house, day, blocked_reason=visit.session.blocked_reason).results
            found[visit.id] = (results, _facts_of(visit))
    return found


def _facts_of(visit: m.Visit) -> review.VisitFacts:
    return review.VisitFacts(
        day=visit.session.date,
        starts_at=visit.session.starts_at,
        prisoner_name=visit.prisoner.name,
        names={p.visitor_id: p.visitor.name for p in visit.party},
    )


def _payload(flag: m.VisitReview) -> dict:
    payload: dict = {}
    for column in m.VisitReview.__table__.columns:
        value = getattr(flag, column.key)
        payload[column.key] = value.isoformat() if isinstance(value, (date, datetime)) else value
    return payload


def _flag_id(visit_id: str, finding: review.Finding, count: int) -> str:
    return str(uuid.uuid5(_FLAG_IDS, f"{visit_id}|{finding.reason}|{finding.visitor_id or ''}|{count}"))


def flags_of(session: Session, visit_ids: set[str]) -> dict[str, m.VisitReview]:
    """Every flag (open or settled) of the visits ``visit_ids``, by id: read once for a whole re-check."""
    found: dict[str, m.VisitReview] = {}
    for chunk in _chunks(visit_ids):
        found.update(
            (flag.id, flag) for flag in session.scalars(select(m.VisitReview).where(m.VisitReview.visit_id.in_(chunk)))
        )
    return found


def raise_flags(
    session: Session,
    visit: m.Visit,
    found: list[review.Finding],
    now: datetime,
    known: dict[str, m.VisitReview],
) -> list[m.VisitReview]:
    """A flag for each finding not already flagged and open, with its sync op; returns the new flags.

    ``known`` is every flag of the visit already stored (``flags_of``); new flags are added to it.
    """
    raised = []
    for finding in found:
        count = 0
        while (earlier := known.get(_flag_id(visit.id, finding, count))) is not None:
            if earlier.resolved_at is None:
                break
            count += 1
        if earlier is not None:
            continue  # already flagged and not yet settled
        flag = m.VisitReview(
            id=_flag_id(visit.id, finding, count),
            establishment=visit.establishment,
            created_at=now,
            updated_at=now,
            version=1,
            visit_id=visit.id,
            reason=finding.reason,
            words=finding.words,
            raised_at=now,
            resolved_at=None,
            resolved_by="",
            resolution="",
            family_told="",
            note="",
        )
        known[flag.id] = flag
        session.add(flag)
        session.add(
            m.OutboxOp(
                op_id=m.new_id(),
                entity="visit_review",
                row_id=flag.id,
                operation="insert",
                payload=_payload(flag),
                schema_version=1,
                created_at=now,
            )
        )
        raised.append(flag)
    return raised


class Recheck:
    """The checks of the visits some changed records touch, before and after they are written."""

    def __init__(self, session: Session, touched: Touched, today: date):
        self.today = today
        self.visit_ids = touched_visits(session, touched, today) if touched else set()
        self.before = verdicts(session, self.visit_ids) if self.visit_ids else {}

    @property
    def rechecked(self) -> int:
        """How many visits were re-checked."""
        return len(self.visit_ids)

    def after(self, session: Session, now: datetime) -> list[m.VisitReview]:
        """Check the same visits again (the records now written) and flag each that got worse."""
        if not self.visit_ids:
            return []
        session.flush()
        session.expire_all()  # the rows were written beneath the ORM: read them afresh
        worse: dict[str, list[review.Finding]] = {}
        for visit_id, (results, about) in verdicts(session, self.visit_ids).items():
            before = self.before.get(visit_id, ([], about))[0]
            found = review.findings(before, results, about, self.today)
            if found:
                worse[visit_id] = found
        if not worse:
            return []
        raised = []
        with session.no_autoflush:  # (a flag added for one visit need not be written before the next is read)
            known = flags_of(session, set(worse))
            visits = {
                v.id: v
                for chunk in _chunks(set(worse))
                for v in session.scalars(select(m.Visit).where(m.Visit.id.in_(chunk)))
            }
            for visit_id, found in worse.items():
                raised += raise_flags(session, visits[visit_id], found, now, known)
        return raised
