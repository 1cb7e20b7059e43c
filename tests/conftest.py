"""Shared test set-up: Qt offscreen, a private data folder, and a small known world on a temp database."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from visitorcentre.core.clock import FixedClock  # noqa: E402
from visitorcentre.core.kinds import ListStatus, RelationshipKind  # noqa: E402
from visitorcentre.core.staff import Actor  # noqa: E402
from visitorcentre.db import models as m  # noqa: E402
from visitorcentre.desk import Desk, open_desk  # noqa: E402

#: The tests' "now": a Sunday lunchtime, before the 14:00 session's 13:45 cut-off.
NOW = datetime(2026, 11, 22, 13, 0)
TODAY = NOW.date()


@pytest.fixture(autouse=True)
def _data_dir(tmp_path, monkeypatch):
    """Every test gets its own data and log folders."""
    monkeypatch.setenv("VISITORCENTRE_DATA_DIR", str(tmp_path / "data"))


@dataclass
class World:
    """Ids of the known rows in the test database."""

    desk: Desk
    clock: FixedClock
    session_today: str  # 14:00 today, 2 places
    session_tomorrow: str  # 10:00 tomorrow, 10 places
    session_past: str  # yesterday
    prisoner: str  # an ordinary convicted prisoner
    restricted: str  # a prisoner with no child contact
    released: str  # a released prisoner
    mum: str  # adult, approved for prisoner and restricted
    gran: str  # adult, approved for prisoner
    child: str  # 9 years old, approved for prisoner and restricted
    teen: str  # 17 years old, approved for prisoner
    banned: str  # adult, approved but banned everywhere
    pending: str  # adult, list status pending


def _stamp(row, establishment="BAR"):
    row.establishment = establishment
    row.created_at = row.updated_at = NOW
    row.version = 1
    return row


def build_world(db_path, actor: Actor | None = None) -> World:
    """A small, fully known establishment: HMP Barlinnie (BAR) with a neighbour (GRE)."""
    clock = FixedClock(NOW)
    desk = open_desk(db_path, actor=actor or Actor("Test Worker", "manager"), clock=clock, establishment="BAR")
    with desk.ctx.write_sessions() as s:
        s.add(
            _stamp(
                m.Establishment(
                    id="est-bar",
                    code="BAR",
                    name="HMP Barlinnie",
                    nation="scotland",
                    adult_age=18,
                    max_adults=3,
                    max_total=6,
                    cutoff_minutes=15,
                )
            )
        )
        s.add(
            _stamp(
                m.Establishment(
                    id="est-gre",
                    code="GRE",
                    name="HMP Greenock",
                    nation="scotland",
                    adult_age=16,
                    max_adults=3,
                    max_total=5,
                    cutoff_minutes=30,
                ),
                "GRE",
            )
        )
        s.add(
            _stamp(
                m.Prisoner(
                    id="pr-1",
                    prison_number="S100001",
                    first_name="John",
                    last_name="MacDonald",
                    status="convicted",
                    location="Hall B",
                )
            )
        )
        s.add(
            _stamp(
                m.Prisoner(
                    id="pr-2",
                    prison_number="S100002",
                    first_name="Darren",
                    last_name="Kowalski",
                    status="remand",
                    location="Hall C",
                    no_child_contact=True,
                )
            )
        )
        s.add(
            _stamp(
                m.Prisoner(id="pr-3", prison_number="S100003", first_name="Peter", last_name="Grant", status="released")
            )
        )
        s.add(
            _stamp(
                m.VisitSession(
                    id="ses-today",
                    date=TODAY,
                    starts_at=time(14),
                    ends_at=time(16),
                    room="Visit Hall",
                    kind="standard",
                    capacity=2,
                )
            )
        )
        s.add(
            _stamp(
                m.VisitSession(
                    id="ses-tomorrow",
                    date=TODAY + timedelta(days=1),
                    starts_at=time(10),
                    ends_at=time(12),
                    room="Family Room",
                    kind="family",
                    capacity=10,
                )
            )
        )
        s.add(
            _stamp(
                m.VisitSession(
                    id="ses-past",
                    date=TODAY - timedelta(days=1),
                    starts_at=time(14),
                    ends_at=time(16),
                    room="Visit Hall",
                    kind="standard",
                    capacity=10,
                )
            )
        )
        s.flush()
        people = {
            "mum": ("Siobhán", "MacDonald", date(1990, 4, 12)),
            "gran": ("Margaret", "McDonald", date(1958, 9, 30)),
            "child": ("Zoë", "MacDonald", date(2017, 5, 1)),
            "teen": ("Kyle", "MacDonald", date(2009, 6, 15)),
            "banned": ("Craig", "Wilson", date(1985, 1, 20)),
            "pending": ("Agnieszka", "Wiśniewska", date(1992, 7, 7)),
        }
        from visitorcentre.core.names import search_terms

        for key, (first, last, dob) in people.items():
            s.add(
                _stamp(
                    m.Visitor(
                        id=f"vis-{key}",
                        first_name=first,
                        last_name=last,
                        date_of_birth=dob,
                        search_terms=search_terms(first, last),
                    )
                )
            )
        s.flush()
        links = [
            ("mum", "pr-1", RelationshipKind.PARTNER, ListStatus.APPROVED),
            ("gran", "pr-1", RelationshipKind.PARENT, ListStatus.APPROVED),
            ("child", "pr-1", RelationshipKind.CHILD, ListStatus.APPROVED),
            ("teen", "pr-1", RelationshipKind.CHILD, ListStatus.APPROVED),
            ("banned", "pr-1", RelationshipKind.FRIEND, ListStatus.APPROVED),
            ("pending", "pr-1", RelationshipKind.FRIEND, ListStatus.PENDING),
            ("mum", "pr-2", RelationshipKind.SIBLING, ListStatus.APPROVED),
            ("child", "pr-2", RelationshipKind.OTHER_RELATIVE, ListStatus.APPROVED),
            ("mum", "pr-3", RelationshipKind.FRIEND, ListStatus.APPROVED),
        ]
        for key, prisoner, kind, status in links:
            s.add(
                _stamp(
                    m.Relationship(
                        visitor_id=f"vis-{key}",
                        prisoner_id=prisoner,
                        kind=kind,
                        list_status=status,
                        id=f"rel-{key}-{prisoner}",
                    )
                )
            )
        s.flush()
        s.add(
            _stamp(
                m.Ban(
                    id="ban-1",
                    visitor_id="vis-banned",
                    scope="all",
                    reason="passing contraband",
                    starts_on=TODAY - timedelta(days=30),
                    ends_on=TODAY + timedelta(days=150),
                )
            )
        )
        s.commit()
    return World(
        desk=desk,
        clock=clock,
        session_today="ses-today",
        session_tomorrow="ses-tomorrow",
        session_past="ses-past",
        prisoner="pr-1",
        restricted="pr-2",
        released="pr-3",
        mum="vis-mum",
        gran="vis-gran",
        child="vis-child",
        teen="vis-teen",
        banned="vis-banned",
        pending="vis-pending",
    )


@pytest.fixture
def world(tmp_path) -> World:
    built = build_world(tmp_path / "desk.sqlite3")
    yield built
    built.desk.close()


@pytest.fixture(autouse=True)
def _quick_pin_hashes(monkeypatch):
    """argon2 at its lowest cost in tests (the desk itself uses argon2-cffi's default costs)."""
    from argon2 import PasswordHasher

    monkeypatch.setattr(
        "visitorcentre.services.staff.members._hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    )
