"""The support directory: national and local help for families, to read out or print for them.

Opened from the visit panel ("Support for the family…"): the family helpline, visitor centres,
help with money, support for children and for bereavement, by kind, national first and then the
prison's own. "Print the directory…" previews the A4 directory to print or save as PDF.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QFrame, QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from visitorcentre.core.errors import VisitorCentreError
from visitorcentre.ui.runtime.tasks import DeskTasks
from visitorcentre.ui.shared.field_message import FieldMessage
from visitorcentre.ui.shared.i18n import _, family_language
from visitorcentre.ui.shared.print_flow import print_a4
from visitorcentre.ui.shared.screen_fit import fit_to_screen


def service_text(service) -> str:
    """One service as the worker reads it out: what it is, then how to reach it."""
    lines = [service.description]
    reach = [f"☎ {service.phone}" if service.phone else "", service.website, service.hours]
    lines.append("   ".join(part for part in reach if part))
    return "\n".join(line for line in lines if line)


class SupportDirectory(QDialog):
    """The services for the desk's prison, grouped by kind; printable."""

    def __init__(self, desk, tasks: DeskTasks, parent: QWidget | None = None, language: str = "en"):
        super().__init__(parent)
        self._desk = desk
        self.language = family_language(language)  # the family's: the printed directory is theirs
        self._tasks = tasks
        self.services: list = []
        self.setObjectName("supportDirectory")
        self.setWindowTitle(_("Support for the family"))
        fit_to_screen(self, 1000, 820)
        heading = QLabel(_("Support for the family"), self)
        heading.setProperty("role", "heading")
        intro = QLabel(
            _(
                "Help a family can ask for, here and across Scotland. Read out what fits, or print the "
                "directory for them to take home."
            ),
            self,
        )
        intro.setWordWrap(True)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.list_area = QWidget()
        self.list_area.setObjectName("supportList")
        self.list_layout = QVBoxLayout(self.list_area)
        self.list_layout.setSpacing(6)
        self.list_layout.addStretch(1)
        scroll.setWidget(self.list_area)
        self.message = FieldMessage(self, "support")
        self.print_button = QPushButton(_("Print the directory…  (Ctrl+P)"), self)
        self.print_button.setProperty("role", "primary")
        self.print_button.setAccessibleName(_("Print the support directory, or save it as a PDF"))
        close = QPushButton(_("Close"), self)
        close.setAccessibleName(_("Close the support directory"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)
        self.print_button.clicked.connect(self.print_directory)
        close.clicked.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+P"), self).activated.connect(self.print_directory)
        self.print_button.setFocus()
        self._tasks.run(
            desk.engagement.support_services,
            self.show_services,
            self._problem,
            key="support-services",
            label=_("Loading the support directory…"),
        )

    def show_services(self, services) -> None:
        """Show ``services`` under the heading of their kind (national ones marked so)."""
        self.services = list(services)
        category = None
        at = 0
        for service in self.services:
            if service.category != category:
                category = service.category
                title = QLabel(_(service.category_label), self.list_area)
                title.setProperty("role", "subheading")
                self.list_layout.insertWidget(at, title)
                at += 1
            card = QFrame(self.list_area)
            card.setObjectName("supportService")
            reach = _("Across Scotland") if service.national else _("Local")
            name = QLabel(f"{service.name}  ·  {reach}", card)
            name.setObjectName("supportServiceName")
            details = QLabel(service_text(service), card)
            details.setWordWrap(True)
            details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            card.setAccessibleName(f"{service.name}. {service_text(service)}")
            column = QVBoxLayout(card)
            column.setContentsMargins(10, 6, 10, 6)
            column.addWidget(name)
            column.addWidget(details)
            self.list_layout.insertWidget(at, card)
            at += 1
        if not self.services:
            self.message.say(_("No support services are listed for this prison yet."))

    def _problem(self, error: VisitorCentreError) -> None:
        self.message.say(error.message)

    def print_directory(self) -> None:
        """Preview the A4 directory, then print it or save it as a PDF."""
        desk = self._desk
        print_a4(
            self,
            self._tasks,
            desk,
            _("Support for families"),
            "support-for-families.pdf",
            lambda: desk.engagement.support_directory_pdf(language=self.language),
            self.message.say,
        )


def open_support_directory(desk, tasks: DeskTasks, parent: QWidget | None, language: str = "en") -> SupportDirectory:
    """Open the directory (not modal: the desk carries on behind it); it prints in the family's ``language``."""
    directory = SupportDirectory(desk, tasks, parent, language)
    directory.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    directory.show()
    return directory
