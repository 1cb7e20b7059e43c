"""The first-run screen: no database, so the desk is set up (central server or on its own), then the first admin."""

from __future__ import annotations

import sys
from datetime import datetime

import pytest
from PySide6.QtCore import Qt

from tests.integration.sync_world import make_sync_world
from visitorcentre.server import admin
from visitorcentre.ui.runtime import desk_app
from visitorcentre.ui.runtime.app import application, open_desk_window
from visitorcentre.ui.staff.sign_in import FIRST_ADMIN
from visitorcentre.ui.window import first_run as first_run_screen
from visitorcentre.ui.window.first_run import CHOICE, CONNECT, ON_ITS_OWN

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def started(qtbot, tmp_path, monkeypatch):
    """`visitorcentre --db PATH` on a path with no database: the first-run screen, and the desk window it opens."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # the desk window installs its own
    application()
    path = tmp_path / "desk" / "desk.sqlite3"
    desk = desk_app.desk_for(path, demo=False, staff=None)
    opened = []
    made = {}

    def start(transport=None):
        def open_desk(note):
            if transport is not None:
                desk.opened().sync.transport = transport
            opened.append(open_desk_window(desk, note))

        screen = first_run_screen.start(desk, open_desk, transport)
        qtbot.addWidget(screen)
        made["screen"] = screen
        return screen

    yield desk, start, opened, path
    for window in opened:
        window.close()
    if "screen" in made:
        made["screen"].close()
    desk.close()


def set_up_first_admin(qtbot, window, desk):
    qtbot.waitUntil(lambda: getattr(window, "desk_lock", None) is not None)  # put on just after the first paint
    lock = window.desk_lock
    qtbot.waitUntil(lambda: lock.screen.pages.currentIndex() == FIRST_ADMIN)
    qtbot.keyClicks(lock.screen.admin_name, "Ann Admin")
    qtbot.keyClicks(lock.screen.admin_pin, "4321")
    qtbot.keyClicks(lock.screen.admin_again, "4321")
    qtbot.keyClick(lock.screen.admin_again, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not lock.locked)
    assert (desk.ctx.actor.name, desk.ctx.actor.role) == ("Ann Admin", "admin")
    assert window.status.staff.text() == "Staff: Ann Admin (admin)"


def test_an_existing_database_or_the_demo_never_shows_the_setup_screen(tmp_path):
    existing = tmp_path / "here.sqlite3"
    existing.write_bytes(b"")
    assert desk_app.desk_for(existing, demo=False, staff=None).set_up_first is False
    assert desk_app.desk_for(tmp_path / "missing.sqlite3", demo=False, staff=None).set_up_first is True
    assert desk_app.desk_for(None, demo=True, staff=None).set_up_first is False


def test_on_its_own_then_the_first_admin_then_the_desk_is_open(qtbot, started):
    desk, start, opened, path = started
    assert desk.set_up_first
    screen = start()
    assert screen.isVisible() and screen.pages.currentIndex() == CHOICE
    qtbot.mouseClick(screen.own_choice, LEFT)
    assert screen.pages.currentIndex() == ON_ITS_OWN
    qtbot.mouseClick(screen.set_up_button, LEFT)  # nothing chosen yet
    assert "Choose the establishment" in screen.establishment_message.label.text()
    assert not path.exists() and not opened
    screen.establishment.setCurrentIndex(screen.establishment.findText("HMP Greenock"))
    assert screen.establishment_message.isHidden()
    qtbot.mouseClick(screen.set_up_button, LEFT)
    qtbot.waitUntil(lambda: bool(opened))
    assert path.exists() and not screen.isVisible()
    window = opened[0]
    assert "set up for HMP Greenock" in window.notice.text_label.text()
    set_up_first_admin(qtbot, window, desk)
    assert desk.ctx.establishment == "GRE"


def test_back_returns_to_the_choice_and_closing_makes_nothing(qtbot, started):
    desk, start, opened, path = started
    screen = start()
    qtbot.mouseClick(screen.connect_choice, LEFT)
    assert screen.pages.currentIndex() == CONNECT
    qtbot.mouseClick(screen.connect_back, LEFT)
    assert screen.pages.currentIndex() == CHOICE
    qtbot.mouseClick(screen.own_choice, LEFT)
    qtbot.mouseClick(screen.own_back, LEFT)
    assert screen.pages.currentIndex() == CHOICE
    screen.close()
    assert not screen.isVisible() and not opened and not path.exists()


@pytest.fixture
def server(tmp_path):
    world = make_sync_world(tmp_path / "server")
    yield world
    world.close()


def connect(qtbot, screen, address, code):
    screen.address.clear()
    screen.code.clear()
    qtbot.keyClicks(screen.address, address)
    qtbot.keyClicks(screen.code, code)
    qtbot.mouseClick(screen.connect_button, LEFT)
    qtbot.waitUntil(lambda: not screen.working and not screen.tasks.busy)


def test_connecting_now_with_the_mistakes_first_then_the_first_admin(qtbot, started, server):
    desk, start, opened, path = started
    screen = start(server.network)
    qtbot.mouseClick(screen.connect_choice, LEFT)
    qtbot.mouseClick(screen.connect_button, LEFT)  # both empty
    assert "server's address" in screen.address_message.label.text()
    qtbot.keyClicks(screen.address, "http://server")
    qtbot.mouseClick(screen.connect_button, LEFT)
    assert "enrolment code" in screen.code_message.label.text() and screen.address_message.isHidden()

    connect(qtbot, screen, "ftp://server", "ABCD-EFGH")
    assert "not a server address" in screen.address_message.label.text()
    server.network.down = True
    connect(qtbot, screen, "http://server", "ABCD-EFGH")
    assert "cannot be reached" in screen.address_message.label.text()
    server.network.down = False
    connect(qtbot, screen, "http://server", "WRONG-CODE")
    assert "Check the code" in screen.code_message.label.text() and screen.address_message.isHidden()
    assert not path.exists() and not opened and screen.isVisible()

    code, _ = admin.enrolment_code(server.engine, "BAR", datetime.utcnow())
    connect(qtbot, screen, "http://server", code)
    qtbot.waitUntil(lambda: bool(opened))
    assert path.exists() and not screen.isVisible()
    window = opened[0]
    assert "connected for BAR" in window.notice.text_label.text()
    set_up_first_admin(qtbot, window, desk)
    assert desk.ctx.establishment == "BAR" and desk.sync.state().enrolled


def test_the_consoles_qr_code_scanned_into_the_address_fills_both_fields_and_connects(qtbot, started, server):
    """A scanner types the link from the console's QR code into the focused address field and presses Enter."""
    from sqlalchemy.orm import Session

    from visitorcentre.server.centre import desks
    from visitorcentre.server.centre.access import Scope

    desk, start, opened, path = started
    with Session(server.engine) as session, session.begin():
        made = desks.make_code(session, Scope.national(), "Ann Admin", datetime.utcnow(), "BAR", "http://server")
    screen = start(server.network)
    qtbot.mouseClick(screen.connect_choice, LEFT)
    assert screen.address.hasFocus() or screen.focusWidget() is screen.address
    qtbot.keyClicks(screen.address, made.link)
    qtbot.keyClick(screen.address, Qt.Key.Key_Return)
    assert (screen.address.text(), screen.code.text()) == ("http://server", made.code)
    qtbot.waitUntil(lambda: bool(opened))
    assert "connected for BAR" in opened[0].notice.text_label.text()


