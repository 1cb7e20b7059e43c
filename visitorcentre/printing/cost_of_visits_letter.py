"""The letter telling a family what the central team decided on their travel-costs claim.

Approved: how much of what they claimed, expense by expense, with the reason for any change.
Refused: why (the fixed list's words, then the caseworker's note), and how to ask for the
decision to be looked at again. More information needed: exactly what, and by when. In the
claimant's language (their visitor record's), money and dates as that language writes them,
the scheme's and benefits' names with the English beside them, as on the printed summary.
"""

from __future__ import annotations

import io
from datetime import date, timedelta
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, TableStyle

from visitorcentre import i18n
from visitorcentre.core.cost_of_visits.explain import FAMILIES_OUTSIDE
from visitorcentre.core.cost_of_visits.history import (
    REVIEW_DAYS,
    Writing,
    claimed_pence,
    expense_name,
    information_due,
    latest,
)
from visitorcentre.core.cost_of_visits.views import ApplicationView, Decision
from visitorcentre.core.cost_of_visits.vocab import (
    EXPENSE_DECISION_LABELS,
    PAYMENT_METHOD_LABELS,
    REJECTION_REASON_LABELS,
    ApplicationStatus,
    ExpenseDecision,
)
from visitorcentre.core.kinds import Nation
from visitorcentre.core.words import N_
from visitorcentre.printing.cost_of_visits_summary import _grid, _p, _styles

#: The scheme's name where the prison is (the English name is the one on the family's other letters).
SCHEME_NAMES: dict[str, str] = {
    Nation.SCOTLAND: N_("Assisted Prison Visits Scheme"),
    Nation.ENGLAND: N_("Help with Prison Visits"),
    Nation.WALES: N_("Help with Prison Visits"),
}


def render(view: ApplicationView, today: date) -> bytes:
    """The letter as A4 PDF bytes, in the claimant's language, for the newest decision on ``view``."""
    s = _styles()
    form = view.form
    language = i18n.family_language(form.language)
    _ = i18n.translator(language)
    w = Writing(
        words=_,
        amount=lambda pence: i18n.money(pence, language),
        day=lambda d: i18n.long_date(d, language),
        moment=lambda m: i18n.long_date(m.date(), language),
    )
    decision = latest(view)
    scheme = i18n.official_name(SCHEME_NAMES.get(form.prison_nation, SCHEME_NAMES[Nation.ENGLAND]), language)
    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=16 * mm,
        bottomMargin=16 * mm,
        title=_("Your claim for help with the cost of your prison visit"),
        author=form.establishment_name or "Visitor Centre",
    )
    width = A4[0] - 36 * mm
    story = [
        _p(_("{establishment} · Visitor centre").format(establishment=form.establishment_name), s["small"]),
        _p(
            _("{day} · Reference {reference}").format(day=i18n.long_date(today, language), reference=view.reference),
            s["small"],
        ),
        Spacer(1, 6 * mm),
        _p(_("Dear {name},").format(name=form.claimant_name), s["body"]),
        Spacer(1, 3 * mm),
        _p(_headline(view, decision, _), s["title"]),
        _p(
            _("This letter is about your claim to the {scheme} for your visit to {prisoner} on {day}.").format(
                scheme=scheme, prisoner=form.prisoner_name, day=i18n.long_date(form.visit_date, language)
            ),
            s["answer"],
        ),
    ]
    outcome = decision.outcome if decision else view.status
    if decision is None:
        story.append(
            _p(_("The central team has not decided your claim yet. We will tell you when they have."), s["body"])
        )
    elif outcome == ApplicationStatus.NEEDS_INFORMATION:
        story += _asked(view, decision, w, s)
    elif outcome in (ApplicationStatus.APPROVED, ApplicationStatus.PAID):
        story += _approved(view, decision, w, s, width)
    elif outcome == ApplicationStatus.REJECTED:
        story += _refused(decision, w, s)
    if decision is not None and _may_ask_again(view, decision):
        story += _ask_again(view, today, w, s)
    story += [
        Spacer(1, 4 * mm),
        _p(_("If you have any questions, ask at the visitor centre desk, quoting your reference."), s["body"]),
        _p(
            _("For free, confidential support for families of prisoners you can call {helpline}.").format(
                helpline=_(FAMILIES_OUTSIDE)
            ),
            s["small"],
        ),
        _p(
            _("We never ask for bank details at the desk: the central team will contact you about payment."),
            s["small"],
        ),
        Spacer(1, 6 * mm),
        _p(_("Yours sincerely,"), s["body"]),
        _p(_("The central team, {scheme}").format(scheme=scheme), s["bold"]),
    ]
    doc.build(story)
    return out.getvalue()


