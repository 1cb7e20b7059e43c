"""The reports screen: figures and charts for a date range, CSV export and the printed report."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt

from tests.conftest import TODAY
from tests.ui.printing_helpers import page_count, pass_calls, printing  # noqa: F401 (fixtures)
from visitorcentre.ui.engagement import reports_screen
from visitorcentre.ui.engagement.report_charts import CHARTS


def some_visits(world) -> None:
    """Visits today and tomorrow, one checked in, and feedback from a family and a child."""
    desk = world.desk
    today = desk.visits.visit_for_scan(
        desk.visits.book_visit(world.session_today, world.prisoner, [world.mum, world.child])
    )
    desk.visits.check_in(today, [world.mum, world.child])
    desk.visits.book_visit(world.session_tomorrow, world.prisoner, [world.gran])
    desk.engagement.leave_feedback(4, "Friendly staff")
    desk.engagement.leave_feedback(5, "Toys!", by_child=True)


def open_reports(qtbot, window, world):
    some_visits(world)
    screen = window.engagement.open_reports()
    qtbot.waitUntil(lambda: screen.loads >= 1 and not window.tasks.busy)
    return screen


def test_the_charts_render_with_the_figures(qtbot, window, world):
    screen = open_reports(qtbot, window, world)
    report = screen.report
    assert report.total_visits >= 1 and report.feedback.count == 2
    assert screen.figure_labels["total"].text().startswith(f"{report.total_visits}\n")
    assert [view.objectName() for view in screen.charts] == [f"chart_{spec.key}" for spec in CHARTS]
    for view in screen.charts:
        assert view.chart().series(), view.objectName()
        assert not view.grab().isNull()
    titles = [view.chart().title() for view in screen.charts]
    assert "Feedback over time: 2 answers, average 4.5" in titles


def test_changing_the_date_range_reloads(qtbot, window, world):
    screen = open_reports(qtbot, window, world)
    loads = screen.loads
    qtbot.mouseClick(screen.twelve_weeks, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.loads > loads and not window.tasks.busy)
    assert screen.report.start == TODAY - timedelta(weeks=12) + timedelta(days=1)
    assert len(screen.report.weeks) >= 12
    screen.set_range(TODAY, TODAY - timedelta(days=3))  # the wrong way round: said next to the dates
    assert "before" in screen.range_message.text()


def test_csv_export_writes_a_file(qtbot, window, world, tmp_path, monkeypatch):
    screen = open_reports(qtbot, window, world)
    target = tmp_path / "report"
    monkeypatch.setattr(
        reports_screen.QFileDialog,
        "getSaveFileName",
        staticmethod(lambda *args, **kwargs: (str(target), "CSV files (*.csv)")),
    )
    qtbot.mouseClick(screen.csv_button, Qt.MouseButton.LeftButton)
    written = tmp_path / "report.csv"
    qtbot.waitUntil(lambda: written.exists() and not window.tasks.busy)
    assert written.read_text(encoding="utf-8") == world.desk.engagement.report_csv(screen.report)
    assert "Saved as" in screen.message.text()


def test_the_report_prints_with_its_charts(qtbot, window, world, printing):
    screen = open_reports(qtbot, window, world)
    qtbot.keyClick(screen.print_button, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(printing.printed) and not window.tasks.busy)
    _name, path = printing.printed[0]
    assert page_count(path) >= 1
    assert "printed on" in screen.message.text()
