"""The desk's print-all (Ctrl+Shift+D): a day's passes in one run, virtual visits left out and counted."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.helpers import settle
from tests.ui.printing_helpers import page_count, pass_calls, printing  # noqa: F401 (fixtures)
from tests.unit.passes.test_day_passes import virtual_session
from visitorcentre.ui.check_in import day_list


def press_print_all(qtbot, window) -> None:
    qtbot.keyClick(window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)


def test_a_day_with_a_virtual_visit_prints_the_rest_and_says_how_many_were_left_out(
    qtbot, window, world, printing, monkeypatch, answers
):
    world.desk.visits.book_visit(world.session_today, world.prisoner, [world.mum, world.child])
    world.desk.visits.book_visit(virtual_session(world), world.prisoner, [world.gran])
    monkeypatch.setattr(day_list, "ask_day", lambda parent, today: today)
    printing.printer = "Desk card printer"
    press_print_all(qtbot, window)
    qtbot.waitUntil(lambda: "printed on Desk card printer" in window.notice.text())
    settle(qtbot, window)
    notice = window.notice.text()
    assert "1 pass for today printed on Desk card printer." in notice
    assert "1 virtual visit is left out: the family joins by video, with no pass." in notice
    ((_printer, path),) = printing.printed
    assert page_count(path) == 1
    assert printing.previews[0].printout.title == "Passes for today"
    # Again: those passes were printed before, so the reason is asked first and kept.
    answers.reason = "The printer jammed"
    press_print_all(qtbot, window)
    qtbot.waitUntil(lambda: len(printing.printed) == 2)
    settle(qtbot, window)
    assert answers.asked[-1]["title"] == "Print the passes for today again?"


def test_a_day_with_only_virtual_visits_says_so_instead_of_failing(qtbot, window, world, printing, monkeypatch):
    world.desk.visits.book_visit(virtual_session(world), world.prisoner, [world.gran])
    monkeypatch.setattr(day_list, "ask_day", lambda parent, today: today)
    press_print_all(qtbot, window)
    qtbot.waitUntil(lambda: "need a pass" in window.notice.text())
    assert "1 virtual visit: they join by video, with no pass" in window.notice.text()
    assert printing.printed == []
