"""Check results shown as rows of sign and plain words, for the visit panel and the booking dialog."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from visitorcentre.ui.shared import status_signs
from visitorcentre.ui.shared.i18n import _

if TYPE_CHECKING:
    from visitorcentre.core.checks import CheckResult


def elsewhere_result(place: str) -> CheckResult:
    """What the visit panel says about a visit at another establishment (it is never checked in here)."""
    from visitorcentre.core.checks import CheckResult  # with the records; the window starts without
    from visitorcentre.core.severity import Severity

    return CheckResult(
        "another_establishment",
        Severity.STOP,
        _("This visit is at {place}, not here.").format(place=place),
        _("The family checks in at that prison's visitor centre: it cannot be checked in at this desk."),
    )


class ResultsList(QFrame):
    """Check results as rows of sign and plain words: what is wrong and what to do next."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("resultsList")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._rows: list[QWidget] = []

    def set_results(self, results: list[CheckResult] | tuple[CheckResult, ...]) -> None:
        for row in self._rows:
            row.deleteLater()
        self._rows = []
        for result in results:
            self._add(status_signs.result_text(result), status_signs.severity_sign(result.severity))
        self.setVisible(bool(self._rows))

    def texts(self) -> list[str]:
        return [row.findChild(QLabel, "resultText").text() for row in self._rows]

    def _add(self, text: str, sign: status_signs.Sign) -> None:
        row = QFrame(self)
        row.setProperty("kind", sign.icon)
        row.setObjectName("resultRow")
        icon = QLabel(row)
        icon.setPixmap(status_signs.icon(sign.icon).pixmap(28, 28))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        icon.setAccessibleName(_(sign.word))
        label = QLabel(text, row)
        label.setObjectName("resultText")
        label.setWordWrap(True)
        layout = QHBoxLayout(row)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(icon)
        layout.addWidget(label, 1)
        self._layout.addWidget(row)
        self._rows.append(row)
