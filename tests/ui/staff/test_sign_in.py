"""Signing in at the desk: the first admin, wrong PINs and the lock-out, the idle lock, Lock now, sign out."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QWidget

from tests.ui.helpers import settle
from tests.unit.staff_helpers import add_staff
from visitorcentre.config import settings
from visitorcentre.ui.runtime.app import application, build_main_window
from visitorcentre.ui.staff import desk_lock
from visitorcentre.ui.staff.sign_in import FIRST_ADMIN, SIGN_IN


@pytest.fixture
def locked_window(qtbot, world, answers):
    """The main window as `visitorcentre` opens it: signed out, the sign-in screen over it."""
    application()
    main = build_main_window(world.desk)
    main.scanner.enabled = False
    qtbot.addWidget(main)
    main.resize(1600, 900)
    main.show()
    lock = desk_lock.attach(main)
    qtbot.waitUntil(lambda: lock.screen.pages.currentIndex() != 0 and not main.tasks.busy)
    yield main, lock
    main.close()


@pytest.fixture
def staffed(world):
    add_staff(world)
    return world


def sign_in(qtbot, main, lock, name: str, pin: str) -> None:
    screen = lock.screen
    screen.name.clear()
    qtbot.keyClicks(screen.name, name)
    qtbot.keyClicks(screen.pin, pin)
    qtbot.keyClick(screen.pin, Qt.Key.Key_Return)
    settle(qtbot, main)


def test_a_new_database_asks_for_the_first_admin_with_messages_next_to_the_fields(qtbot, world, locked_window):
    main, lock = locked_window
    screen = lock.screen
    assert lock.locked and screen.isVisible() and screen.pages.currentIndex() == FIRST_ADMIN
    assert main.status.staff.text() == "Nobody signed in"
    qtbot.mouseClick(screen.create_button, Qt.MouseButton.LeftButton)
    settle(qtbot, main)
    assert "Type the staff member's name" in screen.admin_name_message.text()
    qtbot.keyClicks(screen.admin_name, "Ann Admin")
    qtbot.keyClicks(screen.admin_pin, "12")
    qtbot.keyClicks(screen.admin_again, "12")
    qtbot.mouseClick(screen.create_button, Qt.MouseButton.LeftButton)
    settle(qtbot, main)
    assert "at least 4 characters" in screen.admin_pin_message.text()
    assert screen.admin_name_message.text() == "" and screen.admin_pin.text() == ""
    qtbot.keyClicks(screen.admin_pin, "4321")
    qtbot.keyClicks(screen.admin_again, "4312")
    qtbot.keyClick(screen.admin_again, Qt.Key.Key_Return)
    settle(qtbot, main)
    assert "not the same" in screen.admin_again_message.text()
    assert world.desk.staff.list_staff() == []
    qtbot.keyClicks(screen.admin_pin, "4321")
    qtbot.keyClicks(screen.admin_again, "4321")
    qtbot.keyClick(screen.admin_again, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not lock.locked)
    assert not screen.isVisible()
    assert (world.desk.ctx.actor.name, world.desk.ctx.actor.role) == ("Ann Admin", "admin")
    assert main.status.staff.text() == "Staff: Ann Admin (admin)"
    assert [p.name for p in world.desk.staff.list_staff()] == ["Ann Admin"]


def test_wrong_pins_say_the_tries_left_then_the_name_is_locked(qtbot, staffed, locked_window):
    main, lock = locked_window
    screen = lock.screen
    assert screen.pages.currentIndex() == SIGN_IN and not screen.demo_box.isVisible()
    sign_in(qtbot, main, lock, "Dee Desk", "0000")
    assert "4 more tries" in screen.pin_message.text() and screen.pin.text() == ""
    for _ in range(3):
        sign_in(qtbot, main, lock, "Dee Desk", "0000")
    assert "1 more try" in screen.pin_message.text()
    sign_in(qtbot, main, lock, "Dee Desk", "0000")
    assert "cannot sign in until 13:05" in screen.pin_message.text()
    sign_in(qtbot, main, lock, "Dee Desk", "1111")  # the right PIN, but locked
    assert "cannot sign in until 13:05" in screen.pin_message.text() and lock.locked
    sign_in(qtbot, main, lock, "Nobody Here", "1111")
    assert "no staff member called" in screen.name_message.text()
    sign_in(qtbot, main, lock, "Mo Manager", "2222")  # someone else can
    assert not lock.locked and main.status.staff.text() == "Staff: Mo Manager (manager)"


def test_the_demo_pins_show_only_on_a_demo_database(qtbot, staffed, world):
    import json

    from visitorcentre.db.models import Setting

    with world.desk.ctx.write_sessions() as session:
        session.add(Setting(key=settings.IS_DEMO.key, value=json.dumps(True)))
        session.commit()
    application()
    main = build_main_window(world.desk)
    main.scanner.enabled = False
    qtbot.addWidget(main)
    main.show()
    lock = desk_lock.attach(main)
    qtbot.waitUntil(lambda: lock.screen.pages.currentIndex() == SIGN_IN and not main.tasks.busy)
    assert lock.screen.demo_box.isVisible()
    assert "Morag Duncan (manager): PIN 2222" in lock.screen.demo_text.text()
    main.close()


def test_the_desk_locks_itself_after_the_configured_idle_time(qtbot, staffed, world):
    with world.desk.ctx.write_sessions() as session:
        settings.put(session, settings.IDLE_LOCK_SECONDS, 1)
        session.commit()
    application()
    main = build_main_window(world.desk)
    main.scanner.enabled = False
    qtbot.addWidget(main)
    main.show()
    lock = desk_lock.attach(main)
    # generous, as the window fixture's: on a busy machine the desk's start-up work can take seconds
    qtbot.waitUntil(lambda: lock.screen.pages.currentIndex() == SIGN_IN and not main.tasks.busy, timeout=30_000)
    sign_in(qtbot, main, lock, "Dee Desk", "1111")
    assert not lock.locked and lock.idle.seconds == 1
    qtbot.waitUntil(lambda: lock.locked, timeout=10000)  # nobody touches the desk
    assert lock.screen.isVisible() and "Dee Desk was signed in" in lock.screen.explain.text()
    main.close()


def test_activity_puts_the_idle_lock_off(qtbot, staffed, locked_window):
    main, lock = locked_window
    sign_in(qtbot, main, lock, "Dee Desk", "1111")
    now = [1000.0]
    lock.idle.now = lambda: now[0]
    lock.idle.set_seconds(300)
    lock.idle.resume()
    now[0] += 299
    lock.idle.check()
    assert not lock.locked
    qtbot.keyClick(main.search.box, Qt.Key.Key_A)  # a key: the idle time starts again
    now[0] += 299
    lock.idle.check()
    assert not lock.locked
    qtbot.mouseMove(main.search.view.viewport(), QPoint(20, 20))
    qtbot.mouseClick(main.search.view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(10, 10))
    now[0] += 299
    lock.idle.check()
    assert not lock.locked
    now[0] += 1
    lock.idle.check()
    assert lock.locked


def test_the_lock_hides_the_visit_and_the_next_person_carries_on_with_the_work(qtbot, staffed, world, locked_window):
    main, lock = locked_window
    sign_in(qtbot, main, lock, "Dee Desk", "1111")
    reference = world.desk.visits.book_visit(world.session_today, world.prisoner, [world.mum, world.child])
    qtbot.keyClicks(main.search.box, reference)
    qtbot.keyClick(main.search.box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: main.visit_panel.detail is not None and not main.tasks.busy)
    visit_id = main.visit_panel.detail.id
    main.scanner.enabled = True
    qtbot.keyClick(main, Qt.Key.Key_F12)  # Lock now
    assert lock.locked and lock.screen.isVisible() and lock.screen.isFullScreen()
    assert main.scanner.enabled is False
    # Every point of the window, the visit panel included, is under the cover.
    for widget in (main.visit_panel, main.search, main.board, main.status):
        centre = widget.mapTo(main, widget.rect().center())
        hit = main.childAt(centre)
        assert hit is not None and (hit.objectName() == "lockCover" or hit.parent().objectName() == "lockCover"), (
            widget.objectName()
        )
    assert lock.screen.windowModality() == Qt.WindowModality.ApplicationModal
    assert "Dee Desk was signed in; their work is kept" in lock.screen.explain.text()
    assert lock.screen.name.text() == "Dee Desk"
    sign_in(qtbot, main, lock, "Mo Manager", "2222")
    assert not lock.locked
    assert main.childAt(main.visit_panel.mapTo(main, main.visit_panel.rect().center())).objectName() != "lockCover"
    assert not any(cover.isVisible() for cover in main.findChildren(QWidget, "lockCover"))
    assert main.visit_panel.detail.id == visit_id and main.search.box.text() == reference
    assert "Mo Manager signed in" in main.notice.text_label.text()
    assert world.desk.ctx.actor.name == "Mo Manager" and main.scanner.enabled is True


def test_sign_out_leaves_nobody_signed_in(qtbot, staffed, world, locked_window):
    main, lock = locked_window
    sign_in(qtbot, main, lock, "Mo Manager", "2222")
    qtbot.mouseClick(lock.lock_button, Qt.MouseButton.LeftButton)
    assert lock.locked and lock.screen.sign_out_button.isVisible()
    qtbot.mouseClick(lock.screen.sign_out_button, Qt.MouseButton.LeftButton)
    settle(qtbot, main)
    assert lock.locked and world.desk.ctx.actor.role == "" and main.status.staff.text() == "Nobody signed in"
    assert lock.screen.name.text() == "" and not lock.screen.sign_out_button.isVisible()
    qtbot.keyClick(lock.screen, Qt.Key.Key_Escape)  # Esc does not get past the lock
    assert lock.screen.isVisible()
