"""An application's history in plain words: who sent it and when, and what the central team decided.

"Sent to the central team by Ann Worker", "The central team asked for: a readable bus ticket",
"Approved £41.20 of £45.70" with each expense's decision and reason, "Refused: <reason>",
"Paid by bank transfer, reference …". The same sentences serve the desk (in the desk's
language) and the family's letter (in theirs): the caller hands in a catalogue's ``_`` and the
language's way of writing money, dates and times. Nothing here knows about Qt or the database.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from visitorcentre.core.cost_of_visits.explain import money
from visitorcentre.core.cost_of_visits.views import ApplicationView, Decision, ExpenseVerdict
from visitorcentre.core.cost_of_visits.vocab import (
    APPLICATION_STATUS_LABELS,
    CENTRAL_STATUSES,
    EXPENSE_LABELS,
    PAYMENT_METHOD_LABELS,
    REJECTION_REASON_LABELS,
    ApplicationStatus,
    ExpenseDecision,
)

#: A family asked for more information has this many days from the request to bring or send it.
INFORMATION_DAYS = 28
#: How long a family has, from the date of the letter, to ask for a refusal to be looked at again.
REVIEW_DAYS = 28

Words = Callable[[str], str]


def _same(text: str) -> str:
    return text


@dataclass(frozen=True)
class Writing:
    """How a language writes things: its catalogue's ``_``, money, a date and a moment."""

    words: Words = _same
    amount: Callable[[int], str] = money
    day: Callable[[date], str] = lambda d: f"{d:%d %B %Y}"
    moment: Callable[[datetime], str] = lambda m: f"{m:%d/%m/%Y %H:%M}"


def information_due(decision: Decision) -> date:
    """The day a request for information should be answered by."""
    return decision.decided_at.date() + timedelta(days=INFORMATION_DAYS)


def latest(view: ApplicationView) -> Decision | None:
    """The central team's newest decision on ``view``, if any."""
    return view.decisions[-1] if view.decisions else None


def expense_name(view: ApplicationView, index: int, _: Words = _same) -> str:
    """ "Bus — Glasgow to Barlinnie" for the expense at ``index`` ("Expense 3" if the form has no such line)."""
    expenses = view.form.expenses
    if index == len(expenses) and view.quote.refreshments_pence:  # the line after the expenses (claim_lines)
        return _("Refreshments")
    if not 0 <= index < len(expenses):
        return _("Expense {number}").format(number=index + 1)
    expense = expenses[index]
    name = _(EXPENSE_LABELS.get(expense.type, expense.type))
    return f"{name} — {expense.description}" if expense.description else name


def claimed_pence(view: ApplicationView, index: int) -> int:
    """What the application claimed for the line at ``index`` (by the desk's quote; the line after the
    expenses is refreshments, as the centre numbers a claim's lines)."""
    items = view.quote.items
    if index == len(items):
        return view.quote.refreshments_pence
    return items[index].amount_pence if 0 <= index < len(items) else 0


def verdict_words(view: ApplicationView, verdict: ExpenseVerdict, w: Writing) -> str:
    """ "Bus — Glasgow to Barlinnie: approved at £3.00 instead of £4.50 (only the child's fare)"."""
    _ = w.words
    name = expense_name(view, verdict.index, _)
    if verdict.decision == ExpenseDecision.REJECTED:
        words = _("not approved")
    elif verdict.decision == ExpenseDecision.CHANGED:
        words = _("approved at {amount} instead of {claimed}").format(
            amount=w.amount(verdict.amount_pence), claimed=w.amount(claimed_pence(view, verdict.index))
        )
    else:
        words = _("approved, {amount}").format(amount=w.amount(verdict.amount_pence))
    reason = f" ({verdict.reason})" if verdict.reason else ""
    return f"{name}: {words}{reason}"


