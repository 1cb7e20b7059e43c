"""Opening the app as `visitorcentre` does: the window first, the records behind it."""

from __future__ import annotations

from visitorcentre.ui.runtime.app import application, build_main_window
from visitorcentre.ui.runtime.desk_app import desk_for


def test_window_shows_then_the_records_open_and_the_board_fills(qtbot, world, answers):
    path = world.desk.ctx.db_path
    world.desk.close()
    desk = desk_for(path, demo=False, staff="Ann Test")
    desk.opened = _opened_with_world_clock(desk, world)
    application()
    window = build_main_window(desk)
    qtbot.addWidget(window)
    window.scanner.enabled = False
    window.show()
    assert desk.ctx.actor.name == "Nobody signed in" and desk.staff_name_hint == "Ann Test"
    qtbot.waitUntil(lambda: desk.is_open and window.board.model.rowCount() > 0 and not window.tasks.busy)
    assert "HMP Barlinnie" in window.status.establishment.text()
    qtbot.keyClicks(window.search.box, "siobhan")
    qtbot.waitUntil(lambda: window.search.model.rowCount() > 0 and not window.tasks.busy)
    window.close()
    desk.close()


def test_a_demo_desk_is_built_on_first_opening(qtbot, tmp_path, monkeypatch, answers):
    monkeypatch.setattr("visitorcentre.ui.runtime.desk_app.DEMO_VISITORS", 60)
    desk = desk_for(tmp_path / "demo.sqlite3", demo=True, staff=None)
    assert not desk.ctx.actor.role  # nobody is signed in until the sign-in screen (tests/ui/staff/test_sign_in.py)
    application()
    window = build_main_window(desk)
    qtbot.addWidget(window)
    window.scanner.enabled = False
    window.show()
    qtbot.waitUntil(lambda: desk.is_open and not window.tasks.busy, timeout=30000)
    assert desk.visits.search("a")
    assert [p.role for p in desk.staff.list_staff()] == ["desk", "manager", "admin"]
    window.close()
    desk.close()


def _opened_with_world_clock(desk, world):
    """Open the records with the tests' fixed clock (the known world's sessions are on its day)."""
    desk.ctx.clock = world.clock
    return desk.opened


def test_the_records_open_in_full_only_once_a_search_typed_meanwhile_is_answered(qtbot):
    """Loading SQLAlchemy holds the interpreter: a search queued before it starts is answered first."""
    import threading
    from types import SimpleNamespace

    from visitorcentre.ui.runtime.tasks import DeskTasks
    from visitorcentre.ui.window import desk_start

    events: list[str] = []
    release = threading.Event()

    class Desk:
        is_open = False
        ctx = SimpleNamespace(backup_before_migration=None)

        def opened(self):
            events.append("opened in full")
            self.is_open = True
            return self

    tasks = DeskTasks()
    window = SimpleNamespace(desk=Desk(), tasks=tasks, isVisible=lambda: False)
    tasks.run(lambda: release.wait(10) and "found", lambda found: events.append(found))
    desk_start._open_in_full(window)
    qtbot.wait(50)
    assert events == []  # the search is still being answered: the records are not opened beside it
    release.set()
    qtbot.waitUntil(lambda: "opened in full" in events)
    assert events == ["found", "opened in full"]
    tasks.shutdown()
