"""The centre's write path: a record, its feed entries, its typed copy and its audit entry, together or not at all."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from visitorcentre.server import documents
from visitorcentre.server.centre import audit, store, typed, typed_rows
from visitorcentre.server.centre.models import CentreAudit
from visitorcentre.server.models import Document, Feed

NOW = datetime(2026, 12, 3, 9, 30)


def prisoner(**changes) -> dict:
    fields = {
        "establishment": "BAR",
        "prison_number": "A1234BC",
        "first_name": "Seán",
        "last_name": "MacDonald",
        "date_of_birth": "1990-05-01",
        "location": "Hall B",
        "status": "convicted",
        "no_child_contact": False,
        "closed_visits": False,
    }
    return fields | changes


def save_prisoner(session: Session, row_id: str, fields: dict, action="prisoner.added") -> dict:
    return store.save(
        session,
        actor="Ann Admin",
        action=action,
        entity="prisoner",
        row_id=row_id,
        fields=fields,
        summary="Added a prisoner",
        now=NOW,
    )


def test_a_saved_record_reaches_its_feed_typed_copy_and_audit_log(engine):
    with Session(engine) as session, session.begin():
        written = save_prisoner(session, "p1", prisoner())
    assert written["version"] == 1 and written["created_at"] == "2026-12-03T09:30:00"
    with Session(engine) as session:
        doc = session.get(Document, ("prisoner", "p1"))
        assert doc is not None and doc.written_by == "server" and doc.payload["last_name"] == "MacDonald"
        assert session.scalars(select(Feed.scope).where(Feed.entity == "prisoner")).all() == ["BAR"]
        copy = session.get(typed.TypedPrisoner, "p1")
        assert copy is not None and copy.date_of_birth == date(1990, 5, 1) and copy.establishment == "BAR"
        words = set(session.scalars(select(typed.TypedNameWord.word).where(typed.TypedNameWord.row_id == "p1")))
        assert {"sean", "macdonald", "mcdonald"} <= words
        entry = session.scalars(select(CentreAudit)).one()
        assert (entry.actor, entry.action, entry.entity_id, entry.establishment) == (
            "Ann Admin",
            "prisoner.added",
            "p1",
            "BAR",
        )
        assert entry.detail["before"] is None and entry.detail["after"]["prison_number"] == "A1234BC"
        assert audit.verify(session).ok


def test_a_change_bumps_the_version_keeps_the_before_and_renames_the_words(engine):
    with Session(engine) as session, session.begin():
        save_prisoner(session, "p1", prisoner())
    with Session(engine) as session, session.begin():
        written = save_prisoner(session, "p1", {"last_name": "O'Brien"}, action="prisoner.changed")
    assert written["version"] == 2 and written["first_name"] == "Seán"
    with Session(engine) as session:
        words = set(session.scalars(select(typed.TypedNameWord.word).where(typed.TypedNameWord.row_id == "p1")))
        assert "obrien" in words and "macdonald" not in words
        second = session.scalars(select(CentreAudit).where(CentreAudit.seq == 2)).one()
        assert second.detail["before"]["last_name"] == "MacDonald" and second.detail["after"]["last_name"] == "O'Brien"
        assert audit.verify(session).ok


def test_a_record_breaking_the_rules_writes_nothing(engine):
    with pytest.raises(store.RecordRefused, match="date_of_birth"):
        with Session(engine) as session, session.begin():
            save_prisoner(session, "p1", prisoner(date_of_birth="1 May 1990"))
    with Session(engine) as session:
        assert session.scalars(select(Document)).all() == []
        assert session.scalars(select(CentreAudit)).all() == []
        assert session.scalars(select(typed.TypedPrisoner)).all() == []


def test_an_audit_entry_changed_or_removed_afterwards_is_found(engine):
    with Session(engine) as session, session.begin():
        for n in range(3):
            save_prisoner(session, f"p{n}", prisoner(prison_number=f"A{n}000BC"))
    with Session(engine) as session, session.begin():
        session.execute(update(CentreAudit).where(CentreAudit.seq == 2).values(actor="Someone else"))
    with Session(engine) as session:
        report = audit.verify(session)
    assert not report.ok and report.broken_seq == 2


def test_the_typed_copies_can_be_made_again_from_the_documents(engine):
    with Session(engine) as session, session.begin():
        save_prisoner(session, "p1", prisoner())
        documents.put(
            session,
            "visit_session",
            "s1",
            {
                "id": "s1",
                "establishment": "BAR",
                "date": "2026-12-07",
                "starts_at": "14:00:00",
                "ends_at": "16:00:00",
                "room": "Hall A",
                "kind": "standard",
                "capacity": 20,
                "version": 1,
            },
            "server",
            NOW,
        )
        documents.put(
            session,
            "visit",
            "v1",
            {
                "id": "v1",
                "establishment": "BAR",
                "reference": "ABC123",
                "session_id": "s1",
                "prisoner_id": "p1",
                "status": "booked",
                "source": "phone",
                "version": 1,
            },
            "device-1",
            NOW,
        )
    with Session(engine) as session:
        before = session.get(typed.TypedVisit, "v1")
        assert before is not None and before.session_date == date(2026, 12, 7)
    with Session(engine) as session, session.begin():
        assert typed_rows.rebuild(session) == 3
    with Session(engine) as session:
        again = session.get(typed.TypedVisit, "v1")
        assert again is not None and again.session_date == date(2026, 12, 7) and again.status == "booked"
        assert session.get(typed.TypedSession, "s1") is not None
