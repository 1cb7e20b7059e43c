"""What the travel-costs application asks of the desk: start, save, attach, submit, fetch the summary.

Each call goes through the background helper, one after another, and comes back as a signal on
the GUI thread. A draft is saved first whenever something needs it saved (attaching a file,
submitting, printing). The running total is the one thing worked out on the spot: ``quote_now``
uses the scheme's pure rules, and treats a row still being typed as paying nothing yet.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from visitorcentre.config.scheme_rates import current_rates
from visitorcentre.core.cost_of_visits import rules
from visitorcentre.core.cost_of_visits.explain import explain
from visitorcentre.core.cost_of_visits.rates import RateTable
from visitorcentre.core.cost_of_visits.views import ApplicationForm, ApplicationView, Quote, QuoteItem
from visitorcentre.core.cost_of_visits.vocab import MILEAGE_TYPES, ApplicationStatus, ExpenseType
from visitorcentre.core.errors import VisitorCentreError
from visitorcentre.ui.runtime.tasks import DeskTasks
from visitorcentre.ui.shared.i18n import _, money


def _unfinished(expense) -> bool:
    if expense.type in MILEAGE_TYPES:
        return expense.miles_one_way is None
    return expense.cost_pence is None or (expense.type == ExpenseType.CAR_HIRE and not expense.days)


def quote_now(form: ApplicationForm, rates: RateTable | None = None) -> Quote:
    """The quote for ``form`` as typed so far (pure and quick, for the GUI thread), in the desk's language.

    ``rates`` are the desk's (``desk.costs.rates()``, read when the application opened); the data
    file's until then.
    """
    rates = rates or current_rates()
    waiting = [n for n, e in enumerate(form.expenses) if _unfinished(e)]
    if not waiting:
        return _in_desk_words(form, rules.quote(form, rates))
    filled = tuple(
        replace(e, miles_one_way=e.miles_one_way or Decimal(0), cost_pence=e.cost_pence or 0, days=e.days or 1)
        if n in waiting
        else e
        for n, e in enumerate(form.expenses)
    )
    quote = rules.quote(replace(form, expenses=filled), rates)
    items = tuple(
        QuoteItem(i.type, 0, _("not typed yet"), i.receipt_required) if n in waiting else i
        for n, i in enumerate(quote.items)
    )
    return _in_desk_words(
        form,
        replace(quote, items=items, total_pence=quote.total_pence - sum(quote.items[n].amount_pence for n in waiting)),
    )


def _in_desk_words(form: ApplicationForm, quote: Quote) -> Quote:
    """``quote`` with its sentences in the desk's language (the rules give them in English)."""
    return replace(quote, explanation=explain(form, list(quote.reasons), _, money, quote.limits))


