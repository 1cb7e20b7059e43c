"""The screens refresh themselves from the runner's one "changed" signal, not from calls wired after each action."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.check_in.test_check_in_desk import open_by_search
from tests.ui.helpers import settle
from visitorcentre.core.changes import Changes
from visitorcentre.core.kinds import VisitStatus
from visitorcentre.ui.check_in.sessions_model import ARRIVED_ROLE


def arrived(window) -> int:
    model = window.board.model
    return sum(model.index(row, 0).data(ARRIVED_ROLE) for row in range(model.rowCount()))


def spy_on_refreshes(window, monkeypatch) -> list[str]:
    """Record each screen's refresh (and still do it)."""
    seen: list[str] = []
    for name, owner, method in (
        ("board", window.board, "refresh"),
        ("search", window.search, "refresh"),
        ("visit panel", window.visit_panel, "reload"),
    ):
        real = getattr(owner, method)
        monkeypatch.setattr(owner, method, lambda real=real, name=name: (seen.append(name), real())[1])
    return seen


def test_a_check_in_says_changed_once_and_the_board_search_and_visit_refresh_from_it(qtbot, window, world, monkeypatch):
    world.desk.visits.book_visit(world.session_today, world.prisoner, [world.mum])
    detail = open_by_search(qtbot, window, "siobhan", "Siobhán MacDonald")
    heard: list[Changes] = []
    window.tasks.changed.connect(heard.append)
    seen = spy_on_refreshes(window, monkeypatch)
    assert arrived(window) == 0

    qtbot.mouseClick(window.visit_panel.check_in_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: world.desk.visits.visit(detail.id).status == VisitStatus.CHECKED_IN)
    settle(qtbot, window)

    assert len(heard) == 1 and heard[0].touches("visit")
    assert sorted(seen) == ["board", "search", "visit panel"]
    assert window.visit_panel.detail.status == VisitStatus.CHECKED_IN  # the panel shows the visit as it is now
    assert arrived(window) == 1  # the board read again


def test_the_screens_answer_the_signal_itself(qtbot, window, world, monkeypatch):
    world.desk.visits.book_visit(world.session_today, world.prisoner, [world.mum])
    open_by_search(qtbot, window, "siobhan", "Siobhán MacDonald")
    seen = spy_on_refreshes(window, monkeypatch)

    window.tasks.announce(Changes.of("visit_session"))  # e.g. a session changed by a sync
    settle(qtbot, window)
    assert sorted(seen) == ["board", "search", "visit panel"]

    seen.clear()
    window.tasks.announce(Changes.of("staff"))  # nothing these screens show
    settle(qtbot, window)
    assert seen == []

    window.tasks.announce(Changes.of("visitor"))  # a family's details: the search and the party, not the board
    settle(qtbot, window)
    assert sorted(seen) == ["search", "visit panel"]
