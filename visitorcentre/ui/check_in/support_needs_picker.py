"""Support needs at booking, and shown at check-in: sensory aids, a quiet space, a familiarisation visit.

``SupportNeedsPicker`` goes in the booking dialog: a tick for each need the centre can plan for,
and a line for anything else in the family's words. ``SupportNeedsSign`` goes in the visit panel:
the needs with a sign and a word, so the desk sees them at check-in.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QFrame, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from visitorcentre.ui.shared import status_signs
from visitorcentre.ui.shared.i18n import _
from visitorcentre.ui.shared.wrapping_tick import WrappingTick

#: The needs offered as ticks at booking (the others can be typed).
OFFERED = ("sensory_aids", "quiet_space", "familiarisation")


class SupportNeedsPicker(QFrame):
    """Ticks for the common needs and a line for anything else."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        from visitorcentre.core.engagement import SUPPORT_NEED_LIMIT, SUPPORT_NEEDS  # with the booking dialog

        self.setObjectName("supportNeedsPicker")
        title = QLabel(_("Additional support needs"), self)
        title.setProperty("role", "factName")
        self.boxes: dict[str, QCheckBox] = {}
        grid = QGridLayout()
        grid.setVerticalSpacing(2)
        for number, code in enumerate(OFFERED):
            tick = WrappingTick(
                _(SUPPORT_NEEDS[code]), _("Support need: {need}").format(need=_(SUPPORT_NEEDS[code])), self
            )
            self.boxes[code] = tick.box
            # the words wrap: two a row in any language, each at the top of its row
            grid.addWidget(tick, number // 2, number % 2, Qt.AlignmentFlag.AlignTop)
        self.other = QLineEdit(self)
        self.other.setObjectName("supportNeedOther")
        self.other.setPlaceholderText(_("Anything else, in the family's words (optional)"))
        self.other.setAccessibleName(_("Other support need"))
        self.other.setMaxLength(SUPPORT_NEED_LIMIT)
        grid.addWidget(self.other, 1, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 4, 0, 0)
        column.setSpacing(4)
        column.addWidget(title)
        column.addLayout(grid)

    def needs(self) -> tuple[str, ...]:
        """The needs chosen: codes for the ticks, then the family's own words."""
        chosen = [code for code, box in self.boxes.items() if box.isChecked()]
        other = self.other.text().strip()
        return tuple(chosen + ([other] if other else []))

    def widgets(self) -> list[QWidget]:
        """In tab order."""
        return [*self.boxes.values(), self.other]


class SupportNeedsSign(QFrame):
    """In the visit panel: "Support needed" with the family's needs; hidden when there are none."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("supportNeeds")
        icon = QLabel(self)
        icon.setPixmap(status_signs.icon(status_signs.NOTE.icon).pixmap(28, 28))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        icon.setAccessibleName(_("Note"))
        self.text = QLabel("", self)
        self.text.setWordWrap(True)
        self.text.setObjectName("supportNeedsText")
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 6, 8, 6)
        row.addWidget(icon)
        row.addWidget(self.text, 1)
        self.hide()

    def show_needs(self, needs) -> None:
        # Loaded with the first visit shown, not before the window's first paint.
        from visitorcentre.core.engagement import support_need_label

        needs = [_(support_need_label(need)) for need in needs or ()]
        self.text.setText(
            _("Support needed: {needs}. Have it ready before they go in.").format(needs="; ".join(needs))
            if needs
            else ""
        )
        self.text.setAccessibleName(self.text.text())
        self.setVisible(bool(needs))
