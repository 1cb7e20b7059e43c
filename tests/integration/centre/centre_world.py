"""A central server database for the console's service tests: establishments, and visits booked as a desk books them.

``engine`` (conftest.py, SQLite and PostgreSQL) is a migrated server database; ``add_establishment``
writes an establishment through the centre's write path; ``book`` writes a prisoner, visitors and
a visit with its party as a desk's push would (documents.put), so the typed copies are filled.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from visitorcentre.server import documents
from visitorcentre.server.centre import store

NOW = datetime(2026, 12, 3, 9, 30)


def add_establishment(session: Session, code: str, name: str = "") -> None:
    store.save(
        session,
        actor="server-admin",
        action="establishment.added",
        entity="establishment",
        row_id=f"est-{code}",
        fields={"establishment": code, "code": code, "name": name or f"HMP {code}", "nation": "scotland"},
        summary=f"Added {code}",
        now=NOW,
    )


def _stamps(row_id: str, establishment: str) -> dict:
    return {
        "id": row_id,
        "establishment": establishment,
        "version": 1,
        "created_at": "2026-12-01T10:00:00",
        "updated_at": "2026-12-01T10:00:00",
    }


def add_prisoner(session: Session, row_id: str, establishment: str, first: str, last: str, number: str) -> None:
    payload = _stamps(row_id, establishment) | {
        "prison_number": number,
        "first_name": first,
        "last_name": last,
        "location": "",
        "status": "convicted",
        "no_child_contact": False,
        "closed_visits": False,
    }
    documents.put(session, "prisoner", row_id, payload, "server", NOW)


def add_visitor(session: Session, row_id: str, establishment: str, first: str, last: str, born: str | None) -> None:
    payload = _stamps(row_id, establishment) | {"first_name": first, "last_name": last, "date_of_birth": born}
    documents.put(session, "visitor", row_id, payload, "device-1", NOW)


def book(
    session: Session,
    visit_id: str,
    session_id: str,
    reference: str,
    prisoner_id: str,
    visitor_ids: list[str],
    establishment: str = "BAR",
    status: str = "booked",
    day: str = "2026-12-07",
) -> None:
    """A visit booked at a desk of ``establishment``, its party in order (the lead visitor first)."""
    visit = _stamps(visit_id, establishment) | {
        "reference": reference,
        "session_id": session_id,
        "prisoner_id": prisoner_id,
        "status": status,
        "source": "phone",
        "booked_at": "2026-12-01T10:00:00",
    }
    documents.put(session, "visit", visit_id, visit, "device-1", NOW)
    for position, visitor_id in enumerate(visitor_ids):
        person_id = f"{visit_id}-p{position}"
        person = _stamps(person_id, establishment) | {
            "visit_id": visit_id,
            "visitor_id": visitor_id,
            "session_date": day,
            "position": position,
            "outcome": "expected",
        }
        documents.put(session, "visit_person", person_id, person, "device-1", NOW)
