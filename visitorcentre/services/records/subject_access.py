"""A person's rights over what the desk holds: a copy of everything about them, and erasure on request.

Both are for managers only, checked here and not just by hiding buttons, and both are audited.
Erasure anonymises the person completely (as the purge does, see services.anonymise) but keeps
the statistics; it is refused, with what to do instead, while they have a visit still booked
or a ban in force, or an application the central team is still dealing with.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import or_, select

from visitorcentre.core import names
from visitorcentre.core.cost_of_visits.vocab import ApplicationStatus
from visitorcentre.core.errors import InvalidInput, NotAllowed
from visitorcentre.core.kinds import AWAITING_CHECK_IN, VisitStatus
from visitorcentre.core.roles import MANAGER_ROLES
from visitorcentre.core.staff import Actor
from visitorcentre.db import models as m
from visitorcentre.i18n import N_, _
from visitorcentre.services.records import anonymise
from visitorcentre.services.unit_of_work import UnitOfWork, row_payload
from visitorcentre.services.visits import lookups
from visitorcentre.services.words import full_date, weekday_full

#: Visits that are still going to happen (or happening) when not in the past.
STILL_BOOKED = frozenset(AWAITING_CHECK_IN | {VisitStatus.CHECKED_IN, VisitStatus.IN_HALL})
IN_PROGRESS = frozenset({ApplicationStatus.SUBMITTED, ApplicationStatus.NEEDS_INFORMATION})
_SYNC_COLUMNS = ("establishment", "created_at", "updated_at", "version")


def require_manager(actor: Actor, what: str) -> None:
    """NotAllowed unless the staff member is a manager (or an admin)."""
    if actor.role not in MANAGER_ROLES:
        raise NotAllowed(_("Only a manager can {what}; ask a manager to do it.").format(what=_(what)), "role")


def _plain(row) -> dict:
    return {key: value for key, value in row_payload(row).items() if key not in ("search_terms",)}


def _named_feedback(session, visitor: m.Visitor, visit_ids: list[str]) -> list[m.Feedback]:
    """Feedback left under their name on one of their visits."""
    if not visit_ids:
        return []
    wanted = {names.identity(visitor.first_name, ""), names.identity(visitor.first_name, visitor.last_name)}
    rows = session.scalars(
        select(m.Feedback).where(
            m.Feedback.visit_id.in_(visit_ids), m.Feedback.anonymous.is_(False), m.Feedback.name != ""
        )
    )
    return [row for row in rows if names.identity(row.name, "") in wanted]


def gather(session, visitor: m.Visitor) -> dict:
    """Everything the desk holds about ``visitor`` (read only; ``export`` audits it)."""
    relationships = []
    for link, prisoner in session.execute(
        select(m.Relationship, m.Prisoner)
        .join(m.Prisoner, m.Prisoner.id == m.Relationship.prisoner_id)
        .where(m.Relationship.visitor_id == visitor.id)
        .order_by(m.Prisoner.prison_number)
    ):
        relationships.append(
            {
                **_plain(link),
                "prisoner": {
                    "number": prisoner.prison_number,
                    "name": prisoner.name,
                    "establishment": prisoner.establishment,
                },
            }
        )
    visits = []
    for person, visit, slot in session.execute(
        select(m.VisitPerson, m.Visit, m.VisitSession)
        .join(m.Visit, m.Visit.id == m.VisitPerson.visit_id)
        .join(m.VisitSession, m.VisitSession.id == m.Visit.session_id)
        .where(m.VisitPerson.visitor_id == visitor.id)
        .order_by(m.VisitSession.date, m.VisitSession.starts_at)
    ):
        visits.append(
            {
                "reference": visit.reference,
                "date": slot.date.isoformat(),
                "starts_at": slot.starts_at.isoformat(),
                "establishment": slot.establishment,
                "kind": slot.kind,
                "room": slot.room,
                "prisoner_number": visit.prisoner.prison_number,
                "status": visit.status,
                "source": visit.source,
                "lead_visitor": person.position == 0,
                "your_outcome": person.outcome,
                "your_reason": person.reason,
                "outcome_at": person.outcome_at.isoformat() if person.outcome_at else None,
                "notes": visit.notes,
                "late_reason": visit.late_reason,
                "cancel_reason": visit.cancel_reason,
                "support_needs": list(visit.support_needs or []),
            }
        )
    visit_ids = [
        v.id
        for v in session.scalars(
            select(m.Visit)
            .join(m.VisitPerson, m.VisitPerson.visit_id == m.Visit.id)
            .where(m.VisitPerson.visitor_id == visitor.id)
        )
    ]
    events = [
        _plain(e)
        for e in session.scalars(
            select(m.CheckInEvent).where(m.CheckInEvent.visitor_id == visitor.id).order_by(m.CheckInEvent.at)
        )
    ]
    bans = [_plain(b) for b in session.scalars(select(m.Ban).where(m.Ban.visitor_id == visitor.id))]
    approvals = [
        _plain(a) for a in session.scalars(select(m.ChildApproval).where(m.ChildApproval.visitor_id == visitor.id))
    ]
    applications = []
    for application in session.scalars(
        select(m.CostApplication)
        .where(m.CostApplication.claimant_id == visitor.id)
        .order_by(m.CostApplication.visit_date)
    ):
        history = [
            _plain(e)
            for e in session.scalars(
                select(m.CostApplicationEvent)
                .where(m.CostApplicationEvent.application_id == application.id)
                .order_by(m.CostApplicationEvent.at)
            )
        ]
        attachments = [
            {
                "kind": a.kind,
                "name": a.original_name,
                "media_type": a.media_type,
                "size_bytes": a.size_bytes,
                "sha256": a.sha256,
            }
            for a in session.scalars(select(m.CostAttachment).where(m.CostAttachment.application_id == application.id))
        ]
        applications.append({**_plain(application), "status_history": history, "attachments": attachments})
    feedback = [_plain(f) for f in _named_feedback(session, visitor, visit_ids)]
    own_rows = (
        {visitor.id}
        | {r["id"] for r in relationships}
        | {b["id"] for b in bans}
        | {a["id"] for a in approvals}
        | {a["id"] for a in applications}
        | {f["id"] for f in feedback}
        | {e["id"] for e in events}
    )
    audit = [
        {"at": a.at.isoformat(), "by": a.actor, "action": a.action, "record": a.entity, "summary": a.summary}
        for a in session.scalars(
            select(m.AuditEvent).where(m.AuditEvent.entity_id.in_(sorted(own_rows))).order_by(m.AuditEvent.at)
        )
    ]
    return {
        "visitor": _plain(visitor),
        "relationships": relationships,
        "visits": visits,
        "desk_events": events,
        "bans": bans,
        "child_approvals": approvals,
        "cost_applications": applications,
        "feedback": feedback,
        "audit": audit,
    }


def export(uow: UnitOfWork, visitor_id: str) -> dict:
    """Everything held about the person, as JSON-ready data; the export itself is audited (manager only)."""
    with uow:
        require_manager(uow.actor, N_("export a person's data"))
        visitor = lookups.visitor(uow.session, visitor_id)
        data = gather(uow.session, visitor)
        data = {
            "exported_at": uow.clock.utcnow().isoformat() + "Z",
            "exported_by": uow.actor.name,
            "establishment": uow.establishment,
            **data,
        }
        uow.record(
            "export_visitor",
            visitor,
            "Exported everything held about a visitor (subject access request)",
            {"visits": len(data["visits"]), "applications": len(data["cost_applications"])},
        )
        uow.commit()
        return data


def _refuse_while_needed(uow: UnitOfWork, visitor: m.Visitor, today: date) -> None:
    booked = uow.session.execute(
        select(m.Visit.reference, m.VisitSession.date)
        .join(m.VisitPerson, m.VisitPerson.visit_id == m.Visit.id)
        .join(m.VisitSession, m.VisitSession.id == m.Visit.session_id)
        .where(
            m.VisitPerson.visitor_id == visitor.id,
            m.VisitSession.date >= today,
            m.Visit.status.in_([str(s) for s in STILL_BOOKED]),
        )
        .order_by(m.VisitSession.date)
    ).first()
    if booked:
        raise NotAllowed(
            _(
                "{name} still has visit {reference} booked on {day}. "
                "Cancel it first (or erase after it has taken place), then erase their details."
            ).format(name=visitor.name, reference=booked.reference, day=weekday_full(booked.date)),
            "visits",
        )
    ban = uow.session.scalar(
        select(m.Ban).where(
            m.Ban.visitor_id == visitor.id,
            m.Ban.starts_on <= today,
            or_(m.Ban.ends_on.is_(None), m.Ban.ends_on >= today),
            or_(m.Ban.lifted_on.is_(None), m.Ban.lifted_on > today),  # lifted by the centre: over
        )
    )
    if ban:
        raise NotAllowed(
            (
                _(
                    "{name} has a ban in force until {day}; the desk must keep who they are while it lasts. "
                    "Erase their details after it ends."
                )
                if ban.ends_on
                else _(
                    "{name} has a ban in force with no end date; the desk must keep who they are while it lasts. "
                    "Erase their details after it ends."
                )
            ).format(name=visitor.name, day=full_date(ban.ends_on) if ban.ends_on else ""),
            "bans",
        )
    busy = uow.session.scalar(
        select(m.CostApplication).where(
            m.CostApplication.claimant_id == visitor.id, m.CostApplication.status.in_([str(s) for s in IN_PROGRESS])
        )
    )
    if busy:
        raise NotAllowed(
            _(
                "{name}'s travel-costs application {reference} is still with the central team; "
                "erase their details once it has been decided."
            ).format(name=visitor.name, reference=busy.reference),
            "applications",
        )


def erase(uow: UnitOfWork, visitor_id: str, reason: str) -> set[str]:
    """Anonymise the person completely at their request (manager only, with a reason); keeps the statistics.

    NotAllowed while they have a visit still booked, a ban in force or an application with the
    central team (the message says what to do); InvalidInput without a reason. Returns the receipt
    files no other application names; the caller deletes them after this commits.
    """
    reason = (reason or "").strip()
    with uow:
        require_manager(uow.actor, N_("erase a person's details"))
        if not reason:
            raise InvalidInput(
                _("Say why the details are being erased (for example, “the person asked in writing on 3 March”)."),
                "reason",
            )
        if len(reason) > 500:
            raise InvalidInput(_("The reason is too long: keep it under 500 characters."), "reason")
        visitor = lookups.visitor(uow.session, visitor_id)
        if anonymise.is_anonymised(visitor):
            raise NotAllowed(_("This person's details have already been erased."), "visitor")
        _refuse_while_needed(uow, visitor, uow.clock.today())
        why = "erased on request"
        visit_ids = list(
            uow.session.scalars(select(m.VisitPerson.visit_id).where(m.VisitPerson.visitor_id == visitor.id))
        )
        for feedback in _named_feedback(uow.session, visitor, visit_ids):
            anonymise.feedback(uow, feedback, why)
        for visit in uow.session.scalars(select(m.Visit).where(m.Visit.id.in_(visit_ids))):
            anonymise.visit_text(uow, visit, why)
        files: set[str] = set()
        for application in uow.session.scalars(
            select(m.CostApplication).where(m.CostApplication.claimant_id == visitor.id)
        ):
            files |= anonymise.application(uow, application, why)
        anonymise.visitor(uow, visitor, anonymise.counted_visits(uow, [visitor.id])[visitor.id], why)
        uow.record("erase_visitor", visitor, "Erased a visitor's details on request", {"reason": reason})
        uow.session.flush()
        files -= anonymise.files_still_named(uow.session, files)
        uow.commit()
        return files
