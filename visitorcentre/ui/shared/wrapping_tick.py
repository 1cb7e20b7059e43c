"""A tick box whose words wrap: a QCheckBox keeps its text on one line, however narrow the room.

The box carries no text of its own (its accessible name says it); a word-wrapped label beside it
does, and a press on the label ticks the box, as a press on a tick box's own words would.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QWidget

from visitorcentre.ui.shared.screen_fit import may_narrow

#: A finger's target, in pixels, as every button and tick box.
TARGET = 44


class WrappingTick(QWidget):
    """``box`` is the tick (check it, connect to it); ``label`` holds the words, wrapped."""

    def __init__(self, text: str, accessible: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.box = QCheckBox(self)
        self.box.setAccessibleName(accessible)
        self.box.setMinimumSize(TARGET, TARGET)  # a finger's target whatever the stylesheet
        self.label = QLabel(text, self)
        self.label.setWordWrap(True)
        self.label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.label.setMinimumHeight(TARGET)  # one line sits level with its box
        self.label.setBuddy(self.box)
        self.label.installEventFilter(self)
        may_narrow(self.label)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(2)
        row.addWidget(self.box, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.label, 1)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if watched is self.label and event.type() == QEvent.Type.MouseButtonRelease and self.box.isEnabled():
            self.box.toggle()
            self.box.setFocus(Qt.FocusReason.MouseFocusReason)
            return True
        return False
