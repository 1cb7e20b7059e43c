"""The visit panel's "Needs review" box: each unsettled flag of the open visit in plain words, with
a button that opens the one settling dialog (``settle_review.SettleReview``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from visitorcentre.ui.runtime.tasks import DeskTasks
from visitorcentre.ui.shared import status_signs
from visitorcentre.ui.shared.i18n import _, ngettext

if TYPE_CHECKING:  # the views load with the first answer from the records, not before the first paint
    from visitorcentre.core.views import ReviewFlag


class ReviewBox(QFrame):
    """Hidden unless the open visit has a flag not yet settled."""

    def __init__(self, desk, tasks: DeskTasks, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("needsReviewBox")
        self._desk, self._tasks = desk, tasks
        self._visit_id: str | None = None
        self.flags: list[ReviewFlag] = []
        self.settle_buttons: list[QPushButton] = []
        self.dialog = None
        icon = QLabel(self)
        icon.setPixmap(status_signs.icon(status_signs.WARNING.icon).pixmap(28, 28))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.heading = QLabel("", self)
        self.heading.setProperty("role", "subheading")
        self.rows = QVBoxLayout()
        column = QVBoxLayout()
        column.addWidget(self.heading)
        column.addLayout(self.rows)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(column, 1)
        self.setVisible(False)

    def load(self, visit_id: str | None, can_settle: bool) -> None:
        """Read the flags of ``visit_id`` (None: nothing to show)."""
        self._visit_id = visit_id
        if visit_id is None:
            self.show_flags([], can_settle)
            return
        self._tasks.run(
            lambda: self._desk.visits.reviews_of_visit(visit_id),
            lambda flags: self.show_flags(flags, can_settle) if self._visit_id == visit_id else None,
            key="visit-reviews",
            label=_("Opening the visit…"),
        )

    def show_flags(self, flags: list[ReviewFlag], can_settle: bool) -> None:
        self.flags = [f for f in flags if f.open]
        while self.rows.count():
            item = self.rows.takeAt(0)
            if (widget := item.widget()) is not None:
                widget.deleteLater()
        self.settle_buttons = []
        count = len(self.flags)
        self.heading.setText(
            ngettext(
                "Needs review: {count} change since booking", "Needs review: {count} changes since booking", count
            ).format(count=count)
        )
        for flag in self.flags:
            row = QWidget(self)
            words = QLabel(flag.words, row)
            words.setObjectName("needsReviewWords")
            words.setWordWrap(True)
            words.setAccessibleName(_("What changed"))
            settle = QPushButton(_("Settle…"), row)
            settle.setObjectName("settleReviewButton")
            settle.setAccessibleName(_("Settle: goes ahead, party changed, moved or cancelled"))
            settle.setEnabled(can_settle)
            settle.clicked.connect(lambda _checked=False, chosen=flag: self.settle(chosen))
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            line.addWidget(words, 1)
            line.addWidget(settle, 0, Qt.AlignmentFlag.AlignTop)
            self.rows.addWidget(row)
            self.settle_buttons.append(settle)
        self.setVisible(bool(self.flags))

    def settle(self, flag: ReviewFlag) -> None:
        """Open the settling dialog for ``flag`` (the panel reads the visit again once it is settled)."""
        from visitorcentre.ui.check_in.settle_review import SettleReview

        self.dialog = SettleReview(self._desk, self._tasks, flag, self.window())
        self.dialog.open()
