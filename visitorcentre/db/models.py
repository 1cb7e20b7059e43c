"""SQLAlchemy models of the desk's database.

Every synced row has a UUID made where it was created, the establishment it belongs to, and
created / updated stamps (UTC) and a version number for conflict detection. Dates and times of
the visiting day itself (session start, arrival) are the establishment's wall-clock time.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime, time

from sqlalchemy import (JSON, Boolean, Date, DateTime, ForeignKey, Index, Integer, String, Text, Time,
                        UniqueConstraint)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def new_id() -> str:
    """A fresh row id."""
    return str(uuid.uuid4())


class Base(DeclarativeBase):
    pass


class Synced:
    """Columns every synced row carries."""

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    establishment: Mapped[str] = mapped_column(String(8))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    version: Mapped[int] = mapped_column(Integer, default=1)


class Establishment(Synced, Base):
    __tablename__ = "establishment"

    code: Mapped[str] = mapped_column(String(8), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    nation: Mapped[str] = mapped_column(String(16))
    adult_age: Mapped[int] = mapped_column(Integer, default=18)
    max_adults: Mapped[int] = mapped_column(Integer, default=3)
    max_total: Mapped[int] = mapped_column(Integer, default=6)
    cutoff_minutes: Mapped[int] = mapped_column(Integer, default=15)
    locker_rule: Mapped[str] = mapped_column(Text, default="")
    cash_rule: Mapped[str] = mapped_column(Text, default="")
    address: Mapped[str] = mapped_column(Text, default="")
    booking_line: Mapped[str] = mapped_column(String(40), default="")
    # Local family support named on the leaflets: one "name — phone or place" per line.
    local_support: Mapped[str] = mapped_column(Text, default="", server_default="")


class Prisoner(Synced, Base):
    __tablename__ = "prisoner"

    prison_number: Mapped[str] = mapped_column(String(20), unique=True)
    first_name: Mapped[str] = mapped_column(String(80))
    last_name: Mapped[str] = mapped_column(String(80))
    date_of_birth: Mapped[date | None] = mapped_column(Date)
    location: Mapped[str] = mapped_column(String(40), default="")
    status: Mapped[str] = mapped_column(String(16))
    no_child_contact: Mapped[bool] = mapped_column(Boolean, default=False)
    closed_visits: Mapped[bool] = mapped_column(Boolean, default=False)

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}"


class Visitor(Synced, Base):
    __tablename__ = "visitor"

    first_name: Mapped[str] = mapped_column(String(80))
    last_name: Mapped[str] = mapped_column(String(80))
    date_of_birth: Mapped[date] = mapped_column(Date, index=True)  # spotting a person registered twice
    phone: Mapped[str] = mapped_column(String(30), default="")
    email: Mapped[str] = mapped_column(String(120), default="")
    address: Mapped[str] = mapped_column(Text, default="")
    postcode: Mapped[str] = mapped_column(String(10), default="")
    language: Mapped[str] = mapped_column(String(8), default="en")
    support_needs: Mapped[str] = mapped_column(Text, default="")
    id_checked: Mapped[str] = mapped_column(String(40), default="")
    photo_consent: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str] = mapped_column(Text, default="")
    # Folded names for the search index (see core.names); kept in step by the services.
    search_terms: Mapped[str] = mapped_column(Text, default="")

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}"


class Relationship(Synced, Base):
    """A visitor's tie to a prisoner, and their place on the approved visitor list."""

    __tablename__ = "relationship"
    __table_args__ = (UniqueConstraint("visitor_id", "prisoner_id"),)

    visitor_id: Mapped[str] = mapped_column(ForeignKey("visitor.id"), index=True)
    prisoner_id: Mapped[str] = mapped_column(ForeignKey("prisoner.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    list_status: Mapped[str] = mapped_column(String(12))


class Ban(Synced, Base):
    __tablename__ = "ban"

    visitor_id: Mapped[str] = mapped_column(ForeignKey("visitor.id"), index=True)
    scope: Mapped[str] = mapped_column(String(16))
    prisoner_id: Mapped[str | None] = mapped_column(ForeignKey("prisoner.id"))
    reason: Mapped[str] = mapped_column(Text)
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)


class ChildApproval(Synced, Base):
    """A manager's recorded approval for a child to visit a prisoner with a child-contact restriction."""

    __tablename__ = "child_approval"

    prisoner_id: Mapped[str] = mapped_column(ForeignKey("prisoner.id"), index=True)
    visitor_id: Mapped[str] = mapped_column(ForeignKey("visitor.id"), index=True)
    approved_by: Mapped[str] = mapped_column(String(80))
    approved_on: Mapped[date] = mapped_column(Date)
    valid_until: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")


class VisitSession(Synced, Base):
    """A visiting session: a room at a time on a day, with a number of places (visits)."""

    __tablename__ = "visit_session"
    __table_args__ = (Index("ix_visit_session_day", "establishment", "date", "starts_at"),)

    date: Mapped[date] = mapped_column(Date)
    starts_at: Mapped[time] = mapped_column(Time)
    ends_at: Mapped[time] = mapped_column(Time)
    room: Mapped[str] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(20))
    capacity: Mapped[int] = mapped_column(Integer)
    details: Mapped[str] = mapped_column(Text, default="")  # joining details for virtual visits

    @property
    def start(self) -> datetime:
        return datetime.combine(self.date, self.starts_at)


