"""The two small dialogs for decisions: give a reason, or confirm.

Flows call the module functions ``ask_reason`` and ``confirm``; tests replace them so that
nothing waits for a click.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from visitorcentre.ui.shared import status_signs
from visitorcentre.ui.shared.i18n import _
from visitorcentre.ui.shared.screen_fit import within_screen


def _explanation_row(parent: QWidget, text: str, sign: status_signs.Sign | None) -> QHBoxLayout:
    row = QHBoxLayout()
    if sign is not None:
        icon = QLabel(parent)
        icon.setPixmap(status_signs.icon(sign.icon).pixmap(32, 32))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        icon.setAccessibleName(_(sign.word))
        row.addWidget(icon)
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setObjectName("dialogExplanation")
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    row.addWidget(label, 1)
    return row


class ReasonDialog(QDialog):
    """Asks for the reason behind a decision (refusing someone, cancelling, letting a late family in)."""

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        explanation: str,
        label: str,
        action: str,
        suggestions: list[str] | None = None,
        prefill: str = "",
        sign: status_signs.Sign | None = status_signs.WARNING,
    ):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setObjectName("reasonDialog")
        self.setMinimumWidth(within_screen(self, 780))
        heading = QLabel(title, self)
        heading.setProperty("role", "heading")
        field_label = QLabel(label, self)
        self.reason = QComboBox(self) if suggestions else None
        if self.reason is not None:
            self.reason.setEditable(True)
            self.reason.addItems(suggestions or [])
            self.reason.setCurrentText(prefill)
            self.editor = self.reason.lineEdit()
        else:
            self.editor = QLineEdit(prefill, self)
        self.editor.setAccessibleName(label)
        self.editor.setPlaceholderText(_("Type the reason"))
        field_label.setBuddy(self.reason or self.editor)
        self.message = QLabel("", self)
        self.message.setProperty("role", "fieldError")
        self.message.setWordWrap(True)
        self.message.hide()
        buttons = QDialogButtonBox(self)
        self.ok_button = QPushButton(action, self)
        self.ok_button.setDefault(True)
        self.ok_button.setProperty("role", "primary")
        self.ok_button.setAccessibleName(action)
        cancel = QPushButton(_("Go back"), self)
        cancel.setAccessibleName(_("Go back without doing this"))
        buttons.addButton(self.ok_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(cancel, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self._accept_if_given)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addWidget(heading)
        layout.addLayout(_explanation_row(self, explanation, sign))
        layout.addWidget(field_label)
        layout.addWidget(self.reason or self.editor)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.editor.setFocus()
        self.editor.selectAll()

    def text(self) -> str:
        return self.editor.text().strip()

    def _accept_if_given(self) -> None:
        if not self.text():
            self.message.setText(_("Warning: please give a reason first."))
            self.message.show()
            self.editor.setFocus()
            return
        self.accept()


def ask_reason(
    parent: QWidget | None,
    title: str,
    explanation: str,
    label: str,
    action: str,
    suggestions: list[str] | None = None,
    prefill: str = "",
    sign: status_signs.Sign | None = status_signs.WARNING,
) -> str | None:
    """The reason typed, or None if the worker went back."""
    dialog = ReasonDialog(parent, title, explanation, label, action, suggestions, prefill, sign)
    return dialog.text() if dialog.exec() == QDialog.DialogCode.Accepted else None


class ConfirmDialog(QDialog):
    """Asks the worker to confirm something that cannot easily be undone."""

    def __init__(self, parent: QWidget | None, title: str, explanation: str, action: str):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(within_screen(self, 560))
        heading = QLabel(title, self)
        heading.setProperty("role", "heading")
        buttons = QDialogButtonBox(self)
        yes = QPushButton(action, self)
        no = QPushButton(_("Go back"), self)
        no.setDefault(True)
        buttons.addButton(yes, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(no, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addWidget(heading)
        layout.addLayout(_explanation_row(self, explanation, status_signs.NOTE))
        layout.addWidget(buttons)
        no.setFocus()


def confirm(parent: QWidget | None, title: str, explanation: str, action: str) -> bool:
    """True if the worker confirmed."""
    return ConfirmDialog(parent, title, explanation, action).exec() == QDialog.DialogCode.Accepted
