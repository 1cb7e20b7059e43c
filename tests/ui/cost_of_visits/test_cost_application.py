"""Help with travel costs at the desk: from a visit to a printed summary, driven as a worker would.

Amounts are checked against the scheme's rules (reference file), not against the code: 42 miles
one way, return, at 30p a mile in Scotland is 84 miles = £25.20; a bus fare is paid as typed;
refreshments for more than 5 hours away are £4.50 a person (the claimant and the prisoner's child).
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QAbstractItemView, QLineEdit

from tests.ui.helpers import settle
from tests.ui.printing_helpers import pass_calls, printing  # noqa: F401 (fixtures)
from visitorcentre.core.errors import InvalidInput, VisitorCentreError
from visitorcentre.ui.cost_of_visits import receipts_strip
from visitorcentre.ui.cost_of_visits.expenses_model import ExpensesModel
from visitorcentre.ui.cost_of_visits.pounds_and_pence import format_pence, parse_pounds


def open_from_visit(qtbot, window, world, visitors):
    """Book today's visit for ``visitors``, open it, and press the visit panel's travel-costs button."""
    reference = world.desk.visits.book_visit(world.session_today, world.prisoner, visitors)
    window.open_visit(world.desk.visits.visit_for_scan(reference))
    # The visit opens on the records lane, behind whatever the window started with (a loaded CI
    # machine once took more than pytest-qt's default 5 s).
    qtbot.waitUntil(lambda: window.visit_panel.travel_costs_button.isEnabled(), timeout=30_000)
    qtbot.mouseClick(window.visit_panel.travel_costs_button, Qt.MouseButton.LeftButton)
    dialog = window.cost_application
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.form is not None and not dialog.work.busy)
    return dialog


def type_into(qtbot, dialog, row: int, column: int, text: str) -> None:
    """Open the cell's editor and type ``text`` as a worker would, then Enter."""
    view = dialog.journey.expenses.view
    index = view.model().index(row, column)
    if view.currentIndex() != index:
        view.setCurrentIndex(index)  # every edit trigger is on: a new current cell opens its box
    if view.state() != QAbstractItemView.State.EditingState:
        view.edit(index)
    editor = next(w for w in view.viewport().findChildren(QLineEdit) if w.isVisible())
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState)  # Qt commits a moment later


def cell(dialog, row: int, column: int) -> str:
    return dialog.journey.expenses.model.index(row, column).data()


def tiny_png(path) -> str:
    image = QImage(24, 16, QImage.Format.Format_RGB32)
    image.fill(QColor("#d08000"))
    assert image.save(str(path))
    return str(path)


@pytest.mark.parametrize(
    "typed, pence",
    [
        ("12.5", 1250),
        ("£4.20", 420),
        ("4,20", 420),
        ("3", 300),
        (" £1,250 ".replace(",", ""), 125000),
        ("0.05", 5),
        ("45p", 45),
    ],
)
def test_pounds_and_pence_are_whole_pence(typed, pence):
    assert parse_pounds(typed) == pence
    assert isinstance(parse_pounds(typed), int)


@pytest.mark.parametrize("typed", ["4.2.0", "four pounds", "-3", "1.234", "", "£"])
def test_an_amount_the_desk_cannot_read_is_refused_with_what_to_type(typed):
    with pytest.raises(InvalidInput) as refused:
        parse_pounds(typed, "cost_pence")
    assert refused.value.field == "cost_pence" and "for example 4.20" in refused.value.message
    assert format_pence(2520) == "£25.20"