class Visit(Synced, Base):
    __tablename__ = "visit"
    __table_args__ = (Index("ix_visit_session_status", "session_id", "status"),)

    reference: Mapped[str] = mapped_column(String(8), unique=True)
    session_id: Mapped[str] = mapped_column(ForeignKey("visit_session.id"))
    prisoner_id: Mapped[str] = mapped_column(ForeignKey("prisoner.id"), index=True)
    status: Mapped[str] = mapped_column(String(12))
    source: Mapped[str] = mapped_column(String(12))
    booked_at: Mapped[datetime] = mapped_column(DateTime)
    checked_in_at: Mapped[datetime | None] = mapped_column(DateTime)
    in_hall_at: Mapped[datetime | None] = mapped_column(DateTime)
    completed_at: Mapped[datetime | None] = mapped_column(DateTime)
    late_reason: Mapped[str] = mapped_column(Text, default="")
    overbooked_reason: Mapped[str] = mapped_column(Text, default="")
    cancel_reason: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    # Additional support needs asked for at booking: codes of core.engagement.SUPPORT_NEEDS or own words.
    support_needs: Mapped[list] = mapped_column(JSON, default=list, server_default="[]")

    session: Mapped[VisitSession] = relationship(lazy="joined")
    prisoner: Mapped[Prisoner] = relationship(lazy="joined")
    party: Mapped[list[VisitPerson]] = relationship(order_by="VisitPerson.position", back_populates="visit")


class VisitPerson(Synced, Base):
    """One person in a visit's party, lead visitor at position 0, with their own outcome."""

    __tablename__ = "visit_person"
    # "This visitor's nearest visits" is the search's hot path: the second index answers it
    # from the index alone, which is why the session's date is copied here (it never changes).
    __table_args__ = (UniqueConstraint("visit_id", "visitor_id"),
                      Index("ix_visit_person_visitor_day", "visitor_id", "session_date", "visit_id"))

    visit_id: Mapped[str] = mapped_column(ForeignKey("visit.id"))
    visitor_id: Mapped[str] = mapped_column(ForeignKey("visitor.id"))
    session_date: Mapped[date] = mapped_column(Date)
    position: Mapped[int] = mapped_column(Integer)
    outcome: Mapped[str] = mapped_column(String(12))
    reason: Mapped[str] = mapped_column(Text, default="")
    outcome_at: Mapped[datetime | None] = mapped_column(DateTime)

    visit: Mapped[Visit] = relationship(back_populates="party")
    visitor: Mapped[Visitor] = relationship(lazy="joined")


