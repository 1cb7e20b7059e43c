"""Mistakes a tired worker makes at the desk, driven by keys: the cursor, each person's outcome, visits elsewhere."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.helpers import settle
from tests.unit.elsewhere import visit_at_greenock
from visitorcentre.core.kinds import PersonOutcome, VisitStatus
from visitorcentre.ui.check_in.search_results_model import SearchResultsModel

CTRL = Qt.KeyboardModifier.ControlModifier


def search_for(qtbot, window, text: str, *names: str) -> None:
    search = window.search
    qtbot.keyClicks(search.box, text)
    qtbot.waitUntil(lambda: {h.name for h in search.model.hits()} >= set(names) and not window.tasks.busy)


def move_to(qtbot, window, name: str) -> None:
    """Arrow down the results until ``name`` is highlighted, as a worker does."""
    search = window.search
    qtbot.keyClick(search.box, Qt.Key.Key_Down)
    for _step in range(search.model.rowCount()):
        if search.selected_hit().name == name:
            return
        qtbot.keyClick(search.view, Qt.Key.Key_Down)
    raise AssertionError(f"{name} is not in the results")


def words_for(window, name: str) -> str:
    model = window.search.model
    row = next(i for i, hit in enumerate(model.hits()) if hit.name == name)
    return model.index(row, SearchResultsModel.COL_VISIT).data()


def names(window) -> list[str]:
    return [hit.name for hit in window.search.model.hits()]


def test_after_an_action_the_same_family_stays_under_the_cursor(qtbot, window, world):
    world.desk.visits.book_visit(world.session_today, world.prisoner, [world.mum, world.child])
    search_for(qtbot, window, "macdonald", "Zoë MacDonald", "Kyle MacDonald", "Margaret McDonald")
    before = names(window)
    chosen = before[1]  # the second row: one of the family booked today
    assert chosen in ("Zoë MacDonald", "Siobhán MacDonald")
    move_to(qtbot, window, chosen)
    qtbot.keyClick(window.search.view, Qt.Key.Key_Return)  # open the family's visit
    qtbot.waitUntil(lambda: window.visit_panel.detail is not None and window.visit_panel.check_in_button.isEnabled())
    visit_id = window.visit_panel.detail.id
    qtbot.keyClick(window, Qt.Key.Key_I, CTRL)  # check the family in
    qtbot.waitUntil(lambda: world.desk.visits.visit(visit_id).status == VisitStatus.CHECKED_IN)
    settle(qtbot, window)
    assert window.search.selected_hit().name == chosen
    assert names(window) == before
    # Another booking moves Margaret up the search's own order; the list on screen does not jump.
    window.tasks.run(lambda: world.desk.visits.book_visit(world.session_today, world.prisoner, [world.gran]))
    settle(qtbot, window)
    assert world.desk.visits.search("macdonald")[0].name != before[0]  # the desk's order did change
    assert names(window) == before and window.search.selected_hit().name == chosen
    qtbot.keyClick(window.search.view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not window.tasks.busy)
    assert window.visit_panel.detail.id == visit_id  # Enter still opens the same family


def test_search_shows_each_persons_own_outcome(qtbot, window, world, answers):
    reference = world.desk.visits.book_visit(world.session_today, world.prisoner, [world.mum, world.child])
    visit_id = world.desk.visits.visit_for_scan(reference)
    window.open_visit(visit_id)
    qtbot.waitUntil(lambda: window.visit_panel.detail is not None)
    panel = window.visit_panel
    panel.party_view.setFocus()
    panel.party_view.selectRow(next(i for i, m in enumerate(panel.party_model.members()) if m.name.startswith("Zoë")))
    answers.reason = "No ID for the child"
    qtbot.keyClick(window, Qt.Key.Key_R, CTRL)
    qtbot.waitUntil(lambda: world.desk.visits.visit(visit_id).party[1].outcome == PersonOutcome.REFUSED)
    settle(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_I, CTRL)
    qtbot.waitUntil(lambda: world.desk.visits.visit(visit_id).status == VisitStatus.CHECKED_IN)
    settle(qtbot, window)
    search_for(qtbot, window, "macdonald", "Zoë MacDonald", "Siobhán MacDonald")
    assert "Refused" in words_for(window, "Zoë MacDonald")
    assert "Checked in" not in words_for(window, "Zoë MacDonald")
    assert "Checked in" in words_for(window, "Siobhán MacDonald")


def test_a_visit_at_another_establishment_is_never_offered_for_check_in(qtbot, window, world):
    visit_id = visit_at_greenock(world, world.gran)
    reference = world.desk.visits.visit(visit_id).reference
    search_for(qtbot, window, "margaret", "Margaret McDonald")
    assert "At HMP Greenock, not here" in words_for(window, "Margaret McDonald")
    move_to(qtbot, window, "Margaret McDonald")
    qtbot.keyClick(window.search.view, Qt.Key.Key_Return)  # Enter on her: no visit here to open
    settle(qtbot, window)
    assert window.visit_panel.detail is None
    assert "no visit today or coming up" in window.notice.text()
    # Typed or scanned by its reference, the visit shows, marked with where it is, with nothing to do here.
    window.search.box.clear()
    qtbot.keyClicks(window.search.box, reference)
    qtbot.keyClick(window.search.box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.visit_panel.detail is not None and not window.tasks.busy)
    panel = window.visit_panel
    assert panel.session_label.text().startswith("HMP Greenock · ")
    assert any("This visit is at HMP Greenock, not here" in text for text in panel.results.texts())
    for button in (panel.check_in_button, panel.refuse_button, panel.no_show_button, panel.print_pass_button):
        assert not button.isEnabled()
    qtbot.keyClick(window, Qt.Key.Key_I, CTRL)
    settle(qtbot, window)
    assert world.desk.visits.visit(visit_id).status == VisitStatus.BOOKED


def test_a_rows_tool_tip_lists_the_nearest_visits_once_wanted(qtbot, window, world):
    """The row shows the nearest visit; its tool tip asks for the nearest few the first time it is wanted."""
    tomorrow = world.desk.visits.book_visit(world.session_tomorrow, world.prisoner, [world.mum])
    today = world.desk.visits.book_visit(world.session_today, world.restricted, [world.mum])
    search_for(qtbot, window, "siobhan", "Siobhán MacDonald")
    model = window.search.model
    tip = lambda: model.index(0, SearchResultsModel.COL_VISIT).data(Qt.ItemDataRole.ToolTipRole)  # noqa: E731
    assert today in tip() and tomorrow not in tip()  # the row's own visit, until the rest are read
    qtbot.waitUntil(lambda: tomorrow in tip())
    assert tip().index(today) < tip().index(tomorrow)
