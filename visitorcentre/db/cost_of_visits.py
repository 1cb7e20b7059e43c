"""Cost-of-visits applications in the database: the form <-> row mapping and the read queries."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from visitorcentre.core.cost_of_visits.rates import RateTable
from visitorcentre.core.cost_of_visits.rules import quote
from visitorcentre.core.cost_of_visits.views import (
    ApplicationBrief,
    ApplicationForm,
    ApplicationView,
    Attachment,
    Child,
    Claimant,
    Decision,
    Expense,
    ExpenseVerdict,
    StatusEvent,
)
from visitorcentre.core.cost_of_visits.vocab import COUNTED_CLAIMS, ApplicationStatus
from visitorcentre.core.errors import InvalidInput
from visitorcentre.core.words import said
from visitorcentre.db import models as m

#: Statuses that stop a second application for the same claimant, prisoner and visit date.
BLOCKING = frozenset(set(ApplicationStatus) - {ApplicationStatus.REJECTED})


def expense_json(expense: Expense) -> dict:
    data = asdict(expense)
    data["miles_one_way"] = None if expense.miles_one_way is None else str(expense.miles_one_way)
    return data


def expense_from_json(data: dict) -> Expense:
    data = dict(data)
    if data.get("miles_one_way") is not None:
        data["miles_one_way"] = Decimal(data["miles_one_way"])
    return Expense(**data)


def child_json(child: Child) -> dict:
    return {
        "date_of_birth": child.date_of_birth.isoformat(),
        "child_of": child.child_of,
        "name": child.name,
        "visitor_id": child.visitor_id,
    }


def child_from_json(data: dict) -> Child:
    return Child(
        date.fromisoformat(data["date_of_birth"]), data["child_of"], data.get("name", ""), data.get("visitor_id")
    )


def apply_form(row: m.CostApplication, form: ApplicationForm) -> None:
    """Copy the form's answers onto the row (not its id, version or status)."""
    if form.claimant_id is None or form.prisoner_id is None:  # the services find both before saving
        raise InvalidInput(said("An application needs its claimant and the prisoner they visit."), "claimant_id")
    row.claimant_id, row.prisoner_id, row.visit_id = form.claimant_id, form.prisoner_id, form.visit_id
    row.prison_nation, row.visit_date, row.application_date = form.prison_nation, form.visit_date, form.application_date
    row.claim_type = form.claim_type
    claimant = form.claimant
    row.claimant_date_of_birth, row.relationship, row.benefit = (
        claimant.date_of_birth,
        claimant.relationship,
        claimant.benefit,
    )
    row.monthly_household_income_pence = claimant.monthly_household_income_pence
    row.medical_condition = claimant.medical_condition
    row.children = [child_json(c) for c in form.children]
    row.escort = form.escort
    row.claims_in_last_12_months = form.claims_in_last_12_months
    row.hours_away_from_home = str(Decimal(form.hours_away_from_home))
    row.expenses = [expense_json(e) for e in form.expenses]
    row.visit_confirmation = form.visit_confirmation


def form_of(session: Session, row: m.CostApplication) -> ApplicationForm:
    """The stored application as a form, with the names the page shows."""
    visitor = session.get(m.Visitor, row.claimant_id)
    prisoner = session.get(m.Prisoner, row.prisoner_id)
    establishment = session.scalar(select(m.Establishment).where(m.Establishment.code == row.establishment))
    return ApplicationForm(
        prison_nation=row.prison_nation,
        visit_date=row.visit_date,
        application_date=row.application_date,
        claimant=Claimant(
            row.claimant_date_of_birth,
            row.relationship,
            row.benefit,
            row.monthly_household_income_pence,
            row.medical_condition,
        ),
        children=tuple(child_from_json(c) for c in row.children),
        escort=row.escort,
        claims_in_last_12_months=row.claims_in_last_12_months,
        hours_away_from_home=Decimal(row.hours_away_from_home),
        expenses=tuple(expense_from_json(e) for e in row.expenses),
        application_id=row.id,
        version=row.version,
        claimant_id=row.claimant_id,
        claimant_name=visitor.name if visitor else "",
        prisoner_id=row.prisoner_id,
        prisoner_name=prisoner.name if prisoner else "",
        prisoner_number=prisoner.prison_number if prisoner else "",
        visit_id=row.visit_id,
        establishment=row.establishment,
        establishment_name=establishment.name if establishment else row.establishment,
        visit_confirmation=row.visit_confirmation,
        language=visitor.language if visitor else "en",
    )


def claims_in_last_12_months(session: Session, claimant_id: str, on: date, other_than: str | None = None) -> int:
    """Claims this claimant made (submitted, whatever became of them, except rejected) in the year to ``on``."""
    since = on - timedelta(days=365)
    query = (
        select(func.count())
        .select_from(m.CostApplication)
        .where(
            m.CostApplication.claimant_id == claimant_id,
            m.CostApplication.status.in_([str(s) for s in COUNTED_CLAIMS]),
            m.CostApplication.application_date > since,
            m.CostApplication.application_date <= on,
        )
    )
    if other_than:
        query = query.where(m.CostApplication.id != other_than)
    return session.scalar(query) or 0


def same_claim(
    session: Session, claimant_id: str, prisoner_id: str, visit_date: date, other_than: str | None, statuses=BLOCKING
) -> m.CostApplication | None:
    """Another application for the same claimant, prisoner and visit date, if there is one."""
    query = select(m.CostApplication).where(
        m.CostApplication.claimant_id == claimant_id,
        m.CostApplication.prisoner_id == prisoner_id,
        m.CostApplication.visit_date == visit_date,
        m.CostApplication.status.in_([str(s) for s in statuses]),
    )
    if other_than:
        query = query.where(m.CostApplication.id != other_than)
    return session.scalars(query.order_by(m.CostApplication.created_at)).first()


