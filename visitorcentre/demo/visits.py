"""Demo visits for a session: who came, and how each visit went, as of the demo's "now"."""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import date, datetime, time, timedelta

from visitorcentre.core import references
from visitorcentre.core.kinds import SessionKind
from visitorcentre.demo.families import Family, Member, demo_id

REFUSAL_REASONS = ("No photo ID", "Arrived after the cut-off", "Refused the search", "Not on the visitor list")
CANCEL_REASONS = ("Family unwell", "Prisoner at court", "Rebooked for another day", "Transport problem")
_SOURCES = ("phone", "prisoner", "online", "desk")
_SOURCE_WEIGHTS = (45, 25, 20, 10)
_MAX_ADULTS = {"GRE": 3}
_SMALL_PARTY_KINDS = {SessionKind.VIRTUAL, SessionKind.INTER_PRISON, SessionKind.EXCEPTIONAL}


def _stamp(moment: datetime | None) -> str | None:
    """SQLAlchemy's text form of a whole-second datetime."""
    return moment.isoformat(" ") + ".000000" if moment else None


def _pick(rng: random.Random, table: tuple[tuple[str, float], ...]) -> str:
    roll = rng.random()
    for status, share in table:
        roll -= share
        if roll < 0:
            return status
    return table[-1][0]


_PAST = (("completed", 0.86), ("no_show", 0.07), ("cancelled", 0.05), ("refused", 0.02))
_IN_PROGRESS = (("in_hall", 0.82), ("checked_in", 0.05), ("no_show", 0.08), ("cancelled", 0.05))
_ABOUT_TO_START = (("booked", 0.6), ("checked_in", 0.35), ("cancelled", 0.05))
_AHEAD = (("booked", 0.95), ("cancelled", 0.05))


#: Support needs asked for at booking (as stored JSON), given to one visit in 16 in turn.
_SUPPORT_NEEDS = (
    '["quiet_space"]',
    '["sensory_aids"]',
    '["familiarisation"]',
    '["sensory_aids", "quiet_space"]',
    '["step_free"]',
    '["Our son is autistic: please seat us near the door"]',
    '["interpreter"]',
)


class VisitMaker:
    """Collects visit and party rows for sessions, with statuses that fit the demo's "now"."""

    def __init__(self, rng: random.Random, now: datetime, families: list[Family], made: str):
        self.rng = rng
        self.now = now
        self.made = made
        self.pool: dict[str, list[Family]] = defaultdict(list)
        for family in families:
            if family.in_custody and any(m.adult for m in family.visitable()):
                self.pool[family.establishment].append(family)
        self.taken: set[str] = set()
        self.visits: list[tuple] = []
        self.people: list[tuple] = []
        self.count = 0

    def _reference(self) -> str:
        while True:
            reference = references.from_number(self.rng.getrandbits(5 * references.LENGTH))
            if reference not in self.taken:
                self.taken.add(reference)
                return reference

    def _fraction(self, day: date) -> float:
        ahead = (day - self.now.date()).days
        if ahead <= 0:
            return 0.82
        return max(0.2, 0.8 - 0.07 * ahead)

    def _party(self, family: Family, kind: str, max_total: int = 6) -> list[Member]:
        rng = self.rng
        allowed = family.visitable()
        adults = [m for m in allowed if m.adult]
        lead = rng.choice(adults)
        party = [lead]
        if kind in _SMALL_PARTY_KINDS:
            return party
        for other in adults:
            if other is not lead and len([p for p in party if p.adult]) < 2 and rng.random() < 0.25:
                party.append(other)
        for child in (m for m in allowed if not m.adult):
            if len(party) < max_total - 1 and rng.random() < 0.65:
                party.append(child)
        return party

    def _status(self, begin: datetime, end: datetime) -> str:
        if end <= self.now:
            return _pick(self.rng, _PAST)
        if begin <= self.now:
            return _pick(self.rng, _IN_PROGRESS)
        if begin.date() == self.now.date() and begin - timedelta(hours=1) <= self.now:
            return _pick(self.rng, _ABOUT_TO_START)
        return _pick(self.rng, _AHEAD)

    def fill(self, session_row: tuple, target: int) -> None:
        """Book visits into one session (``session_row`` as inserted), up to ``target`` in all."""
        rng = self.rng
        session_id, establishment = session_row[0], session_row[1]
        day = date.fromisoformat(session_row[5])
        begin = datetime.combine(day, time.fromisoformat(session_row[6][:8]))
        end = datetime.combine(day, time.fromisoformat(session_row[7][:8]))
        kind, places = session_row[9], session_row[10]
        pool = self.pool[establishment]
        wanted = min(
            round(places * self._fraction(day) * rng.uniform(0.8, 1.15)), places, len(pool), target - self.count
        )
        if wanted <= 0:
            return
        for family in rng.sample(pool, wanted):
            self._visit(session_id, establishment, family, kind, begin, end)

    def _visit(
        self, session_id: str, establishment: str, family: Family, kind: str, begin: datetime, end: datetime
    ) -> None:
        rng = self.rng
        visit_id = demo_id(rng)
        day_text = begin.date().isoformat()
        status = self._status(begin, end)
        booked_at = begin - timedelta(days=rng.randint(1, 20), minutes=rng.randint(0, 600))
        admitted = status in ("checked_in", "in_hall", "completed")
        checked_in_at = begin - timedelta(minutes=rng.randint(15, 60)) if admitted else None
        in_hall_at = begin + timedelta(minutes=rng.randint(2, 10)) if status in ("in_hall", "completed") else None
        completed_at = end if status == "completed" else None
        made = _stamp(booked_at)
        fmt = _stamp
        self.visits.append(
            (
                visit_id,
                establishment,
                made,
                made,
                1,
                self._reference(),
                session_id,
                family.prisoner_id,
                status,
                rng.choices(_SOURCES, _SOURCE_WEIGHTS)[0],
                made,
                fmt(checked_in_at),
                fmt(in_hall_at),
                fmt(completed_at),
                "",
                "",
                rng.choice(CANCEL_REASONS) if status == "cancelled" else "",
                "",
                _SUPPORT_NEEDS[(self.count // 16) % len(_SUPPORT_NEEDS)]
                if self.count % 16 == 3 and kind != "virtual"
                else "[]",
            )
        )
        party = self._party(family, kind)
        refused_one = admitted and len(party) > 1 and rng.random() < 0.03
        for position, member in enumerate(party):
            if status == "booked":
                outcome, reason, at = "expected", "", None
            elif status == "no_show":
                outcome, reason, at = "no_show", "", begin
            elif status == "cancelled":
                outcome, reason, at = "cancelled", "", booked_at
            elif status == "refused":
                outcome, reason, at = "refused", rng.choice(REFUSAL_REASONS), begin
            else:
                outcome, reason, at = "checked_in", "", checked_in_at
            if refused_one and position == len(party) - 1:
                outcome, reason = "refused", rng.choice(REFUSAL_REASONS)
            self.people.append(
                (
                    demo_id(rng),
                    establishment,
                    made,
                    made,
                    1,
                    visit_id,
                    member.id,
                    day_text,
                    position,
                    outcome,
                    reason,
                    fmt(at),
                )
            )
        self.count += 1
