"""Finding and reading prisoners for the console, from the typed copies (never the whole JSON store).

``find`` takes a prison number or words of a name: a name word is a range on the folded words
of ``typed_name_word`` (so "mcd" finds McDonald and MacDonald), every word must match, and only
the establishments the user may see are searched, a page at a time. ``profile`` is one prisoner:
their details, restrictions, the approved visitor list and the visits to come.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from visitorcentre.core import names
from visitorcentre.server.centre import store, typed
from visitorcentre.server.centre.prisoners import PRISON_NUMBER
from visitorcentre.server.centre.scope import Scope, record_in_scope, within
from visitorcentre.server.models import Document

PER_PAGE = 25
UPCOMING = 20  # visits shown on a prisoner's page
ACTIVE_VISITS = ("booked", "checked_in", "in_hall")


@dataclass(frozen=True)
class PrisonerRow:
    id: str
    prison_number: str
    first_name: str
    last_name: str
    date_of_birth: date | None
    establishment: str
    location: str
    status: str


@dataclass(frozen=True)
class Found:
    rows: list[PrisonerRow]
    total: int
    page: int
    pages: int


@dataclass(frozen=True)
class ListedVisitor:
    relationship_id: str
    visitor_id: str
    first_name: str
    last_name: str
    date_of_birth: date | None
    kind: str
    list_status: str
    version: int


@dataclass(frozen=True)
class UpcomingVisit:
    id: str
    reference: str
    day: date | None
    starts_at: time | None
    room: str
    status: str


@dataclass(frozen=True)
class Profile:
    record: dict
    restrictions: list[dict] = field(default_factory=list)
    visitors: list[ListedVisitor] = field(default_factory=list)
    visits: list[UpcomingVisit] = field(default_factory=list)


def _matching(query: str) -> Select | None:
    """The ids of prisoners matching ``query`` (a prison number, or every word of a name); None: nothing asked."""
    text = (query or "").strip()
    if not text:
        return None
    number = text.upper().replace(" ", "")
    if any(c.isdigit() for c in number) and PRISON_NUMBER.match(number):
        return select(typed.TypedPrisoner.row_id).where(typed.TypedPrisoner.prison_number == number)
    words = names.query_words(text)[:6]
    if not words:
        return select(typed.TypedPrisoner.row_id).where(typed.TypedPrisoner.row_id == "")
    ids: Select | None = None
    for word in words:
        found = (
            select(typed.TypedNameWord.row_id)
            .where(typed.TypedNameWord.entity == "prisoner")
            .where(typed.TypedNameWord.word >= word, typed.TypedNameWord.word < word + "\uffff")
        )
        ids = found if ids is None else ids.where(typed.TypedNameWord.row_id.in_(found))
    return ids


def find(session: Session, scope: Scope, query: str, page: int = 1, per_page: int = PER_PAGE) -> Found:
    """Prisoners matching ``query`` at the establishments the user may see, a page at a time, by name."""
    table = typed.TypedPrisoner
    wanted = select(table).where(within(scope, table.establishment))
    ids = _matching(query)
    if ids is not None:
        wanted = wanted.where(table.row_id.in_(ids))
    total = session.scalar(select(func.count()).select_from(wanted.subquery())) or 0
    pages = max(1, -(-total // per_page))
    page = min(max(1, page), pages)
    rows = session.scalars(
        wanted.order_by(table.last_name, table.first_name, table.row_id).limit(per_page).offset((page - 1) * per_page)
    ).all()
    return Found(
        [
            PrisonerRow(
                r.row_id,
                r.prison_number,
                r.first_name,
                r.last_name,
                r.date_of_birth,
                r.establishment,
                r.location,
                r.status,
            )
            for r in rows
        ],
        total,
        page,
        pages,
    )


def restrictions_of(session: Session, prisoner_id: str) -> list[dict]:
    """Every restriction on the prisoner (in force, ended or lifted), newest first."""
    ids = session.scalars(
        select(typed.TypedRestriction.row_id).where(typed.TypedRestriction.prisoner_id == prisoner_id)
    ).all()
    if not ids:
        return []
    docs = session.scalars(select(Document).where(Document.entity == "restriction", Document.row_id.in_(ids)))
    return sorted((dict(d.payload) for d in docs), key=lambda r: (r.get("starts_on") or "", r["id"]), reverse=True)


def visitor_list(session: Session, prisoner_id: str) -> list[ListedVisitor]:
    """The prisoner's visitors (approved, waiting or removed), by name."""
    rel, visitor = typed.TypedRelationship, typed.TypedVisitor
    rows = session.execute(
        select(rel.row_id, rel.visitor_id, visitor.first_name, visitor.last_name, visitor.date_of_birth)
        .add_columns(rel.kind, rel.list_status, Document.version)
        .join(visitor, visitor.row_id == rel.visitor_id)
        .join(Document, (Document.entity == "relationship") & (Document.row_id == rel.row_id))
        .where(rel.prisoner_id == prisoner_id)
        .order_by(visitor.last_name, visitor.first_name, rel.row_id)
    ).all()
    return [ListedVisitor(*row) for row in rows]


def upcoming_visits(session: Session, prisoner_id: str, today: date, limit: int = UPCOMING) -> list[UpcomingVisit]:
    """The prisoner's booked visits from ``today`` on, soonest first."""
    visit, sitting = typed.TypedVisit, typed.TypedSession
    rows = session.execute(
        select(visit.row_id, visit.reference, visit.session_date, sitting.starts_at, sitting.room, visit.status)
        .outerjoin(sitting, sitting.row_id == visit.session_id)
        .where(visit.prisoner_id == prisoner_id, visit.session_date >= today, visit.status.in_(ACTIVE_VISITS))
        .order_by(visit.session_date, sitting.starts_at, visit.row_id)
        .limit(limit)
    ).all()
    return [UpcomingVisit(r[0], r[1], r[2], r[3], r[4] or "", r[5]) for r in rows]


def profile(session: Session, scope: Scope, prisoner_id: str, today: date) -> Profile:
    """One prisoner as the console shows them (NotFound outside the user's establishments)."""
    record = record_in_scope(scope, store.current(session, "prisoner", prisoner_id), "prisoner")
    return Profile(
        record,
        restrictions_of(session, prisoner_id),
        visitor_list(session, prisoner_id),
        upcoming_visits(session, prisoner_id, today),
    )
