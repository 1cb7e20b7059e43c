"""A leaflet as it will print, page under page, inside a screen (the rules editor, the leaflets dialog).

The leaflet is made by the Qt-free printing code and reaches the desk as PDF bytes; ``make_pages``
renders them with pypdfium2 at screen resolution on the background worker (through
``printouts.render``), and ``LeafletPreview`` shows the images scaled to its width. While a new
preview is being made the old pages stay on screen, marked "Updating…", so nothing flickers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap, QResizeEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from visitorcentre.core.advice import LANGUAGE_NAMES
from visitorcentre.ui.shared import status_signs
from visitorcentre.ui.shared.i18n import N_, _

if TYPE_CHECKING:
    from visitorcentre.ui.shared.printouts import Printout

#: The leaflets the desk can print, in the order a worker is offered them.
LEAFLET_KINDS = {
    "visit-guide": N_("Visit guide: every rule"),
    "first-visit": N_("First visit: step by step"),
    "children": N_("For children (5 to 12)"),
    "easy-read": N_("Easy read"),
    "help-with-costs": N_("Help with the cost of visits"),
}
#: The languages the leaflets and the checklist come in (each named in its own language).
LANGUAGES = dict(LANGUAGE_NAMES)
#: Enough to read the leaflet on screen; printing renders again at the printer's resolution.
SCREEN_DPI = 96


def leaflet_title(kind: str, language: str) -> str:
    """The leaflet as the desk names it, e.g. "Visit guide: every rule (Polski)"."""
    return _("{leaflet} ({language})").format(
        leaflet=_(LEAFLET_KINDS.get(kind, kind)), language=LANGUAGES.get(language, language)
    )


def file_name(kind: str, language: str, establishment: str) -> str:
    """The name suggested when the leaflet is saved as a PDF."""
    return f"leaflet-{kind}-{establishment.lower()}-{language}.pdf"


def make_pages(kind: str, language: str, establishment: str, pdf: bytes, dpi: int = SCREEN_DPI) -> Printout:
    """The leaflet's pages as images (on the background worker, with the desk call that made the PDF)."""
    from visitorcentre.ui.shared import printouts  # Qt's print support, loaded with the first printout

    return printouts.render(leaflet_title(kind, language), file_name(kind, language, establishment), pdf, dpi)


def pages_with_draft(desk, kind: str, language: str, draft, editing_key: str | None) -> Printout:
    """The leaflet as it would print with ``draft`` in place of rule ``editing_key`` (or added, for a new rule).

    On the background worker: it reads the rules and makes the PDF through the desk."""
    override = None
    if draft is not None and draft.text.strip():
        rules = desk.advice.rules(language=language)
        if editing_key is None:
            override = list(rules) + [draft]
        else:
            override = [draft if r.rule_key == editing_key else r for r in rules]
    return make_pages(
        kind,
        language,
        desk.ctx.establishment,
        desk.advice.leaflet_pdf(kind, language=language, rules_override=override),
    )


class LeafletPreview(QFrame):
    """The leaflet's pages, scaled to the width of the frame, with a line saying how fresh they are."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("leafletPreview")
        self.printout: Printout | None = None
        self.state_icon = QLabel(self)
        self.state = QLabel(_("The preview appears here."), self)
        self.state.setObjectName("leafletPreviewState")
        self.state.setWordWrap(True)
        self.state.setAccessibleName(_("About the preview"))
        state_row = QHBoxLayout()
        state_row.setContentsMargins(8, 4, 8, 4)
        state_row.addWidget(self.state_icon)
        state_row.addWidget(self.state, 1)
        self.scroll = QScrollArea(self)
        self.scroll.setObjectName("leafletPages")
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setAccessibleName(_("Preview of the leaflet, page by page"))
        self.scroll.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # arrow keys and Page Down scroll the pages
        self._pages_widget = QWidget()
        self._pages_widget.setObjectName("leafletPagesInner")
        self._pages_layout = QVBoxLayout(self._pages_widget)
        self._pages_layout.setContentsMargins(12, 12, 12, 12)
        self._pages_layout.setSpacing(12)
        self._pages_layout.addStretch(1)
        self.scroll.setWidget(self._pages_widget)
        self._labels: list[QLabel] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(state_row)
        layout.addWidget(self.scroll, 1)

    # --- what the frame says --------------------------------------------------------------------

    def updating(self) -> None:
        """A newer leaflet is being made: keep the old pages, and say so."""
        self._say(_("Updating the preview…"), status_signs.NOTE)

    def failed(self, message: str) -> None:
        self._say(_("The preview could not be made: {message}").format(message=message), status_signs.WARNING)

    def _say(self, text: str, sign: status_signs.Sign) -> None:
        self.state_icon.setPixmap(status_signs.icon(sign.icon).pixmap(22, 22))
        self.state_icon.setAccessibleName(_(sign.word))
        self.state.setText(text)
        self.setProperty("kind", sign.icon)

    def show_printout(self, printout: Printout) -> None:
        """Show ``printout``'s pages instead of the ones there."""
        self.printout = printout
        for label in self._labels:
            label.deleteLater()
        self._labels = []
        for number, image in enumerate(printout.pages, start=1):
            label = QLabel(self._pages_widget)
            label.setObjectName("leafletPage")
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            label.setAccessibleName(_("Page {number} of {count}").format(number=number, count=len(printout.pages)))
            label.setProperty("image", image)
            self._pages_layout.insertWidget(self._pages_layout.count() - 1, label)
            self._labels.append(label)
        self._fit()
        pages = len(printout.pages)
        self._say(
            _("{title}: {pages}, as it will print.").format(
                title=printout.title, pages=_("1 page") if pages == 1 else _("{n} pages").format(n=pages)
            ),
            status_signs.OK,
        )

    def page_count(self) -> int:
        return len(self._labels)

    def text(self) -> str:
        return self.state.text()

    # --- fitting the pages to the width ---------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        width = max(self.scroll.viewport().width() - 44, 120)  # room for the scroll bar when it comes
        for label in self._labels:
            image = label.property("image")
            pixmap = QPixmap.fromImage(image).scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
            label.setPixmap(pixmap)
