"""Step 3 of a travel-costs application: receipts and the stamped visit confirmation, shown as thumbnails.

The worker picks the expense a receipt is for and chooses the file (a photo or a PDF); the desk
checks it by its content and its size, and a refused file is explained right next to the attach
buttons. Every attached file shows as a small picture with what it is for.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from visitorcentre.core.cost_of_visits.views import Attachment, Expense
from visitorcentre.core.cost_of_visits.vocab import ATTACHMENT_KIND_LABELS, RECEIPT_TYPES, AttachmentKind
from visitorcentre.ui.cost_of_visits.expenses_model import expense_label
from visitorcentre.ui.shared import status_signs
from visitorcentre.ui.shared.field_message import FieldMessage
from visitorcentre.ui.shared.i18n import _, long_date

THUMBNAIL = 160
FILE_FILTER = "Photos and PDFs (*.png *.jpg *.jpeg *.pdf);;All files (*)"


def choose_file(parent: QWidget, title: str) -> str:
    """The file the worker picks ("" if they change their mind); tests replace this."""
    path, _filter = QFileDialog.getOpenFileName(parent, title, str(Path.home()), _(FILE_FILTER))
    return path


class ReceiptsStrip(QWidget):
    """Attach controls, the message about a refused file, and the attached files as thumbnails."""

    #: Attach this file: (path, kind, expense index or -1 for the visit confirmation).
    attach_requested = Signal(str, str, int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._attachments: tuple[Attachment, ...] = ()
        self._card_widgets: list[QFrame] = []
        self._read_only = False
        heading = QLabel(_("Receipts and the stamped visit confirmation"), self)
        heading.setProperty("role", "subheading")
        hint = QLabel(
            _(
                "Photograph or scan each receipt, or the family can send them later. Photos (PNG or JPEG) "
                "and PDFs up to 5 MB."
            ),
            self,
        )
        hint.setWordWrap(True)
        hint.setProperty("role", "subtle")
        self.expense_choice = QComboBox(self)
        self.expense_choice.setObjectName("receiptFor")
        self.expense_choice.setAccessibleName(_("The expense this receipt is for"))
        choice_label = QLabel(_("Receipt for:"), self)
        choice_label.setBuddy(self.expense_choice)
        self.receipt_button = QPushButton(_("Attach receipt…"), self)
        self.receipt_button.setObjectName("attachReceipt")
        self.receipt_button.setAccessibleName(_("Attach a receipt for the chosen expense"))
        self.confirmation_button = QPushButton(_("Attach stamped visit confirmation…"), self)
        self.confirmation_button.setObjectName("attachConfirmation")
        self.confirmation_button.setAccessibleName(_("Attach the stamped visit confirmation"))
        self.message = FieldMessage(self, "attachment")
        self.message.setAccessibleName(_("Why the file was refused"))
        controls = QGridLayout()
        controls.addWidget(choice_label, 0, 0)
        controls.addWidget(self.expense_choice, 0, 1)
        controls.addWidget(self.receipt_button, 0, 2)
        controls.addWidget(self.confirmation_button, 0, 3)
        controls.addWidget(self.message, 1, 0, 1, 4)
        controls.setColumnStretch(1, 1)
        self.cards = QWidget()
        self.cards.setObjectName("thumbnails")
        self._cards = QHBoxLayout(self.cards)
        self._cards.setContentsMargins(0, 0, 0, 0)
        self._cards.setSpacing(12)
        self._cards.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.cards)
        scroll.setFixedHeight(THUMBNAIL + 120)
        scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.empty = QLabel(_("Nothing attached yet."), self)
        self.empty.setProperty("role", "subtle")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading)
        layout.addWidget(hint)
        layout.addLayout(controls)
        layout.addWidget(self.empty)
        layout.addWidget(scroll)
        self.needed = QLabel("", self)
        self.needed.setObjectName("evidenceNeeded")
        self.needed.setWordWrap(True)
        self.needed.setAccessibleName(_("Still needed"))
        layout.addWidget(self.needed)
        layout.addStretch(1)
        self.receipt_button.clicked.connect(self.attach_receipt)
        self.confirmation_button.clicked.connect(self.attach_confirmation)

    # --- what can be attached -------------------------------------------------------------------

    def set_expenses(self, expenses: tuple[Expense, ...]) -> None:
        """Offer the expenses that need a receipt (kept in their place in the application)."""
        chosen = self.expense_choice.currentData()
        self.expense_choice.clear()
        for index, expense in enumerate(expenses):
            if expense.type in RECEIPT_TYPES:
                tick = _(" (have it)") if expense.receipt else ""
                self.expense_choice.addItem(f"{index + 1}. {expense_label(expense.type)}{tick}", index)
        if chosen is not None:
            self.expense_choice.setCurrentIndex(max(self.expense_choice.findData(chosen), 0))
        self._update_buttons()

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self._update_buttons()

    def _update_buttons(self) -> None:
        editable = not self._read_only
        self.receipt_button.setEnabled(editable and self.expense_choice.count() > 0)
        self.expense_choice.setEnabled(editable)
        self.confirmation_button.setEnabled(editable)

    def attach_receipt(self) -> None:
        index = self.expense_choice.currentData()
        if index is None:
            self.message.say(
                _("Add the bus, train, parking or other expense on the journey step first."), status_signs.NOTE
            )
            return
        path = choose_file(self, _("Choose the receipt"))
        if path:
            self.message.clear()
            self.attach_requested.emit(path, str(AttachmentKind.RECEIPT), int(index))

    def attach_confirmation(self) -> None:
        path = choose_file(self, _("Choose the stamped visit confirmation"))
        if path:
            self.message.clear()
            self.attach_requested.emit(path, str(AttachmentKind.VISIT_CONFIRMATION), -1)

    def show_needed(self, needed: tuple[str, ...] | list[str], due) -> None:
        """What the family still has to send, and by when."""
        if not needed:
            self.needed.setText(_("Nothing else is needed."))
            return
        text = _("Still needed: {items}.").format(items="; ".join(needed))
        if due is not None:
            text += " " + _("The family can post them to the central team by {day}.").format(day=long_date(due))
        self.needed.setText(text)

    def refuse(self, reason: str) -> None:
        """A file was refused: say why, next to the attach buttons."""
        self.message.say(reason, status_signs.STOP)

    # --- thumbnails -----------------------------------------------------------------------------

    def show_attachments(self, attachments: tuple[Attachment, ...], expenses: tuple[Expense, ...]) -> None:
        self._attachments = tuple(attachments)
        for card in self._card_widgets:
            self._cards.removeWidget(card)
            card.deleteLater()
        self._card_widgets = [self._card(attachment, expenses) for attachment in self._attachments]
        for card in self._card_widgets:
            self._cards.insertWidget(self._cards.count() - 1, card)
        self.empty.setVisible(not self._attachments)

    def _card(self, attachment: Attachment, expenses: tuple[Expense, ...]) -> QFrame:
        card = QFrame(self.cards)
        card.setObjectName("thumbnailCard")
        picture = QLabel(card)
        picture.setObjectName("thumbnail")
        picture.setFixedSize(THUMBNAIL, THUMBNAIL)
        picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        pixmap = QPixmap()
        if attachment.thumbnail_png and pixmap.loadFromData(attachment.thumbnail_png):
            picture.setPixmap(
                pixmap.scaled(
                    THUMBNAIL, THUMBNAIL, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
                )
            )
        else:
            picture.setText(_("PDF") if attachment.media_type == "application/pdf" else _("File"))
        what = _(ATTACHMENT_KIND_LABELS.get(attachment.kind, attachment.kind))
        index = attachment.expense_index
        if attachment.kind == AttachmentKind.RECEIPT and index is not None and 0 <= index < len(expenses):
            what = _("Receipt: {expense}").format(expense=expense_label(expenses[index].type))
        caption = QLabel(f"{what}\n{attachment.original_name}", card)
        caption.setWordWrap(True)
        caption.setFixedWidth(THUMBNAIL + 40)
        caption.setProperty("role", "subtle")
        card.setAccessibleName(f"{what}: {attachment.original_name}")
        layout = QVBoxLayout(card)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(picture, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(caption)
        layout.addStretch(1)
        return card

    def receipt_pictures(self, size: int = 48) -> dict[int, QPixmap]:
        """A small picture of each attached receipt, by the expense it is for (the journey table shows them)."""
        pictures = {}
        for attachment in self._attachments:
            pixmap = QPixmap()
            if (
                attachment.kind == AttachmentKind.RECEIPT
                and attachment.expense_index is not None
                and attachment.thumbnail_png
                and pixmap.loadFromData(attachment.thumbnail_png)
            ):
                pictures[attachment.expense_index] = pixmap.scaled(
                    size, size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
                )
        return pictures

    def captions(self) -> list[str]:
        """What each thumbnail says, in order (for reading out, and for the tests)."""
        return [card.accessibleName() for card in self._card_widgets]

    def thumbnails(self) -> list[QLabel]:
        return [card.findChild(QLabel, "thumbnail") for card in self._card_widgets]
