"""Fixtures for the desk app tests: the main window on the known world, dialogs that answer themselves."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from PySide6.QtWidgets import QApplication

from visitorcentre.ui.runtime.app import application, build_main_window
from visitorcentre.ui.shared import reason_dialog


@pytest.fixture(autouse=True)
def no_window_left_showing():
    """After each test, hide any window it left showing (a sign-in screen over a second main window,
    say): a modal one left behind takes the next test's key presses."""
    yield
    app = QApplication.instance()
    if app is None:
        return
    for widget in QApplication.topLevelWidgets():
        if widget.isVisible():
            widget.hide()


@dataclass
class Answers:
    """What the patched reason and confirm dialogs say, and what they were asked."""

    reason: str | None = "Reason given at the desk"
    confirm: bool = True
    asked: list[dict] = field(default_factory=list)


@pytest.fixture
def answers(monkeypatch) -> Answers:
    """Reason and confirmation dialogs that never wait for a click."""
    given = Answers()

    def ask_reason(parent, title, explanation, label, action, suggestions=None, prefill="", sign=None):
        given.asked.append(
            {"title": title, "explanation": explanation, "prefill": prefill, "suggestions": suggestions or []}
        )
        return given.reason

    def confirm(parent, title, explanation, action):
        given.asked.append({"title": title, "explanation": explanation})
        return given.confirm

    monkeypatch.setattr(reason_dialog, "ask_reason", ask_reason)
    monkeypatch.setattr(reason_dialog, "confirm", confirm)
    return given


@pytest.fixture
def window(qtbot, world, answers):
    """The main window, shown at kiosk size, with the Today board loaded.

    The barcode scanner stands aside here (qtbot types faster than any person); the scanner
    tests switch it back on.
    """
    application()
    main = build_main_window(world.desk)
    main.scanner.enabled = False
    qtbot.addWidget(main)
    main.resize(1600, 900)
    main.show()
    # generous: a long run on a busy machine can take seconds to fill the board (a quick one waits no longer)
    qtbot.waitUntil(lambda: main.board.model.rowCount() > 0 and not main.tasks.busy, timeout=30_000)
    yield main
    main.close()