class CheckInEvent(Synced, Base):
    """What happened at the desk, append-only: arrivals, check-ins, refusals, overrides."""

    __tablename__ = "check_in_event"

    visit_id: Mapped[str] = mapped_column(ForeignKey("visit.id"), index=True)
    visitor_id: Mapped[str | None] = mapped_column(ForeignKey("visitor.id"))
    event: Mapped[str] = mapped_column(String(20))
    at: Mapped[datetime] = mapped_column(DateTime)
    by: Mapped[str] = mapped_column(String(80))
    reason: Mapped[str] = mapped_column(Text, default="")


class PassKey(Synced, Base):
    """An establishment's pass-signing key (Ed25519, raw bytes in hex): made by the central server and
    pulled by that establishment's desks, or made by a desk working on its own (never sent anywhere).

    ``private_key`` is empty on a desk that only verifies and on a retired key; it is never shown,
    printed or logged. A retired key vouches for passes of session days up to ``retired_on``.
    """

    __tablename__ = "pass_key"

    key_id: Mapped[str] = mapped_column(String(16), unique=True)
    public_key: Mapped[str] = mapped_column(String(64))
    private_key: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    retired_on: Mapped[date | None] = mapped_column(Date)  # migration 0008

    def __repr__(self) -> str:  # the default would do; this one promises never to show the private key
        return f"PassKey(key_id={self.key_id!r}, establishment={self.establishment!r}, active={self.active!r})"


class VisitPass(Synced, Base):
    """A printed visit pass: its signed token, who printed it and how often, and whether it was voided."""

    __tablename__ = "visit_pass"
    __table_args__ = (UniqueConstraint("establishment", "serial"),)

    visit_id: Mapped[str] = mapped_column(ForeignKey("visit.id"), index=True)
    serial: Mapped[int] = mapped_column(Integer)
    key_id: Mapped[str] = mapped_column(String(16))
    token: Mapped[str] = mapped_column(Text)
    layout: Mapped[str] = mapped_column(String(12))
    printed_at: Mapped[datetime | None] = mapped_column(DateTime)
    printed_by: Mapped[str] = mapped_column(String(80), default="")
    times_printed: Mapped[int] = mapped_column(Integer, default=0)
    voided: Mapped[bool] = mapped_column(Boolean, default=False)
    voided_reason: Mapped[str] = mapped_column(Text, default="")
    voided_at: Mapped[datetime | None] = mapped_column(DateTime)
    voided_by: Mapped[str] = mapped_column(String(80), default="")


