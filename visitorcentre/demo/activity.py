"""A day at the desk: realistic actions performed through the services, for demos and benchmarks."""

from __future__ import annotations

import random

from sqlalchemy import func, select

from visitorcentre.core.errors import ArrivalAfterCutOff, VisitorCentreError
from visitorcentre.core.kinds import AWAITING_CHECK_IN, VisitStatus
from visitorcentre.db import models as m
from visitorcentre.demo.visits import CANCEL_REASONS, REFUSAL_REASONS
from visitorcentre.desk import Desk

LATE_REASONS = (
    "The bus from Glasgow was late",
    "First visit: they did not know where to go",
    "Roadworks on the motorway",
)
_ACTIONS = (
    ("book", 25),
    ("walk_in", 8),
    ("check_in", 30),
    ("refuse", 5),
    ("check_out", 17),
    ("no_show", 8),
    ("cancel", 7),
)


class DeskDay:
    """Picks a plausible next action at the desk and performs it through the Desk."""

    def __init__(self, desk: Desk, rng: random.Random):
        self.desk = desk
        self.rng = rng

    def _visit_ids(self, statuses, today: bool, future: bool = False, min_party: int = 1) -> list[str]:
        day = self.desk.ctx.clock.today()
        with self.desk.ctx.reading() as session:
            query = (
                select(m.Visit.id)
                .join(m.VisitSession, m.VisitSession.id == m.Visit.session_id)
                .where(m.Visit.status.in_([str(s) for s in statuses]))
            )
            query = query.where(m.VisitSession.date > day) if future else query.where(m.VisitSession.date == day)
            if min_party > 1:
                party = (
                    select(m.VisitPerson.visit_id).group_by(m.VisitPerson.visit_id).having(func.count() >= min_party)
                )
                query = query.where(m.Visit.id.in_(party))
            return list(session.scalars(query.order_by(m.Visit.reference).limit(200)))

    def _family_for(self, session_id: str) -> tuple[str, list[str]] | None:
        with self.desk.ctx.reading() as session:
            slot = session.get(m.VisitSession, session_id)
            in_custody = (
                m.Prisoner.establishment == slot.establishment,
                m.Prisoner.status.in_(("convicted", "remand")),
            )
            # Start somewhere in the roster, but never past its end (a small demo has few prisoners).
            count = session.scalar(select(func.count()).select_from(m.Prisoner).where(*in_custody)) or 0
            prisoners = list(
                session.scalars(
                    select(m.Prisoner.id)
                    .where(*in_custody)
                    .order_by(m.Prisoner.prison_number)
                    .offset(self.rng.randint(0, max(0, min(500, count - 20))))
                    .limit(20)
                )
            )
        for prisoner_id in prisoners:
            linked = [v for v in self.desk.visits.linked_visitors(prisoner_id) if v.list_status == "approved"]
            adults = [v for v in linked if (self.desk.ctx.clock.today() - v.date_of_birth).days > 18 * 366]
            if adults:
                children = [v for v in linked if v not in adults][: self.rng.randint(0, 2)]
                return prisoner_id, [adults[0].visitor_id] + [c.visitor_id for c in children]
        return None

    def step(self) -> bool:
        """Try one action; True if it was done."""
        rng = self.rng
        action = rng.choices([a for a, _ in _ACTIONS], [w for _, w in _ACTIONS])[0]
        try:
            return getattr(self, f"_{action}")()
        except VisitorCentreError:  # the checks or the session said no: a real desk would move on too
            return False

    def _book_family(self, sessions, book) -> bool:
        open_ = [s for s in sessions if s.places_left > 0]
        if not open_:
            return False
        slot = self.rng.choice(open_)
        family = self._family_for(slot.id)
        if family is None:
            return False
        book(slot.id, family[0], family[1])
        return True

    def _book(self) -> bool:
        today = self.desk.ctx.clock.today()
        return self._book_family(
            [s for s in self.desk.visits.bookable_sessions() if s.date > today], self.desk.visits.book_visit
        )

    def _walk_in(self) -> bool:
        return self._book_family(self.desk.visits.bookable_sessions(today_only=True), self.desk.visits.walk_in)

    def _check_in(self) -> bool:
        visits = self._visit_ids(AWAITING_CHECK_IN, today=True)
        if not visits:
            return False
        visit_id = self.rng.choice(visits)
        try:
            self.desk.visits.check_in(visit_id)
        except ArrivalAfterCutOff:
            self.desk.visits.check_in(visit_id, late_reason=self.rng.choice(LATE_REASONS))
        return True

    def _refuse(self) -> bool:
        visits = self._visit_ids(AWAITING_CHECK_IN, today=True, min_party=2)
        if not visits:
            return False
        detail = self.desk.visits.visit(self.rng.choice(visits))
        person = detail.party[-1]
        self.desk.visits.refuse(detail.id, person.visitor_id, self.rng.choice(REFUSAL_REASONS))
        return True

    def _check_out(self) -> bool:
        visits = self._visit_ids({VisitStatus.CHECKED_IN, VisitStatus.IN_HALL}, today=True)
        if not visits:
            return False
        self.desk.visits.check_out(self.rng.choice(visits))
        return True

    def _no_show(self) -> bool:
        visits = self._visit_ids({VisitStatus.BOOKED}, today=True)
        if not visits:
            return False
        self.desk.visits.no_show(self.rng.choice(visits))
        return True

    def _cancel(self) -> bool:
        visits = self._visit_ids({VisitStatus.BOOKED}, today=False, future=True)
        if not visits:
            return False
        self.desk.visits.cancel(self.rng.choice(visits), self.rng.choice(CANCEL_REASONS))
        return True


def run(desk: Desk, actions: int, seed: int) -> int:
    """Perform ``actions`` desk actions (giving up after many fruitless tries); returns how many were done."""
    day = DeskDay(desk, random.Random(seed))
    done = tries = 0
    while done < actions and tries < actions * 20 + 50:
        tries += 1
        if day.step():
            done += 1
    return done