def test_a_whole_application_from_a_visit_to_a_printed_summary(
    qtbot, window, world, answers, tmp_path, monkeypatch, printing
):
    dialog = open_from_visit(qtbot, window, world, [world.mum, world.child])
    step1 = dialog.eligibility
    assert "Siobhán MacDonald" in step1.claimant_label.text()
    assert "of 26 allowed" in step1.claims_label.text()  # counted from the desk's records, shown
    # Eligibility first: on Income Support, the partner of the prisoner can claim — said at once, in words.
    step1.benefit.setCurrentIndex(step1.benefit.findData("income_support"))
    assert "You can claim because" in step1.answer.text()
    assert step1.answer.text().startswith("OK:")  # a sign and a word, never colour alone
    # The journey: typed into the table, the total follows every keystroke's Enter.
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    assert dialog.steps.currentWidget() is dialog.journey
    expenses = dialog.journey.expenses
    expenses.kind.setCurrentIndex(expenses.kind.findData("car"))
    qtbot.mouseClick(expenses.add_button, Qt.MouseButton.LeftButton)
    type_into(qtbot, dialog, 0, ExpensesModel.COL_AMOUNT, "42")
    assert cell(dialog, 0, ExpensesModel.COL_PAYS) == "£25.20"  # 84 miles (return) at 30p
    assert cell(dialog, 0, ExpensesModel.COL_RECEIPT) == "Not needed"
    row = expenses.add("bus")
    type_into(qtbot, dialog, row, ExpensesModel.COL_COST, "4.2.0")
    assert "not an amount of money" in expenses.message.text()  # next to the table, the row unchanged
    type_into(qtbot, dialog, row, ExpensesModel.COL_COST, "£4.20")
    assert not expenses.message.text()
    assert cell(dialog, row, ExpensesModel.COL_PAYS) == "£4.20"
    assert cell(dialog, row, ExpensesModel.COL_RECEIPT) == "Still needed"
    assert dialog.journey.total_label.text() == "Total to be paid: £29.40"
    dialog.journey.hours.setValue(6.5)  # more than 5 hours: refreshments for Siobhán and Zoë at £4.50
    assert dialog.journey.total_label.text() == "Total to be paid: £38.40"
    assert "bus receipt" in dialog.journey.evidence.text()
    assert "Total £38.40" in dialog.answer_chip.text()
    # Receipts: a good photo is attached and shown; a text file named .png is refused, with the reason.
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    strip = dialog.receipts
    strip.expense_choice.setCurrentIndex(strip.expense_choice.findData(1))
    monkeypatch.setattr(receipts_strip, "choose_file", lambda *_a: tiny_png(tmp_path / "bus-ticket.png"))
    qtbot.mouseClick(strip.receipt_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(strip.thumbnails()) == 1 and not dialog.work.busy)
    assert strip.thumbnails()[0].pixmap() is not None and not strip.thumbnails()[0].pixmap().isNull()
    assert strip.captions() == ["Receipt: Bus: bus-ticket.png"]
    assert dialog.view is not None and dialog.view.status == "draft"  # saved as a draft to hold the file
    assert "bus receipt" not in dialog.journey.evidence.text()
    fake = tmp_path / "receipt.png"
    fake.write_text("not a picture at all")
    monkeypatch.setattr(receipts_strip, "choose_file", lambda *_a: str(fake))
    qtbot.mouseClick(strip.receipt_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(strip.message.text()))
    assert strip.message.text().startswith("Stop:") and len(strip.message.text()) > len("Stop: ")
    assert len(strip.thumbnails()) == 1
    # Save the draft, then submit: asked first, and once only.
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    application_id = dialog.view.id
    assert world.desk.costs.application(application_id).quote.total_pence == 3840
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    status = dialog.status
    assert "bank details" in status.payment_text.text() and "central team" in status.payment_text.text()
    qtbot.mouseClick(status.submit_button, Qt.MouseButton.LeftButton)
    assert answers.asked[-1]["title"] == "Submit the application"
    assert not status.submit_button.isEnabled()  # at once: a second press cannot send it twice
    qtbot.waitUntil(lambda: dialog.view.status == "submitted" and not dialog.work.busy)
    assert status.status_label.text() == "OK: Submitted"
    history = status.history.text()  # in plain words: who started it and who sent it
    assert "Started at the desk by Test Worker" in history and "Sent to the central team by Test Worker" in history
    assert not status.submit_button.isEnabled() and not dialog.save_button.isEnabled()
    asked = len(answers.asked)
    qtbot.mouseClick(status.submit_button, Qt.MouseButton.LeftButton)
    dialog.submit()
    assert len(answers.asked) == asked and not dialog.work.busy
    # Had it slipped through, the desk itself refuses, and the dialog says so next to Submit.
    dialog.work.submit(dialog.form)
    qtbot.waitUntil(lambda: bool(status.message.text()) and not dialog.work.busy)
    assert dialog.view.status == "submitted"
    with pytest.raises(VisitorCentreError):
        world.desk.costs.submit(application_id)
    # Print the family's summary through the desk's printing flow (the preview patched to print at once).
    qtbot.mouseClick(status.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "gone to the printer" in dialog.notice.text() and not dialog.work.busy)
    ((_printer, printed),) = printing.printed
    assert printed.read_bytes().startswith(b"%PDF")
    assert "gone to the printer" in dialog.notice.text()


def test_without_a_printer_the_summary_is_saved_as_a_pdf(qtbot, window, world, tmp_path, monkeypatch, printing):
    dialog = open_from_visit(qtbot, window, world, [world.gran])
    dialog.eligibility.benefit.setCurrentIndex(dialog.eligibility.benefit.findData("pension_credit"))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.view is not None and not dialog.work.busy)
    target = tmp_path / "summary"
    printing.printers = []  # no printer on this desk: the preview offers "Save as PDF"
    printing.answer = "save"
    printing.save_as = str(target)
    dialog.go_to(3)
    qtbot.mouseClick(dialog.status.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: (tmp_path / "summary.pdf").exists() and not dialog.work.busy)
    settle(qtbot, window)  # the PDF is saved on the runner's records lane; its notice follows
    saved = (tmp_path / "summary.pdf").read_bytes()
    assert saved.startswith(b"%PDF")  # the desk's own PDF, saved as made (it differs only in its id and date)
    assert abs(len(saved) - len(world.desk.costs.summary_pdf(dialog.view.id))) < 200
    assert "saved as a PDF" in dialog.notice.text()


def test_a_family_who_cannot_claim_is_told_why_and_what_they_can_do(qtbot, window, world):
    window.search.box.setText("Craig Wilson")
    dialog = window.open_travel_costs(visitor_id=world.banned)  # a friend of the prisoner
    qtbot.waitUntil(lambda: dialog.form is not None and not dialog.work.busy)
    qtbot.keyClicks(dialog.eligibility.benefit, "None")  # no benefit: the answer follows it
    answer = dialog.eligibility.answer.text()
    assert answer.startswith("Stop: They can't claim")
    assert "You can't claim because" in answer and ", but " in answer
    assert dialog.answer_chip.text().startswith("Stop:")
    assert not dialog.status.submit_button.isEnabled()


def test_ctrl_t_without_a_visit_or_visitor_says_what_to_do(qtbot, window):
    assert window.open_travel_costs() is None
    assert "Ctrl+T" in window.notice.text()