class AuditEvent(Base):
    """Who did what to which record, when (append-only)."""

    __tablename__ = "audit_event"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    establishment: Mapped[str] = mapped_column(String(8))
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    actor: Mapped[str] = mapped_column(String(80))
    action: Mapped[str] = mapped_column(String(40))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str] = mapped_column(String(36), index=True)
    summary: Mapped[str] = mapped_column(Text, default="")
    detail: Mapped[dict] = mapped_column(JSON, default=dict)
    # The hash chain (core.audit_chain): the entry's place, the entry before's hash and its own.
    seq: Mapped[int] = mapped_column(Integer, unique=True)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class OutboxOp(Base):
    """A change waiting to go to the central server, in device-sequence order."""

    __tablename__ = "outbox_op"
    __table_args__ = {"sqlite_autoincrement": True}  # a sequence number is never reused

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    op_id: Mapped[str] = mapped_column(String(36), unique=True, default=new_id)
    entity: Mapped[str] = mapped_column(String(40))
    row_id: Mapped[str] = mapped_column(String(36))
    operation: Mapped[str] = mapped_column(String(12))
    payload: Mapped[dict] = mapped_column(JSON)
    schema_version: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class Setting(Base):
    """Desk settings and markers (e.g. that this is a demo database)."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class CostApplication(Synced, Base):
    """An application for help with the cost of a prison visit, as answered at the desk.

    The answers are a snapshot (the claimant's date of birth, relationship and benefit as they
    were when claimed); expenses and children are JSON lists in the quote file's shape. No bank
    details are ever kept: payment is arranged by the central team.
    """

    __tablename__ = "cost_application"
    __table_args__ = (Index("ix_cost_application_claim", "claimant_id", "prisoner_id", "visit_date"),)

    reference: Mapped[str] = mapped_column(String(8), unique=True)
    claimant_id: Mapped[str] = mapped_column(ForeignKey("visitor.id"))
    prisoner_id: Mapped[str] = mapped_column(ForeignKey("prisoner.id"), index=True)
    visit_id: Mapped[str | None] = mapped_column(ForeignKey("visit.id"))
    prison_nation: Mapped[str] = mapped_column(String(16))
    visit_date: Mapped[date] = mapped_column(Date, index=True)
    application_date: Mapped[date] = mapped_column(Date)
    claim_type: Mapped[str] = mapped_column(String(8))
    claimant_date_of_birth: Mapped[date] = mapped_column(Date)
    relationship: Mapped[str] = mapped_column(String(20))
    benefit: Mapped[str] = mapped_column(String(40))
    monthly_household_income_pence: Mapped[int | None] = mapped_column(Integer)
    medical_condition: Mapped[bool] = mapped_column(Boolean, default=False)
    children: Mapped[list] = mapped_column(JSON, default=list)
    escort: Mapped[bool] = mapped_column(Boolean, default=False)
    claims_in_last_12_months: Mapped[int] = mapped_column(Integer, default=0)
    hours_away_from_home: Mapped[str] = mapped_column(String(12), default="0")  # a decimal, kept exact
    expenses: Mapped[list] = mapped_column(JSON, default=list)
    visit_confirmation: Mapped[bool] = mapped_column(Boolean, default=False)
    eligible: Mapped[bool] = mapped_column(Boolean, default=False)
    total_pence: Mapped[int] = mapped_column(Integer, default=0)
    quote: Mapped[dict] = mapped_column(JSON, default=dict)  # the quote file's output, as last computed
    status: Mapped[str] = mapped_column(String(20), index=True)
    helped_by: Mapped[str] = mapped_column(String(80), default="")
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime)


class CostApplicationEvent(Synced, Base):
    """One status step of an application (append-only; later steps arrive from the central team)."""

    __tablename__ = "cost_application_event"

    application_id: Mapped[str] = mapped_column(ForeignKey("cost_application.id"), index=True)
    status: Mapped[str] = mapped_column(String(20))
    at: Mapped[datetime] = mapped_column(DateTime)
    by: Mapped[str] = mapped_column(String(80))
    note: Mapped[str] = mapped_column(Text, default="")


class CostAttachment(Synced, Base):
    """A receipt or stamped visit confirmation; the file itself is stored once, named by its SHA-256."""

    __tablename__ = "cost_attachment"

    application_id: Mapped[str] = mapped_column(ForeignKey("cost_application.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    media_type: Mapped[str] = mapped_column(String(40))
    size_bytes: Mapped[int] = mapped_column(Integer)
    original_name: Mapped[str] = mapped_column(String(255), default="")
    expense_index: Mapped[int | None] = mapped_column(Integer)


class AdviceRule(Synced, Base):
    """One version of an establishment's advice rule (see visitorcentre.core.advice for the versioning model).

    ``translations`` maps a language code to {"text": ..., "easy_read": ...}; English is in
    ``text`` / ``easy_read``.
    """

    __tablename__ = "advice_rule"
    __table_args__ = (Index("ix_advice_rule_in_force", "establishment", "effective_from", "ends_on"),)

    rule_key: Mapped[str] = mapped_column(String(36), index=True)
    category: Mapped[str] = mapped_column(String(20))
    severity: Mapped[str] = mapped_column(String(8))
    text: Mapped[str] = mapped_column(Text)
    easy_read: Mapped[str] = mapped_column(Text, default="")
    pictogram: Mapped[str] = mapped_column(String(24), default="info")
    position: Mapped[int] = mapped_column(Integer, default=0)
    effective_from: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)
    retired: Mapped[bool] = mapped_column(Boolean, default=False)
    retired_reason: Mapped[str] = mapped_column(Text, default="")
    translations: Mapped[dict] = mapped_column(JSON, default=dict)
    changed_by: Mapped[str] = mapped_column(String(80), default="")


class AdviceGiven(Synced, Base):
    """That the check-in advice was read out to a visit's family: by whom, when, in which language."""

    __tablename__ = "advice_given"

    visit_id: Mapped[str] = mapped_column(ForeignKey("visit.id"), unique=True)
    given_at: Mapped[datetime] = mapped_column(DateTime)
    given_by: Mapped[str] = mapped_column(String(80))
    language: Mapped[str] = mapped_column(String(8), default="en")


