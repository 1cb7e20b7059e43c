"""Typed copies of the records the console searches and lists (s0006).

The document store keeps every record as JSON, which is right for sync but not for "find a
prisoner by name at these establishments" or "the sessions of the next four weeks with their
bookings" over 300,000 visitors and 2,000,000 visits. So every write to the store (a desk's push,
a console page, the roster feed) also writes the record's typed copy here, in the same
transaction (``typed_rows.refresh``, called by ``documents.Writer.flush``): real columns, with
the indexes the console's lists need. The document stays the one truth; these tables can be
rebuilt from it at any time (``typed_rows.rebuild``).

``typed_name_word`` holds each folded name word of prisoners and visitors (``core.names``), so a
name search is a range scan on an index ("mcd" finds every word from "mcd" up to "mce").
"""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import BigInteger, Date, DateTime, Index, Integer, String, Text, Time
from sqlalchemy.orm import Mapped, mapped_column

from visitorcentre.server.models import ServerBase


class TypedPrisoner(ServerBase):
    __tablename__ = "typed_prisoner"
    __table_args__ = (Index("ix_typed_prisoner_establishment_name", "establishment", "last_name", "first_name"),)

    row_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    establishment: Mapped[str] = mapped_column(String(8))
    prison_number: Mapped[str] = mapped_column(String(20), index=True)
    first_name: Mapped[str] = mapped_column(String(80))
    last_name: Mapped[str] = mapped_column(String(80))
    date_of_birth: Mapped[date | None] = mapped_column(Date)
    location: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(16))


class TypedVisitor(ServerBase):
    __tablename__ = "typed_visitor"
    __table_args__ = (Index("ix_typed_visitor_establishment_name", "establishment", "last_name", "first_name"),)

    row_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    establishment: Mapped[str] = mapped_column(String(8))
    first_name: Mapped[str] = mapped_column(String(80))
    last_name: Mapped[str] = mapped_column(String(80))
    date_of_birth: Mapped[date | None] = mapped_column(Date, index=True)
    postcode: Mapped[str] = mapped_column(String(10))


class TypedNameWord(ServerBase):
    """One folded word of a prisoner's or visitor's name (``entity``: "prisoner" or "visitor")."""

    __tablename__ = "typed_name_word"
    # On SQLite the table is its own (entity, word, row id) index (s0019).
    __table_args__ = (Index("ix_typed_name_word_row", "entity", "row_id"), {"sqlite_with_rowid": False})

    entity: Mapped[str] = mapped_column(String(16), primary_key=True)
    word: Mapped[str] = mapped_column(String(80), primary_key=True)
    row_id: Mapped[str] = mapped_column(String(64), primary_key=True)


class TypedSession(ServerBase):
    __tablename__ = "typed_session"
    __table_args__ = (Index("ix_typed_session_establishment_day", "establishment", "date", "starts_at"),)

    row_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    establishment: Mapped[str] = mapped_column(String(8))
    date: Mapped[date] = mapped_column(Date)
    starts_at: Mapped[time] = mapped_column(Time)
    ends_at: Mapped[time] = mapped_column(Time)
    room: Mapped[str] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(20))
    capacity: Mapped[int] = mapped_column(BigInteger)
    blocked_reason: Mapped[str] = mapped_column(Text)


