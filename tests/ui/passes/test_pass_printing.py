"""Printing the visit pass at the desk: preview, printer remembered per layout, reprint with a reason, void."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from tests.ui.helpers import settle
from tests.ui.printing_helpers import page_count, pass_calls, printing  # noqa: F401 (fixtures)
from visitorcentre.ui.check_in import day_list


def checked_in_visit(qtbot, window, world) -> str:
    """A family checked in for today's session, open in the visit panel."""
    reference = world.desk.visits.book_visit(world.session_today, world.prisoner, [world.mum, world.child])
    visit_id = world.desk.visits.visit_for_scan(reference)
    world.desk.visits.check_in(visit_id)
    window.open_visit(visit_id)
    qtbot.waitUntil(lambda: window.visit_panel.detail is not None and window.visit_panel.pass_label.isVisible())
    settle(qtbot, window)
    return visit_id


def press(qtbot, window, key, modifier=Qt.KeyboardModifier.ControlModifier) -> None:
    qtbot.keyClick(window, key, modifier)


def test_print_pass_after_check_in_previews_prints_and_remembers_the_printer(
    qtbot, window, world, printing, pass_calls
):
    panel = window.visit_panel
    visit_id = checked_in_visit(qtbot, window, world)
    assert panel.print_pass_button.isEnabled()
    assert not panel.void_pass_button.isEnabled()
    assert "Not printed yet" in panel.pass_label.text()

    printing.printer = "Desk card printer"
    press(qtbot, window, Qt.Key.Key_P)
    qtbot.waitUntil(lambda: "is printed on Desk card printer" in window.notice.text())
    settle(qtbot, window)

    preview = printing.previews[0]
    assert preview.page_count() == 1
    assert preview.switch_button.text() == "Use the receipt roll instead"
    pages = preview.printout.pages
    assert len(pages) == 1 and pages[0].height() > 1000  # rendered at print resolution
    ((printer, path),) = printing.printed
    assert printer == "Desk card printer" and page_count(path) == 1
    assert pass_calls == [{"visit_id": visit_id, "layout": "a6", "reprint_reason": ""}]
    assert world.desk.settings.printer_for("a6") == "Desk card printer"
    assert world.desk.passes.pass_status(visit_id).times_printed == 1
    assert "Printed once" in panel.pass_label.text()
    assert panel.void_pass_button.isEnabled()

    # Next time the card printer is chosen already.
    printing.printer = ""
    window.passes.print_pass(reason="The family lost the pass")
    qtbot.waitUntil(lambda: len(printing.previews) == 2)
    settle(qtbot, window)
    assert printing.previews[1].printer_box.currentText() == "Desk card printer"


def test_a_reprint_says_how_often_it_was_printed_and_asks_why(qtbot, window, world, printing, pass_calls, answers):
    visit_id = checked_in_visit(qtbot, window, world)
    world.desk.passes.issue_pass(visit_id)
    world.desk.passes.issue_pass(visit_id, reprint_reason="Faint print")
    window.visit_panel.reload()
    settle(qtbot, window)
    pass_calls.clear()

    answers.reason = None  # the worker goes back: nothing printed
    press(qtbot, window, Qt.Key.Key_P)
    qtbot.waitUntil(lambda: len(answers.asked) == 1)
    settle(qtbot, window)
    assert "This pass has already been printed twice" in answers.asked[0]["explanation"]
    assert pass_calls == [] and printing.printed == []

    answers.reason = "The family lost the pass or left it at home"
    press(qtbot, window, Qt.Key.Key_P)
    qtbot.waitUntil(lambda: len(printing.printed) == 1)
    settle(qtbot, window)
    assert pass_calls == [
        {"visit_id": visit_id, "layout": "a6", "reprint_reason": "The family lost the pass or left it at home"}
    ]
    assert world.desk.passes.pass_status(visit_id).times_printed == 3
    assert "Printed 3 times" in window.visit_panel.pass_label.text()


def test_the_receipt_roll_instead_of_the_card(qtbot, window, world, printing, pass_calls):
    visit_id = checked_in_visit(qtbot, window, world)
    printing.answer = ["switch", "print"]
    printing.printer = "Receipt printer"
    press(qtbot, window, Qt.Key.Key_P)
    qtbot.waitUntil(lambda: "is printed on Receipt printer" in window.notice.text())
    settle(qtbot, window)
    assert "receipt roll" in printing.previews[1].printout.title
    assert pass_calls == [{"visit_id": visit_id, "layout": "receipt", "reprint_reason": ""}]  # previews record nothing
    assert world.desk.passes.pass_status(visit_id).times_printed == 1
    assert world.desk.settings.printer_for("receipt") == "Receipt printer"
    assert world.desk.settings.printer_for("a6") == ""


