"""A worker at the desk: find the family, open their visit, check them in, refuse one person."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.helpers import ban, settle
from visitorcentre.core.kinds import PersonOutcome, VisitStatus
from visitorcentre.ui.check_in.party_model import PartyModel


def outcomes(world, visit_id):
    return {m.visitor_id: m.outcome for m in world.desk.visits.visit(visit_id).party}


def open_by_search(qtbot, window, text: str, row_name: str):
    """Type ``text`` in the search box, move to the row for ``row_name`` and press Enter."""
    search = window.search
    qtbot.keyClicks(search.box, text)
    qtbot.waitUntil(lambda: any(h.name == row_name for h in search.model.hits()))
    row = next(i for i, h in enumerate(search.model.hits()) if h.name == row_name)
    qtbot.keyClick(search.box, Qt.Key.Key_Down)
    search.view.selectRow(row)
    qtbot.keyClick(search.view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.visit_panel.detail is not None)
    settle(qtbot, window)
    return window.visit_panel.detail


def test_search_select_check_in_and_refuse_one_person(qtbot, window, world, answers):
    reference = world.desk.visits.book_visit(world.session_today, world.prisoner, [world.mum, world.gran, world.child])
    ban(world, world.gran)
    detail = open_by_search(qtbot, window, "macdonald", "Siobhán MacDonald")

    panel = window.visit_panel
    assert detail.reference == reference
    assert reference in panel.heading.text()
    assert [m.name for m in panel.party_model.members()] == ["Siobhán MacDonald", "Margaret McDonald", "Zoë MacDonald"]
    assert any("Margaret McDonald is banned" in text for text in panel.results.texts())
    assert panel.check_in_button.isEnabled()

    # Check in: the ban stops Margaret, and the panel says so and selects her.
    qtbot.mouseClick(panel.check_in_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Not everyone can go in" in window.notice.text())
    assert "Stop" in window.notice.text()
    assert panel.selected_member().visitor_id == world.gran
    assert world.desk.visits.visit(detail.id).status == VisitStatus.BOOKED

    # Refuse her with a reason (the dialog offers the ban's words first) ...
    answers.reason = "Banned: assault on staff"
    qtbot.keyClick(window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: outcomes(world, detail.id)[world.gran] == PersonOutcome.REFUSED)
    assert "Margaret McDonald is banned" in answers.asked[-1]["prefill"]
    settle(qtbot, window)
    assert "Margaret McDonald has been refused" in window.notice.text()

    # ... and the rest of the family goes in.
    qtbot.mouseClick(panel.check_in_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: world.desk.visits.visit(detail.id).status == VisitStatus.CHECKED_IN)
    settle(qtbot, window)
    assert outcomes(world, detail.id) == {world.mum: "checked_in", world.gran: "refused", world.child: "checked_in"}
    assert panel.detail.status == VisitStatus.CHECKED_IN
    assert "Checked in: Siobhán MacDonald, Zoë MacDonald" in window.notice.text()
    assert not panel.check_in_button.isEnabled()
    assert panel.check_out_button.isEnabled()
    assert window.board.model.session_at(0).arrived == 1


def test_refuse_one_person_while_the_rest_go_in(qtbot, window, world, answers):
    reference = world.desk.visits.book_visit(world.session_today, world.prisoner, [world.mum, world.teen])
    window.search.take_scan(reference)
    qtbot.waitUntil(lambda: window.visit_panel.detail is not None)
    settle(qtbot, window)
    panel = window.visit_panel
    panel.party_view.selectRow(1)
    answers.reason = "No photo ID"
    qtbot.mouseClick(panel.refuse_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: outcomes(world, panel.detail.id)[world.teen] == PersonOutcome.REFUSED)
    settle(qtbot, window)
    assert panel.party_model.index(1, PartyModel.COL_CHECKS).data() == "Stop"
    assert "No photo ID" in panel.party_model.checks_text(panel.party_model.member_at(1))
    qtbot.keyClick(window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: world.desk.visits.visit(panel.detail.id).status == VisitStatus.CHECKED_IN)
    assert outcomes(world, panel.detail.id) == {world.mum: "checked_in", world.teen: "refused"}


def test_only_those_ticked_as_here_check_in(qtbot, window, world):
    reference = world.desk.visits.book_visit(world.session_today, world.prisoner, [world.mum, world.gran])
    window.search.take_scan(reference)
    qtbot.waitUntil(lambda: window.visit_panel.detail is not None)
    settle(qtbot, window)
    panel = window.visit_panel
    panel.party_model.set_present(world.gran, False)
    assert panel.present() == [world.mum]
    qtbot.mouseClick(panel.check_in_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: world.desk.visits.visit(panel.detail.id).status == VisitStatus.CHECKED_IN)
    assert outcomes(world, panel.detail.id) == {world.mum: "checked_in", world.gran: "no_show"}


def test_arriving_after_the_cut_off_asks_for_a_reason(qtbot, window, world, answers):
    reference = world.desk.visits.book_visit(world.session_today, world.prisoner, [world.mum, world.child])
    world.clock.moment = world.clock.moment.replace(hour=13, minute=52)
    window.search.take_scan(reference)
    qtbot.waitUntil(lambda: window.visit_panel.detail is not None)
    settle(qtbot, window)
    panel = window.visit_panel
    assert any("after the 13:45 cut-off" in text for text in panel.results.texts())
    answers.reason = "The bus was late"
    qtbot.mouseClick(panel.check_in_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: world.desk.visits.visit(panel.detail.id).status == VisitStatus.CHECKED_IN)
    settle(qtbot, window)
    asked = answers.asked[-1]
    assert asked["title"] == "Arrived after the cut-off"
    assert "13:52" in asked["explanation"] and "13:45" in asked["explanation"]
    assert panel.detail.late_reason == "The bus was late"
    assert "The bus was late" in panel.notes_label.text()


def test_going_back_from_the_late_reason_checks_nobody_in(qtbot, window, world, answers):
    reference = world.desk.visits.book_visit(world.session_today, world.prisoner, [world.mum])
    world.clock.moment = world.clock.moment.replace(hour=14, minute=5)
    window.search.take_scan(reference)
    qtbot.waitUntil(lambda: window.visit_panel.detail is not None)
    settle(qtbot, window)
    answers.reason = None
    qtbot.mouseClick(window.visit_panel.check_in_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Not checked in yet" in window.notice.text())
    assert world.desk.visits.visit(window.visit_panel.detail.id).status == VisitStatus.BOOKED


def test_the_day_goes_on_hall_check_out(qtbot, window, world):
    reference = world.desk.visits.book_visit(world.session_today, world.prisoner, [world.mum])
    visit_id = world.desk.visits.visit_for_scan(reference)
    world.desk.visits.check_in(visit_id)
    window.open_visit(visit_id)
    qtbot.waitUntil(lambda: window.visit_panel.detail is not None)
    settle(qtbot, window)
    panel = window.visit_panel
    assert not panel.cancel_button.isEnabled() and not panel.no_show_button.isEnabled()
    qtbot.mouseClick(panel.hall_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.detail.status == VisitStatus.IN_HALL)
    settle(qtbot, window)
    assert window.board.model.session_at(0).in_hall == 1
    qtbot.mouseClick(panel.check_out_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.detail.status == VisitStatus.COMPLETED)
    assert not any(
        b.isEnabled()
        for b in (
            panel.check_in_button,
            panel.refuse_button,
            panel.hall_button,
            panel.check_out_button,
            panel.no_show_button,
            panel.cancel_button,
        )
    )


def test_no_show_is_confirmed_and_cancel_needs_a_reason(qtbot, window, world, answers):
    first = world.desk.visits.visit_for_scan(
        world.desk.visits.book_visit(world.session_today, world.prisoner, [world.mum])
    )
    second = world.desk.visits.visit_for_scan(
        world.desk.visits.book_visit(world.session_tomorrow, world.prisoner, [world.gran])
    )
    panel = window.visit_panel
    window.open_visit(first)
    qtbot.waitUntil(lambda: panel.detail is not None and panel.detail.id == first)
    assert not panel.no_show_button.isEnabled()  # they can still arrive until 13:45
    world.clock.moment = world.clock.moment.replace(hour=13, minute=50)
    panel.reload()
    settle(qtbot, window)
    answers.confirm = False
    qtbot.mouseClick(panel.no_show_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    assert world.desk.visits.visit(first).status == VisitStatus.BOOKED
    answers.confirm = True
    qtbot.mouseClick(panel.no_show_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.detail.status == VisitStatus.NO_SHOW)

    window.open_visit(second)
    qtbot.waitUntil(lambda: panel.detail.id == second)
    settle(qtbot, window)
    assert not panel.check_in_button.isEnabled() and not panel.no_show_button.isEnabled()  # tomorrow
    answers.reason = "The family asked to cancel"
    qtbot.mouseClick(panel.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.detail.status == VisitStatus.CANCELLED)
    assert answers.asked[-1]["title"].startswith("Cancel visit")
