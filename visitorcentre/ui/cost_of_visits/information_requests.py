"""Travel-costs applications the central team put back to the family, opened from the Today board's count.

Each line says whose application, what the central team asked for and by when; Enter (or
"Open the application") opens it at its receipts step, where the worker attaches what the
family brought and sends it back.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
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

from visitorcentre.core.cost_of_visits.views import InformationRequest
from visitorcentre.ui.runtime.tasks import DeskTasks
from visitorcentre.ui.shared.i18n import _, ngettext, short_date
from visitorcentre.ui.shared.screen_fit import fit_to_screen

#: The application dialog's step where evidence is attached (0-based).
RECEIPTS_STEP = 2


def count_words(count: int) -> str:
    """The Today board's button: "2 travel-costs applications need information"."""
    return ngettext(
        "{count} travel-costs application needs information",
        "{count} travel-costs applications need information",
        count,
    ).format(count=count)


class RequestsModel(QAbstractTableModel):
    """One row per application waiting for the family: reference, family, what was asked, by when."""

    COL_REFERENCE, COL_FAMILY, COL_ASKED, COL_DUE = range(4)
    HEADINGS = (_("Reference"), _("Family"), _("Asked for"), _("By"))

    def __init__(self, parent=None):
        super().__init__(parent)
        self.requests: list[InformationRequest] = []

    def set_requests(self, requests: list[InformationRequest]) -> None:
        self.beginResetModel()
        self.requests = list(requests)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.requests)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.HEADINGS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.HEADINGS[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        request = self.requests[index.row()]
        if role == Qt.ItemDataRole.UserRole:
            return request
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return None
        column = index.column()
        if column == self.COL_REFERENCE:
            return request.reference
        if column == self.COL_FAMILY:
            return _("{claimant} (visiting {prisoner} on {day})").format(
                claimant=request.claimant_name, prisoner=request.prisoner_name, day=short_date(request.visit_date)
            )
        if column == self.COL_ASKED:
            return request.asked_for or _("more information")
        return short_date(request.due)


class InformationRequests(QDialog):
    """The applications waiting for the family; the chosen one opens at its receipts step."""

    def __init__(self, desk, tasks: DeskTasks, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("informationRequests")
        self.setWindowTitle(_("Travel-costs applications that need information"))
        self._desk, self._tasks = desk, tasks
        heading = QLabel(_("The central team needs more from these families before deciding"), self)
        heading.setProperty("role", "subheading")
        heading.setWordWrap(True)
        self.model = RequestsModel(self)
        self.view = QTableView(self)
        self.view.setObjectName("informationRequestsTable")
        self.view.setModel(self.model)
        self.view.setAccessibleName(_("Applications that need information"))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setTabKeyNavigation(False)
        self.view.setWordWrap(True)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(RequestsModel.COL_FAMILY, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(RequestsModel.COL_ASKED, QHeaderView.ResizeMode.Stretch)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header.sectionResized.connect(lambda *_: self.view.resizeRowsToContents())
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.activated.connect(lambda _index: self.open_chosen())
        self.open_button = QPushButton(_("&Open the application"), self)
        self.open_button.setObjectName("openRequested")
        self.open_button.setProperty("role", "primary")
        self.open_button.setAccessibleName(_("Open the chosen application to attach what the family brought"))
        self.open_button.setAutoDefault(True)
        self.open_button.setDefault(True)
        self.open_button.clicked.connect(self.open_chosen)
        self.message = QLabel(_("Loading…"), self)
        self.message.setWordWrap(True)
        self.message.setProperty("role", "subtle")
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.open_button)
        layout.addWidget(close)
        fit_to_screen(self, 900, 460)
        self.refresh()

    def refresh(self) -> None:
        self._tasks.run(
            self._desk.costs.information_requests, self.show_requests, key="information-requests", label=_("Loading…")
        )

    def show_requests(self, requests: list[InformationRequest]) -> None:
        self.model.set_requests(requests)
        self.message.setText("" if requests else _("No application is waiting for information."))
        self.message.setVisible(not requests)
        self.open_button.setEnabled(bool(requests))
        if requests:
            self.view.selectRow(0)
            self.view.setFocus()

    def chosen(self) -> InformationRequest | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.data(rows[0], Qt.ItemDataRole.UserRole) if rows else None

    def open_chosen(self):
        """Open the chosen application at its receipts step (this list closes); returns its dialog."""
        request = self.chosen()
        if request is None:
            return None
        from visitorcentre.ui.cost_of_visits.application_dialog import open_cost_application

        window = self.parentWidget().window() if self.parentWidget() else self
        self.accept()
        return open_cost_application(
            self._desk, self._tasks, window, application_id=request.application_id, step=RECEIPTS_STEP
        )
