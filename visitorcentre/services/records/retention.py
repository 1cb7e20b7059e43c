"""The purge: anonymising what is past its retention period, in batches, keeping the statistics.

``plan`` works out what is due (read-only, the same answer a dry run prints); ``purge`` does it,
one transaction per batch, each change with its audit event and outbox op. Receipt files of
purged applications are deleted after the commit that stopped naming them. Visitors with a ban
still in force are kept: the ban needs to know who they are.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import String, func, or_, select, type_coerce
from sqlalchemy.orm import Session

from visitorcentre.core import retention
from visitorcentre.core.retention import RetentionPolicy
from visitorcentre.db import models as m
from visitorcentre.services.records import anonymise
from visitorcentre.services.unit_of_work import UnitOfWork

BATCH = 200
REASON = "past the retention period"


@dataclass
class PurgePlan:
    """What is past retention today: ids by kind, and what is kept and why."""

    today: date
    visitors: list[str] = field(default_factory=list)
    photo_id: list[str] = field(default_factory=list)
    applications: list[str] = field(default_factory=list)
    feedback: list[str] = field(default_factory=list)
    visits: list[str] = field(default_factory=list)
    kept_for_bans: int = 0


@dataclass
class PurgeResult:
    """How many of each were anonymised (or would be, in a dry run)."""

    dry_run: bool
    visitors: int
    photo_id: int
    applications: int
    feedback: int
    visits: int
    receipt_files: int
    kept_for_bans: int
    cut_offs: dict

    def as_json(self) -> dict:
        return asdict(self)


def _last_seen(session: Session):
    """Per visitor: the day of their last visit, or else the day they were registered."""
    last_visit = (
        select(m.VisitPerson.visitor_id.label("vid"), func.max(m.VisitPerson.session_date).label("last"))
        .group_by(m.VisitPerson.visitor_id)
        .subquery()
    )
    seen = func.coalesce(last_visit.c.last, func.date(m.Visitor.created_at))
    return last_visit, seen


def plan(session: Session, policy: RetentionPolicy, today: date) -> PurgePlan:
    """Everything past retention on ``today`` that still holds personal data."""
    cuts = retention.cut_offs(policy, today)
    found = PurgePlan(today=today)
    last_visit, seen = _last_seen(session)
    banned_now = select(m.Ban.visitor_id).where(
        m.Ban.starts_on <= today,
        or_(m.Ban.ends_on.is_(None), m.Ban.ends_on >= today),
        or_(m.Ban.lifted_on.is_(None), m.Ban.lifted_on > today),  # lifted by the centre: over
    )
    personal = or_(*(getattr(m.Visitor, key) != value for key, value in anonymise.VISITOR_BLANKS.items()))
    # SQL narrows to the rows before each cut-off (on the indexes); core.retention decides each one.
    seen_rows = (
        select(m.Visitor.id, last_visit.c.last, m.Visitor.created_at)
        .outerjoin(last_visit, last_visit.c.vid == m.Visitor.id)
        .order_by(m.Visitor.id)
    )
    due = [
        vid
        for vid, last, made in session.execute(seen_rows.where(seen < cuts.visitor, personal))
        if retention.visitor_past_retention(last, made.date(), cuts.visitor)
    ]
    banned = set(session.scalars(banned_now))  # bans in force are few
    found.visitors = [vid for vid in due if vid not in banned]
    found.kept_for_bans = len(due) - len(found.visitors)
    purged = set(found.visitors)
    found.photo_id = [
        vid
        for vid, last, made in session.execute(
            seen_rows.where(seen < cuts.photo_id, or_(m.Visitor.id_checked != "", m.Visitor.photo_consent))
        )
        if vid not in purged and retention.visitor_past_retention(last, made.date(), cuts.photo_id)
    ]
    found.applications = [
        row.id
        for row in session.scalars(
            select(m.CostApplication)
            .where(m.CostApplication.visit_date < cuts.application)
            .order_by(m.CostApplication.id)
        )
        if retention.application_past_retention(row.visit_date, cuts.application)
        and anonymise.application_needs_anonymising(session, row)
    ]
    found.feedback = [
        row_id
        for row_id, given_on in session.execute(
            select(m.Feedback.id, m.Feedback.given_on)
            .where(
                m.Feedback.given_on < cuts.feedback,
                or_(m.Feedback.comment != "", m.Feedback.name != "", m.Feedback.visit_id.is_not(None)),
            )
            .order_by(m.Feedback.id)
        )
        if retention.feedback_past_retention(given_on, cuts.feedback)
    ]
    found.visits = [
        visit.id
        for visit in session.scalars(
            select(m.Visit)
            .join(m.VisitSession, m.VisitSession.id == m.Visit.session_id)
            .where(
                m.VisitSession.date < cuts.visitor,
                or_(
                    *(getattr(m.Visit, key) != "" for key in anonymise.VISIT_TEXT),
                    type_coerce(m.Visit.support_needs, String).not_in(["[]", ""]),
                ),
            )
            .order_by(m.Visit.id)
        )
        if anonymise.visit_needs_anonymising(visit)
    ]
    return found


def _batches(ids: list[str]):
    for start in range(0, len(ids), BATCH):
        yield ids[start : start + BATCH]


def _receipt_files_of(session: Session, application_ids: list[str]) -> set[str]:
    """The receipt files named by these applications and by no other."""
    files: set[str] = set()
    for ids in _batches(application_ids):
        files |= set(
            session.scalars(
                select(m.CostAttachment.sha256).where(
                    m.CostAttachment.application_id.in_(ids), m.CostAttachment.sha256 != ""
                )
            )
        )
    others = set(
        session.scalars(
            select(m.CostAttachment.sha256).where(
                m.CostAttachment.sha256.in_(sorted(files)), m.CostAttachment.application_id.not_in(application_ids)
            )
        )
    )
    return files - others


def _anonymise_all(new_uow: Callable[[], UnitOfWork], due: PurgePlan) -> None:
    # Each step pairs a kind of row with its own change (None: visitors, who need their visits counted).
    steps: tuple[tuple[list[str], Any, Callable[[UnitOfWork, Any, str], object] | None], ...] = (
        (due.visitors, m.Visitor, None),
        (due.photo_id, m.Visitor, anonymise.photo_and_id),
        (due.visits, m.Visit, anonymise.visit_text),
        (due.feedback, m.Feedback, anonymise.feedback),
        (due.applications, m.CostApplication, anonymise.application),
    )
    for ids_of_kind, model, change in steps:
        for ids in _batches(ids_of_kind):
            with (uow := new_uow()):
                visits = anonymise.counted_visits(uow, ids) if change is None else {}
                for row in uow.session.scalars(select(model).where(model.id.in_(ids))):
                    if change is None:
                        anonymise.visitor(uow, row, visits[row.id], REASON)
                    else:
                        change(uow, row, REASON)
                uow.commit()


def purge(
    reading: Callable, new_uow: Callable[[], UnitOfWork], policy: RetentionPolicy, today: date, dry_run: bool = False
) -> PurgeResult:
    """Anonymise what is past retention today, keeping the report figures (manager only).

    One transaction per batch with audit and outbox; receipt files of purged applications are
    deleted afterwards. ``dry_run`` writes nothing and returns the same counts (PurgeResult).
    """
    from visitorcentre.services.records.subject_access import require_manager

    require_manager(new_uow().actor, "purge personal data past its retention period")
    with reading() as session:
        due = plan(session, policy, today)
        files = _receipt_files_of(session, due.applications)
    cuts = {key: value.isoformat() for key, value in asdict(retention.cut_offs(policy, today)).items()}
    if dry_run:
        from visitorcentre.files import receipts as receipt_files

        removed = sum(1 for sha in files if receipt_files.blob_path(sha).exists())
    else:
        _anonymise_all(new_uow, due)
        removed = anonymise.delete_receipt_files(files)  # after the commits: nothing names them any more
    return PurgeResult(
        dry_run=dry_run,
        visitors=len(due.visitors),
        photo_id=len(due.photo_id),
        applications=len(due.applications),
        feedback=len(due.feedback),
        visits=len(due.visits),
        receipt_files=removed,
        kept_for_bans=due.kept_for_bans,
        cut_offs=cuts,
    )