class TypedVisit(ServerBase):
    __tablename__ = "typed_visit"
    __table_args__ = (
        Index("ix_typed_visit_session_status", "session_id", "status"),
        Index("ix_typed_visit_establishment_day", "establishment", "session_date"),
        Index("ix_typed_visit_prisoner_day", "prisoner_id", "session_date"),
    )

    row_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    establishment: Mapped[str] = mapped_column(String(8))
    reference: Mapped[str] = mapped_column(String(8), index=True)
    session_id: Mapped[str] = mapped_column(String(64))
    prisoner_id: Mapped[str] = mapped_column(String(64))
    session_date: Mapped[date | None] = mapped_column(Date)  # from the session when the visit was written
    status: Mapped[str] = mapped_column(String(12))
    source: Mapped[str] = mapped_column(String(12))
    # For the national figures (s0011): the session's kind, and whether support needs were asked for.
    kind: Mapped[str] = mapped_column(String(20), default="", server_default="")
    support_needs: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class TypedVisitPerson(ServerBase):
    __tablename__ = "typed_visit_person"
    __table_args__ = (
        Index("ix_typed_visit_person_visit", "visit_id", "position"),
        Index("ix_typed_visit_person_visitor_day", "visitor_id", "session_date"),
        # The national figures count the people let in over a range of days from this index alone.
        Index(
            "ix_typed_visit_person_establishment_day",
            "establishment",
            "session_date",
            "outcome",
            postgresql_include=["visit_status", "age"],
        ),
    )

    row_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    establishment: Mapped[str] = mapped_column(String(8))
    visit_id: Mapped[str] = mapped_column(String(64))
    visitor_id: Mapped[str] = mapped_column(String(64))
    session_date: Mapped[date | None] = mapped_column(Date)
    position: Mapped[int] = mapped_column(Integer)
    outcome: Mapped[str] = mapped_column(String(12))
    # For the national figures (s0011): a refusal's reason, and the visitor's age on the session's day.
    reason: Mapped[str] = mapped_column(Text, default="", server_default="")
    age: Mapped[int | None] = mapped_column(Integer)
    # The status of the person's visit (s0012), kept here so the figures need no join (typed_visits).
    visit_status: Mapped[str] = mapped_column(String(20), default="", server_default="")


class TypedFirstVisit(ServerBase):
    """Each visitor's first day let in at an establishment (s0012; typed_visits keeps it).

    A first-time visitor over a range of days is one whose first day falls in it: an index range
    scan, where working it out from 4,000,000 visit people took twenty seconds.
    """

    __tablename__ = "typed_first_visit"
    __table_args__ = (Index("ix_typed_first_visit_day", "establishment", "first_on"),)

    establishment: Mapped[str] = mapped_column(String(8), primary_key=True)
    visitor_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    first_on: Mapped[date] = mapped_column(Date)


class TypedBan(ServerBase):
    __tablename__ = "typed_ban"

    row_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    establishment: Mapped[str] = mapped_column(String(8), index=True)
    visitor_id: Mapped[str] = mapped_column(String(64), index=True)
    scope: Mapped[str] = mapped_column(String(16))
    prisoner_id: Mapped[str | None] = mapped_column(String(64))
    starts_on: Mapped[date | None] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)
    lifted_on: Mapped[date | None] = mapped_column(Date)


class TypedRestriction(ServerBase):
    __tablename__ = "typed_restriction"

    row_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    establishment: Mapped[str] = mapped_column(String(8))
    prisoner_id: Mapped[str] = mapped_column(String(64), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    starts_on: Mapped[date | None] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)
    lifted_on: Mapped[date | None] = mapped_column(Date)


