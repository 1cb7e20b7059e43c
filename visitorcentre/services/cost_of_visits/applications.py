"""Applications for help with the cost of visits: save a draft, submit, attach evidence, take a status.

Each action is one transaction with its audit event and sync outbox ops; a refusal leaves
nothing behind. The amount is always worked out again here from the rules, never trusted from
the screen.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from sqlalchemy import select

from visitorcentre.core import references
from visitorcentre.core.cost_of_visits.explain import money
from visitorcentre.core.cost_of_visits.rates import RateTable
from visitorcentre.core.cost_of_visits.rules import quote
from visitorcentre.core.cost_of_visits.views import ApplicationForm, Quote
from visitorcentre.core.cost_of_visits.vocab import (
    APPLICATION_STATUS_LABELS,
    EXPENSE_LABELS,
    RECEIPT_TYPES,
    ApplicationStatus,
    AttachmentKind,
)
from visitorcentre.core.errors import ChangedElsewhere, InvalidInput, NotAllowed, NotFound
from visitorcentre.db import cost_of_visits as store
from visitorcentre.db import models as m
from visitorcentre.files import receipts as receipt_files
from visitorcentre.i18n import _
from visitorcentre.services.unit_of_work import UnitOfWork
from visitorcentre.services.visits import lookups
from visitorcentre.services.words import full_date, label_words

#: The desk may still change an application in these statuses.
EDITABLE = frozenset({ApplicationStatus.DRAFT, ApplicationStatus.NEEDS_INFORMATION})
#: Evidence can still be added in these statuses.
TAKES_EVIDENCE = frozenset({ApplicationStatus.DRAFT, ApplicationStatus.SUBMITTED, ApplicationStatus.NEEDS_INFORMATION})


def application(session, application_id: str) -> m.CostApplication:
    found = session.get(m.CostApplication, application_id)
    if found is None:
        found = session.scalar(
            select(m.CostApplication).where(
                m.CostApplication.reference == (references.normalise(application_id) or application_id)
            )
        )
    if found is None:
        raise NotFound(_("There is no application “{id}”.").format(id=application_id), "application")
    return found


def _status(status: str) -> str:
    """An application's status inside a sentence ("submitted"), in the desk's language."""
    return _(APPLICATION_STATUS_LABELS.get(status, status)).lower()


def _expense(kind: str) -> str:
    return label_words(kind, EXPENSE_LABELS)


def _unique_reference(session) -> str:
    for _attempt in range(20):
        reference = references.new_reference()
        if session.scalar(select(m.CostApplication.id).where(m.CostApplication.reference == reference)) is None:
            return reference
    raise RuntimeError("could not find a free application reference")


def _store_quote(row: m.CostApplication, answer: Quote) -> None:
    row.eligible, row.total_pence, row.quote = answer.eligible, answer.total_pence, answer.as_json()


def _add_event(uow: UnitOfWork, row: m.CostApplication, status: str, note: str = "", by: str | None = None) -> None:
    event = uow.stamp_new(
        m.CostApplicationEvent(
            application_id=row.id, status=status, at=uow.clock.utcnow(), by=by or uow.actor.name, note=note
        ),
        establishment=row.establishment,
    )
    uow.outbox(event)


def _refuse_same_claim(uow: UnitOfWork, claimant_id: str, prisoner_id: str, visit_date, other_than: str | None) -> None:
    clash = store.same_claim(uow.session, claimant_id, prisoner_id, visit_date, other_than)
    if clash is not None:
        raise InvalidInput(
            _(
                "There is already an application ({reference}, {status}) for this claimant, prisoner and "
                "visit on {day} — open that one instead."
            ).format(reference=clash.reference, status=_status(clash.status), day=full_date(visit_date)),
            "visit_date",
        )


def save_draft(uow: UnitOfWork, form: ApplicationForm, rates: RateTable) -> str:
    """Save the form as a draft (new or changed); returns the application id.

    Raises ChangedElsewhere when ``form.version`` is not the stored version, NotAllowed
    once the application has been submitted, InvalidInput for a form that cannot be
    saved (no claimant or prisoner, or another application for the same claimant,
    prisoner and visit date).
    """
    with uow:
        if not form.claimant_id:
            raise InvalidInput(_("Choose who is claiming."), "claimant")
        if not form.prisoner_id:
            raise InvalidInput(_("Choose the prisoner they visit."), "prisoner")
        claimant = lookups.visitor(uow.session, form.claimant_id)
        prisoner = lookups.prisoner(uow.session, form.prisoner_id)
        form = replace(form, claimant_id=claimant.id, prisoner_id=prisoner.id)
        answer = quote(form, rates)  # refuses (InvalidInput) a form the rules cannot read
        if form.application_id:
            row = application(uow.session, form.application_id)
            if row.status not in EDITABLE:
                raise NotAllowed(
                    _("Application {reference} has been {status} and can no longer be changed at the desk.").format(
                        reference=row.reference, status=_status(row.status)
                    )
                )
            if row.version != form.version:
                raise ChangedElsewhere(
                    _(
                        "Application {reference} was changed on another desk; it has been "
                        "reloaded — please make your change again."
                    ).format(reference=row.reference)
                )
            _refuse_same_claim(uow, claimant.id, prisoner.id, form.visit_date, row.id)
            store.apply_form(row, form)
            _store_quote(row, answer)
            uow.stamp_changed(row)
            uow.record(
                "save_cost_application",
                row,
                f"Saved application {row.reference} for {claimant.name} ({money(answer.total_pence)})",
            )
        else:
            _refuse_same_claim(uow, claimant.id, prisoner.id, form.visit_date, None)
            row = m.CostApplication(
                reference=_unique_reference(uow.session),
                status=ApplicationStatus.DRAFT,
                helped_by=uow.actor.name,
                submitted_at=None,
            )
            store.apply_form(row, form)
            _store_quote(row, answer)
            uow.stamp_new(row, establishment=form.establishment or None)
            uow.record(
                "start_cost_application",
                row,
                f"Started application {row.reference} for {claimant.name} "
                f"to visit {prisoner.name} on {form.visit_date:%d %B %Y} ({money(answer.total_pence)})",
            )
            _add_event(uow, row, ApplicationStatus.DRAFT)
        uow.commit()
        return row.id


def submit(uow: UnitOfWork, application_id: str, rates: RateTable) -> None:
    """Submit a saved draft to the central team (the amount is quoted again now).

    Raises NotAllowed if it was already submitted or the claim is not eligible, and
    InvalidInput if another application for the same claimant, prisoner and visit date
    was submitted.
    """
    with uow:
        row = application(uow.session, application_id)
        if row.status not in EDITABLE:
            raise NotAllowed(
                (
                    _("Application {reference} was already submitted on {day}; it is {status}.")
                    if row.submitted_at
                    else _("Application {reference} was already submitted; it is {status}.")
                ).format(
                    reference=row.reference,
                    day=full_date(row.submitted_at) if row.submitted_at else "",
                    status=_status(row.status),
                )
            )
        # Two drafts for one visit can meet through sync; only the first to be submitted goes.
        clash = store.same_claim(
            uow.session,
            row.claimant_id,
            row.prisoner_id,
            row.visit_date,
            row.id,
            store.BLOCKING - {ApplicationStatus.DRAFT},
        )
        if clash is not None:
            raise InvalidInput(
                _(
                    "Application {reference} already claims for this visit on {day}; "
                    "the same visit cannot be claimed twice."
                ).format(reference=clash.reference, day=full_date(row.visit_date)),
                "visit_date",
            )
        today = uow.clock.today()
        form = replace(
            store.form_of(uow.session, row),
            application_date=today,
            claims_in_last_12_months=store.claims_in_last_12_months(
                uow.session, row.claimant_id, today, other_than=row.id
            ),
        )
        answer = quote(form, rates)
        if not answer.eligible:
            raise NotAllowed(" ".join(answer.explanation))
        store.apply_form(row, form)
        _store_quote(row, answer)
        resubmitted = row.status == ApplicationStatus.NEEDS_INFORMATION
        row.status, row.submitted_at = ApplicationStatus.SUBMITTED, uow.clock.utcnow()
        uow.stamp_changed(row)
        uow.record(
            "submit_cost_application",
            row,
            f"{'Resubmitted' if resubmitted else 'Submitted'} application "
            f"{row.reference} for {money(answer.total_pence)}",
            {"total_pence": answer.total_pence},
        )
        _add_event(uow, row, ApplicationStatus.SUBMITTED)
        uow.commit()


def attach(
    uow: UnitOfWork, application_id: str, path: Path, kind: str, expense_index: int | None, rates: RateTable
) -> str:
    """Attach a receipt (for the expense at ``expense_index``) or the stamped visit confirmation.

    ``kind`` is "receipt" or "visit_confirmation". The file must be a PNG, JPEG or PDF by
    its content (not its name) and at most 5 MB; it is stored once by SHA-256 in the data
    folder. Attaching marks the expense's receipt (or the confirmation) as received.
    Raises InvalidInput with the reason for a refused file.
    """
    with uow:
        row = application(uow.session, application_id)
        if row.status not in TAKES_EVIDENCE:
            raise NotAllowed(
                _("Application {reference} is {status}; evidence can no longer be added.").format(
                    reference=row.reference, status=_status(row.status)
                )
            )
        if kind not in {str(k) for k in AttachmentKind}:
            raise InvalidInput(
                _("“{kind}” is not a kind of evidence (receipt or visit_confirmation).").format(kind=kind), "kind"
            )
        expenses = list(row.expenses)
        if kind == AttachmentKind.RECEIPT:
            if expense_index is None or not 0 <= expense_index < len(expenses):
                raise InvalidInput(_("Choose which expense this receipt is for."), "expense_index")
            if expenses[expense_index]["type"] not in RECEIPT_TYPES:
                raise InvalidInput(
                    _("A {expense} needs no receipt.").format(expense=_expense(expenses[expense_index]["type"])),
                    "expense_index",
                )
        elif expense_index is not None:
            raise InvalidInput(_("The visit confirmation is for the whole claim, not one expense."), "expense_index")
        checked = receipt_files.check_file(path)
        receipt_files.store(checked)  # content-addressed: a failed transaction leaves at most an unused file
        attachment = uow.stamp_new(
            m.CostAttachment(
                application_id=row.id,
                kind=kind,
                sha256=checked.sha256,
                media_type=checked.media_type,
                size_bytes=len(checked.data),
                original_name=Path(path).name[:255],
                expense_index=expense_index,
            ),
            establishment=row.establishment,
        )
        if kind == AttachmentKind.RECEIPT and expense_index is not None:  # checked above: a receipt names one
            expenses[expense_index] = {**expenses[expense_index], "receipt": True}
            row.expenses = expenses
            what = f"a receipt for expense {expense_index + 1} ({expenses[expense_index]['type'].replace('_', ' ')})"
        else:
            row.visit_confirmation = True
            what = "the stamped visit confirmation"
        row.quote = {**(row.quote or {}), **_requote_evidence(uow, row, rates)}
        uow.stamp_changed(row)
        uow.record(
            "attach_cost_evidence",
            attachment,
            f"Attached {what} to application {row.reference}",
            {"sha256": checked.sha256, "media_type": checked.media_type},
        )
        uow.outbox(row)
        uow.commit()
        return attachment.id


def _requote_evidence(uow: UnitOfWork, row: m.CostApplication, rates: RateTable) -> dict:
    """The stored quote's evidence list after new evidence (amounts do not change with a receipt)."""
    uow.session.flush()
    answer = quote(store.form_of(uow.session, row), rates)
    return {"evidence_required": list(answer.evidence_required)}
