"""Applications for help with the cost of prison visits, their status steps and their receipts."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from visitorcentre.db.models.base import Base, Synced


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


class CostDecision(Synced, Base):
    """One decision step by the central team on an application (received through sync, never written here).

    ``outcome`` is the status it set (needs information, approved, rejected, paid); ``expenses`` is
    a JSON list, one object per expense decided: ``{"index", "decision", "amount_pence", "reason"}``
    (core.cost_of_visits.vocab.ExpenseDecision); ``reason`` is a RejectionReason for a refusal.
    """

    __tablename__ = "cost_decision"

    application_id: Mapped[str] = mapped_column(ForeignKey("cost_application.id"), index=True)
    outcome: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(String(30), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    expenses: Mapped[list] = mapped_column(JSON, default=list)
    approved_pence: Mapped[int] = mapped_column(Integer, default=0)
    payment_method: Mapped[str] = mapped_column(String(20), default="")
    payment_reference: Mapped[str] = mapped_column(String(60), default="")
    decided_at: Mapped[datetime] = mapped_column(DateTime)
    decided_by: Mapped[str] = mapped_column(String(80))
    automatic: Mapped[bool] = mapped_column(Boolean, default=False)


class SchemeRatesRow(Synced, Base):
    """The scheme's rates for the prisons of one nation from a date, as the centre entered them (received
    through sync, never written here; core.cost_of_visits.rate_tables)."""

    __tablename__ = "scheme_rates"
    __table_args__ = (Index("ix_scheme_rates_nation_day", "nation", "effective_from"),)

    nation: Mapped[str] = mapped_column(String(16))
    effective_from: Mapped[date] = mapped_column(Date)
    mileage_pence: Mapped[int] = mapped_column(Integer)
    refreshments_over_5_hours_pence: Mapped[int] = mapped_column(Integer)
    refreshments_over_10_hours_pence: Mapped[int] = mapped_column(Integer)
    car_hire_per_day_pence: Mapped[int] = mapped_column(Integer)
    # the thresholds (migration 0014; the scheme's standing values for a table entered before them)
    universal_credit_income_limit_pence: Mapped[int] = mapped_column(Integer, default=125_000)
    manual_check_total_pence: Mapped[int] = mapped_column(Integer, default=25_000)
    claims_a_year: Mapped[int] = mapped_column(Integer, default=26)
    claims_a_month: Mapped[int] = mapped_column(Integer, default=4)
    most_miles: Mapped[int] = mapped_column(Integer, default=1_500)
