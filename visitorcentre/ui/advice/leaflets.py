"""Leaflets at the desk: the visit guide, first visit, children's, easy-read and help-with-costs leaflets.

"Leaflets" (Ctrl+Shift+L) asks which leaflet and in which language — the language the open
visit's lead visitor prefers, when there is one — then shows it as it will print, and prints it
on the A4 printer last used (remembered per desk) or saves it as a PDF, through the one printing
flow (``ui/shared/print_flow.py``), which makes and renders it off the GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QComboBox, QDialog, QGridLayout, QLabel, QPushButton, QRadioButton, QVBoxLayout, QWidget

from visitorcentre.core.errors import VisitorCentreError
from visitorcentre.ui.advice.leaflet_preview import LANGUAGES, LEAFLET_KINDS, file_name, leaflet_title
from visitorcentre.ui.runtime.tasks import DeskTasks
from visitorcentre.ui.shared import status_signs
from visitorcentre.ui.shared.field_message import form_buttons
from visitorcentre.ui.shared.i18n import _
from visitorcentre.ui.shared.notice import NoticeBar
from visitorcentre.ui.shared.print_flow import A4, Document, print_document
from visitorcentre.ui.shared.screen_fit import within_screen


class LeafletDialog(QDialog):
    """Which leaflet, and in which language."""

    def __init__(self, parent: QWidget | None, language: str = "en", kind: str = "visit-guide"):
        super().__init__(parent)
        self.setObjectName("leafletDialog")
        self.setWindowTitle(_("Leaflets"))
        self.setMinimumWidth(within_screen(self, 720))
        heading = QLabel(_("Print a leaflet for the family"), self)
        heading.setProperty("role", "heading")
        explanation = QLabel(
            _(
                "Each leaflet names this prison and is dated with the rules as of today. Choose "
                "the leaflet and the language; you see it before it prints."
            ),
            self,
        )
        explanation.setWordWrap(True)
        grid = QGridLayout()
        grid.setVerticalSpacing(4)
        self.kinds: dict[str, QRadioButton] = {}
        for row, (code, name) in enumerate(LEAFLET_KINDS.items()):
            button = QRadioButton(f"&{row + 1}  {_(name)}", self)
            button.setAccessibleName(_(name))
            button.setChecked(code == kind)
            grid.addWidget(button, row, 0, 1, 2)
            self.kinds[code] = button
        self.language = QComboBox(self)
        self.language.setAccessibleName(_("Language of the leaflet"))
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(self.language.findData(language), 0))
        language_label = QLabel(_("&Language"), self)
        language_label.setBuddy(self.language)
        grid.addWidget(language_label, len(self.kinds), 0)
        grid.addWidget(self.language, len(self.kinds), 1)
        grid.setColumnStretch(1, 1)
        show = QPushButton(_("Show the leaflet"), self)
        show.setObjectName("showLeaflet")
        show.setProperty("role", "primary")
        show.setAccessibleName(_("Show the leaflet before printing"))
        show.setDefault(True)
        show.clicked.connect(self.accept)
        back = QPushButton(_("Go back"), self)
        back.setAccessibleName(_("Go back without printing"))
        back.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addWidget(heading)
        layout.addWidget(explanation)
        layout.addLayout(grid)
        layout.addLayout(form_buttons(QLabel("", self), back, show))
        self.kinds[kind if kind in self.kinds else "visit-guide"].setFocus()

    def choice(self) -> tuple[str, str]:
        """The leaflet kind and language chosen."""
        kind = next(code for code, button in self.kinds.items() if button.isChecked())
        return kind, self.language.currentData()


def ask_leaflet(parent: QWidget | None, language: str) -> tuple[str, str] | None:
    """Ask which leaflet and language; None if the worker went back (tests replace this)."""
    dialog = LeafletDialog(parent, language)
    return dialog.choice() if dialog.exec() == QDialog.DialogCode.Accepted else None


class LeafletPrinting(QObject):
    """The Leaflets action: choose, preview, print or save."""

    def __init__(self, desk, tasks: DeskTasks, notice: NoticeBar, window: QWidget, visit_panel=None):
        super().__init__(window)
        self._desk = desk
        self._tasks = tasks
        self._notice = notice
        self._window = window
        self._panel = visit_panel

    def print_leaflet(self) -> None:
        """Ask for the leaflet (in the open visit's family's language) and print it after a preview."""
        desk = self._desk
        detail = self._panel.detail if self._panel is not None else None
        lead = detail.party[0].visitor_id if detail is not None and detail.party else None

        def look() -> str:
            record = desk.visits.visitor_record(lead) if lead else None
            language = getattr(record.details, "language", "en") if record is not None else "en"
            return language if language in LANGUAGES else "en"

        self._tasks.run(look, self._choose, self._problem, label=_("Getting the leaflets…"))

    def _choose(self, language: str) -> None:
        chosen = ask_leaflet(self._window, language)
        if chosen is None:
            return
        kind, language = chosen
        desk = self._desk
        title = leaflet_title(kind, language)
        document = Document(
            title,
            file_name(kind, language, desk.ctx.establishment),
            A4,
            lambda: desk.advice.leaflet_pdf(kind, language=language),
            label=_("Making the leaflet…"),
        )

        def done(choice) -> None:
            if choice.how == "save":
                self._notice.say(
                    _("The leaflet “{title}” is saved as {path}.").format(title=title, path=choice.path),
                    status_signs.OK,
                )
            else:
                self._notice.say(
                    _("The leaflet “{title}” is printed on {printer}. Give it to the family.").format(
                        title=title, printer=choice.printer
                    ),
                    status_signs.OK,
                )

        print_document(
            self._window,
            self._tasks,
            desk,
            document,
            done,
            lambda message: self._notice.say(message, status_signs.WARNING),
        )

    def _problem(self, error: VisitorCentreError) -> None:
        self._notice.say(error.message, status_signs.WARNING)
