"""The central team's decision on an application, delivered to a desk as a sync would deliver it.

``centre_decides`` stores the three records the centre writes for each decision step (the
``cost_decision``, the status event, the application with its new status and version) through
the desk's own sync intake (``sync.pulled.store``), so the desk sees what it would after a sync
(its own changes waiting to go up count as sent).
"""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta

from sqlalchemy import delete, select

from visitorcentre.db import models as m
from visitorcentre.sync import pulled


def _payload(row) -> dict:
    values = {}
    for column in row.__table__.columns:
        value = getattr(row, column.key)
        values[column.name] = value.isoformat() if isinstance(value, (date, datetime)) else value
    return values


def centre_decides(
    desk,
    application_id: str,
    outcome: str,
    *,
    at: datetime,
    by: str = "Casey Worker",
    expenses: tuple[dict, ...] = (),
    reason: str = "",
    note: str = "",
    approved_pence: int = 0,
    payment_method: str = "",
    payment_reference: str = "",
    automatic: bool = False,
) -> str:
    """Deliver one decision step on ``application_id`` to ``desk``; returns the decision's id."""
    decision_id = str(uuid.uuid4())
    with pulled.writing_unchecked(desk.ctx.engine) as session:
        session.execute(delete(m.OutboxOp))  # what the desk wrote has gone up first, as in a sync
        row = session.get(m.CostApplication, application_id)
        stamp = at.isoformat()
        application = {**_payload(row), "status": outcome, "version": row.version + 1, "updated_at": stamp}
        common = {"establishment": row.establishment, "created_at": stamp, "updated_at": stamp, "version": 1}
        decision = {
            **common,
            "id": decision_id,
            "application_id": application_id,
            "outcome": outcome,
            "reason": reason,
            "note": note,
            "expenses": list(expenses),
            "approved_pence": approved_pence,
            "payment_method": payment_method,
            "payment_reference": payment_reference,
            "decided_at": stamp,
            "decided_by": "Automatic approval" if automatic else by,
            "automatic": automatic,
        }
        event_id = str(uuid.uuid4())
        event = {
            **common,
            "id": event_id,
            "application_id": application_id,
            "status": outcome,
            "at": stamp,
            "by": decision["decided_by"],
            "note": note,
        }
        rows = [
            ("cost_application", application_id, application),
            ("cost_decision", decision_id, decision),
            ("cost_application_event", event_id, event),
        ]
        stored = pulled.store(session, rows, at + timedelta(seconds=1), row.establishment)
        assert stored == 3, "the desk held a decision aside"
        assert session.scalar(select(m.CostDecision.id).where(m.CostDecision.id == decision_id))
        session.commit()
    return decision_id


def application_asking_for(world, note: str = "a readable bus ticket", visitor_id: str = "vis-mum") -> str:
    """A submitted application of ``visitor_id`` (today's visit: a car, parking with its receipt, a bus)
    that the central team has put back asking for ``note``; returns its id."""
    from dataclasses import replace
    from decimal import Decimal

    from visitorcentre.core.cost_of_visits.views import Expense

    desk = world.desk
    form = desk.costs.start(visitor_id=visitor_id)
    form = replace(
        form,
        prisoner_id=form.prisoner_id or "pr-1",
        claimant=replace(
            form.claimant, relationship="partner", benefit="universal_credit", monthly_household_income_pence=90000
        ),
        hours_away_from_home=Decimal("6.5"),
        expenses=(
            Expense("car", miles_one_way=Decimal(42), return_journey=True),
            Expense("parking", cost_pence=300, receipt=True),
            Expense("bus", cost_pence=420, description="Glasgow to Barlinnie"),
        ),
    )
    application_id = desk.costs.save(form)
    desk.costs.submit(application_id)
    centre_decides(desk, application_id, "needs_information", at=desk.ctx.clock.now() + timedelta(minutes=5), note=note)
    return application_id
