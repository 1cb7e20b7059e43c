"""What ``visitorcentre verify`` reads through sqlite3: the pass keys, the void list and the visit a pass names.

services/passes/door_words.py gives the verdict (the same words as the hall door's): the token
is checked by core/passes.py against the keys and void list read here, and the visit is read
into a stand-in with the attributes door_words reads from an ``m.Visit``.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime

from visitorcentre.core import passes as tokens
from visitorcentre.db.direct import day, moment

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class _Visitor:
    name: str
    date_of_birth: date
    language: str


@dataclass(frozen=True)
class _Person:
    outcome: str
    visitor: _Visitor


@dataclass(frozen=True)
class _Session:
    kind: str
    date: date


@dataclass(frozen=True)
class _Prisoner:
    name: str
    prison_number: str


@dataclass(frozen=True)
class _Visit:
    id: str
    reference: str
    status: str
    in_hall_at: datetime | None
    session: _Session
    prisoner: _Prisoner
    party: tuple[_Person, ...]


def enrolled_as(db: sqlite3.Connection) -> str:
    """The establishment this desk is enrolled for ("" for a desk working on its own)."""
    row = db.execute("SELECT establishment, device_id FROM sync_state WHERE id = 1").fetchone()
    return row[0] if row is not None and row[1] else ""


def verification_keys(db: sqlite3.Connection) -> dict[str, tokens.PublicKey]:
    """The keys that may vouch for a pass here, by key id: an enrolled desk's own establishment's only."""
    sql = "SELECT key_id, establishment, public_key, retired_on FROM pass_key"
    enrolled = enrolled_as(db)
    rows = db.execute(sql + " WHERE establishment = ?", (enrolled,)) if enrolled else db.execute(sql)
    keys = {}
    for key_id, establishment, public, retired_on in rows:
        try:
            keys[key_id] = tokens.PublicKey(key_id, establishment, bytes.fromhex(public), day(retired_on))
        except ValueError:  # a damaged key vouches for nothing; the others still work
            log.warning("Pass key %s is not readable; passes signed with it will be refused", key_id)
    return keys


def void_list(db: sqlite3.Connection) -> set[tuple[str, int]]:
    """(establishment, serial) of every voided pass."""
    return set(db.execute("SELECT establishment, serial FROM visit_pass WHERE voided = 1").fetchall())


def visit_at(db: sqlite3.Connection, reference: str, here: str) -> tuple[_Visit, int] | None:
    """The visit ``reference`` at ``here`` as door_words reads it, with its establishment's adult age."""
    row = db.execute(
        "SELECT v.id, v.reference, v.status, v.in_hall_at, s.kind, s.date, p.first_name, p.last_name,"
        " p.prison_number, (SELECT adult_age FROM establishment e WHERE e.code = v.establishment)"
        " FROM visit v JOIN visit_session s ON s.id = v.session_id JOIN prisoner p ON p.id = v.prisoner_id"
        " WHERE v.reference = ? AND v.establishment = ?",
        (reference, here),
    ).fetchone()
    if row is None:
        return None
    visit_id, ref, status, in_hall_at, kind, on, first, last, number, adult_age = row
    party = tuple(
        _Person(outcome, _Visitor(f"{vfirst} {vlast}", date.fromisoformat(born), language))
        for outcome, vfirst, vlast, born, language in db.execute(
            "SELECT vp.outcome, p.first_name, p.last_name, p.date_of_birth, p.language FROM visit_person vp"
            " JOIN visitor p ON p.id = vp.visitor_id WHERE vp.visit_id = ? ORDER BY vp.position",
            (visit_id,),
        )
    )
    visit = _Visit(
        visit_id,
        ref,
        status,
        moment(in_hall_at),
        _Session(kind, date.fromisoformat(on)),
        _Prisoner(f"{first} {last}", number),
        party,
    )
    return visit, 18 if adult_age is None else adult_age
