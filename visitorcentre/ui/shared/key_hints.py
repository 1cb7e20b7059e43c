"""Buttons that show their key ("Book a visit  (Ctrl+B)") when there is room, and their name alone when not.

On a narrow screen the keys on the buttons cost a row of buttons, or the visit itself. Below
``COMPACT_WIDTH`` the window's buttons show their names only; the key moves to the tooltip,
and it is always in the menus (which show every key) and in Help > Keys for the desk, so
nothing depends on a hover.
"""

from __future__ import annotations

import re

from PySide6.QtWidgets import QAbstractButton

#: Narrower than this, a window's buttons drop their keys.
COMPACT_WIDTH = 1440
_KEY = re.compile(r"^(?P<name>.*?)\s+\((?P<key>(?:Ctrl|Shift|Alt|F\d{1,2})[^()]*)\)$")
_FULL = "visitorcentreFullText"


def name_and_key(text: str) -> tuple[str, str]:
    """("Book a visit", "Ctrl+B") from "Book a visit  (Ctrl+B)"; (text, "") when it names no key."""
    found = _KEY.match(text)
    return (found["name"], found["key"]) if found else (text, "")


def show_keys(buttons: list[QAbstractButton], room: int) -> None:
    """Show each button's key on it if ``room`` (the window's width) is at least COMPACT_WIDTH."""
    compact = room < COMPACT_WIDTH
    for button in buttons:
        full = button.property(_FULL)
        if full is None or (button.text() not in (full, name_and_key(full)[0])):
            full = button.text()  # first time, or the text was changed since
            button.setProperty(_FULL, full)
        name, key = name_and_key(full)
        if not key:
            continue
        button.setText(name if compact else full)
        if compact and not button.toolTip():
            button.setToolTip(f"{name} ({key})")
