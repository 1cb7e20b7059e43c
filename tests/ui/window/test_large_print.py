"""Large print: Desk > Text size makes every window's text 125% or 150%, and the desk opens at it next time."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QPushButton

from visitorcentre.ui.runtime.app import build_main_window
from visitorcentre.ui.runtime.style import scaled, set_text_size, text_size


@pytest.fixture(autouse=True)
def _normal_text_after():
    yield
    set_text_size(100)


def test_every_point_size_in_the_stylesheet_is_scaled():
    sheet = "QWidget { font-size: 14pt; }\nQLabel#big { font-size: 40pt; min-height: 44px; }"
    assert scaled(sheet, 150) == "QWidget { font-size: 21pt; }\nQLabel#big { font-size: 60pt; min-height: 44px; }"
    assert scaled(sheet, 125) == "QWidget { font-size: 18pt; }\nQLabel#big { font-size: 50pt; min-height: 44px; }"
    assert scaled(sheet, 100) == sheet


def test_large_print_from_the_desk_menu_grows_every_window_and_is_kept(qtbot, window, world):
    button = QPushButton("Check in (F5)")
    qtbot.addWidget(button)
    button.show()
    normal = button.sizeHint()
    choices = window.menu.text_size.actions
    assert choices[100].isChecked()
    choices[150].trigger()
    # restyling every widget alive takes a while where many windows are open (as in a long test run)
    qtbot.waitUntil(lambda: text_size() == 150 and not window.tasks.busy, timeout=60_000)
    assert text_size() == 150 and choices[150].isChecked()
    assert "font-size: 21pt" in QApplication.instance().styleSheet()
    assert button.sizeHint().width() > normal.width() * 1.3  # an open window's words grew too
    assert "150%" in window.notice.text()
    assert world.desk.settings.text_size() == 150
    set_text_size(100)  # as a restart would leave it, before the desk reads its setting
    again = build_main_window(world.desk)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitUntil(lambda: text_size() == 150, timeout=60_000)
    assert again.menu.text_size.actions[150].isChecked()
    again.close()