def attachments_of(session: Session, application_id: str) -> list[Attachment]:
    from visitorcentre.files import receipts as receipt_files

    rows = session.scalars(
        select(m.CostAttachment)
        .where(m.CostAttachment.application_id == application_id)
        .order_by(m.CostAttachment.created_at, m.CostAttachment.id)
    )
    return [
        Attachment(
            id=a.id,
            application_id=a.application_id,
            kind=a.kind,
            sha256=a.sha256,
            media_type=a.media_type,
            size_bytes=a.size_bytes,
            original_name=a.original_name,
            expense_index=a.expense_index,
            added_at=a.created_at,
            path=receipt_files.blob_path(a.sha256),
            thumbnail_png=receipt_files.thumbnail(a.sha256, a.media_type),
        )
        for a in rows
    ]


def history_of(session: Session, application_id: str) -> list[StatusEvent]:
    rows = session.scalars(
        select(m.CostApplicationEvent)
        .where(m.CostApplicationEvent.application_id == application_id)
        .order_by(m.CostApplicationEvent.at, m.CostApplicationEvent.created_at)
    )
    return [StatusEvent(e.status, e.at, e.by, e.note) for e in rows]


def _verdict(data: dict) -> ExpenseVerdict:
    return ExpenseVerdict(
        int(data.get("index", 0)),
        str(data.get("decision", "")),
        int(data.get("amount_pence") or 0),
        str(data.get("reason") or ""),
    )


def decision_of(row: m.CostDecision) -> Decision:
    return Decision(
        outcome=row.outcome,
        decided_at=row.decided_at,
        decided_by=row.decided_by,
        reason=row.reason or "",
        note=row.note or "",
        expenses=tuple(_verdict(e) for e in (row.expenses or []) if isinstance(e, dict)),
        approved_pence=row.approved_pence or 0,
        payment_method=row.payment_method or "",
        payment_reference=row.payment_reference or "",
        automatic=bool(row.automatic),
    )


def decisions_of(session: Session, application_id: str) -> list[Decision]:
    """The central team's decisions on an application (received through sync), oldest first."""
    rows = session.scalars(
        select(m.CostDecision)
        .where(m.CostDecision.application_id == application_id)
        .order_by(m.CostDecision.decided_at, m.CostDecision.created_at)
    )
    return [decision_of(row) for row in rows]


def application_view(session: Session, row: m.CostApplication, rates: RateTable) -> ApplicationView:
    """One saved application: its form, quote, attachments (with thumbnails) and status history."""
    form = form_of(session, row)
    return ApplicationView(
        id=row.id,
        reference=row.reference,
        status=row.status,
        form=form,
        quote=quote(form, rates),
        attachments=tuple(attachments_of(session, row.id)),
        history=tuple(history_of(session, row.id)),
        helped_by=row.helped_by,
        submitted_at=row.submitted_at,
        decisions=tuple(decisions_of(session, row.id)),
    )


def briefs(session: Session, establishment: str | None, visitor_id: str | None) -> list[ApplicationBrief]:
    """Applications, newest change first (all establishments' if ``establishment`` is None)."""
    attached = (
        select(m.CostAttachment.application_id, func.count().label("n"))
        .group_by(m.CostAttachment.application_id)
        .subquery()
    )
    query = (
        select(m.CostApplication, m.Visitor, m.Prisoner, attached.c.n)
        .join(m.Visitor, m.Visitor.id == m.CostApplication.claimant_id)
        .join(m.Prisoner, m.Prisoner.id == m.CostApplication.prisoner_id)
        .outerjoin(attached, attached.c.application_id == m.CostApplication.id)
    )
    if establishment:
        query = query.where(m.CostApplication.establishment == establishment)
    if visitor_id:
        query = query.where(m.CostApplication.claimant_id == visitor_id)
    query = query.order_by(m.CostApplication.updated_at.desc(), m.CostApplication.created_at.desc())
    return [
        ApplicationBrief(
            id=row.id,
            reference=row.reference,
            claimant_id=row.claimant_id,
            claimant_name=visitor.name,
            prisoner_name=prisoner.name,
            visit_date=row.visit_date,
            claim_type=row.claim_type,
            status=row.status,
            total_pence=row.total_pence,
            updated_at=row.updated_at,
            attachments=n or 0,
            evidence_outstanding=len((row.quote or {}).get("evidence_required", [])),
        )
        for row, visitor, prisoner, n in session.execute(query)
    ]


def totals(session: Session, establishment: str | None, start: date, end: date) -> dict:
    """For reports: applications with a visit date from ``start`` to ``end`` (inclusive), by status.

    ``{"draft": {"count": 2, "total_pence": 4140}, "submitted": {...}, ...}`` with every
    status present, plus ``"all"``.
    """
    query = (
        select(m.CostApplication.status, func.count(), func.coalesce(func.sum(m.CostApplication.total_pence), 0))
        .where(m.CostApplication.visit_date >= start, m.CostApplication.visit_date <= end)
        .group_by(m.CostApplication.status)
    )
    if establishment:
        query = query.where(m.CostApplication.establishment == establishment)
    result = {str(status): {"count": 0, "total_pence": 0} for status in ApplicationStatus}
    for status, count, total in session.execute(query):
        result[status] = {"count": count, "total_pence": int(total)}
    result["all"] = {
        "count": sum(v["count"] for v in result.values()),
        "total_pence": sum(v["total_pence"] for v in result.values()),
    }
    return result
