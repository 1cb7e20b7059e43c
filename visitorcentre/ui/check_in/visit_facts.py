"""The visit panel's facts: a name and its value in a grid, hidden together while the value is empty."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel

from visitorcentre.ui.runtime.qt_names import Qt

if TYPE_CHECKING:
    from PySide6.QtWidgets import QGridLayout, QWidget


def fact_row(grid: QGridLayout, row: int, parent: QWidget, title: str) -> QLabel:
    """Add the fact ``title`` at ``row`` of ``grid``; returns the label that shows its value."""
    name = QLabel(title, parent)
    name.setProperty("role", "factName")
    value = QLabel("", parent)
    value.setWordWrap(True)
    value.setAccessibleName(title)
    value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    name.setBuddy(value)
    grid.addWidget(name, row, 0, Qt.AlignmentFlag.AlignTop)
    grid.addWidget(value, row, 1)
    grid.setColumnStretch(1, 1)
    value.setProperty("factName", name)
    return value


def show_fact(label: QLabel, text: str) -> None:
    """Show ``text`` as the fact's value, or hide the fact (name and value) when there is none."""
    label.setText(text)
    label.setVisible(bool(text))
    label.property("factName").setVisible(bool(text))
