"""Finding a visitor across the establishments a console user looks after, and reading one visitor's record.

Who may see a visitor: a visitor belongs to the establishment whose desk registered them, and the
server shares their details with every other establishment whose records name them (a visit, a
relationship, a ban: ``sync.policy.SHAREABLE``). The feed entries (``feed``: scope, entity, row)
say exactly which establishments' desks hold a visitor's details, so the console uses the same
rule: an establishment administrator finds the visitors registered at their establishments and
those their desks have been sent; a national administrator finds everyone. The console never
shows a visitor to someone whose own desks could not already see them.

Searches read the typed copies (typed_name_word: every typed word a prefix of one of the
visitor's folded name words, along its primary key; typed_visitor; feed along its entity-and-row
index), a page at a time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, exists, intersect, or_, select
from sqlalchemy.orm import Session

from visitorcentre.core import names
from visitorcentre.core.errors import InvalidInput, NotFound
from visitorcentre.core.kinds import BanScope
from visitorcentre.server.centre import store
from visitorcentre.server.centre.reach import Reach
from visitorcentre.server.centre.typed import TypedBan, TypedNameWord, TypedPrisoner, TypedRelationship, TypedVisitor
from visitorcentre.server.models import Feed

PAGE = 25


@dataclass(frozen=True)
class FoundVisitor:
    id: str
    first_name: str
    last_name: str
    date_of_birth: date | None
    postcode: str
    establishment: str


@dataclass(frozen=True)
class Relationship:
    prisoner_id: str
    prisoner: str  # "Seán MacDonald (A1234BC)"
    establishment: str
    kind: str
    list_status: str


@dataclass(frozen=True)
class BanLine:
    id: str
    scope: str
    establishment: str
    prisoner: str  # "" unless the ban is for one prisoner
    reason: str
    starts_on: str
    ends_on: str | None
    lifted_on: str | None
    lifted_reason: str

    def in_force(self, today: date) -> bool:
        ends = date.fromisoformat(self.ends_on) if self.ends_on else None
        starts = date.fromisoformat(self.starts_on) if self.starts_on else today
        return self.lifted_on is None and starts <= today and (ends is None or today <= ends)


@dataclass(frozen=True)
class VisitorRecord:
    details: dict
    relationships: list[Relationship]
    bans: list[BanLine]


def _within(query: Select, reach: Reach) -> Select:
    if reach.codes is None:
        return query
    codes = sorted(reach.codes)
    shared = exists().where(Feed.entity == "visitor", Feed.row_id == TypedVisitor.row_id, Feed.scope.in_(codes))
    return query.where(or_(TypedVisitor.establishment.in_(codes), shared))


def find(
    session: Session, reach: Reach, name: str, born: date | None = None, page: int = 1
) -> tuple[list[FoundVisitor], bool]:
    """Visitors whose names hold every typed word (as the start of a name word), born on ``born`` if given.

    Returns one page, by surname, and whether there is a next one.
    """
    words = names.query_words(name or "")
    if not words or sum(len(w) for w in words) < 2:
        raise InvalidInput("Enter at least 2 letters of the visitor's name.", "name")
    # Each word is a range scan of its index; the visitors holding every word are the intersection of
    # those, joined to their rows (where an IN per word read all 300,000 visitors at national scale).
    each = [
        select(TypedNameWord.row_id).where(
            TypedNameWord.entity == "visitor", TypedNameWord.word >= word, TypedNameWord.word < word + "\uffff"
        )
        for word in words[:5]
    ]
    matching = (intersect(*each) if len(each) > 1 else each[0]).subquery()
    query = select(TypedVisitor).join(matching, TypedVisitor.row_id == matching.c.row_id)
    if born is not None:
        query = query.where(TypedVisitor.date_of_birth == born)
    query = _within(query, reach).order_by(TypedVisitor.last_name, TypedVisitor.first_name, TypedVisitor.row_id)
    page = max(page, 1)
    rows = session.scalars(query.offset((page - 1) * PAGE).limit(PAGE + 1)).all()
    found = [
        FoundVisitor(r.row_id, r.first_name, r.last_name, r.date_of_birth, r.postcode, r.establishment)
        for r in rows[:PAGE]
    ]
    return found, len(rows) > PAGE


def visible(session: Session, reach: Reach, visitor_id: str) -> dict:
    """The visitor's record if the user may see it; NotFound otherwise (the same answer as for no visitor)."""
    row = session.scalars(_within(select(TypedVisitor).where(TypedVisitor.row_id == visitor_id), reach)).first()
    record = store.current(session, "visitor", visitor_id) if row is not None else None
    if record is None:
        raise NotFound("There is no such visitor.", "visitor")
    return record


def prisoner_words(prisoner: TypedPrisoner | None) -> str:
    if prisoner is None:
        return "Not known"
    return f"{prisoner.first_name} {prisoner.last_name} ({prisoner.prison_number})"


def record(session: Session, reach: Reach, visitor_id: str) -> VisitorRecord:
    """One visitor: their details, their relationships and list status, their bans (at the user's establishments,
    and every ban at every establishment)."""
    details = visible(session, reach, visitor_id)
    relationships = [
        Relationship(rel.prisoner_id, prisoner_words(prisoner), rel.establishment, rel.kind, rel.list_status)
        for rel, prisoner in session.execute(
            select(TypedRelationship, TypedPrisoner)
            .outerjoin(TypedPrisoner, TypedPrisoner.row_id == TypedRelationship.prisoner_id)
            .where(TypedRelationship.visitor_id == visitor_id)
            .order_by(TypedRelationship.establishment, TypedRelationship.row_id)
        )
        if reach.sees(rel.establishment)
    ]
    bans = []
    for ban, prisoner in session.execute(
        select(TypedBan, TypedPrisoner)
        .outerjoin(TypedPrisoner, TypedPrisoner.row_id == TypedBan.prisoner_id)
        .where(TypedBan.visitor_id == visitor_id)
        .order_by(TypedBan.starts_on.desc(), TypedBan.row_id)
    ):
        if ban.scope != BanScope.ALL and not reach.sees(ban.establishment):
            continue
        doc = store.current(session, "ban", ban.row_id) or {}
        bans.append(
            BanLine(
                ban.row_id,
                ban.scope,
                ban.establishment,
                prisoner_words(prisoner) if ban.scope == BanScope.PRISONER else "",
                str(doc.get("reason") or ""),
                str(doc.get("starts_on") or ""),
                doc.get("ends_on"),
                doc.get("lifted_on"),
                str(doc.get("lifted_reason") or ""),
            )
        )
    return VisitorRecord(details, relationships, bans)