class Feedback(Synced, Base):
    """A family's or a child's rating (1-5) and comment. Anonymous feedback keeps no name and no visit."""

    __tablename__ = "feedback"
    __table_args__ = (Index("ix_feedback_day", "establishment", "given_on"),)

    rating: Mapped[int] = mapped_column(Integer)
    comment: Mapped[str] = mapped_column(Text, default="")
    by_child: Mapped[bool] = mapped_column(Boolean, default=False)
    anonymous: Mapped[bool] = mapped_column(Boolean, default=True)
    name: Mapped[str] = mapped_column(String(80), default="")
    visit_id: Mapped[str | None] = mapped_column(ForeignKey("visit.id"))
    session_kind: Mapped[str] = mapped_column(String(20), default="")
    given_at: Mapped[datetime] = mapped_column(DateTime)
    given_on: Mapped[date] = mapped_column(Date)
    responded: Mapped[bool] = mapped_column(Boolean, default=False)


class FeedbackResponse(Synced, Base):
    """A manager's "you said, we did" response to feedback."""

    __tablename__ = "feedback_response"

    theme: Mapped[str] = mapped_column(String(80))
    you_said: Mapped[str] = mapped_column(Text)
    we_did: Mapped[str] = mapped_column(Text)
    feedback_ids: Mapped[list] = mapped_column(JSON, default=list)
    responded_on: Mapped[date] = mapped_column(Date, index=True)
    responded_by: Mapped[str] = mapped_column(String(80))


class SupportServiceRow(Synced, Base):
    """A support service for families: ``national`` ones are listed at every establishment."""

    __tablename__ = "support_service"

    name: Mapped[str] = mapped_column(String(120))
    category: Mapped[str] = mapped_column(String(20))
    description: Mapped[str] = mapped_column(Text, default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    website: Mapped[str] = mapped_column(String(120), default="")
    hours: Mapped[str] = mapped_column(String(120), default="")
    national: Mapped[bool] = mapped_column(Boolean, default=False)
    position: Mapped[int] = mapped_column(Integer, default=0)


class Staff(Base):
    """A staff member who signs in at this desk: name, role and PIN hash (argon2).

    Kept on the desk only: staff rows are not synced, so the hash never leaves the database file.
    """

    __tablename__ = "staff"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    name: Mapped[str] = mapped_column(String(80))
    name_key: Mapped[str] = mapped_column(String(80), unique=True)  # folded: "Ann Smith" and "ann  smith" clash
    role: Mapped[str] = mapped_column(String(12))
    pin_hash: Mapped[str] = mapped_column(Text)
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    wrong_pins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime)
    last_signed_in_at: Mapped[datetime | None] = mapped_column(DateTime)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    version: Mapped[int] = mapped_column(Integer, default=1)

    def __repr__(self) -> str:  # never shows the hash
        return f"Staff(name={self.name!r}, role={self.role!r}, disabled={self.disabled!r})"


class AuditChainHead(Base):
    """The newest audit entry's place and hash (one row): a deleted last entry shows against it."""

    __tablename__ = "audit_chain_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seq: Mapped[int] = mapped_column(Integer)
    hash: Mapped[str] = mapped_column(String(64))


from visitorcentre.db import sync_tables  # noqa: E402,F401  (the sync tables share this metadata)
