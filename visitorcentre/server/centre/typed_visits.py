"""Each visit person's visit status, and each visitor's first day let in, kept for the national figures.

A person counts as let in when their own outcome is "checked in" and their visit went ahead
(``core.kinds.ADMITTED``), as the desk's report counts them. The visit's status is copied onto
each of its people (``visit_status``) when either is written, so counting the people let in over
a year needs no join; and ``typed_first_visit`` holds each visitor's first day let in at each
establishment, worked out again for the visitors a write touches, so "first-time visitors from
this day to that" is a range scan instead of a pass over every visit ever made.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Table, and_, bindparam, delete, func, insert, select, text, tuple_, update
from sqlalchemy.orm import Session

from visitorcentre.core.kinds import ADMITTED, PersonOutcome
from visitorcentre.server import bulk
from visitorcentre.server.centre import typed
from visitorcentre.server.models import ServerBase

CHUNK = 500
_ADMITTED = sorted(str(s) for s in ADMITTED)
Pair = tuple[str, str]  # (establishment, visitor id)


def _table(model: type[ServerBase]) -> Table:
    return Table(model.__tablename__, ServerBase.metadata)  # (the Table itself, typed as one)


def _chunks(items: list, size: int = CHUNK) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def fill(session: Session, rows: list[dict[str, Any]]) -> set[Pair]:
    """Set ``visit_status`` in visit person rows about to be written; returns the visitors whose first
    day may change (theirs, and those the rows named before, should a person's visitor change)."""
    p, v = typed.TypedVisitPerson, typed.TypedVisit
    status: dict[str, str] = {}
    connection = session.connection()
    for ids in _chunks(sorted({r["visit_id"] for r in rows})):
        status.update(session.execute(select(v.row_id, v.status).where(bulk.among(connection, v.row_id, ids))).all())
    pairs = {(r["establishment"], r["visitor_id"]) for r in rows}
    for ids in _chunks(sorted(r["row_id"] for r in rows)):
        named = bulk.among(connection, p.row_id, ids)
        pairs.update(session.execute(select(p.establishment, p.visitor_id).where(named)).all())
    for row in rows:
        row["visit_status"] = status.get(row["visit_id"], "")
    return pairs


def follow(session: Session, visits: list[dict[str, Any]]) -> set[Pair]:
    """Copy the status of ``visits`` (rows just written) onto their people; returns the visitors touched.

    Only people whose copy differs are updated (most visit writes leave the status as it was), and
    only their visitors' first days can change.
    """
    p = typed.TypedVisitPerson
    status = {v["row_id"]: v["status"] for v in visits}
    stale: set[str] = set()
    pairs: set[Pair] = set()
    connection = session.connection()
    for ids in _chunks(sorted(status)):
        for visit_id, had, establishment, visitor_id in session.execute(
            select(p.visit_id, p.visit_status, p.establishment, p.visitor_id).where(
                bulk.among(connection, p.visit_id, ids)
            )
        ):
            if had != status[visit_id]:
                stale.add(visit_id)
                pairs.add((establishment, visitor_id))
    if stale:
        table = _table(p)
        session.execute(
            update(table).where(table.c.visit_id == bindparam("key")).values(visit_status=bindparam("new_status")),
            [{"key": visit_id, "new_status": status[visit_id]} for visit_id in sorted(stale)],
        )
    return pairs


def _let_in():
    p = typed.TypedVisitPerson
    return and_(p.outcome == PersonOutcome.CHECKED_IN, p.visit_status.in_(_ADMITTED), p.session_date.is_not(None))


def first_days(session: Session, pairs: set[Pair]) -> None:
    """Work out again the first day let in of each (establishment, visitor) in ``pairs``."""
    p, f = typed.TypedVisitPerson, typed.TypedFirstVisit
    for chunk in _chunks(sorted(pairs)):
        visitors = sorted({visitor for _code, visitor in chunk})
        wanted = set(chunk)
        found = [
            {"establishment": code, "visitor_id": visitor, "first_on": first}
            for code, visitor, first in session.execute(
                select(p.establishment, p.visitor_id, func.min(p.session_date))
                .where(p.visitor_id.in_(visitors), _let_in())
                .group_by(p.establishment, p.visitor_id)
            ).all()
            if (code, visitor) in wanted
        ]
        session.execute(delete(f).where(tuple_(f.establishment, f.visitor_id).in_(chunk)))
        if found:
            session.connection().execute(insert(_table(f)), found)


def rebuild(session: Session) -> None:
    """Every person's visit status and every first day, from the typed copies (after a migration or a
    bulk load that wrote them without following)."""
    session.execute(
        text(
            "UPDATE typed_visit_person SET visit_status = COALESCE("
            "(SELECT status FROM typed_visit WHERE typed_visit.row_id = typed_visit_person.visit_id), '')"
        )
    )
    first_days_of_all(session)


def first_days_of_all(session: Session) -> None:
    p, f = typed.TypedVisitPerson, typed.TypedFirstVisit
    session.execute(delete(f))
    session.execute(
        insert(f).from_select(
            ["establishment", "visitor_id", "first_on"],
            select(p.establishment, p.visitor_id, func.min(p.session_date))
            .where(_let_in())
            .group_by(p.establishment, p.visitor_id),
        )
    )
