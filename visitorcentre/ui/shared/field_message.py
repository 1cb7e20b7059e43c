"""A message shown next to a form field: what is wrong with it and what to type instead."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QWidget

from visitorcentre.ui.shared import status_signs
from visitorcentre.ui.shared.i18n import _, say


class FieldMessage(QFrame):
    """Hidden until there is something to say; always an icon and a word with the words."""

    def __init__(self, parent: QWidget | None = None, name: str = ""):
        super().__init__(parent)
        self.setObjectName(f"{name}Message" if name else "fieldMessage")
        self.setProperty("role", "fieldError")
        self.icon = QLabel(self)
        self.icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.label = QLabel("", self)
        self.label.setWordWrap(True)
        self.label.setProperty("role", "fieldErrorText")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.icon)
        layout.addWidget(self.label, 1)
        self.hide()

    def say(self, message: str, sign: status_signs.Sign = status_signs.WARNING) -> None:
        self.icon.setPixmap(status_signs.icon(sign.icon).pixmap(22, 22))
        self.icon.setAccessibleName(_(sign.word))
        self.label.setText(f"{_(sign.word)}: {say(message)}")
        self.label.setAccessibleName(self.label.text())
        self.show()

    def clear(self) -> None:
        self.label.setText("")
        self.hide()

    def text(self) -> str:
        return "" if self.isHidden() else self.label.text()


def form_buttons(message: QWidget, *buttons: QWidget) -> QHBoxLayout:
    """A form's bottom row: the form-wide message on the left, the buttons (last one primary) on the right."""
    row = QHBoxLayout()
    row.addWidget(message, 1)
    row.addStretch(1)
    for button in buttons:
        button.setMinimumWidth(220)
        row.addWidget(button)
    return row
