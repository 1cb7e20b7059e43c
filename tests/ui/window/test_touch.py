"""Touch and the on-screen keyboard: every button a finger can hit, every field takes the platform's keyboard.

Kiosk screens are often touch screens with no keyboard beside them. Every button and tick box
of every window is at least 44×44 px (WCAG 2.5.5), and every field a person types in accepts
the input method that the platform's on-screen keyboard types through, even with the barcode
scanner (which listens to every key in the app) switched on.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QLineEdit, QPlainTextEdit, QTextEdit

from tests.ui.window.conftest import KIOSK
from tests.ui.window.desk_windows import WINDOWS, open_window, shown_buttons

FIELDS = (QLineEdit, QPlainTextEdit, QTextEdit, QComboBox, QAbstractSpinBox)
#: A finger's target, in pixels (WCAG 2.2 target size, enhanced).
TARGET = 44


@pytest.mark.parametrize("desk_on", [pytest.param((KIOSK, "en", 100), id="1280x720")], indirect=True)
def test_every_button_of_every_window_is_big_enough_to_touch(qtbot, desk_on):
    small = []
    for name in WINDOWS:
        shown = open_window(qtbot, name, desk_on)
        for button in shown_buttons(shown):
            if button.width() < TARGET or button.height() < TARGET:
                label = button.text() or button.accessibleName() or button.objectName()
                small.append(f"{name}: “{label}” is {button.width()}×{button.height()} px")
        if shown is not desk_on.window:
            shown.close()
    assert small == [], "\n".join(small)


def _typed_in(widget) -> bool:
    """Whether a person types into ``widget`` (a field that is not read-only)."""
    if isinstance(widget, QComboBox):
        return widget.isEditable()
    if isinstance(widget, (QLineEdit, QPlainTextEdit, QTextEdit)):
        return not widget.isReadOnly()
    return isinstance(widget, QAbstractSpinBox) and not widget.isReadOnly()


@pytest.mark.parametrize("desk_on", [pytest.param((KIOSK, "en", 100), id="1280x720")], indirect=True)
def test_every_field_of_every_window_takes_the_on_screen_keyboard(qtbot, desk_on):
    closed = []
    for name in WINDOWS:
        shown = open_window(qtbot, name, desk_on)
        fields = [field for kind in FIELDS for field in shown.findChildren(kind)]
        for field in fields:
            target = field.lineEdit() if isinstance(field, QComboBox) else field
            if _typed_in(field) and not target.testAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled):
                closed.append(f"{name}: {field.accessibleName() or field.objectName()}")
        if shown is not desk_on.window:
            shown.close()
    assert closed == []


def test_the_on_screen_keyboard_types_into_the_search_with_the_scanner_listening(qtbot, window):
    """An on-screen keyboard sends its words as input-method text; the scanner must let them through."""
    window.scanner.enabled = True
    box = window.search.box
    box.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is box)
    event = QInputMethodEvent("", [])
    event.setCommitString("MacDonald")
    QApplication.sendEvent(box, event)
    assert box.text() == "MacDonald"
