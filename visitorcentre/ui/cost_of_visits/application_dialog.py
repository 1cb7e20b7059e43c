"""Help with the cost of a prison visit: the application a worker fills in with the family, step by step.

1. Can they claim? (answered at once)  2. The journey (running total)  3. Receipts  4. Submit and print.
Started from a visit (its lead visitor, prisoner and date filled in) or from a visitor. Every
desk call runs through the background helper; only the quote — pure and quick — is worked out on
the spot as the worker types. A problem is shown next to the field it concerns.
"""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from visitorcentre.core.changes import COST_OF_VISITS, Changes
from visitorcentre.core.cost_of_visits.views import ApplicationForm, ApplicationView, Quote
from visitorcentre.core.cost_of_visits.vocab import ApplicationStatus, Benefit
from visitorcentre.core.errors import InvalidInput, VisitorCentreError
from visitorcentre.ui.cost_of_visits.application_work import ApplicationWork, quote_now
from visitorcentre.ui.cost_of_visits.claim_status_step import SENDABLE, ClaimStatusStep, status_words
from visitorcentre.ui.cost_of_visits.eligibility_step import EligibilityStep
from visitorcentre.ui.cost_of_visits.journey_step import JourneyStep
from visitorcentre.ui.cost_of_visits.pounds_and_pence import format_pence
from visitorcentre.ui.cost_of_visits.receipts_strip import ReceiptsStrip
from visitorcentre.ui.runtime.tasks import DeskTasks
from visitorcentre.ui.shared import print_flow, status_signs
from visitorcentre.ui.shared.field_message import FieldMessage, form_buttons
from visitorcentre.ui.shared.flow_layout import FlowLayout
from visitorcentre.ui.shared.i18n import _, weekday_date
from visitorcentre.ui.shared.notice import NoticeBar
from visitorcentre.ui.shared.screen_fit import fit_to_screen, scroll_body

STEPS = (_("&1  Can they claim?"), _("&2  The journey"), _("&3  Receipts"), _("&4  Submit and print"))
CLOSED_STATUSES = {ApplicationStatus.APPROVED, ApplicationStatus.REJECTED, ApplicationStatus.PAID}


