"""Help with travel costs, as a tired worker meets it: no verdict before the questions, a total that stays legible."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.cost_of_visits.test_cost_application import open_from_visit, type_into
from visitorcentre.ui.cost_of_visits.expenses_model import ExpensesModel


def test_a_new_application_does_not_open_on_a_red_cannot_claim(qtbot, window, world):
    dialog = window.open_travel_costs(visitor_id=world.banned)  # a friend: they will not be able to claim
    qtbot.waitUntil(lambda: dialog.form is not None and not dialog.work.busy)
    step1 = dialog.eligibility
    assert step1.answer.text().startswith("Note: Not answered yet")
    assert "which benefit" in step1.answer.text()
    assert dialog.answer_chip.text().startswith("Note: Not answered yet")
    assert step1.benefit.currentIndex() == -1  # nothing chosen for them
    assert not dialog.status.submit_button.isEnabled()
    step1.benefit.setFocus()
    qtbot.keyClicks(step1.benefit, "None")  # typed into the choice box, as a worker does
    assert step1.benefit.currentData() == "none"
    assert step1.answer.text().startswith("Stop: They can't claim")
    assert dialog.answer_chip.text().startswith("Stop:")


def test_a_visit_later_today_is_not_called_a_past_visit(qtbot, window, world):
    dialog = open_from_visit(qtbot, window, world, [world.mum])  # today's 14:00 session, at 13:00
    label = dialog.eligibility.timing_label.text()
    assert "past" not in label.lower()
    assert label.startswith("A visit today")


def test_with_no_expenses_yet_it_does_not_say_every_receipt_is_here(qtbot, window, world):
    dialog = open_from_visit(qtbot, window, world, [world.mum])
    qtbot.keyClicks(dialog.eligibility.benefit, "Income")
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    evidence = dialog.journey.evidence.text()
    assert "every receipt is here" not in evidence and "No expenses yet" in evidence
    row = dialog.journey.expenses.add("car")
    type_into(qtbot, dialog, row, ExpensesModel.COL_AMOUNT, "42")  # mileage needs no receipt
    assert "every receipt is here" in dialog.journey.evidence.text()


def test_the_running_total_never_runs_into_itself_on_a_small_screen(qtbot, window, world):
    dialog = open_from_visit(qtbot, window, world, [world.mum, world.child])
    qtbot.keyClicks(dialog.eligibility.benefit, "Income")
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    for kind in ("bus", "train", "taxi"):
        row = dialog.journey.expenses.add(kind)
        type_into(qtbot, dialog, row, ExpensesModel.COL_COST, "4.20")
    dialog.journey.hours.setFocus()
    qtbot.keyClicks(dialog.journey.hours, "6.5")
    journey = dialog.journey
    journey.setParent(None)  # the step alone in a space smaller than it would like
    qtbot.addWidget(journey)
    journey.resize(1240, 480)
    journey.show()
    qtbot.waitExposed(journey)
    qtbot.wait(50)
    lines = [journey.total_label, journey.breakdown, journey.evidence]
    assert "Still needed" in journey.evidence.text() and "refreshments" in journey.breakdown.text()
    for line in lines:
        assert line.height() >= line.heightForWidth(line.width()), line.text()
    for upper, lower in zip(lines, lines[1:], strict=False):
        assert upper.geometry().bottom() < lower.geometry().top(), (upper.text(), lower.text())
