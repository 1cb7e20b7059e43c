"""A server database with two establishments (BAR, GRE) and a few people, for the prisoner services' tests."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from visitorcentre.server import documents
from visitorcentre.server.centre import prisoners
from visitorcentre.server.centre.models import CentreAudit
from visitorcentre.server.centre.scope import EVERY

NOW = datetime(2026, 12, 3, 9, 30)
ADMIN = "Ann Admin"


def put(session: Session, entity: str, row_id: str, payload: dict, by: str = "server") -> None:
    documents.put(session, entity, row_id, {"id": row_id, "version": 1} | payload, by, NOW)


def establishments(engine: Engine, *codes: str) -> None:
    with Session(engine) as session, session.begin():
        for code in codes or ("BAR", "GRE"):
            put(session, "establishment", f"est-{code}", {"establishment": code, "code": code, "name": f"HMP {code}"})


def details(**changes) -> prisoners.PrisonerDetails:
    fields = {
        "first_name": "Seán",
        "last_name": "MacDonald",
        "date_of_birth": date(1990, 5, 1),
        "location": "Hall B",
        "status": "convicted",
    }
    return prisoners.PrisonerDetails(**(fields | changes))


def add_prisoner(engine: Engine, number: str = "A1234BC", establishment: str = "BAR", **changes) -> str:
    with Session(engine) as session, session.begin():
        return prisoners.add(
            session,
            actor=ADMIN,
            scope=EVERY,
            now=NOW,
            establishment=establishment,
            number=number,
            details=details(**changes),
        )


def visitor_on_list(engine: Engine, prisoner_id: str, row_id: str = "r1", status: str = "pending") -> str:
    """A visitor a desk registered, on the prisoner's list as ``status`` (as a desk pushes it)."""
    with Session(engine) as session, session.begin():
        put(
            session,
            "visitor",
            f"v-{row_id}",
            {"establishment": "BAR", "first_name": "Mary", "last_name": "O'Neill", "date_of_birth": "1970-02-03"},
            "device-1",
        )
        put(
            session,
            "relationship",
            row_id,
            {
                "establishment": "BAR",
                "visitor_id": f"v-{row_id}",
                "prisoner_id": prisoner_id,
                "kind": "parent",
                "list_status": status,
            },
            "device-1",
        )
    return row_id


def audit_entries(engine: Engine) -> list[CentreAudit]:
    with Session(engine) as session:
        return list(session.scalars(select(CentreAudit).order_by(CentreAudit.seq)))
