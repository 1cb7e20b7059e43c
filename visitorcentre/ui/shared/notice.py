"""A calm message line across the window: what just happened, or what went wrong and what to do."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from visitorcentre.ui.shared import status_signs
from visitorcentre.ui.shared.i18n import _, say


class NoticeBar(QFrame):
    """Shows one message with its sign (icon and word); hidden until there is something to say."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("notice")
        self.icon = QLabel(self)
        self.text_label = QLabel("", self)
        self.text_label.setObjectName("noticeText")
        self.text_label.setWordWrap(True)
        self.text_label.setProperty("textInteractionFlags", "TextSelectableByMouse")  # (by name: see qt_names)
        self.text_label.setAccessibleName(_("Message"))
        self.dismiss = QPushButton(_("Dismiss"), self)
        self.dismiss.setObjectName("noticeDismiss")
        self.dismiss.setAccessibleName(_("Dismiss the message"))
        self.dismiss.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        layout.addWidget(self.icon)
        layout.addWidget(self.text_label, 1)
        layout.addWidget(self.dismiss)
        self.hide()

    def say(self, message: str, sign: status_signs.Sign = status_signs.NOTE) -> None:
        """Show ``message`` with ``sign``; the word is written out so colour is never the only cue."""
        self.setProperty("kind", sign.icon)
        self.style().unpolish(self)
        self.style().polish(self)
        self.icon.setPixmap(status_signs.icon(sign.icon).pixmap(28, 28))
        self.icon.setAccessibleName(_(sign.word))
        self.text_label.setText(f"{_(sign.word)}: {say(message)}")
        self.show()

    def text(self) -> str:
        return "" if self.isHidden() else self.text_label.text()
