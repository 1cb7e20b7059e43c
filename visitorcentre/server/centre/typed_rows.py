"""Keeping the typed copies (``typed``) in step with the document store, in bulk.

``refresh`` is given the records a transaction wrote (entity, row id, payload) and upserts their
typed copies with one statement per kind; ``rebuild`` makes every copy again from the documents.
A payload reached the store through the push rules or a console service, so its values are
already checked; a value that still does not parse (an old desk's record) is stored as empty
rather than stopping the write.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from collections.abc import Set as AbstractSet
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import Table, delete, inspect, select
from sqlalchemy.orm import Session

from visitorcentre.core import names
from visitorcentre.server import bulk
from visitorcentre.server.centre import claim_warnings, typed, typed_ages, typed_visits
from visitorcentre.server.models import Document, ServerBase


def _date(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def _time(value: Any) -> time:
    try:
        return time.fromisoformat(str(value)) if value else time(0, 0)
    except ValueError:
        return time(0, 0)


def _text(value: Any, limit: int) -> str:
    return ("" if value is None else str(value))[:limit]


def _int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def _common(row_id: str, p: Mapping[str, Any]) -> dict[str, Any]:
    return {"row_id": row_id, "establishment": _text(p.get("establishment"), 8)}


def _prisoner(row_id: str, p: Mapping[str, Any]) -> dict[str, Any]:
    return _common(row_id, p) | {
        "prison_number": _text(p.get("prison_number"), 20),
        "first_name": _text(p.get("first_name"), 80),
        "last_name": _text(p.get("last_name"), 80),
        "date_of_birth": _date(p.get("date_of_birth")),
        "location": _text(p.get("location"), 40),
        "status": _text(p.get("status"), 16),
    }


def _visitor(row_id: str, p: Mapping[str, Any]) -> dict[str, Any]:
    return _common(row_id, p) | {
        "first_name": _text(p.get("first_name"), 80),
        "last_name": _text(p.get("last_name"), 80),
        "date_of_birth": _date(p.get("date_of_birth")),
        "postcode": _text(p.get("postcode"), 10),
    }


def _session(row_id: str, p: Mapping[str, Any]) -> dict[str, Any]:
    return _common(row_id, p) | {
        "date": _date(p.get("date")) or date.min,
        "starts_at": _time(p.get("starts_at")),
        "ends_at": _time(p.get("ends_at")),
        "room": _text(p.get("room"), 40),
        "kind": _text(p.get("kind"), 20),
        "capacity": _int(p.get("capacity")),
        "blocked_reason": _text(p.get("blocked_reason"), 2000),
    }


def _visit(row_id: str, p: Mapping[str, Any]) -> dict[str, Any]:
    return _common(row_id, p) | {
        "reference": _text(p.get("reference"), 8),
        "session_id": _text(p.get("session_id"), 64),
        "prisoner_id": _text(p.get("prisoner_id"), 64),
        "session_date": None,  # filled in from the session (see _visit_days)
        "status": _text(p.get("status"), 12),
        "source": _text(p.get("source"), 12),
        "kind": "",  # filled in from the session (see _visit_days)
        "support_needs": 1 if p.get("support_needs") not in (None, "", "[]", []) else 0,
    }


def _visit_person(row_id: str, p: Mapping[str, Any]) -> dict[str, Any]:
    return _common(row_id, p) | {
        "visit_id": _text(p.get("visit_id"), 64),
        "visitor_id": _text(p.get("visitor_id"), 64),
        "session_date": _date(p.get("session_date")),
        "position": _int(p.get("position")),
        "outcome": _text(p.get("outcome"), 12),
        "reason": _text(p.get("reason"), 2000),
        "age": None,  # filled in from the visitor (see typed_ages)
        "visit_status": "",  # filled in from the visit (see typed_visits)
    }


def _ban(row_id: str, p: Mapping[str, Any]) -> dict[str, Any]:
    return _common(row_id, p) | {
        "visitor_id": _text(p.get("visitor_id"), 64),
        "scope": _text(p.get("scope"), 16),
        "prisoner_id": _text(p.get("prisoner_id"), 64) or None,
        "starts_on": _date(p.get("starts_on")),
        "ends_on": _date(p.get("ends_on")),
        "lifted_on": _date(p.get("lifted_on")),
    }


def _restriction(row_id: str, p: Mapping[str, Any]) -> dict[str, Any]:
    return _common(row_id, p) | {
        "prisoner_id": _text(p.get("prisoner_id"), 64),
        "kind": _text(p.get("kind"), 20),
        "starts_on": _date(p.get("starts_on")),
        "ends_on": _date(p.get("ends_on")),
        "lifted_on": _date(p.get("lifted_on")),
    }


def _relationship(row_id: str, p: Mapping[str, Any]) -> dict[str, Any]:
    return _common(row_id, p) | {
        "visitor_id": _text(p.get("visitor_id"), 64),
        "prisoner_id": _text(p.get("prisoner_id"), 64),
        "kind": _text(p.get("kind"), 20),
        "list_status": _text(p.get("list_status"), 12),
    }


def _advice_given(row_id: str, p: Mapping[str, Any]) -> dict[str, Any]:
    return _common(row_id, p) | {"visit_id": _text(p.get("visit_id"), 64)}


def _moment(value: Any) -> datetime | None:
    try:
        return datetime.fromisoformat(str(value)).replace(tzinfo=None) if value else None
    except ValueError:
        return None


def _cost_application(row_id: str, p: Mapping[str, Any]) -> dict[str, Any]:
    return _common(row_id, p) | {
        "visit_date": _date(p.get("visit_date")),
        "status": _text(p.get("status"), 20),
        "total_pence": _int(p.get("total_pence")),
        "reference": _text(p.get("reference"), 8),
        "claimant_id": _text(p.get("claimant_id"), 64),
        "prisoner_id": _text(p.get("prisoner_id"), 64),
        "visit_id": _text(p.get("visit_id"), 64),
        "submitted_at": _moment(p.get("submitted_at")),
        "warnings": 0,  # worked out after (server.centre.claim_warnings)
    }


def _cost_attachment(row_id: str, p: Mapping[str, Any]) -> dict[str, Any]:
    index = p.get("expense_index")
    return _common(row_id, p) | {
        "application_id": _text(p.get("application_id"), 64),
        "kind": _text(p.get("kind"), 20),
        "sha256": _text(p.get("sha256"), 64),
        "media_type": _text(p.get("media_type"), 40),
        "expense_index": None if index is None else _int(index),
    }


def _cost_event(row_id: str, p: Mapping[str, Any]) -> dict[str, Any]:
    return _common(row_id, p) | {
        "application_id": _text(p.get("application_id"), 64),
        "status": _text(p.get("status"), 20),
        "at": _moment(p.get("at")),
    }


def _cost_decision(row_id: str, p: Mapping[str, Any]) -> dict[str, Any]:
    return _common(row_id, p) | {
        "application_id": _text(p.get("application_id"), 64),
        "outcome": _text(p.get("outcome"), 20),
        "approved_pence": _int(p.get("approved_pence")),
        "decided_at": _moment(p.get("decided_at")),
        "automatic": 1 if p.get("automatic") else 0,
    }


def _feedback(row_id: str, p: Mapping[str, Any]) -> dict[str, Any]:
    return _common(row_id, p) | {
        "given_on": _date(p.get("given_on")),
        "rating": _int(p.get("rating")),
        "by_child": 1 if p.get("by_child") else 0,
    }


def _feedback_response(row_id: str, p: Mapping[str, Any]) -> dict[str, Any]:
    return _common(row_id, p) | {"responded_on": _date(p.get("responded_on"))}


def _visit_review(row_id: str, p: Mapping[str, Any]) -> dict[str, Any]:
    return _common(row_id, p) | {
        "visit_id": _text(p.get("visit_id"), 64),
        "reason": _text(p.get("reason"), 20),
        "words": _text(p.get("words"), 4000),
        "raised_at": _moment(p.get("raised_at")),
        "resolved_at": _moment(p.get("resolved_at")),
        "resolved_by": _text(p.get("resolved_by"), 80),
        "resolution": _text(p.get("resolution"), 20),
        "family_told": _text(p.get("family_told"), 10),
        "note": _text(p.get("note"), 4000),
    }


Row = Callable[[str, Mapping[str, Any]], dict[str, Any]]
#: Each kind with a typed copy, in the order they are written (sessions before the visits that name them).
COPIES: dict[str, tuple[type[ServerBase], Row]] = {
    "prisoner": (typed.TypedPrisoner, _prisoner),
    "visitor": (typed.TypedVisitor, _visitor),
    "visit_session": (typed.TypedSession, _session),
    "visit": (typed.TypedVisit, _visit),
    "visit_person": (typed.TypedVisitPerson, _visit_person),
    "ban": (typed.TypedBan, _ban),
    "restriction": (typed.TypedRestriction, _restriction),
    "relationship": (typed.TypedRelationship, _relationship),
    "advice_given": (typed.TypedAdviceGiven, _advice_given),
    "cost_application": (typed.TypedCostApplication, _cost_application),
    "cost_attachment": (typed.TypedCostAttachment, _cost_attachment),
    "cost_application_event": (typed.TypedCostEvent, _cost_event),
    "cost_decision": (typed.TypedCostDecision, _cost_decision),
    "feedback": (typed.TypedFeedback, _feedback),
    "feedback_response": (typed.TypedFeedbackResponse, _feedback_response),
    "visit_review": (typed.TypedVisitReview, _visit_review),
}
NAMED = ("prisoner", "visitor")


def _write(session: Session, model: type[ServerBase], rows: list[dict[str, Any]], fresh: AbstractSet[str]) -> None:
    """Insert the copies of the records ``fresh`` (new to the store: a copy is only ever made from its
    document, so they have none yet; as for their name words, see _name_words) and write the others over
    their copies: an upsert cost PostgreSQL a lookup of each row's key, and the driver an array a column
    to build, for rows a plain COPY adds (a twelfth of a worker's busy time under load)."""
    table = Table(model.__tablename__, ServerBase.metadata)  # (the Table itself, typed as one)
    connection = session.connection()
    bulk.insert_rows(connection, table, [row for row in rows if row["row_id"] in fresh])
    bulk.upsert_rows(connection, table, [row for row in rows if row["row_id"] not in fresh], "row_id")


def _visit_days(session: Session, rows: list[dict[str, Any]]) -> None:
    wanted = {r["session_id"] for r in rows}
    days: dict[str, tuple[date, str]] = {}
    listed = sorted(wanted)
    connection = session.connection()
    for start in range(0, len(listed), 500):
        found = session.execute(
            select(typed.TypedSession.row_id, typed.TypedSession.date, typed.TypedSession.kind).where(
                bulk.among(connection, typed.TypedSession.row_id, listed[start : start + 500])
            )
        )
        days.update({row_id: (day, kind) for row_id, day, kind in found})
    for row in rows:
        row["session_date"], row["kind"] = days.get(row["session_id"], (None, ""))


def _name_words(session: Session, entity: str, records: dict[str, Mapping[str, Any]], fresh: AbstractSet[str]) -> None:
    ids = sorted(set(records) - fresh)  # (a record new to the store has no words to clear)
    for start in range(0, len(ids), 500):
        session.execute(
            delete(typed.TypedNameWord).where(
                typed.TypedNameWord.entity == entity,
                bulk.among(session.connection(), typed.TypedNameWord.row_id, ids[start : start + 500]),
            )
        )
    words = [
        {"entity": entity, "word": word[:80], "row_id": row_id}
        for row_id, p in records.items()
        for word in set(names.search_terms(_text(p.get("first_name"), 80), _text(p.get("last_name"), 80)).split())
    ]
    # (plain rows on the session's connection: the ORM's bulk insert cost as much again)
    bulk.insert_rows(session.connection(), Table(typed.TypedNameWord.__tablename__, ServerBase.metadata), words)


def refresh(
    session: Session,
    written: Iterable[tuple[str, str, Mapping[str, Any]]],
    follow: bool = True,
    new: AbstractSet[tuple[str, str]] = frozenset(),
) -> None:
    """Upsert the typed copies of the records written (the last payload of each row counts).

    ``new``: (entity, row id) of records the transaction added to the store (none had a copy before).

    ``follow``: keep each person's visit status and each visitor's first day (typed_visits) right as
    well; a rebuild passes False and works them out once at the end.
    """
    latest: dict[str, dict[str, Mapping[str, Any]]] = {}
    for entity, row_id, payload in written:
        if entity in COPIES:
            latest.setdefault(entity, {})[row_id] = payload
    touched: set[typed_visits.Pair] = set()
    for entity, (model, make) in COPIES.items():
        records = latest.get(entity)
        if not records:
            continue
        rows = [make(row_id, payload) for row_id, payload in records.items()]
        if entity == "visit":
            _visit_days(session, rows)
        if entity == "visit_person":
            typed_ages.fill(session, rows)
            if follow:
                touched |= typed_visits.fill(session, rows)
        fresh = {row_id for kind, row_id in new if kind == entity}
        _write(session, model, rows, fresh if entity in NAMED else frozenset())
        if entity in NAMED:
            _name_words(session, entity, records, fresh)
        if entity == "visitor":
            typed_ages.follow(session, rows)
        if entity == "visit" and follow:
            touched |= typed_visits.follow(session, rows)
    if touched:
        typed_visits.first_days(session, touched)
    claims = set(latest.get("cost_application", {}))
    claims |= {str(p.get("application_id") or "") for p in latest.get("cost_attachment", {}).values()}
    if claims:
        claim_warnings.refresh(session, claims - {""}, latest.get("cost_application", {}))


def rebuild(session: Session, page: int = 2000) -> int:
    """Make every typed copy again from the documents (after a migration that adds one); returns how many.
    A copy whose table a later migration makes is left for that migration to fill."""
    existing = inspect(session.connection())
    kinds = [entity for entity, (model, _make) in COPIES.items() if existing.has_table(model.__tablename__)]
    for entity in kinds:
        session.execute(delete(COPIES[entity][0]))
    session.execute(delete(typed.TypedFirstVisit))
    session.execute(delete(typed.TypedNameWord))
    count = 0
    for entity in kinds:  # sessions before visits
        after = ""
        while True:
            batch = session.execute(
                select(Document.row_id, Document.payload)
                .where(Document.entity == entity, Document.row_id > after)
                .order_by(Document.row_id)
                .limit(page)
            ).all()
            if not batch:
                break
            refresh(session, ((entity, row_id, payload) for row_id, payload in batch), follow=False)
            count += len(batch)
            after = batch[-1][0]
    typed_visits.rebuild(session)
    return count