class CostApplicationDialog(QDialog):
    """One application; ``application_id`` opens a saved one, else one is started from the visit or visitor."""

    def __init__(
        self,
        desk,
        tasks: DeskTasks,
        parent: QWidget | None = None,
        visit_id: str | None = None,
        visitor_id: str | None = None,
        application_id: str | None = None,
        step: int | None = None,
    ):
        super().__init__(parent)
        self._start_step = step  # the step to show once the application has loaded
        self._told = False  # whether the notice has said what the central team asked for
        self.setObjectName("costApplication")
        self.setWindowTitle(_("Help with the cost of the visit"))
        fit_to_screen(self, 1560, 860)
        self.form: ApplicationForm | None = None
        self.view: ApplicationView | None = None
        self.quote: Quote | None = None
        self.work = ApplicationWork(desk, tasks, self)
        self._desk, self._tasks = desk, tasks
        self._showing = False
        heading = QLabel(_("Help with the cost of the visit"), self)
        heading.setProperty("role", "heading")
        heading.setWordWrap(True)
        self.who = QLabel(_("Loading…"), self)
        self.who.setProperty("role", "subtle")
        self.who.setWordWrap(True)
        self.answer_icon = QLabel(self)
        self.answer_chip = QLabel("", self)
        self.answer_chip.setObjectName("answerChip")
        self.answer_chip.setWordWrap(True)
        self.answer_chip.setAccessibleName(_("Can they claim, and the total"))
        self.step_buttons = QButtonGroup(self)
        step_row = FlowLayout(spacing=6, columns=True)  # two rows of steps on a small screen
        for number, text in enumerate(STEPS):
            button = QPushButton(text, self)
            button.setCheckable(True)
            button.setProperty("role", "step")
            button.setAccessibleName(text.replace("&", "").strip())
            self.step_buttons.addButton(button, number)
            step_row.addWidget(button)
        self.steps = QStackedWidget(self)
        self.eligibility = EligibilityStep(desk.ctx.clock.today(), self.steps)
        self.journey = JourneyStep(self.steps)
        self.receipts = ReceiptsStrip(self.steps)
        self.status = ClaimStatusStep(self.steps)
        for page in (self.eligibility, self.journey, self.receipts, self.status):
            self.steps.addWidget(page)
        self.form_message = FieldMessage(self, "form")
        self.notice = NoticeBar(self)
        self.close_button = QPushButton(_("Close"), self)
        self.close_button.setAccessibleName(_("Close the application (a saved draft stays saved)"))
        self.save_button = QPushButton(_("Save draft  (Ctrl+S)"), self)
        self.save_button.setObjectName("saveDraft")
        self.save_button.setAccessibleName(_("Save the application as a draft"))
        self.back_button = QPushButton(_("&Back"), self)
        self.back_button.setAccessibleName(_("Back to the previous step"))
        self.next_button = QPushButton(_("&Next"), self)
        self.next_button.setObjectName("nextStep")
        self.next_button.setProperty("role", "primary")
        self.next_button.setAccessibleName(_("On to the next step"))
        self._lay_out(heading, step_row)
        self._wire()
        self.go_to(0)
        self._set_enabled(False)
        self.work.start(application_id, visit_id, visitor_id)

    def _lay_out(self, heading: QLabel, step_row: FlowLayout) -> None:
        top = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(heading)
        titles.addWidget(self.who)
        top.addLayout(titles, 1)
        chip = self.answer_frame = QFrame(self)
        chip.setObjectName("answerChipFrame")
        chip_row = QHBoxLayout(chip)
        chip_row.setContentsMargins(12, 6, 12, 6)
        chip_row.addWidget(self.answer_icon)
        chip_row.addWidget(self.answer_chip)
        top.addWidget(chip)
        buttons = form_buttons(
            self.form_message, self.close_button, self.save_button, self.back_button, self.next_button
        )
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addLayout(top)
        layout.addLayout(step_row)
        layout.addWidget(self.steps, 1)
        layout.addWidget(self.notice)
        layout.addLayout(buttons)
        scroll_body(layout, keep_last=2, keep_first=2)  # the step scrolls; the steps and buttons stay

    def _wire(self) -> None:
        self.step_buttons.idClicked.connect(self.go_to)
        self.back_button.clicked.connect(lambda: self.go_to(self.steps.currentIndex() - 1))
        self.next_button.clicked.connect(lambda: self.go_to(self.steps.currentIndex() + 1))
        self.close_button.clicked.connect(self.reject)
        self.save_button.clicked.connect(lambda: self.save_draft())
        self.eligibility.changed.connect(self._changed)
        self.journey.changed.connect(self._changed)
        self.receipts.attach_requested.connect(self.attach)
        self.status.submit_button.clicked.connect(self.submit)
        self.status.print_button.clicked.connect(lambda: self.print_summary(save_only=False))
        self.status.save_pdf_button.clicked.connect(lambda: self.print_summary(save_only=True))
        self.status.letter_button.clicked.connect(self.print_letter)
        self.work.loaded.connect(self.show_application)
        self.work.failed.connect(self.show_problem)
        self.work.note.connect(lambda text: self.notice.say(text, status_signs.OK))
        self.work.refused_file.connect(self.receipts.refuse)
        self.work.summary_ready.connect(self._summary_ready)
        self.work.letter_ready.connect(self._letter_ready)
        self.work.busy_changed.connect(lambda _busy: self._update_buttons())
        self._tasks.changed.connect(self._records_changed)
        QShortcut(QKeySequence("Ctrl+S"), self, lambda: self.save_draft())
        QShortcut(QKeySequence("Ctrl+P"), self, lambda: self.print_summary(save_only=False))

    def _records_changed(self, changes: Changes) -> None:
        """A sync brought the central team's answer (or another desk's change): show it, unless work is typed."""
        if changes.touches(COST_OF_VISITS) and self.view is not None and not self.work.busy and not self.work.unsaved:
            self.work.reload()

    # --- steps ----------------------------------------------------------------------------------

    def go_to(self, step: int) -> None:
        step = max(0, min(step, self.steps.count() - 1))
        self.steps.setCurrentIndex(step)
        self.step_buttons.button(step).setChecked(True)
        self.back_button.setEnabled(step > 0)
        self.next_button.setEnabled(step < self.steps.count() - 1)
        page = self.steps.currentWidget()
        first = {
            0: self.eligibility.relationship,
            1: self.journey.expenses.kind,
            2: self.receipts.expense_choice,
            3: self.status.submit_button,
        }[step]
        if first.isEnabled():
            first.setFocus()
        else:
            page.setFocus()

    # --- showing --------------------------------------------------------------------------------

    def show_application(self, form: ApplicationForm, view: ApplicationView | None, claims: list[str]) -> None:
        """Show ``form`` (and its saved ``view``) on every step."""
        self._showing = True
        try:
            self.form, self.view = form, view
            answered = view is not None or form.claimant.benefit != Benefit.NONE
            self.eligibility.show_form(form, self._claim_lines(form, claims), answered)
            self.journey.show_form(form)
            self.receipts.set_expenses(form.expenses)
            self.receipts.show_attachments(view.attachments if view else (), form.expenses)
            self.journey.expenses.model.show_receipts(self.receipts.receipt_pictures())
            self.status.show_status(view)
        finally:
            self._showing = False
        who = _("{claimant} visiting {prisoner} on {day}").format(
            claimant=form.claimant_name or _("(claimant not chosen)"),
            prisoner=form.prisoner_name or "…",
            day=weekday_date(form.visit_date),
        )
        if view:
            who += "  ·  " + _("Reference {reference}").format(reference=view.reference)
        self.who.setText(who)
        status = view.status if view else None
        read_only = status not in SENDABLE  # a draft, or one put back to the family, may still change
        self.eligibility.setEnabled(not read_only)
        self.journey.set_read_only(read_only)
        self.receipts.set_read_only(status in CLOSED_STATUSES)
        self._set_enabled(True)
        self._requote()
        if self._start_step is not None:
            self.go_to(self._start_step)
            self._start_step = None
        if view is not None and status == ApplicationStatus.NEEDS_INFORMATION and view.decisions and not self._told:
            self._told = True  # once: later reloads keep what the notice says since
            asked = view.decisions[-1].note or _("more information")
            self.notice.say(
                _("The central team asked for: {what}. Attach it, then send the application back (step 4).").format(
                    what=asked
                ),
                status_signs.WARNING,
            )

    def _claim_lines(self, form: ApplicationForm, claims) -> list[str]:
        since = form.application_date - timedelta(days=365)
        own = form.application_id
        return [
            f"{b.visit_date:%d/%m/%Y} · {b.prisoner_name} · {status_words(b.status)} · {format_pence(b.total_pence)}"
            for b in claims
            if b.id != own and b.visit_date >= since
        ]

    def _changed(self) -> None:
        if self._showing or self.form is None:
            return
        self.form_message.clear()
        try:
            form = self.journey.apply(self.eligibility.apply(self.form))
        except InvalidInput as error:
            self.show_problem(error)
            return
        self.form = form
        self.work.edited()
        self.receipts.set_expenses(form.expenses)
        self._requote()

    def _requote(self) -> None:
        try:
            quote = quote_now(self.form, self.work.rates)
        except InvalidInput as error:
            self.show_problem(error)
            return
        self.quote = quote
        self.eligibility.show_quote(quote)
        self.journey.show_quote(quote, self.form.visit_confirmation)
        self.receipts.show_needed(quote.evidence_required, quote.evidence_due)
        if not self.eligibility.answered():
            sign, answer = status_signs.NOTE, _("Not answered yet")
        elif quote.eligible:
            sign, answer = status_signs.OK, _("They can claim")
        else:
            sign, answer = status_signs.STOP, _("They can't claim")
        self.answer_icon.setPixmap(status_signs.icon(sign.icon).pixmap(28, 28))
        self.answer_frame.setProperty("kind", sign.icon)
        self.answer_frame.style().unpolish(self.answer_frame)
        self.answer_frame.style().polish(self.answer_frame)
        self.answer_chip.setText(
            _("{word}: {answer}  ·  Total {total}").format(
                word=_(sign.word), answer=answer, total=format_pence(quote.total_pence)
            )
        )
        self._update_buttons()

    def _set_enabled(self, enabled: bool) -> None:
        for widget in (self.steps, self.save_button):
            widget.setEnabled(enabled)

    def _update_buttons(self) -> None:
        status = self.view.status if self.view else None
        busy = self.work.busy
        self.save_button.setEnabled(not busy and self.form is not None and status in SENDABLE)
        decided = bool(self.view and self.view.decisions)
        self.status.update_buttons(status, bool(self.quote and self.quote.eligible), busy, decided)

    def show_problem(self, error: VisitorCentreError) -> None:
        """Next to its field when it has one on a step, else on the form's message line."""
        for number, step in enumerate((self.eligibility, self.journey)):
            if isinstance(error, InvalidInput) and step.show_problem(error):
                if self.steps.currentIndex() != number and not step.isAncestorOf(self.focusWidget()):
                    self.form_message.say(error.message)
                return
        if self.steps.currentWidget() is self.status:
            self.status.message.say(error.message)
        else:
            self.form_message.say(error.message)
        self._update_buttons()

    # --- saving, attaching, submitting, printing --------------------------------------------------

    def save_draft(self, then=None) -> None:
        if self.form is not None and self.save_button.isEnabled():
            self.work.save(self.form, then)

    def attach(self, path: str, kind: str, expense_index: int) -> None:
        if self.form is not None:
            self.notice.hide()
            self.work.attach(self.form, path, kind, None if expense_index < 0 else expense_index)

    def submit(self) -> None:
        """Ask first; then save what is typed and submit, once."""
        from visitorcentre.ui.shared import reason_dialog

        if self.form is None or self.quote is None or not self.status.submit_button.isEnabled():
            return
        if self.view is not None and self.view.status == ApplicationStatus.NEEDS_INFORMATION:
            question = _(
                "Send this application for {total} back to the central team, with what they asked for? "
                "It cannot be changed at the desk afterwards."
            )
        else:
            question = _(
                "Send this application for {total} to the central team? It cannot be changed at the desk afterwards."
            )
        if not reason_dialog.confirm(
            self, _("Submit the application"), question.format(total=format_pence(self.quote.total_pence)), _("Submit")
        ):
            return
        self.status.submit_button.setEnabled(False)
        self.work.submit(self.form)

    def print_summary(self, save_only: bool) -> None:
        if self.view is not None and self.status.print_button.isEnabled():
            self.work.fetch_summary(save_only)

    def print_letter(self) -> None:
        if self.view is not None and self.status.letter_button.isEnabled():
            self.work.fetch_letter()

    def _letter_ready(self, pdf: bytes) -> None:
        """The decision letter goes through the one printing flow (A4), like the summary."""
        name = _("travel-costs-letter-{reference}").format(reference=self.view.reference if self.view else "")
        title = _("The family's letter")
        print_flow.print_a4(self, self._tasks, self._desk, title, f"{name}.pdf", lambda: pdf, self.notice.say)

    def _summary_ready(self, pdf: bytes, save_only: bool) -> None:
        """The summary, made on the records lane, goes through the one printing flow (A4)."""
        name = _("travel-costs-{reference}").format(reference=self.view.reference if self.view else "summary")
        document = print_flow.Document(_("The family's summary"), f"{name}.pdf", print_flow.A4, lambda: pdf)

        def done(choice) -> None:
            if choice.how == "save":
                self.notice.say(_("The summary is saved as a PDF: {path}").format(path=choice.path), status_signs.OK)
            else:
                self.notice.say(_("The summary has gone to the printer."), status_signs.OK)

        def failed(message: str) -> None:
            self.notice.say(message, status_signs.WARNING)

        if save_only:
            print_flow.save_document(self, self._tasks, document, done, failed)
        else:
            print_flow.print_document(self, self._tasks, self._desk, document, done, failed)


def open_cost_application(desk, tasks: DeskTasks, parent: QWidget, **start) -> CostApplicationDialog:
    """Open the application (window-modal, without blocking the desk); ``parent.cost_application`` holds it.

    ``start`` is ``visit_id``, ``visitor_id`` or ``application_id`` (and ``step``), as for the dialog.
    """
    dialog = CostApplicationDialog(desk, tasks, parent, **start)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    parent.cost_application = dialog
    dialog.finished.connect(lambda _result: setattr(parent, "cost_application", None))
    dialog.open()
    return dialog