def test_going_back_from_the_preview_prints_and_records_nothing(qtbot, window, world, printing, pass_calls):
    visit_id = checked_in_visit(qtbot, window, world)
    printing.answer = None
    press(qtbot, window, Qt.Key.Key_P)
    qtbot.waitUntil(lambda: len(printing.previews) == 1)
    settle(qtbot, window)
    assert pass_calls == [] and printing.printed == []
    assert world.desk.passes.pass_status(visit_id).times_printed == 0


def test_no_printer_on_the_desk_saves_the_pass_as_a_pdf(qtbot, window, world, printing, tmp_path):
    checked_in_visit(qtbot, window, world)
    printing.printers = []
    printing.answer = "save"
    printing.save_as = str(tmp_path / "pass")
    press(qtbot, window, Qt.Key.Key_P)
    qtbot.waitUntil(lambda: "is saved as" in window.notice.text())
    preview = printing.previews[0]
    assert not preview.no_printer.isHidden() and "No printer is set up on this desk" in preview.no_printer.text()
    assert preview.print_button.isHidden()
    saved = tmp_path / "pass.pdf"
    assert saved.read_bytes().startswith(b"%PDF") and page_count(saved) == 1
    assert printing.printed == []
    # What to do with the file, in plain words (not "give it to the family on their phone").
    assert "give it to the family on their phone" not in window.notice.text()
    assert "send the file to the family so they can show the pass on their phone" in window.notice.text()


def test_print_pass_waits_for_check_in(qtbot, window, world, printing, pass_calls):
    reference = world.desk.visits.book_visit(world.session_today, world.prisoner, [world.mum])
    window.open_visit(world.desk.visits.visit_for_scan(reference))
    qtbot.waitUntil(lambda: window.visit_panel.detail is not None)
    settle(qtbot, window)
    assert not window.visit_panel.print_pass_button.isEnabled()
    press(qtbot, window, Qt.Key.Key_P)
    settle(qtbot, window)
    assert pass_calls == [] and printing.previews == []


def test_void_pass_asks_for_a_reason(qtbot, window, world, printing, answers):
    visit_id = checked_in_visit(qtbot, window, world)
    world.desk.passes.issue_pass(visit_id)
    window.visit_panel.reload()
    qtbot.waitUntil(lambda: window.visit_panel.void_pass_button.isEnabled())

    answers.reason = None
    qtbot.mouseClick(window.visit_panel.void_pass_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    assert not world.desk.passes.pass_status(visit_id).voided

    answers.reason = "Printed for the wrong visit"
    qtbot.mouseClick(window.visit_panel.void_pass_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: world.desk.passes.pass_status(visit_id).voided)
    settle(qtbot, window)
    assert answers.asked[-1]["title"].startswith("Void the pass for visit")
    assert world.desk.passes.pass_status(visit_id).voided_reason == "Printed for the wrong visit"
    assert "is void: Printed for the wrong visit" in window.notice.text()
    assert "Void: Printed for the wrong visit" in window.visit_panel.pass_label.text()
    assert not window.visit_panel.void_pass_button.isEnabled()


def test_day_list_for_a_chosen_day_is_previewed_and_printed(qtbot, window, world, printing, monkeypatch):
    world.desk.visits.book_visit(world.session_today, world.prisoner, [world.mum, world.child])
    asked = []
    monkeypatch.setattr(day_list, "ask_day", lambda parent, today: asked.append(today) or today)
    printing.printer = "Desk card printer"
    press(qtbot, window, Qt.Key.Key_L)
    qtbot.waitUntil(lambda: "The day list for today is printed on Desk card printer" in window.notice.text())
    settle(qtbot, window)
    assert asked == [world.clock.today()]
    preview = printing.previews[0]
    assert preview.printout.title == "Day list for today"
    ((printer, path),) = printing.printed
    assert page_count(path) == len(preview.printout.pages) == preview.page_count() >= 1
    assert world.desk.settings.printer_for(day_list.DAY_LIST) == "Desk card printer"


def test_the_day_dialog_defaults_to_today(qtbot, world):
    dialog = day_list.DayListDialog(None, world.clock.today())
    qtbot.addWidget(dialog)
    assert dialog.day() == world.clock.today()
    tomorrow = next(b for b in dialog.findChildren(QPushButton) if b.text() == "Tomorrow")
    qtbot.mouseClick(tomorrow, Qt.MouseButton.LeftButton)
    assert dialog.day() == world.clock.today() + timedelta(days=1)