def _headline(view: ApplicationView, decision: Decision | None, _) -> str:
    outcome = decision.outcome if decision else view.status
    if outcome == ApplicationStatus.NEEDS_INFORMATION:
        return _("We need more information to decide your claim")
    if outcome == ApplicationStatus.PAID:
        return _("Your claim has been approved and paid")
    if outcome == ApplicationStatus.APPROVED:
        return _("Your claim has been approved")
    if outcome == ApplicationStatus.REJECTED:
        return _("Your claim has not been approved")
    return _("Your claim for help with the cost of your prison visit")


def _asked(view: ApplicationView, decision: Decision, w: Writing, s) -> list:
    _ = w.words
    return [
        _p(_("What we need from you"), s["heading"]),
        _p(decision.note.strip() or _("more information"), s["bold"]),
        _p(
            _(
                "Please bring it to the visitor centre desk, or send it to the central team, by {day}, "
                "with your reference {reference} written on it."
            ).format(day=w.day(information_due(decision)), reference=view.reference),
            s["body"],
        ),
        _p(_("If it has not reached us by then, we may have to refuse the claim."), s["body"]),
    ]


def _approved(view: ApplicationView, decision: Decision, w: Writing, s, width: float) -> list:
    _ = w.words
    approval = next(
        (d for d in reversed(view.decisions) if d.outcome == ApplicationStatus.APPROVED), decision
    )  # a payment repeats the approved total; the expenses are the approval's
    story = [
        _p(
            _("We have approved {approved} of the {claimed} you claimed.").format(
                approved=w.amount(approval.approved_pence), claimed=w.amount(view.quote.total_pence)
            ),
            s["answer"],
        )
    ]
    if approval.expenses:
        head = ParagraphStyle("head", parent=s["cell"], fontName=s["bold"].fontName)
        rows = [[_p(_(heading), head) for heading in (N_("Expense"), N_("Claimed"), N_("Approved"), N_("Why"))]]
        for verdict in approval.expenses:
            why = verdict.reason
            if not why and verdict.decision != ExpenseDecision.APPROVED:
                why = _(EXPENSE_DECISION_LABELS.get(verdict.decision, verdict.decision))
            amount = 0 if verdict.decision == ExpenseDecision.REJECTED else verdict.amount_pence
            rows.append(
                [
                    _p(expense_name(view, verdict.index, _), s["cell"]),
                    _p(w.amount(claimed_pence(view, verdict.index)), s["cell"]),
                    _p(w.amount(amount), s["cell"]),
                    _p(why, s["cell"]),
                ]
            )
        rows.append([_p(_("Total"), s["bold"]), "", _p(w.amount(approval.approved_pence), s["bold"]), ""])
        table = _grid(rows, [50 * mm, 36 * mm, 36 * mm, width - 122 * mm], bold_last=True)
        table.setStyle(TableStyle([("ALIGN", (1, 0), (2, -1), "RIGHT")]))
        story.append(table)
    if approval.note.strip():
        story += [Spacer(1, 2 * mm), _p(approval.note.strip(), s["body"])]
    if decision.outcome == ApplicationStatus.PAID:
        method = _(PAYMENT_METHOD_LABELS.get(decision.payment_method, "")) if decision.payment_method else ""
        story.append(
            _p(
                _("We paid {amount} on {day} by {method}, reference {reference}.").format(
                    amount=w.amount(decision.approved_pence),
                    day=w.day(decision.decided_at.date()),
                    method=method[:1].lower() + method[1:],
                    reference=decision.payment_reference or "—",
                ),
                s["answer"],
            )
        )
    else:
        story.append(_p(_("The central team will pay you and tell you how it was paid."), s["body"]))
    return story


def _refused(decision: Decision, w: Writing, s) -> list:
    _ = w.words
    story = [_p(_("Why"), s["heading"])]
    if decision.reason:
        story.append(_p(_(REJECTION_REASON_LABELS.get(decision.reason, decision.reason)), s["bold"]))
    if decision.note.strip():
        story.append(_p(decision.note.strip(), s["body"]))
    return story


def _may_ask_again(view: ApplicationView, decision: Decision) -> bool:
    """Refused, or approved for less than was claimed."""
    if decision.outcome == ApplicationStatus.REJECTED:
        return True
    return decision.outcome in (ApplicationStatus.APPROVED, ApplicationStatus.PAID) and (
        decision.approved_pence < view.quote.total_pence
    )


def _ask_again(view: ApplicationView, today: date, w: Writing, s) -> list:
    _ = w.words
    return [
        _p(_("If you think this decision is wrong"), s["heading"]),
        _p(
            _(
                "You can ask for it to be looked at again. By {day} ({days} days from this letter), write to "
                "the central team or ask at the visitor centre desk, quoting your reference {reference}. Say why "
                "you think the decision is wrong and send any evidence you have. Someone who did not make the "
                "first decision will look at your claim again and write to you."
            ).format(day=w.day(today + timedelta(days=REVIEW_DAYS)), days=REVIEW_DAYS, reference=view.reference),
            s["answer"],
        ),
        Paragraph(escape(_("You can still claim for your other visits: each claim is decided on its own.")), s["body"]),
    ]
