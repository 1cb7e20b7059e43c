"""Anonymising one person's records, or one application, feedback or visit: what purge and erasure share.

Each function changes rows inside the caller's unit of work and records every change with its
audit event and outbox op (so the central server anonymises its copy too). What the reports
count stays: the rows themselves, dates, outcomes, refusal reasons, amounts, ratings, and a birth
date that counts every visit as child or adult exactly as before. Summaries never name the person.
"""

from __future__ import annotations

from sqlalchemy import select

from visitorcentre.core import retention
from visitorcentre.core.engagement import SUPPORT_NEEDS
from visitorcentre.core.kinds import ADMITTED, PersonOutcome
from visitorcentre.db import models as m
from visitorcentre.services.unit_of_work import UnitOfWork

#: The visitor's columns that say who they are, and what they become.
VISITOR_BLANKS = {
    "first_name": retention.REMOVED_FIRST_NAME,
    "last_name": retention.REMOVED_LAST_NAME,
    "phone": "",
    "email": "",
    "address": "",
    "postcode": "",
    "support_needs": "",
    "id_checked": "",
    "photo_consent": False,
    "notes": "",
    "search_terms": "",
}
#: What an anonymised application says of the benefit (a value the scheme's rules still read).
NO_BENEFIT = "none"
VISIT_TEXT = ("notes", "late_reason", "overbooked_reason", "cancel_reason")


def is_anonymised(visitor: m.Visitor) -> bool:
    return all(getattr(visitor, key) == value for key, value in VISITOR_BLANKS.items())


def counted_visits(uow: UnitOfWork, visitor_ids: list[str]) -> dict[str, list[tuple]]:
    """(session date, adult age) of each visit that counts in the reports, by visitor."""
    rows = uow.session.execute(
        select(m.VisitPerson.visitor_id, m.VisitPerson.session_date, m.Establishment.adult_age)
        .join(m.Visit, m.Visit.id == m.VisitPerson.visit_id)
        .join(m.VisitSession, m.VisitSession.id == m.Visit.session_id)
        .join(m.Establishment, m.Establishment.code == m.VisitSession.establishment)
        .where(
            m.VisitPerson.visitor_id.in_(visitor_ids),
            m.VisitPerson.outcome == PersonOutcome.CHECKED_IN,
            m.Visit.status.in_([str(s) for s in ADMITTED]),
        )
    ).all()
    found: dict[str, list[tuple]] = {vid: [] for vid in visitor_ids}
    for visitor_id, day, adult_age in rows:
        found[visitor_id].append((day, adult_age))
    return found


def _record(uow: UnitOfWork, action: str, row, summary: str, fields: list[str], reason: str) -> None:
    uow.stamp_changed(row)
    uow.record(action, row, summary, {"fields": sorted(fields), "reason": reason})


def _blank(row, values: dict) -> list[str]:
    changed = []
    for key, value in values.items():
        if getattr(row, key) != value:
            setattr(row, key, value)
            changed.append(key)
    return changed


def visitor(uow: UnitOfWork, row: m.Visitor, visits: list[tuple], reason: str) -> list[str]:
    """Remove who the visitor is (names, contact, address, notes, ID and photo details); keep their counts."""
    changed = _blank(row, VISITOR_BLANKS)
    kept_birth = retention.generalised_birth_date(row.date_of_birth, visits)
    if kept_birth != row.date_of_birth:
        row.date_of_birth = kept_birth
        changed.append("date_of_birth")
    if changed:
        _record(uow, "anonymise_visitor", row, f"Anonymised a visitor ({reason})", changed, reason)
    for ban in uow.session.scalars(select(m.Ban).where(m.Ban.visitor_id == row.id, m.Ban.reason != "")):
        ban.reason = ""
        _record(uow, "anonymise_ban", ban, f"Removed the reason of a past ban ({reason})", ["reason"], reason)
    for approval in uow.session.scalars(
        select(m.ChildApproval).where(m.ChildApproval.visitor_id == row.id, m.ChildApproval.note != "")
    ):
        approval.note = ""
        _record(
            uow,
            "anonymise_child_approval",
            approval,
            f"Removed the note of a child approval ({reason})",
            ["note"],
            reason,
        )
    for event in uow.session.scalars(
        select(m.CheckInEvent).where(m.CheckInEvent.visitor_id == row.id, m.CheckInEvent.reason != "")
    ):
        event.reason = ""
        _record(
            uow, "anonymise_check_in_event", event, f"Removed the words of a desk event ({reason})", ["reason"], reason
        )
    return changed


def photo_and_id(uow: UnitOfWork, row: m.Visitor, reason: str) -> list[str]:
    """Forget the photo consent and the kind of ID seen (rule 105: photographs at most 6 months)."""
    changed = _blank(row, {"id_checked": "", "photo_consent": False})
    if changed:
        _record(uow, "anonymise_photo_id", row, f"Removed photo and ID details ({reason})", changed, reason)
    return changed


