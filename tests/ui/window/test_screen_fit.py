"""Every window and dialog of the desk fits the kiosk screens it will meet: 1280×720, 1366×768, 1024×768.

Each window is opened as the desk opens it, on a screen of the size under test (the free area
``screen_fit.available`` reports, which is where every window takes its size from). A window
fails when its smallest size is larger than the screen, when it opens larger than the screen,
when a button outside a scrolling area lies off the window at the screen's size, or (the main
window) when anything in it needs scrolling sideways. It runs in English, in the pseudo-locale
that makes every string 40% longer, and at large print (125% and 150% text).

Set VISITORCENTRE_FIT_SHOTS to a folder to save a picture of every window there as it is checked.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtWidgets import QAbstractButton, QScrollArea, QWidget

from tests.ui.window.desk_windows import PARTS, WINDOWS, window_classes
from visitorcentre.core.errors import InvalidInput
from visitorcentre.ui.runtime.app import application, build_main_window
from visitorcentre.ui.runtime.style import set_text_size, text_size
from visitorcentre.ui.shared import i18n, screen_fit
from visitorcentre.ui.staff import desk_lock

KIOSK = QSize(1280, 720)
SMALL = QSize(1024, 768)
LAPTOP = QSize(1366, 768)
#: The language the desk's longest words are tested in: every string 40% longer (branch kiosk-languages).
PSEUDO = "en-XA"


@dataclass
class Desk:
    window: object
    world: object
    screen: QSize


def _name(size: QSize) -> str:
    return f"{size.width()}x{size.height()}"


@pytest.fixture
def desk_on(qtbot, world, answers, monkeypatch, request):
    """The main window (signed-out lock over it) on a screen of ``request.param``: (size, language, text %)."""
    size, language, percent = request.param
    application()
    if language != "en":
        try:
            i18n.set_language(language)
        except InvalidInput:
            pytest.skip(f"the pseudo-locale {language} is not in the catalogues yet (branch kiosk-languages adds it)")
    world.desk.settings.use_text_size(percent)  # the desk's setting: the window takes it up as it opens
    monkeypatch.setattr(screen_fit, "available", lambda widget=None: QRect(QPoint(0, 0), size))
    main = build_main_window(world.desk)
    main.scanner.enabled = False
    qtbot.addWidget(main)
    main.resize(size)
    main.show()
    desk_lock.attach(main)
    qtbot.waitUntil(lambda: main.board.model.rowCount() > 0 and not main.tasks.busy and text_size() == percent)
    yield Desk(main, world, size)
    main.close()
    set_text_size(100)
    i18n.set_language("en")


def smallest(window: QWidget) -> QSize:
    """The smallest size the window can take: its own minimum, its hint's, and its layout's."""
    size = window.minimumSize().expandedTo(window.minimumSizeHint())
    if window.layout() is not None:
        size = size.expandedTo(window.layout().totalMinimumSize())
    return size


def _scrolls(widget: QWidget, window: QWidget) -> bool:
    """Whether ``widget`` sits inside a scrolling area of ``window`` (reached by scrolling)."""
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        if isinstance(parent, QScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def shown_buttons(window: QWidget) -> list[QAbstractButton]:
    """Every button a person can see and press in ``window`` (not Qt's own little ones inside a field)."""
    return [
        button
        for button in window.findChildren(QAbstractButton)
        if button.isVisibleTo(window)
        and not button.objectName().startswith("qt_")
        and type(button).__name__ not in ("QLineEditIconButton", "QToolBarExtension")
        and button.window() is window
    ]


def open_window(qtbot, name: str, desk: Desk) -> QWidget:
    """Open the window ``name`` over the desk and let its loading finish."""
    shown = WINDOWS[name](desk.window, desk.world)
    if shown is not desk.window:
        qtbot.addWidget(shown)
        if not shown.isVisible():
            shown.show()
    qtbot.waitUntil(lambda: not desk.window.tasks.busy)
    qtbot.wait(10)
    return shown


def misfits(qtbot, desk: Desk, name: str) -> list[str]:
    """What is wrong with window ``name`` on the desk's screen ([] when it fits)."""
    screen = desk.screen
    shown = open_window(qtbot, name, desk)
    wrong = []
    least = smallest(shown)
    if least.width() > screen.width() or least.height() > screen.height():
        wrong.append(f"{name}: its smallest size {_name(least)} is larger than the screen {_name(screen)}")
    opened = screen if shown.isFullScreen() else shown.size()
    if opened.width() > screen.width() or opened.height() > screen.height():
        wrong.append(f"{name}: opens at {_name(opened)}, larger than the screen {_name(screen)}")
    shown.resize(opened.boundedTo(screen))
    qtbot.wait(10)
    inside = shown.rect()
    for button in shown_buttons(shown):
        if _scrolls(button, shown):
            continue
        place = QRect(button.mapTo(shown, QPoint(0, 0)), button.size())
        if not inside.contains(place):
            wrong.append(f"{name}: the button “{button.text()}” is off the window at {_name(inside.size())}")
    if shown is desk.window:
        for area in shown.findChildren(QScrollArea):
            if area.isVisibleTo(shown) and area.horizontalScrollBar().isVisible():
                wrong.append(f"{name}: {area.objectName() or 'a panel'} scrolls sideways at {_name(screen)}")
    shots = os.environ.get("VISITORCENTRE_FIT_SHOTS")
    if shots:
        shown.grab().save(str(Path(shots) / f"{name}-{_name(screen)}-{i18n.current_language()}.png"))
    if shown is not desk.window:
        shown.close()
    return wrong


def test_every_window_of_the_desk_is_in_the_fit_test():
    """A new window must be added to tests/ui/window/desk_windows.py (or named there as part of one)."""
    found = set(window_classes())
    assert found - set(WINDOWS) - PARTS == set(), "add the new window to desk_windows.WINDOWS (or PARTS)"
    assert (set(WINDOWS) | PARTS) - found == set(), "a window in desk_windows no longer exists"


CASES = [
    pytest.param((KIOSK, "en", 100), id="1280x720"),
    pytest.param((SMALL, "en", 100), id="1024x768"),
    pytest.param((LAPTOP, "en", 100), id="1366x768"),
    pytest.param((KIOSK, PSEUDO, 100), id="1280x720-pseudo-locale"),
    pytest.param((LAPTOP, "en", 125), id="1366x768-text-125"),
    pytest.param((LAPTOP, "en", 150), id="1366x768-large-print-150"),
]


@pytest.mark.parametrize("desk_on", CASES, indirect=True)
def test_every_window_fits_the_screen(qtbot, desk_on):
    wrong = [problem for name in WINDOWS for problem in misfits(qtbot, desk_on, name)]
    assert wrong == []
