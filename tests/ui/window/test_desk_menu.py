"""The menu bar: every entry point by name with its key, doing what the key and the buttons do."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from tests.ui.helpers import settle
from tests.ui.sync_helpers import FakeSync
from visitorcentre.core.kinds import VisitStatus


def titles(window) -> list[str]:
    return [action.text().replace("&", "") for action in window.menu.bar.actions()]


def items(window, title: str) -> list[str]:
    menu = next(a.menu() for a in window.menu.bar.actions() if a.text().replace("&", "") == title)
    return [a.text().split("\t")[0] for a in menu.actions() if not a.isSeparator()]


def test_five_menus_in_the_desk_s_words(window):
    assert titles(window) == ["Desk", "Visit", "Families", "Centre", "Help"]
    assert items(window, "Centre") == [
        "Visiting rules…",
        "You said, we did…",
        "Reports…",
        "Audit log…",
        "Sync now",
        "Sync with the central server…",
        "Connect to the central server…",
    ]
    assert "Check in" in items(window, "Visit") and "Book a visit…" in items(window, "Visit")
    assert window.menu.actions["sync_now"].text() == "Sync now\tF9"


def test_each_key_shown_in_a_menu_is_a_key_the_window_answers(window):
    answered = {shortcut.key().toString() for shortcut in window.shortcuts}
    shown = {
        QKeySequence(window.menu.key_of(name)).toString() for name in window.menu.actions if window.menu.key_of(name)
    }
    assert len(shown) >= 15
    assert shown <= answered, shown - answered
    # the menu only shows keys: claiming one as well would make Qt answer neither
    assert all(action.shortcut().isEmpty() for action in window.menu.actions.values())


def test_keys_still_work_with_the_menu_there(qtbot, window):
    window.board.view.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.search.box.hasFocus()


def test_book_and_new_visitor_from_the_menu(qtbot, window, monkeypatch):
    asked = []
    monkeypatch.setattr(window, "open_booking", lambda walk_in, session_id=None: asked.append(("book", walk_in)))
    monkeypatch.setattr(window, "open_visitor_form", lambda visitor_id=None: asked.append(("visitor", visitor_id)))
    window.menu.actions["book"].trigger()
    window.menu.actions["walk_in"].trigger()
    window.menu.actions["new_visitor"].trigger()
    assert asked == [("book", False), ("book", True), ("visitor", None)]


def test_visit_items_follow_the_visit_panel(qtbot, window, world):
    menu = window.menu
    menu.follow_the_panel()
    assert not menu.actions["check_in"].isEnabled() and not menu.actions["advice_given"].isEnabled()
    world.desk.visits.book_visit(world.session_today, world.prisoner, [world.mum])
    qtbot.keyClicks(window.search.box, "siobhan")
    qtbot.waitUntil(lambda: window.search.model.rowCount() == 1)
    window.search.view.selectRow(0)
    qtbot.keyClick(window.search.view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.visit_panel.detail is not None)
    settle(qtbot, window)
    menu.follow_the_panel()
    assert menu.actions["check_in"].isEnabled() and not menu.actions["check_out"].isEnabled()
    visit_id = window.visit_panel.detail.id
    menu.actions["check_in"].trigger()
    qtbot.waitUntil(lambda: world.desk.visits.visit(visit_id).status == VisitStatus.CHECKED_IN)
    settle(qtbot, window)
    menu.follow_the_panel()
    assert not menu.actions["check_in"].isEnabled() and menu.actions["check_out"].isEnabled()
    # an item that is not available does nothing, even if triggered
    menu.actions["check_in"].setEnabled(True)
    menu.actions["check_in"].trigger()
    settle(qtbot, window)
    assert world.desk.visits.visit(visit_id).status == VisitStatus.CHECKED_IN


def test_sync_from_the_menu_on_a_desk_without_a_server(qtbot, window):
    qtbot.waitUntil(lambda: window.sync.runner.capable is not None)
    window.menu.actions["sync_now"].trigger()
    assert "works on its own" in window.notice.text()
    window.menu.actions["sync_panel"].trigger()
    assert window.sync.panel is not None and window.sync.panel.isVisible()
    assert not window.sync.panel.sync_button.isVisible()
    settle(qtbot, window)


def test_sync_now_from_the_menu(qtbot, monkeypatch, world, answers):
    from visitorcentre.ui.runtime.app import application, build_main_window

    fake = FakeSync().install(monkeypatch, world.desk)
    application()
    main = build_main_window(world.desk)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitUntil(lambda: fake.calls == 1 and not main.sync.runner.running)
    main.menu.actions["sync_now"].trigger()
    qtbot.waitUntil(lambda: fake.calls == 2 and not main.sync.runner.running)
    assert main.notice.text().startswith("OK: Synced with the central server")
    settle(qtbot, main)
    main.close()


def test_help_lists_the_keys(qtbot, window):
    box = window.menu.show_keys()
    assert "F9  —  Sync now" in box.text() and "Ctrl+B  —  Book a visit…" in box.text()
    box.close()
    about = window.menu.show_about()
    assert "Visitor Centre" in about.text()
    about.close()


def test_with_the_keys_in_the_menus_the_status_buttons_show_their_names(window):
    assert window.rules_button.text() == "Visiting rules…"
    assert window.rules_button.toolTip() == "Visiting rules… (Ctrl+Shift+R)"
    assert [b.text() for b in window.engagement.buttons()] == ["Family feedback", "You said, we did…", "Reports…"]
    assert window.engagement.reports_button.toolTip() == "Reports… (Ctrl+Shift+P)"


def test_at_a_1366_pixel_screen_the_sync_line_shows_whole(qtbot, monkeypatch, world, answers):
    from visitorcentre.ui.runtime.app import application, build_main_window

    fake = FakeSync(pending=14).install(monkeypatch, world.desk)
    fake.fail_with = "The central server could not be reached."
    application()
    main = build_main_window(world.desk)
    qtbot.addWidget(main)
    main.resize(1366, 768)  # the status bar holds only where, who, the sync and Lock: room for the whole line
    main.show()
    qtbot.waitUntil(lambda: main.sync.indicator.text().startswith("Offline"))
    settle(qtbot, main)
    assert main.width() == 1366
    button = main.sync.indicator.button
    qtbot.waitUntil(lambda: button.text() == button.full_text())  # once "Working…" has left the status bar
    assert button.text() == "Offline · not synced yet · 14 changes waiting"
    # narrower, the line is shortened, never dropped: the word stays, and the whole line is read out
    main.resize(900, 768)
    qtbot.waitUntil(lambda: button.text() != button.full_text())
    assert button.text().startswith("Offline") and button.text().endswith("…")
    assert button.accessibleName() == "Sync with the central server: Offline · not synced yet · 14 changes waiting"
    main.close()
