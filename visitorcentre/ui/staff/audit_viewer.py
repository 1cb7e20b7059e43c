"""The audit log: a manager's read-only view of who did what to which record, and when.

Filters at the top (from / to dates, staff member, action, and any text of the record or the
summary); the entries newest first in a table (click a header to sort); whether the log's hash
chain is intact, with a word and an icon; "Export CSV…" saves what the filters show. Every desk
call goes through the background helper; the service refuses anyone but a manager.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, Qt, QTimer, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from visitorcentre.core.errors import VisitorCentreError
from visitorcentre.services.staff.audit_log import AuditQuery
from visitorcentre.ui.runtime.tasks import DeskTasks
from visitorcentre.ui.shared import status_signs
from visitorcentre.ui.shared.field_message import FieldMessage, form_buttons
from visitorcentre.ui.shared.flow_layout import FlowLayout, labelled
from visitorcentre.ui.shared.i18n import _
from visitorcentre.ui.shared.screen_fit import fit_to_screen
from visitorcentre.ui.staff.audit_log_model import AuditLogModel, action_words, sorting_proxy

RELOAD_AFTER_MS = 300
DEFAULT_DAYS = 7


def _date_edit(parent: QWidget, accessible: str, day: date) -> QDateEdit:
    edit = QDateEdit(QDate(day.year, day.month, day.day), parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd MMM yyyy")
    edit.setAccessibleName(accessible)
    return edit


def _day(edit: QDateEdit) -> date:
    chosen = edit.date()
    return date(chosen.year(), chosen.month(), chosen.day())


class AuditViewer(QDialog):
    """The audit log with its filters, the chain check and CSV export (read-only)."""

    def __init__(self, desk, tasks: DeskTasks, parent: QWidget | None = None):
        super().__init__(parent)
        self._desk = desk
        self._tasks = tasks
        self.page = None
        self.loads = 0  # how many times entries were shown (tests wait on it)
        self.setObjectName("auditViewer")
        self.setWindowTitle(_("Audit log"))
        fit_to_screen(self, 1480, 860)
        heading = QLabel(_("Audit log: who did what, and when"), self)
        heading.setProperty("role", "heading")
        heading.setWordWrap(True)
        today = desk.ctx.clock.today()
        self.start = _date_edit(self, _("From"), today - timedelta(days=DEFAULT_DAYS - 1))
        self.end = _date_edit(self, _("To"), today)
        self.staff = QComboBox(self)
        self.staff.setAccessibleName(_("Only what this staff member did"))
        self.staff.addItem(_("Every staff member"), "")
        self.action = QComboBox(self)
        self.action.setAccessibleName(_("Only this action"))
        self.action.addItem(_("Every action"), "")
        for box in (self.staff, self.action):  # long names must not push the filters off the row
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(16)
        self.text = QLineEdit(self)
        self.text.setPlaceholderText(_("Record or words, e.g. a visit reference"))
        self.text.setAccessibleName(_("Only entries whose record or summary contains this"))
        self.text.setClearButtonEnabled(True)
        self.text.setMinimumWidth(220)
        self.range_message = FieldMessage(self, "auditRange")
        filters = FlowLayout(spacing=12)  # the filters wrap onto two rows on a small screen
        for label_text, widget in (
            (_("&From"), self.start),
            (_("&To"), self.end),
            (_("&Staff"), self.staff),
            (_("&Action"), self.action),
            (_("&Record"), self.text),
        ):
            label = QLabel(label_text, self)
            label.setBuddy(widget)
            label.ensurePolished()  # the stylesheet's font, so the width fits the word
            label.setMinimumWidth(label.sizeHint().width() + 4)
            label.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
            filters.addWidget(labelled(self, label, widget))
        self.chain_icon = QLabel(self)
        self.chain = QLabel(_("Checking the log's chain…"), self)
        self.chain.setObjectName("auditChain")
        self.chain.setWordWrap(True)
        self.chain.setAccessibleName(_("Whether the audit log is intact"))
        self.count = QLabel("", self)
        self.count.setProperty("role", "subtle")
        self.model = AuditLogModel(self)
        self.proxy = sorting_proxy(self.model, self)
        self.view = QTableView(self)
        self.view.setObjectName("auditTable")
        self.view.setModel(self.proxy)
        self.view.setAccessibleName(_("Audit entries, newest first"))
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(AuditLogModel.COL_SEQ, Qt.SortOrder.DescendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        for column, width in (
            (AuditLogModel.COL_SEQ, 70),
            (AuditLogModel.COL_WHEN, 250),
            (AuditLogModel.COL_STAFF, 220),
            (AuditLogModel.COL_ACTION, 220),
            (AuditLogModel.COL_RECORD, 210),
        ):
            self.view.setColumnWidth(column, width)
        header.setSectionResizeMode(AuditLogModel.COL_SUMMARY, QHeaderView.ResizeMode.Stretch)
        self.message = FieldMessage(self, "audit")
        self.export_button = QPushButton(_("Export CSV…"), self)
        self.export_button.setAccessibleName(_("Save the entries shown as a CSV file"))
        self.close_button = QPushButton(_("Close"), self)
        self.close_button.setProperty("role", "primary")
        chain_row = QHBoxLayout()
        chain_row.addWidget(self.chain_icon)
        chain_row.addWidget(self.chain, 1)
        chain_row.addWidget(self.count)
        bottom = form_buttons(self.message, self.export_button, self.close_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.addWidget(heading)
        layout.addLayout(filters)
        layout.addWidget(self.range_message)
        layout.addLayout(chain_row)
        layout.addWidget(self.view, 1)
        layout.addLayout(bottom)
        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(RELOAD_AFTER_MS)
        self._reload_timer.timeout.connect(self.reload)
        for edit in (self.start, self.end):
            edit.dateChanged.connect(lambda _d: self._reload_timer.start())
        for box in (self.staff, self.action):
            box.currentIndexChanged.connect(lambda _i: self._reload_timer.start())
        self.text.textChanged.connect(lambda _t: self._reload_timer.start())
        tasks.changed.connect(self._records_changed)  # every write is audited: read the log again
        self.export_button.clicked.connect(self.export_csv)
        self.close_button.clicked.connect(self.close)
        self.export_button.setEnabled(False)
        self.reload()
        self.check_chain()

    # --- loading --------------------------------------------------------------------------------

    def query(self) -> AuditQuery:
        """The filters as chosen now."""
        return AuditQuery(
            start=_day(self.start),
            end=_day(self.end),
            actor=self.staff.currentData() or "",
            action=self.action.currentData() or "",
            text=self.text.text().strip(),
        )

    @Slot(object)
    def _records_changed(self, _changes) -> None:
        self._reload_timer.start()

    def reload(self) -> None:
        self._reload_timer.stop()
        query = self.query()
        self._tasks.run(
            lambda: self._desk.staff.audit_entries(query),
            self.show_page,
            self._refused,
            key="audit-log",
            label=_("Reading the audit log…"),
        )

    def _refused(self, error: VisitorCentreError) -> None:
        if error.field == "end":
            self.range_message.say(error.message)
        else:
            self.message.say(error.message)
        self.export_button.setEnabled(False)

    def show_page(self, page) -> None:
        self.range_message.clear()
        self.page = page
        self.model.set_rows(page.entries)
        self._fill_choices(self.staff, page.actors, str)
        self._fill_choices(self.action, page.actions, action_words)
        shown = len(page.entries)
        self.count.setText(
            _("{shown} of {total} entries").format(shown=shown, total=page.total)
            if shown < page.total
            else _("{total} entries").format(total=page.total)
        )
        self.export_button.setEnabled(shown > 0)
        self.loads += 1

    @staticmethod
    def _fill_choices(box: QComboBox, values: list[str], words) -> None:
        """Add the values not yet offered, keeping the choice."""
        offered = {box.itemData(i) for i in range(box.count())}
        box.blockSignals(True)
        for value in values:
            if value not in offered:
                box.addItem(words(value), value)
        box.blockSignals(False)

    def check_chain(self) -> None:
        self._tasks.run(
            self._desk.staff.verify_audit,
            self.show_chain,
            key="audit-chain",
            label=_("Checking the audit log's chain…"),
        )

    def show_chain(self, report) -> None:
        sign = status_signs.OK if report.ok else status_signs.STOP
        self.chain_icon.setPixmap(status_signs.icon(sign.icon).pixmap(24, 24))
        self.chain.setText(f"{_(sign.word)}: {report.sentence()}")
        self.chain.setProperty("intact", report.ok)
        self.chain_report = report

    # --- export ---------------------------------------------------------------------------------

    def export_csv(self) -> None:
        """Save the entries the filters show as a CSV file the manager names."""
        query = self.query()
        suggested = f"audit-log-{query.start:%Y-%m-%d}-to-{query.end:%Y-%m-%d}.csv"
        path, _filter = QFileDialog.getSaveFileName(self, _("Export CSV"), suggested, _("CSV files (*.csv)"))
        if not path:
            return
        if not path.lower().endswith(".csv"):
            path += ".csv"
        desk = self._desk
        self._tasks.run(
            lambda: desk.staff.export_audit_csv(query, path),
            lambda count: self.message.say(
                _("Saved {count} entries as {path}.").format(count=count, path=path), status_signs.OK
            ),
            lambda error: self.message.say(error.message),
            label=_("Saving the CSV file…"),
        )


def open_audit_viewer(desk, tasks: DeskTasks, parent: QWidget | None) -> AuditViewer:
    """Open the audit log (not modal: the desk carries on behind it)."""
    viewer = AuditViewer(desk, tasks, parent)
    viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    viewer.show()
    return viewer
