"""Who the desk knows: the establishment, prisoners from the roster and their restrictions, visitors, their ties,
bans and approvals."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from visitorcentre.db.models.base import Base, Synced


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
    # Lifted by the centre (migration 0010): the ban no longer counts from lifted_on.
    lifted_on: Mapped[date | None] = mapped_column(Date)
    lifted_reason: Mapped[str] = mapped_column(Text, default="", server_default="")


class PrisonerRestriction(Synced, Base):
    """A restriction the centre puts on a prisoner's visits, with dates (core.restrictions; migration 0010)."""

    __tablename__ = "restriction"

    prisoner_id: Mapped[str] = mapped_column(ForeignKey("prisoner.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    detail: Mapped[str] = mapped_column(Text, default="")
    reason: Mapped[str] = mapped_column(Text, default="")
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)
    lifted_on: Mapped[date | None] = mapped_column(Date)
    lifted_reason: Mapped[str] = mapped_column(Text, default="")


class ChildApproval(Synced, Base):
    """A manager's recorded approval for a child to visit a prisoner with a child-contact restriction."""

    __tablename__ = "child_approval"

    prisoner_id: Mapped[str] = mapped_column(ForeignKey("prisoner.id"), index=True)
    visitor_id: Mapped[str] = mapped_column(ForeignKey("visitor.id"), index=True)
    approved_by: Mapped[str] = mapped_column(String(80))
    approved_on: Mapped[date] = mapped_column(Date)
    valid_until: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")