class ApplicationWork(QObject):
    """The desk calls behind one application dialog."""

    #: The application to show: (form, saved view or None, the claimant's applications on this desk).
    loaded = Signal(object, object, list)
    #: A desk call was refused (shown next to its field, or on the message line).
    failed = Signal(object)
    #: Something to tell the worker calmly.
    note = Signal(str)
    #: A receipt or confirmation file was refused: why.
    refused_file = Signal(str)
    #: The summary PDF is ready: (bytes, save only).
    summary_ready = Signal(bytes, bool)
    #: The letter telling the family the decision is ready (PDF bytes).
    letter_ready = Signal(bytes)
    busy_changed = Signal(bool)

    def __init__(self, desk, tasks: DeskTasks, dialog):
        super().__init__(dialog)
        self._desk = desk
        self._tasks = tasks
        self._current: Callable[[], ApplicationForm | None] = lambda: dialog.form
        self._status: Callable[[], str | None] = lambda: dialog.view.status if dialog.view else None
        self.application_id: str | None = None
        self.claims: list = []
        self.rates: RateTable | None = None  # the desk's scheme rates, read with the application
        self._edits = 0
        self._saved_edits = 0
        self._jobs = 0

    @property
    def busy(self) -> bool:
        return self._jobs > 0

    def edited(self) -> None:
        """Something was typed since the last save."""
        self._edits += 1

    @property
    def unsaved(self) -> bool:
        return self.application_id is None or self._edits != self._saved_edits

    def _run(self, fn, on_done, on_error=None, label: str = "") -> None:
        self._jobs += 1
        self.busy_changed.emit(True)

        def done(result, then=on_done) -> None:
            self._finish()
            then(result)

        def failed(error: VisitorCentreError, then=on_error) -> None:
            self._finish()
            (then or self.failed.emit)(error)

        self._tasks.run(fn, done, failed, label=label)

    def _finish(self) -> None:
        self._jobs -= 1
        self.busy_changed.emit(self.busy)

    # --- opening --------------------------------------------------------------------------------

    def start(self, application_id: str | None, visit_id: str | None, visitor_id: str | None) -> None:
        desk = self._desk

        def begin():
            self.rates = desk.costs.rates()  # (a plain reference, set before the result reaches the GUI thread)
            if application_id:
                view = desk.costs.application(application_id)
                return view, desk.costs.applications(view.form.claimant_id), False
            form = desk.costs.start(visit_id=visit_id, visitor_id=visitor_id)
            claims = desk.costs.applications(form.claimant_id) if form.claimant_id else []
            same = next(
                (b for b in claims if b.visit_date == form.visit_date and b.prisoner_name == form.prisoner_name), None
            )
            if same is not None:  # one application per claimant, prisoner and visit: open it
                return desk.costs.application(same.id), claims, True
            return form, claims, False

        self._run(begin, self._begun, label=_("Starting the application…"))

    def _begun(self, result) -> None:
        found, claims, existing = result
        self.claims = list(claims)
        if isinstance(found, ApplicationView):
            self._adopt(found, full=True)
            if existing:
                self.note.emit(_("This family already has an application for this visit, so it is opened here."))
        else:
            self.loaded.emit(found, None, self.claims)

    def _adopt(self, view: ApplicationView, full: bool) -> None:
        """Show the saved ``view``; keep what was typed meanwhile unless ``full``."""
        self.application_id = view.id
        form = view.form
        current = self._current()
        if not full and current is not None:
            form = replace(current, application_id=view.form.application_id, version=view.form.version)
        else:
            self._saved_edits = self._edits
        self.loaded.emit(form, view, self.claims)

    # --- saving ---------------------------------------------------------------------------------

    def save(self, form: ApplicationForm, then: Callable[[], None] | None = None) -> None:
        """Save ``form`` as a draft; ``then()`` follows once it is saved."""
        desk, edits = self._desk, self._edits

        def saved(view: ApplicationView) -> None:
            self._adopt(view, full=self._edits == edits)
            if then is not None:
                then()
            else:
                self.note.emit(_("Saved as a draft: reference {reference}.").format(reference=view.reference))

        self._run(lambda: desk.costs.application(desk.costs.save(form)), saved, label=_("Saving…"))

    def _saved_then(self, form: ApplicationForm, then: Callable[[], None]) -> None:
        """``then()`` at once if nothing is waiting to be saved, else after saving (a draft only)."""
        if self.unsaved and self._status() in (None, ApplicationStatus.DRAFT, ApplicationStatus.NEEDS_INFORMATION):
            self.save(form, then)
        else:
            then()

    def attach(self, form: ApplicationForm, path: str, kind: str, expense_index: int | None) -> None:
        desk = self._desk

        def attach_now() -> None:
            application_id = self.application_id
            self._run(
                lambda: (
                    desk.costs.attach(application_id, Path(path), kind, expense_index),
                    desk.costs.application(application_id),
                )[1],
                lambda view: self._attached(view, kind),
                lambda error: self.refused_file.emit(error.message),
                label=_("Attaching the file…"),
            )

        self._saved_then(form, attach_now)

    def _attached(self, view: ApplicationView, kind: str) -> None:
        self._adopt(view, full=True)
        self.note.emit(
            _("The stamped visit confirmation is attached.")
            if kind == "visit_confirmation"
            else _("The receipt is attached.")
        )

    def submit(self, form: ApplicationForm) -> None:
        """Save what is typed, then submit (the dialog has asked first and disabled the button)."""
        desk = self._desk

        def submit_now() -> None:
            application_id = self.application_id

            def refused(error: VisitorCentreError) -> None:
                self.failed.emit(error)
                self.reload()

            self._run(
                lambda: (desk.costs.submit(application_id), desk.costs.application(application_id))[1],
                self._submitted,
                refused,
                label=_("Submitting…"),
            )

        self._saved_then(form, submit_now)

    def _submitted(self, view: ApplicationView) -> None:
        self._adopt(view, full=True)
        self.note.emit(
            _("Submitted to the central team: reference {reference}. Print the summary for the family.").format(
                reference=view.reference
            )
        )

    def reload(self) -> None:
        if self.application_id:
            application_id = self.application_id
            self._run(lambda: self._desk.costs.application(application_id), lambda v: self._adopt(v, full=True))

    def fetch_summary(self, save_only: bool) -> None:
        """Make the family's summary (saving first if needed) and hand it over for printing or saving."""
        form = self._current()

        def fetch() -> None:
            application_id = self.application_id
            self._run(
                lambda: self._desk.costs.summary_pdf(application_id),
                lambda pdf: self.summary_ready.emit(bytes(pdf), save_only),
                label=_("Making the summary…"),
            )

        if form is not None:
            self._saved_then(form, fetch)

    def fetch_letter(self) -> None:
        """Make the letter telling the family the central team's decision, and hand it over for printing."""
        application_id = self.application_id
        if application_id:
            self._run(
                lambda: self._desk.costs.letter_pdf(application_id),
                lambda pdf: self.letter_ready.emit(bytes(pdf)),
                label=_("Making the letter…"),
            )