def decision_words(view: ApplicationView, decision: Decision, w: Writing) -> list[str]:
    """The decision as a headline and, for an approval, one line per expense (and the note)."""
    _ = w.words
    who = decision.decided_by
    if decision.outcome == ApplicationStatus.NEEDS_INFORMATION:
        return [
            _("The central team asked for: {what}").format(what=decision.note.strip() or _("more information")),
            _("Bring it to the desk or send it by {day}.").format(day=w.day(information_due(decision))),
        ]
    if decision.outcome == ApplicationStatus.APPROVED:
        if decision.automatic:
            headline = _("Approved {approved} of {claimed}, automatically").format(
                approved=w.amount(decision.approved_pence), claimed=w.amount(view.quote.total_pence)
            )
        else:
            headline = _("Approved {approved} of {claimed} by {who}").format(
                approved=w.amount(decision.approved_pence), claimed=w.amount(view.quote.total_pence), who=who
            )
        lines = [headline, *(verdict_words(view, v, w) for v in decision.expenses)]
        if decision.note.strip():
            lines.append(_("Note: {note}").format(note=decision.note.strip()))
        return lines
    if decision.outcome == ApplicationStatus.REJECTED:
        reason = _(REJECTION_REASON_LABELS.get(decision.reason, "")) if decision.reason else ""
        lines = [(_("Refused by {who}: {reason}").format(who=who, reason=reason)).strip().rstrip(":")]
        if decision.note.strip():
            lines.append(decision.note.strip())
        return lines
    if decision.outcome == ApplicationStatus.PAID:
        method = _(PAYMENT_METHOD_LABELS.get(decision.payment_method, "")) if decision.payment_method else ""
        lines = [
            _("Paid {amount} by {method}, reference {reference}").format(
                amount=w.amount(decision.approved_pence),
                method=method[:1].lower() + method[1:],
                reference=decision.payment_reference or "—",
            )
        ]
        if decision.note.strip():
            lines.append(decision.note.strip())
        return lines
    return [_(APPLICATION_STATUS_LABELS.get(decision.outcome, decision.outcome))]


def _event_words(status: str, who: str, sent_before: bool, asked_before: bool, _: Words) -> str:
    if status == ApplicationStatus.DRAFT:
        return _("Started at the desk by {who}").format(who=who)
    if status == ApplicationStatus.SUBMITTED:
        if asked_before:
            return _("Sent again to the central team, with what they asked for, by {who}").format(who=who)
        if sent_before:
            return _("Sent again to the central team by {who}").format(who=who)
        return _("Sent to the central team by {who}").format(who=who)
    return _("{status} ({who})").format(status=_(APPLICATION_STATUS_LABELS.get(status, status)), who=who)


def history_lines(view: ApplicationView, w: Writing | None = None) -> list[str]:
    """Every step, oldest first, one entry each ("03/12/2026 14:05  ·  Sent to the central team by …").

    An entry may run to more lines (an approval's expenses, indented). A status event that a
    decision explains is told once, by the decision.
    """
    w = w or Writing()
    _ = w.words
    unmatched = list(view.decisions)
    steps: list[tuple[datetime, int, list[str]]] = []
    sent = asked = False
    for order, event in enumerate(view.history):
        if event.status in CENTRAL_STATUSES:
            match = min(
                (d for d in unmatched if d.outcome == event.status),
                key=lambda d: abs((d.decided_at - event.at).total_seconds()),
                default=None,
            )
            if event.status == ApplicationStatus.NEEDS_INFORMATION:
                asked = True
            if match is not None:
                continue
            lines = [_event_words(event.status, event.by, sent, asked, _)]
            if event.note:
                lines.append(event.note)
        else:
            lines = [_event_words(event.status, event.by, sent, asked, _)]
            if event.status == ApplicationStatus.SUBMITTED:
                sent, asked = True, False
        steps.append((event.at, order, lines))
    for order, decision in enumerate(view.decisions):
        steps.append((decision.decided_at, len(view.history) + order, decision_words(view, decision, w)))
    steps.sort(key=lambda step: (step[0], step[1]))
    return [
        "\n".join([f"{w.moment(at)}  ·  {lines[0]}", *(f"      {line}" for line in lines[1:])])
        for at, _order, lines in steps
    ]
