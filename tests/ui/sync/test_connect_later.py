"""Centre > Connect to the central server…: a desk set up on its own at first run is enrolled later."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt

from tests.conftest import NOW
from tests.integration.sync_world import make_sync_world
from visitorcentre.core.staff import Actor
from visitorcentre.desk import first_run, open_desk
from visitorcentre.server import admin
from visitorcentre.ui.runtime.app import application, build_main_window

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def server(tmp_path):
    world = make_sync_world(tmp_path / "server")
    yield world
    world.close()


@pytest.fixture
def on_its_own(qtbot, tmp_path, server, answers):
    path = tmp_path / "desk.sqlite3"
    first_run.set_up_on_its_own(path, "BAR", NOW)
    desk = open_desk(path)
    desk.staff.add_first_admin("Ann Admin", "4321", "4321")
    desk.sync.transport = server.network
    application()
    main = build_main_window(desk)
    main.scanner.enabled = False
    qtbot.addWidget(main)
    main.resize(1600, 900)
    main.show()
    qtbot.waitUntil(lambda: main.sync.runner.capable is not None and not main.tasks.busy)
    yield main, desk
    main.close()
    desk.close()


def type_in(qtbot, dialog, address, code):
    dialog.address.clear()
    dialog.code.clear()
    qtbot.keyClicks(dialog.address, address)
    qtbot.keyClicks(dialog.code, code)
    qtbot.mouseClick(dialog.connect_button, LEFT)
    qtbot.waitUntil(lambda: not dialog.working)


def test_an_admin_connects_the_desk_later_after_a_wrong_code(qtbot, on_its_own, server):
    main, desk = on_its_own
    assert not main.sync.runner.enrolled
    main.menu.actions["connect_later"].trigger()
    dialog = getattr(main, "connect_later_dialog", None)
    assert dialog is not None and dialog.isVisible()
    qtbot.mouseClick(dialog.connect_button, LEFT)
    assert "server's address" in dialog.address_message.label.text()
    type_in(qtbot, dialog, "http://server", "WRONG-CODE")
    assert "Check the code" in dialog.code_message.label.text()
    code, _ = admin.enrolment_code(server.engine, "GRE", datetime.utcnow())
    type_in(qtbot, dialog, "http://server", code)
    assert "this desk serves BAR" in dialog.code_message.label.text()
    assert not desk.sync.state().enrolled
    code, _ = admin.enrolment_code(server.engine, "BAR", datetime.utcnow())
    type_in(qtbot, dialog, "http://server", code)
    assert not dialog.isVisible()
    assert "now connected" in main.notice.text_label.text()
    qtbot.waitUntil(lambda: desk.sync.state().last_sync is not None and not main.sync.runner.running, timeout=20000)
    assert desk.sync.state().enrolled and desk.sync.state().pending == 0
    assert dict(desk.settings.establishments())["BAR"] == "HMP Barlinnie"


def test_only_an_admin_connects_the_desk(qtbot, on_its_own, server):
    main, desk = on_its_own
    desk.ctx.actor = Actor("Dee Desk", "desk")
    main.menu.actions["connect_later"].trigger()
    dialog = main.connect_later_dialog
    code, _ = admin.enrolment_code(server.engine, "BAR", datetime.utcnow())
    type_in(qtbot, dialog, "http://server", code)
    assert "admin" in dialog.address_message.label.text()
    assert not desk.sync.state().enrolled