def test_a_code_already_used_is_refused_and_leaves_no_file(qtbot, started, server, tmp_path):
    desk, start, opened, path = started
    code, _ = admin.enrolment_code(server.engine, "GRE", datetime.utcnow())
    from visitorcentre.desk import first_run

    first_run.enrol_new(tmp_path / "other.sqlite3", "http://server", code, server.network)
    screen = start(server.network)
    qtbot.mouseClick(screen.connect_choice, LEFT)
    connect(qtbot, screen, "http://server", code)
    assert "Check the code" in screen.code_message.label.text()
    assert not path.exists() and not opened
    assert screen.connect_button.isEnabled() and screen.connect_back.isEnabled()


def test_the_desk_app_opens_on_the_setup_screen_not_an_empty_window(qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QApplication

    from visitorcentre.ui.runtime import app as desk_app_ui
    from visitorcentre.ui.window.first_run import FirstRunScreen
    from visitorcentre.ui.window.main_window import MainWindow

    monkeypatch.setattr(QApplication, "exec", staticmethod(lambda: 0))  # not the event loop: look at what shows
    existing = QApplication.topLevelWidgets()  # held, so a new window's wrapper cannot reuse one of their ids
    before = set(map(id, existing))
    desk = desk_app.desk_for(tmp_path / "new.sqlite3", demo=False, staff=None)
    assert desk_app_ui.run(desk) == 0
    shown = [w for w in QApplication.topLevelWidgets() if id(w) not in before and w.isVisible()]
    try:
        assert [type(w) for w in shown] == [FirstRunScreen]
        assert not any(isinstance(w, MainWindow) for w in shown)
        assert not desk.is_open and not (tmp_path / "new.sqlite3").exists()
    finally:
        for widget in shown:
            widget.close()