class TypedRelationship(ServerBase):
    __tablename__ = "typed_relationship"

    row_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    establishment: Mapped[str] = mapped_column(String(8))
    visitor_id: Mapped[str] = mapped_column(String(64), index=True)
    prisoner_id: Mapped[str] = mapped_column(String(64), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    list_status: Mapped[str] = mapped_column(String(12))


# --- the national figures (s0011): what the desks' reports count, one typed copy each ---------------


class TypedAdviceGiven(ServerBase):
    __tablename__ = "typed_advice_given"

    row_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    establishment: Mapped[str] = mapped_column(String(8))
    visit_id: Mapped[str] = mapped_column(String(64), index=True)


class TypedCostApplication(ServerBase):
    __tablename__ = "typed_cost_application"
    __table_args__ = (
        Index("ix_typed_cost_application_establishment_day", "establishment", "visit_date"),
        # The caseworker's queue (s0013): a status's claims, oldest first; a claimant's and a prisoner's days.
        # (s0016: with the warning bits, so a warnings filter reads the index alone)
        Index("ix_typed_cost_application_status_queue", "status", "submitted_at", "row_id", "warnings"),
        # (s0017: by warning number too, so one warning's few claims are found without walking the status)
        Index("ix_typed_cost_application_status_warnings", "status", "warnings", "submitted_at", "row_id"),
        Index("ix_typed_cost_application_claimant_day", "claimant_id", "visit_date"),
        Index("ix_typed_cost_application_prisoner_day", "prisoner_id", "visit_date"),
    )

    row_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    establishment: Mapped[str] = mapped_column(String(8))
    visit_date: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20))
    total_pence: Mapped[int] = mapped_column(BigInteger)
    # For the caseworker's queue and the claim's warnings (s0013).
    reference: Mapped[str] = mapped_column(String(8), default="", server_default="")
    claimant_id: Mapped[str] = mapped_column(String(64), default="", server_default="")
    prisoner_id: Mapped[str] = mapped_column(String(64), default="", server_default="")
    visit_id: Mapped[str] = mapped_column(String(64), default="", server_default="")
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime)
    #: core.cost_of_visits.warnings.BITS of the claim's warnings (server.centre.claim_warnings keeps it).
    warnings: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class TypedCostAttachment(ServerBase):
    """A receipt or visit confirmation of a claim (s0013); ``sha256`` is empty once removed."""

    __tablename__ = "typed_cost_attachment"

    row_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    establishment: Mapped[str] = mapped_column(String(8))
    application_id: Mapped[str] = mapped_column(String(64), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    media_type: Mapped[str] = mapped_column(String(40))
    expense_index: Mapped[int | None] = mapped_column(Integer)


class TypedCostEvent(ServerBase):
    """A step of a claim's history (s0013)."""

    __tablename__ = "typed_cost_event"

    row_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    establishment: Mapped[str] = mapped_column(String(8))
    application_id: Mapped[str] = mapped_column(String(64), index=True)
    status: Mapped[str] = mapped_column(String(20))
    at: Mapped[datetime | None] = mapped_column(DateTime)


class TypedCostDecision(ServerBase):
    """The centre's decision at one step of a claim (s0013)."""

    __tablename__ = "typed_cost_decision"

    row_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    establishment: Mapped[str] = mapped_column(String(8))
    application_id: Mapped[str] = mapped_column(String(64), index=True)
    outcome: Mapped[str] = mapped_column(String(20))
    approved_pence: Mapped[int] = mapped_column(BigInteger)
    decided_at: Mapped[datetime | None] = mapped_column(DateTime)
    automatic: Mapped[int] = mapped_column(Integer)


class TypedFeedback(ServerBase):
    __tablename__ = "typed_feedback"
    __table_args__ = (Index("ix_typed_feedback_establishment_day", "establishment", "given_on"),)

    row_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    establishment: Mapped[str] = mapped_column(String(8))
    given_on: Mapped[date | None] = mapped_column(Date)
    rating: Mapped[int] = mapped_column(Integer)
    by_child: Mapped[int] = mapped_column(Integer)


class TypedFeedbackResponse(ServerBase):
    __tablename__ = "typed_feedback_response"
    __table_args__ = (Index("ix_typed_feedback_response_establishment_day", "establishment", "responded_on"),)

    row_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    establishment: Mapped[str] = mapped_column(String(8))
    responded_on: Mapped[date | None] = mapped_column(Date)


class TypedVisitReview(ServerBase):
    """A visit that needs review, as a desk raised and settled it (s0012): the console's flags page."""

    __tablename__ = "typed_visit_review"
    __table_args__ = (Index("ix_typed_visit_review_establishment_raised", "establishment", "raised_at"),)

    row_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    establishment: Mapped[str] = mapped_column(String(8))
    visit_id: Mapped[str] = mapped_column(String(64), index=True)
    reason: Mapped[str] = mapped_column(String(20))
    words: Mapped[str] = mapped_column(Text)
    raised_at: Mapped[datetime | None] = mapped_column(DateTime)
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime)
    resolved_by: Mapped[str] = mapped_column(String(80))
    resolution: Mapped[str] = mapped_column(String(20))
    family_told: Mapped[str] = mapped_column(String(10))
    note: Mapped[str] = mapped_column(Text)
