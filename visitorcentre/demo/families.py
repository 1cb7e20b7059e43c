"""Demo prisoners and their families: who visits whom, with bans and child-contact restrictions."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from visitorcentre.core.names import search_terms
from visitorcentre.demo import people
from visitorcentre.demo.establishments import ESTABLISHMENTS

_POSTCODE_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"


def demo_id(rng: random.Random) -> str:
    """A repeatable UUID-4-shaped id."""
    h = f"{rng.getrandbits(128):032x}"
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{'89ab'[int(h[16], 16) & 3]}{h[17:20]}-{h[20:32]}"


@dataclass
class Member:
    id: str
    first: str
    last: str
    dob: date
    adult: bool
    list_status: str
    banned: bool = False
    child_approved: bool = False


@dataclass
class Family:
    prisoner_id: str
    establishment: str
    in_custody: bool
    no_child_contact: bool
    members: list[Member] = field(default_factory=list)
    _visitable: list[Member] | None = None  # worked out once the family is complete

    def visitable(self) -> list[Member]:
        """Members who may visit today: approved, not banned, children only if allowed."""
        if self._visitable is None:
            self._visitable = [
                p
                for p in self.members
                if p.list_status == "approved"
                and not p.banned
                and (p.adult or not self.no_child_contact or p.child_approved)
            ]
        return self._visitable


def _dob(rng: random.Random, today: date, youngest: int, oldest: int) -> date:
    return today - timedelta(days=rng.randint(youngest * 365 + 1, oldest * 365 + 300))


def _postcode(rng: random.Random) -> tuple[str, str]:
    town, area = rng.choice(people.TOWNS)
    district, sector = rng.randint(1, 40), rng.randint(1, 9)  # drawn in this order: the demo data stays the same
    code = f"{area}{district} {sector}{rng.choice(_POSTCODE_LETTERS)}{rng.choice(_POSTCODE_LETTERS)}"
    return town, code


class FamilyMaker:
    """Makes prisoners and families, and the rows that record them."""

    def __init__(self, rng: random.Random, today: date, stamp: str):
        self.rng = rng
        self.today = today
        self.stamp = stamp
        self.prisoners: list[tuple] = []
        self.visitors: list[tuple] = []
        self.relationships: list[tuple] = []
        self.bans: list[tuple] = []
        self.approvals: list[tuple] = []
        self.weights = [e.weight for e in ESTABLISHMENTS]

    def _synced(self, row_id: str, establishment: str) -> tuple:
        return (row_id, establishment, self.stamp, self.stamp, 1)

    def family(self, number: int) -> Family:
        rng = self.rng
        est = rng.choices(ESTABLISHMENTS, self.weights)[0]
        roll = rng.random()
        status = (
            "convicted" if roll < 0.74 else "remand" if roll < 0.95 else "released" if roll < 0.98 else "transferred"
        )
        surname = rng.choice(people.SURNAMES)
        prisoner_id = demo_id(rng)
        male = rng.random() < 0.94
        no_child_contact = rng.random() < 0.03
        self.prisoners.append(
            self._synced(prisoner_id, est.code)
            + (
                f"S{1000000 + number}",
                rng.choice(people.MEN if male else people.WOMEN),
                surname,
                _dob(rng, self.today, 18, 65).isoformat(),
                f"Hall {rng.choice('ABCDEF')}{rng.randint(1, 4)}",
                status,
                no_child_contact,
                rng.random() < 0.02,
            )
        )
        family = Family(prisoner_id, est.code, status in ("convicted", "remand"), no_child_contact)
        town, postcode = _postcode(rng)
        address = f"{rng.randint(1, 180)} {rng.choice(people.STREETS)}, {town}"
        kinds = ["partner"] + rng.choices(["parent", "sibling", "grandparent", "friend"], k=rng.choice((0, 0, 1, 1, 2)))
        for kind in kinds:
            age_range = {"partner": (19, 60), "parent": (38, 80), "grandparent": (55, 88)}.get(kind, (18, 60))
            first = rng.choice(people.WOMEN if kind != "sibling" or rng.random() < 0.5 else people.MEN)
            same_name = kind in ("parent", "sibling", "grandparent") or rng.random() < 0.5
            last = surname if same_name else rng.choice(people.SURNAMES)
            self._member(family, first, last, _dob(rng, self.today, *age_range), True, kind, postcode, address)
        for child in rng.sample(people.CHILDREN, rng.choice((0, 0, 1, 1, 2, 2, 3, 4))):
            self._member(family, child, surname, _dob(rng, self.today, 0, 17), False, "child", postcode, address)
        return family

    def _member(
        self, family: Family, first: str, last: str, dob: date, adult: bool, kind: str, postcode: str, address: str
    ) -> None:
        rng = self.rng
        visitor_id = demo_id(rng)
        roll = rng.random()
        list_status = "approved" if roll < 0.95 else "pending" if roll < 0.99 else "removed"
        member = Member(visitor_id, first, last, dob, adult, list_status)
        support = rng.choice(people.SUPPORT_NEEDS) if rng.random() < 0.04 else ""
        language = (
            "pl"
            if last in ("Kowalski", "Kowalska", "Nowak", "Wiśniewska", "Wójcik", "Lewandowski", "Zieliński")
            else ("gd" if rng.random() < 0.02 else "en")
        )
        self.visitors.append(
            self._synced(visitor_id, family.establishment)
            + (
                first,
                last,
                dob.isoformat(),
                f"07{rng.randint(100000000, 999999999)}" if adult else "",
                "",
                address,
                postcode,
                language,
                support,
                rng.choice(("passport", "driving licence", "Young Scot card")) if adult else "",
                False,
                "",
                search_terms(first, last),
            )
        )
        self.relationships.append(
            self._synced(demo_id(rng), family.establishment) + (visitor_id, family.prisoner_id, kind, list_status)
        )
        if adult and rng.random() < 0.004:
            member.banned = True
            scope = rng.choice(("all", "establishment", "prisoner"))
            start = self.today - timedelta(days=rng.randint(10, 300))
            self.bans.append(
                self._synced(demo_id(rng), family.establishment)
                + (
                    visitor_id,
                    scope,
                    family.prisoner_id if scope == "prisoner" else None,
                    rng.choice(people.BAN_REASONS),
                    start.isoformat(),
                    (start + timedelta(days=rng.choice((180, 365, 730)))).isoformat() if rng.random() < 0.8 else None,
                )
            )
        if not adult and family.no_child_contact and rng.random() < 0.5:
            member.child_approved = True
            self.approvals.append(
                self._synced(demo_id(rng), family.establishment)
                + (
                    family.prisoner_id,
                    visitor_id,
                    "Morag Duncan (manager)",
                    (self.today - timedelta(days=rng.randint(5, 200))).isoformat(),
                    None,
                    "Social work assessment completed; supervised contact agreed.",
                )
            )
        family.members.append(member)
