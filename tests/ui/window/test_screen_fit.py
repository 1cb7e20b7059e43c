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
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtWidgets import QScrollArea, QWidget

from tests.ui.window.conftest import KIOSK, LAPTOP, PSEUDO, SMALL, Desk, size_name
from tests.ui.window.desk_windows import PARTS, WINDOWS, in_scroll_area, open_window, shown_buttons, window_classes
from visitorcentre.ui.shared import i18n


def smallest(window: QWidget) -> QSize:
    """The smallest size the window can take: its own minimum, its hint's, and its layout's."""
    size = window.minimumSize().expandedTo(window.minimumSizeHint())
    if window.layout() is not None:
        size = size.expandedTo(window.layout().totalMinimumSize())
    return size


def misfits(qtbot, desk: Desk, name: str) -> list[str]:
    """What is wrong with window ``name`` on the desk's screen ([] when it fits)."""
    screen = desk.screen
    shown = open_window(qtbot, name, desk)
    wrong = []
    least = smallest(shown)
    if least.width() > screen.width() or least.height() > screen.height():
        wrong.append(f"{name}: its smallest size {size_name(least)} is larger than the screen {size_name(screen)}")
    opened = screen if shown.isFullScreen() else shown.size()
    if opened.width() > screen.width() or opened.height() > screen.height():
        wrong.append(f"{name}: opens at {size_name(opened)}, larger than the screen {size_name(screen)}")
    shown.resize(opened.boundedTo(screen))
    qtbot.wait(10)
    inside = shown.rect()
    for button in shown_buttons(shown):
        if in_scroll_area(button, shown):
            continue
        place = QRect(button.mapTo(shown, QPoint(0, 0)), button.size())
        if not inside.contains(place):
            wrong.append(f"{name}: the button “{button.text()}” is off the window at {size_name(inside.size())}")
    if shown is desk.window:
        for area in shown.findChildren(QScrollArea):
            if area.isVisibleTo(shown) and area.horizontalScrollBar().isVisible():
                wrong.append(f"{name}: {area.objectName() or 'a panel'} scrolls sideways at {size_name(screen)}")
    shots = os.environ.get("VISITORCENTRE_FIT_SHOTS")
    if shots:
        shown.grab().save(str(Path(shots) / f"{name}-{size_name(screen)}-{i18n.current_language()}.png"))
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
    pytest.param((KIOSK, "pl", 100), id="1280x720-polish"),
    pytest.param((KIOSK, "gd", 100), id="1280x720-gaelic"),
    pytest.param((SMALL, "gd", 100), id="1024x768-gaelic"),
    pytest.param((SMALL, "pl", 100), id="1024x768-polish"),
    pytest.param((LAPTOP, "en", 125), id="1366x768-text-125"),
    pytest.param((LAPTOP, "en", 150), id="1366x768-large-print-150"),
]


@pytest.mark.parametrize("desk_on", CASES, indirect=True)
def test_every_window_fits_the_screen(qtbot, desk_on):
    wrong = [problem for name in WINDOWS for problem in misfits(qtbot, desk_on, name)]
    assert wrong == [], "\n".join(wrong)
