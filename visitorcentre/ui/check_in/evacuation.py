"""The evacuation list: Ctrl+Shift+E (or Desk ▸ Everyone in the building…) shows everyone in the building now.

Read from the desk's own records, so it works with the network down: each family checked in or
in the hall, adults and children, with the time they arrived. "Print the list" goes through the
one printing flow (``ui/shared/print_flow.py``); the list is read again when it is printed, so the
paper is as of the moment it is printed.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QObject, Qt, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from visitorcentre.core.errors import VisitorCentreError
from visitorcentre.core.evacuation import EvacuationList, FamilyInside, PersonInside
from visitorcentre.core.kinds import VISIT_STATUS_LABELS
from visitorcentre.ui.runtime.tasks import DeskTasks
from visitorcentre.ui.shared import status_signs
from visitorcentre.ui.shared.i18n import N_, _, ngettext
from visitorcentre.ui.shared.notice import NoticeBar
from visitorcentre.ui.shared.print_flow import A4, Document, print_document
from visitorcentre.ui.shared.screen_fit import fit_to_screen
from visitorcentre.ui.shared.table_model import Index, RecordTable

#: The key that opens the evacuation list.
KEY = "Ctrl+Shift+E"


def summary(inside: EvacuationList) -> str:
    """ "5 people in the building: 3 adults and 2 children, in 2 families"."""
    return _("{people} in the building: {adults} and {children}, in {families}").format(
        people=ngettext("{n} person", "{n} people", inside.people).format(n=inside.people),
        adults=ngettext("{n} adult", "{n} adults", inside.adults).format(n=inside.adults),
        children=ngettext("{n} child", "{n} children", inside.children).format(n=inside.children),
        families=ngettext("{n} family", "{n} families", len(inside.families)).format(n=len(inside.families)),
    )


class PeopleInsideModel(RecordTable):
    """One row a person: family reference, name, adult or child, arrival time, where the family is."""

    HEADERS = (N_("Family"), N_("Name"), N_("Adult or child"), N_("Arrived"), N_("Status"))

    def show(self, inside: EvacuationList) -> None:
        self.set_rows((family, person) for family in inside.families for person in family.people)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None or role != Qt.ItemDataRole.DisplayRole:
            return None
        family: FamilyInside = row[0]
        person: PersonInside = row[1]
        column = index.column()
        if column == 0:
            return family.reference
        if column == 1:
            return person.name
        if column == 2:
            if not person.child:
                return _("Adult")
            return _("Child ({age})").format(age=person.age) if person.age is not None else _("Child")
        if column == 3:
            return f"{person.arrived_at:%H:%M}"
        return _(VISIT_STATUS_LABELS.get(family.status, family.status))


class EvacuationDialog(QDialog):
    """Everyone in the building now, with Print and Close; read again whenever the desk's records change."""

    def __init__(self, desk, tasks: DeskTasks, parent: QWidget | None = None):
        super().__init__(parent)
        self._desk = desk
        self._tasks = tasks
        self.setObjectName("evacuationDialog")
        self.setWindowTitle(_("Everyone in the building"))
        fit_to_screen(self, 860, 620)
        heading = QLabel(_("Everyone in the building now"), self)
        heading.setProperty("role", "heading")
        self.count = QLabel(_("Reading the list…"), self)
        self.count.setObjectName("evacuationCount")
        self.count.setWordWrap(True)
        self.count.setAccessibleName(_("How many people are in the building"))
        self.notice = NoticeBar(self)
        self.model = PeopleInsideModel(self)
        self.view = QTableView(self)
        self.view.setObjectName("evacuationTable")
        self.view.setModel(self.model)
        self.view.setAccessibleName(_("Everyone in the building, family by family"))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)  # the name takes the room left
        self.print_button = QPushButton(_("Print the list"), self)
        self.print_button.setObjectName("printEvacuation")
        self.print_button.setProperty("role", "primary")
        self.print_button.setDefault(True)
        self.print_button.setAccessibleName(_("Print the list of everyone in the building"))
        self.print_button.clicked.connect(self.print_list)
        close = QPushButton(_("Close"), self)
        close.setAccessibleName(_("Close the list"))
        buttons = QDialogButtonBox(self)
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(close, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(heading)
        layout.addWidget(self.count)
        layout.addWidget(self.notice)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        self.inside: EvacuationList | None = None
        self._closed = False
        tasks.changed.connect(self._records_changed)
        self.reload()
        self.print_button.setFocus()

    @Slot(object)
    def _records_changed(self, _changes) -> None:
        if not self._closed:
            self.reload()

    def done(self, result: int) -> None:
        self._closed = True  # a list still being read is not shown in a closed dialog
        self._tasks.changed.disconnect(self._records_changed)
        super().done(result)

    def reload(self) -> None:
        self._tasks.run(
            self._desk.visits.in_building,
            self.show_list,
            self._refused,
            key="evacuation-list",
            label=_("Reading who is in the building…"),
        )

    def show_list(self, inside: EvacuationList) -> None:
        if self._closed:
            return
        self.inside = inside
        self.model.show(inside)
        self.count.setText(f"{inside.at:%H:%M} — " + summary(inside))
        if self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(0, 0, QModelIndex()))

    def _refused(self, error: VisitorCentreError) -> None:
        if not self._closed:
            self.notice.say(error.message, status_signs.WARNING)

    def print_list(self) -> None:
        desk = self._desk
        document = Document(
            _("Everyone in the building"),
            f"evacuation-list-{desk.ctx.clock.now():%Y-%m-%d-%H%M}.pdf",
            A4,
            desk.visits.evacuation_pdf,
            label=_("Making the evacuation list…"),
        )
        print_document(self, self._tasks, desk, document, self._printed, self._refused_message)

    def _printed(self, choice) -> None:
        if choice.how == "save":
            self.notice.say(_("The list is saved as {path}.").format(path=choice.path), status_signs.OK)
        else:
            self.notice.say(_("The list is printed on {printer}.").format(printer=choice.printer), status_signs.OK)

    def _refused_message(self, message: str) -> None:
        self.notice.say(message, status_signs.WARNING)


class EvacuationOpener(QObject):
    """Opens the one evacuation dialog over the window (raised again if it is already open)."""

    def __init__(self, desk, tasks: DeskTasks, window: QWidget):
        super().__init__(window)
        self._desk = desk
        self._tasks = tasks
        self._window = window
        self.dialog: EvacuationDialog | None = None

    def open(self) -> EvacuationDialog:
        if self.dialog is None:
            self.dialog = EvacuationDialog(self._desk, self._tasks, self._window)
            self.dialog.finished.connect(self._closed)
        else:
            self.dialog.reload()
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.activateWindow()
        return self.dialog

    def _closed(self, _result: int) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = None