def visit_text(uow: UnitOfWork, visit: m.Visit, reason: str) -> list[str]:
    """Remove the visit's own words (notes, reasons typed at the desk, support needs in the family's words)."""
    changed = _blank(visit, {key: "" for key in VISIT_TEXT})
    plain = retention.plain_support_needs(visit.support_needs, SUPPORT_NEEDS)
    if plain != list(visit.support_needs or []):
        visit.support_needs = plain
        changed.append("support_needs")
    if changed:
        _record(
            uow, "anonymise_visit", visit, f"Removed the notes of visit {visit.reference} ({reason})", changed, reason
        )
    for event in uow.session.scalars(
        select(m.CheckInEvent).where(m.CheckInEvent.visit_id == visit.id, m.CheckInEvent.reason != "")
    ):
        event.reason = ""
        _record(
            uow, "anonymise_check_in_event", event, f"Removed the words of a desk event ({reason})", ["reason"], reason
        )
    return changed


def visit_needs_anonymising(visit: m.Visit) -> bool:
    return any(getattr(visit, key) for key in VISIT_TEXT) or retention.plain_support_needs(
        visit.support_needs, SUPPORT_NEEDS
    ) != list(visit.support_needs or [])


def application_needs_anonymising(session, row: m.CostApplication) -> bool:
    if (
        row.children
        or row.expenses
        or row.quote
        or row.benefit != NO_BENEFIT
        or row.monthly_household_income_pence is not None
        or row.medical_condition
        or row.claimant_date_of_birth != retention.birth_year_only(row.claimant_date_of_birth)
    ):
        return True
    return bool(
        session.scalar(
            select(m.CostAttachment.id)
            .where(
                m.CostAttachment.application_id == row.id,
                (m.CostAttachment.original_name != "") | (m.CostAttachment.sha256 != ""),
            )
            .limit(1)
        )
    ) or bool(
        session.scalar(
            select(m.CostApplicationEvent.id)
            .where(m.CostApplicationEvent.application_id == row.id, m.CostApplicationEvent.note != "")
            .limit(1)
        )
    )


def application(uow: UnitOfWork, row: m.CostApplication, reason: str) -> set[str]:
    """Remove the claim's details (children, journey, benefit, income, receipts); keep its status and amount.

    Returns the SHA-256 of the receipt files it named: the caller deletes those no other
    application still names, after the commit.
    """
    changed = _blank(
        row,
        {
            "children": [],
            "expenses": [],
            "quote": {},
            "benefit": NO_BENEFIT,
            "monthly_household_income_pence": None,
            "medical_condition": False,
            "claimant_date_of_birth": retention.birth_year_only(row.claimant_date_of_birth),
        },
    )
    if changed:
        _record(
            uow,
            "anonymise_cost_application",
            row,
            f"Removed the details of application {row.reference} ({reason})",
            changed,
            reason,
        )
    files: set[str] = set()
    for attachment in uow.session.scalars(select(m.CostAttachment).where(m.CostAttachment.application_id == row.id)):
        if attachment.sha256:
            files.add(attachment.sha256)
        fields = _blank(attachment, {"original_name": "", "sha256": ""})
        if fields:
            _record(
                uow,
                "anonymise_cost_attachment",
                attachment,
                f"Removed a receipt of {row.reference} ({reason})",
                fields,
                reason,
            )
    for event in uow.session.scalars(
        select(m.CostApplicationEvent).where(
            m.CostApplicationEvent.application_id == row.id, m.CostApplicationEvent.note != ""
        )
    ):
        event.note = ""
        _record(
            uow,
            "anonymise_cost_application_event",
            event,
            f"Removed a note on application {row.reference} ({reason})",
            ["note"],
            reason,
        )
    return files


def feedback(uow: UnitOfWork, row: m.Feedback, reason: str) -> list[str]:
    """Remove the comment, the name and the link to the visit; keep the rating, the day and the kind of visit."""
    changed = _blank(row, {"comment": "", "name": "", "anonymous": True, "visit_id": None})
    if changed:
        _record(uow, "anonymise_feedback", row, f"Removed the words and name of feedback ({reason})", changed, reason)
    return changed


def files_still_named(session, shas: set[str]) -> set[str]:
    """Which of these receipt files another (kept) attachment still names."""
    if not shas:
        return set()
    return set(session.scalars(select(m.CostAttachment.sha256).where(m.CostAttachment.sha256.in_(sorted(shas)))))


def delete_receipt_files(shas: set[str]) -> int:
    """Delete the stored files (and thumbnails) with these SHA-256; returns how many files were there."""
    from visitorcentre.files import receipts as receipt_files

    deleted = 0
    for sha in sorted(shas):
        for path in (receipt_files.blob_path(sha), receipt_files.thumbnail_path(sha)):
            try:
                path.unlink()
                deleted += path == receipt_files.blob_path(sha)
            except FileNotFoundError:
                pass
    return deleted
