"""Each visit person's age on the day of their visit, kept in their typed copy for the national figures.

A child is someone under the establishment's adult age on the session's day (as the desk's report
counts them), so the figures count ``age < adult age`` in SQL. The age comes from the visitor's
date of birth: filled in when a visit person is written, and followed when a visitor's record
(their date of birth) changes.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Table, bindparam, select, update
from sqlalchemy.orm import Session

from visitorcentre.core.ages import age_on
from visitorcentre.server import bulk
from visitorcentre.server.centre import typed
from visitorcentre.server.models import ServerBase


def _age(born: date | None, day: date | None) -> int | None:
    return age_on(born, day) if born and day else None


def fill(session: Session, rows: list[dict[str, Any]]) -> None:
    """Set ``age`` in each visit person row (dicts about to be written) from its visitor's date of birth."""
    listed = sorted({r["visitor_id"] for r in rows})
    born: dict[str, date | None] = {}
    connection = session.connection()
    for start in range(0, len(listed), 500):
        born.update(
            session.execute(
                select(typed.TypedVisitor.row_id, typed.TypedVisitor.date_of_birth).where(
                    bulk.among(connection, typed.TypedVisitor.row_id, listed[start : start + 500])
                )
            ).all()
        )
    for row in rows:
        row["age"] = _age(born.get(row["visitor_id"]), row["session_date"])


def follow(session: Session, visitors: list[dict[str, Any]]) -> None:
    """Work out again the ages of the visit people of ``visitors`` (rows just written): a birth date may change."""
    born = {v["row_id"]: v["date_of_birth"] for v in visitors}
    listed = sorted(born)
    changed: list[dict[str, Any]] = []
    connection = session.connection()
    for start in range(0, len(listed), 500):
        for row_id, visitor_id, day, age in session.execute(
            select(
                typed.TypedVisitPerson.row_id,
                typed.TypedVisitPerson.visitor_id,
                typed.TypedVisitPerson.session_date,
                typed.TypedVisitPerson.age,
            ).where(bulk.among(connection, typed.TypedVisitPerson.visitor_id, listed[start : start + 500]))
        ):
            now = _age(born[visitor_id], day)
            if now != age:
                changed.append({"key": row_id, "new_age": now})
    if changed:
        table = Table(typed.TypedVisitPerson.__tablename__, ServerBase.metadata)  # (the Table itself, typed as one)
        session.execute(
            update(table).where(table.c.row_id == bindparam("key")).values(age=bindparam("new_age")),
            changed,
        )
