"""Visits that need review: each flag's words, settled quickly as "checked, goes ahead" (with how
the family was told), or opened in the one settling dialog (``settle_review``: party changed,
cancelled, moved, a letter); opened from the Today board's count."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from visitorcentre.core.views import ReviewFlag
from visitorcentre.ui.check_in.settle_review import SettleReview, family_told_choices, flag_heading
from visitorcentre.ui.runtime.tasks import DeskTasks
from visitorcentre.ui.shared.i18n import _, ngettext


class ReviewList(QDialog):
    """The open flags, soonest visit first; the chosen one is settled as going ahead."""

    def __init__(self, desk, tasks: DeskTasks, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("reviewList")
        self.setWindowTitle(_("Visits that need review"))
        self._desk = desk
        self._tasks = tasks
        heading = QLabel(_("Visits that need review"), self)
        heading.setProperty("role", "heading")
        self.count = QLabel(_("Loading…"), self)  # how many, or that none does: never a blank box
        self.count.setObjectName("reviewCount")
        self.count.setWordWrap(True)
        self.flags = QListWidget(self)
        self.flags.setObjectName("reviewFlags")
        self.flags.setWordWrap(True)
        self.flags.setAccessibleName(_("Visits that need review"))
        told_label = QLabel(_("How the &family was told"), self)
        self.told = QComboBox(self)
        self.told.setObjectName("familyTold")
        for words, value in family_told_choices():
            self.told.addItem(words, value)
        told_label.setBuddy(self.told)
        self.goes_ahead = QPushButton(_("&Checked, goes ahead"), self)
        self.goes_ahead.setObjectName("reviewGoesAhead")
        self.goes_ahead.clicked.connect(self._goes_ahead)
        self.settle_button = QPushButton(_("&Settle, move or cancel…"), self)
        self.settle_button.setObjectName("reviewSettle")
        self.settle_button.clicked.connect(self.settle)
        self.flags.itemActivated.connect(lambda _item: self.settle())
        self.settle_dialog: SettleReview | None = None
        self._shown: dict[str, ReviewFlag] = {}
        self.message = QLabel("", self)
        self.message.setWordWrap(True)
        self.message.setObjectName("reviewMessage")
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.count)
        layout.addWidget(self.flags, 1)
        layout.addWidget(told_label)
        layout.addWidget(self.told)
        layout.addWidget(self.goes_ahead)
        layout.addWidget(self.settle_button)
        layout.addWidget(self.message)
        layout.addWidget(close)
        self.resize(640, 420)
        for button in self.findChildren(QPushButton):  # Enter on a list chooses its row, never a button
            button.setAutoDefault(False)
        self.refresh()

    def refresh(self) -> None:
        self._tasks.run(self._desk.visits.needing_review, self.show_flags, key="review", label=_("Loading…"))

    def show_flags(self, flags: list[ReviewFlag]) -> None:
        self.flags.clear()
        self._shown = {flag.id: flag for flag in flags}
        for flag in flags:
            item = QListWidgetItem(f"{flag_heading(flag)}\n{flag.words}")
            item.setData(256, flag.id)  # Qt.UserRole
            self.flags.addItem(item)
        if flags:
            self.flags.setCurrentRow(0)
            self.count.setText(
                ngettext("{count} visit needs review", "{count} visits need review", len(flags)).format(
                    count=len(flags)
                )
            )
        else:
            self.count.setText(_("No booked visit needs review."))
        self.goes_ahead.setEnabled(bool(flags))
        self.settle_button.setEnabled(bool(flags))

    def settle(self) -> None:
        """Open the chosen flag in the settling dialog; the list is read again once it is settled."""
        item = self.flags.currentItem()
        flag = self._shown.get(item.data(256)) if item is not None else None
        if flag is None:
            return
        self.settle_dialog = SettleReview(self._desk, self._tasks, flag, self)
        self.settle_dialog.settled.connect(lambda _id: self.refresh())
        self.settle_dialog.open()

    def _goes_ahead(self) -> None:
        item = self.flags.currentItem()
        if item is None:
            return
        review_id, told = item.data(256), self.told.currentData()
        self._tasks.run(
            lambda: self._desk.visits.resolve_review(review_id, "goes_ahead", family_told=told),
            lambda _result: self._after(_("Checked: the visit goes ahead.")),
            lambda problem: self.message.setText(str(problem)),
            label=_("Saving…"),
        )

    def _after(self, words: str) -> None:
        self.message.setText(words)
        self.refresh()
