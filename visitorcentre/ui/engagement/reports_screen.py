"""Reports: a manager's view of the patterns of family contact, with charts, CSV and a printed report.

A date range (from, to, or a quick choice: the last 4 or 12 weeks) and the prison (this one or
every establishment) at the top; the main figures as big numbers under it; then the charts
(``report_charts``). "Export CSV…" saves ``desk.engagement.report_csv``; "Print report…" previews the A4
report (``desk.engagement.report_pdf`` draws its own charts of the same figures) to print or save as PDF.
Every desk call goes through the background helper; a change of range reloads after a moment.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, Qt, QTimer, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
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

from visitorcentre.core.changes import COST_OF_VISITS, ENGAGEMENT, VISITS, Changes
from visitorcentre.core.errors import VisitorCentreError
from visitorcentre.ui.engagement.report_charts import make_charts
from visitorcentre.ui.runtime.tasks import DeskTasks
from visitorcentre.ui.shared import status_signs
from visitorcentre.ui.shared.field_message import FieldMessage
from visitorcentre.ui.shared.flow_layout import FlowLayout, labelled
from visitorcentre.ui.shared.i18n import _
from visitorcentre.ui.shared.print_flow import print_a4
from visitorcentre.ui.shared.screen_fit import fit_to_screen

RELOAD_AFTER_MS = 300


def save_text(path: str, text: str) -> None:
    """Write ``text`` to ``path`` (run through the background helper: it is file work)."""
    with open(path, "w", encoding="utf-8", newline="") as file:
        file.write(text)


def _date_edit(parent: QWidget, accessible: str) -> QDateEdit:
    edit = QDateEdit(parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd MMM yyyy")
    edit.setAccessibleName(accessible)
    return edit


class ReportsScreen(QDialog):
    """The figures and charts for a date range; export to CSV; print the report."""

    def __init__(self, desk, tasks: DeskTasks, parent: QWidget | None = None):
        super().__init__(parent)
        self._desk = desk
        self._tasks = tasks
        self.report = None
        self.charts: list = []
        self.loads = 0  # how many reports have been shown (tests wait on it)
        self.setObjectName("reportsScreen")
        self.setWindowTitle(_("Reports"))
        fit_to_screen(self, 1560, 880)
        heading = QLabel(_("Reports: families' contact"), self)
        heading.setProperty("role", "heading")
        today = desk.ctx.clock.today()
        self.start = _date_edit(self, _("From"))
        self.end = _date_edit(self, _("To"))
        self.set_range(today - timedelta(weeks=4) + timedelta(days=1), today, reload=False)
        from_label, to_label = QLabel(_("&From"), self), QLabel(_("&To"), self)
        from_label.setBuddy(self.start)
        for label in (from_label, to_label):
            label.setMinimumWidth(label.sizeHint().width())
        to_label.setBuddy(self.end)
        self.four_weeks = QPushButton(_("Last 4 weeks"), self)
        self.four_weeks.setAccessibleName(_("Show the last 4 weeks"))
        self.twelve_weeks = QPushButton(_("Last 12 weeks"), self)
        self.twelve_weeks.setAccessibleName(_("Show the last 12 weeks"))
        self.where = QComboBox(self)
        self.where.setAccessibleName(_("Which prison the figures are for"))
        self.where.addItem(_("This prison"), desk.ctx.establishment)
        self.where.addItem(_("Every establishment"), None)
        self.range_message = FieldMessage(self, "reportRange")
        top = FlowLayout(spacing=8)  # the dates and choices wrap under the heading on a small screen
        top.addWidget(heading)
        top.addWidget(labelled(self, from_label, self.start))
        top.addWidget(labelled(self, to_label, self.end))
        for widget in (self.four_weeks, self.twelve_weeks, self.where):
            top.addWidget(widget)
        self.figures = QFrame(self)
        self.figures.setObjectName("reportFigures")
        self.figure_labels: dict[str, QLabel] = {}
        figures = FlowLayout(self.figures, columns=True)  # a grid of figures, as many to a row as fit
        for key, words in (
            ("total", _("visits")),
            ("first_time", _("first-time visitors")),
            ("children", _("children visiting")),
            ("virtual", _("virtual visits")),
            ("refused", _("people refused")),
            ("no_shows", _("did not come")),
            ("support", _("with support needs")),
            ("feedback", _("average face (of 5)")),
        ):
            label = QLabel("–", self.figures)
            label.setObjectName("reportFigure")
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setProperty("words", words)
            figures.addWidget(label)
            self.figure_labels[key] = label
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.chart_area = QWidget()
        self.chart_grid = QGridLayout(self.chart_area)
        self.chart_grid.setSpacing(12)
        self.scroll.setWidget(self.chart_area)
        self.message = FieldMessage(self, "reports")
        self.csv_button = QPushButton(_("Export CSV…  (Ctrl+E)"), self)
        self.csv_button.setAccessibleName(_("Save the figures as a CSV file, for a spreadsheet"))
        self.print_button = QPushButton(_("Print report…  (Ctrl+P)"), self)
        self.print_button.setProperty("role", "primary")
        self.print_button.setAccessibleName(_("Print the report with its charts, or save it as a PDF"))
        close = QPushButton(_("Close"), self)
        close.setAccessibleName(_("Close the reports"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addStretch(1)
        for button in (self.csv_button, self.print_button, close):
            button.setMinimumWidth(240)
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addLayout(top)
        layout.addWidget(self.range_message)
        layout.addWidget(self.figures)
        layout.addWidget(self.scroll, 1)
        layout.addLayout(buttons)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(RELOAD_AFTER_MS)
        self._timer.timeout.connect(self.reload)
        self.start.dateChanged.connect(lambda _d: self._timer.start())
        self.end.dateChanged.connect(lambda _d: self._timer.start())
        self.where.currentIndexChanged.connect(lambda _i: self.reload())
        tasks.changed.connect(self._records_changed)
        self.four_weeks.clicked.connect(lambda: self.last_weeks(4))
        self.twelve_weeks.clicked.connect(lambda: self.last_weeks(12))
        self.csv_button.clicked.connect(self.export_csv)
        self.print_button.clicked.connect(self.print_report)
        close.clicked.connect(self.reject)
        for key, slot in (("Ctrl+E", self.export_csv), ("Ctrl+P", self.print_report)):
            QShortcut(QKeySequence(key), self).activated.connect(slot)
        self._set_ready(False)
        self.reload()
        self.start.setFocus()

    # --- the range ------------------------------------------------------------------------------

    def set_range(self, start: date, end: date, reload: bool = True) -> None:
        """Show ``start`` to ``end``; reloads straight away unless ``reload`` is False."""
        for edit, day in ((self.start, start), (self.end, end)):
            edit.blockSignals(True)
            edit.setDate(QDate(day.year, day.month, day.day))
            edit.blockSignals(False)
        if reload:
            self.reload()

    def last_weeks(self, weeks: int) -> None:
        today = self._desk.ctx.clock.today()
        self.set_range(today - timedelta(weeks=weeks) + timedelta(days=1), today)

    def chosen_range(self) -> tuple[date, date]:
        return self.start.date().toPython(), self.end.date().toPython()

    @Slot(object)
    def _records_changed(self, changes: Changes) -> None:
        """Visits, feedback or claims changed (here or by a sync): the figures are read again after a moment."""
        if changes.touches(VISITS, ENGAGEMENT, COST_OF_VISITS):
            self._timer.start()

    def reload(self) -> None:
        """Ask the desk for the figures of the chosen range (the newest request wins)."""
        self._timer.stop()
        start, end = self.chosen_range()
        self.range_message.clear()
        if end < start:
            self.range_message.say(_("The “To” date is before the “From” date: choose a later “To” date."))
            return
        establishment = self.where.currentData()
        self._tasks.run(
            lambda: self._desk.engagement.report(start, end, establishment),
            self.show_report,
            self._range_problem,
            key="report",
            label=_("Counting the visits…"),
        )

    def _range_problem(self, error: VisitorCentreError) -> None:
        self.range_message.say(error.message)

    # --- showing --------------------------------------------------------------------------------

    def show_report(self, report) -> None:
        self.report = report
        average = report.feedback.average
        values = {
            "total": report.total_visits,
            "first_time": report.first_time_visitors,
            "children": report.children,
            "virtual": report.virtual,
            "refused": report.refused,
            "no_shows": report.no_shows,
            "support": report.support_needs,
            "feedback": "–" if average is None else f"{average:.1f}",
        }
        for key, label in self.figure_labels.items():
            label.setText(f"{values[key]}\n{label.property('words')}")
            label.setAccessibleName(f"{values[key]} {label.property('words')}")
        for view in self.charts:
            self.chart_grid.removeWidget(view)
            view.deleteLater()
        self.charts = make_charts(report, self.chart_area)
        # The visits by kind (many kinds, many weeks) take the whole width; the others go in pairs.
        self.chart_grid.addWidget(self.charts[0], 0, 0, 1, 2)
        for number, view in enumerate(self.charts[1:]):
            self.chart_grid.addWidget(view, 1 + number // 2, number % 2)
        self._set_ready(True)
        self.loads += 1

    def _set_ready(self, ready: bool) -> None:
        self.csv_button.setEnabled(ready)
        self.print_button.setEnabled(ready)

    # --- export and print -------------------------------------------------------------------------

    def _file_name(self, suffix: str) -> str:
        report = self.report
        return f"visits-report-{report.start:%Y-%m-%d}-to-{report.end:%Y-%m-%d}.{suffix}"

    def export_csv(self) -> None:
        """Save the figures as a CSV file the worker names."""
        if self.report is None:
            return
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Export CSV"), self._file_name("csv"), _("CSV files (*.csv)")
        )
        if not path:
            return
        if not path.lower().endswith(".csv"):
            path += ".csv"
        report, desk = self.report, self._desk
        self._tasks.run(
            lambda: save_text(path, desk.engagement.report_csv(report)),
            lambda _r: self.message.say(_("Saved as {path}.").format(path=path), status_signs.OK),
            lambda _e: self.message.say(
                _("The CSV file could not be saved there. Choose another folder, such as Documents, and try again.")
            ),
            label=_("Saving the CSV file…"),
        )

    def print_report(self) -> None:
        """Preview the A4 report with its charts, then print it or save it as a PDF."""
        if self.report is None:
            return
        report, desk = self.report, self._desk
        title = _("Visits report {start:%d %b %Y} to {end:%d %b %Y}").format(start=report.start, end=report.end)
        print_a4(
            self,
            self._tasks,
            desk,
            title,
            self._file_name("pdf"),
            lambda: desk.engagement.report_pdf(report),
            self.message.say,
        )


def open_reports(desk, tasks: DeskTasks, parent: QWidget | None) -> ReportsScreen:
    """Open the reports screen (not modal: the desk carries on behind it)."""
    screen = ReportsScreen(desk, tasks, parent)
    screen.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    screen.show()
    return screen
