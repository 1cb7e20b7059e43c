"""The reports screen's charts (Qt Charts), each made from a ``Report``.

Each chart has a title in words and its figures on the bars or the axis, so it reads without
relying on colour; the colours are a palette that stays distinct in greyscale print. The printed
report draws its own charts of the same figures (``desk.engagement.report_pdf``), so these are for the screen.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QLineSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, QPointF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QWidget

from visitorcentre.ui.check_in.sessions_model import kind_label
from visitorcentre.ui.cost_of_visits.pounds_and_pence import format_pence
from visitorcentre.ui.shared.i18n import N_, _

#: Dark-to-light colours that stay apart on screen and in greyscale print.
PALETTE = ("#1d5c63", "#e07b39", "#5b2a86", "#8fb339", "#174a8b", "#b8336a", "#7a6c5d", "#3fa7a3", "#c9a227")


@dataclass(frozen=True)
class ChartSpec:
    """One chart: its key (its object name), title, and how it is drawn from a report."""

    key: str
    title: str
    build: Callable[[QChart, object], None]


def _week_labels(report) -> list[str]:
    return [f"{week:%d %b}" for week in report.weeks]


def _bar_set(name: str, values, colour: str) -> QBarSet:
    bar_set = QBarSet(name)
    bar_set.append([float(v) for v in values])
    bar_set.setColor(QColor(colour))
    bar_set.setBorderColor(QColor("#ffffff"))
    return bar_set


def _peak(series) -> float:
    """The highest value a series reaches (a stacked bar's whole height)."""
    if isinstance(series, QLineSeries):
        return max((point.y() for point in series.points()), default=0.0)
    sets = series.barSets()
    if isinstance(series, QStackedBarSeries):
        count = max((bar_set.count() for bar_set in sets), default=0)
        return max((sum(bar_set.at(i) for bar_set in sets if i < bar_set.count()) for i in range(count)), default=0.0)
    return max((bar_set.at(i) for bar_set in sets for i in range(bar_set.count())), default=0.0)


def _axes(chart: QChart, series, categories: list[str], horizontal: bool = False, top: float | None = None) -> None:
    category_axis = QBarCategoryAxis()
    category_axis.append(categories or [_("(none)")])
    value_axis = QValueAxis()
    value_axis.setLabelFormat("%d" if top is None else "%.0f")
    chart.addAxis(category_axis, Qt.AlignmentFlag.AlignLeft if horizontal else Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(value_axis, Qt.AlignmentFlag.AlignBottom if horizontal else Qt.AlignmentFlag.AlignLeft)
    for one in series:
        one.attachAxis(category_axis)
        one.attachAxis(value_axis)
    if top is None:
        value_axis.setRange(0, max(max((_peak(one) for one in series), default=0.0), 4.0))
        value_axis.applyNiceNumbers()
        value_axis.setMin(0)
    else:
        value_axis.setRange(0, top)
        value_axis.setTickCount(int(top) + 1)


def _lines(chart: QChart, report, lines: list[tuple[str, tuple]], top: float | None = None) -> None:
    """Weekly figures as lines with points (a week with no figure leaves a gap)."""
    series_list = []
    for number, (name, values) in enumerate(lines):
        series = QLineSeries()
        series.setName(name)
        series.setPointsVisible(True)
        series.setPen(
            QPen(
                QColor(PALETTE[number % len(PALETTE)]),
                3,
                Qt.PenStyle.SolidLine if number % 2 == 0 else Qt.PenStyle.DashLine,
            )
        )
        for index, value in enumerate(values):
            if value is not None:
                series.append(QPointF(index, float(value)))
        chart.addSeries(series)
        series_list.append(series)
    _axes(chart, series_list, _week_labels(report), top=top)


def _visits_by_kind(chart: QChart, report) -> None:
    series = QStackedBarSeries()
    for number, (kind, values) in enumerate(sorted(report.visits_by_kind_weekly.items())):
        if any(values):
            series.append(_bar_set(kind_label(kind), values, PALETTE[number % len(PALETTE)]))
    chart.addSeries(series)
    _axes(chart, [series], _week_labels(report))
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignRight)  # many kinds: their names in full


def _physical_and_virtual(chart: QChart, report) -> None:
    series = QStackedBarSeries()
    series.append(_bar_set(_("In the hall ({n})").format(n=report.physical), report.physical_weekly, PALETTE[0]))
    series.append(_bar_set(_("Virtual ({n})").format(n=report.virtual), report.virtual_weekly, PALETTE[1]))
    chart.addSeries(series)
    _axes(chart, [series], _week_labels(report))


def _who_came(chart: QChart, report) -> None:
    _lines(
        chart,
        report,
        [
            (_("First-time visitors ({n})").format(n=report.first_time_visitors), report.first_time_weekly),
            (_("Children visiting ({n})").format(n=report.children), report.children_weekly),
        ],
    )


def _no_shows_and_advice(chart: QChart, report) -> None:
    _lines(
        chart,
        report,
        [
            (_("Did not come ({n})").format(n=report.no_shows), report.no_shows_weekly),
            (_("Advice given ({n})").format(n=report.advice_given), report.advice_given_weekly),
            (_("People refused ({n})").format(n=report.refused), report.refusals_weekly),
        ],
    )


def _or_none(items: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """A chart of nothing still has one (empty) bar, so its axes have a range."""
    return items or [(_("None in these dates"), 0)]


def _refusals(chart: QChart, report) -> None:
    reasons = _or_none(sorted(report.refusals.items(), key=lambda item: item[1]))
    series = QHorizontalBarSeries()
    series.append(_bar_set(_("People refused"), [n for _r, n in reasons], PALETTE[5]))
    series.setLabelsVisible(True)
    chart.addSeries(series)
    _axes(chart, [series], [reason[:40] for reason, _n in reasons], horizontal=True)
    chart.legend().hide()


def _cost_applications(chart: QChart, report) -> None:
    summary = report.cost_applications
    statuses = _or_none(sorted(summary.by_status.items()))
    series = QBarSeries()
    series.append(_bar_set(_("Applications"), [n for _s, n in statuses], PALETTE[4]))
    series.setLabelsVisible(True)
    chart.addSeries(series)
    _axes(chart, [series], [status.replace("_", " ").capitalize() for status, _n in statuses])
    chart.setTitle(
        _("Help with the cost of visits: {count} applications, {amount}").format(
            count=summary.count, amount=format_pence(summary.total_pence)
        )
    )
    chart.legend().hide()


def _feedback(chart: QChart, report) -> None:
    average = report.feedback.average
    _lines(chart, report, [(_("Average face (1 very sad – 5 very happy)"), report.feedback_average_weekly)], top=5)
    chart.setTitle(
        _("Feedback over time: {count} answers, average {average}").format(
            count=report.feedback.count, average="–" if average is None else f"{average:.1f}"
        )
    )


CHARTS = (
    ChartSpec("visits_by_kind", N_("Visits per week, by kind of visit"), _visits_by_kind),
    ChartSpec("physical_virtual", N_("In the hall and virtual visits per week"), _physical_and_virtual),
    ChartSpec("who_came", N_("First-time visitors and children visiting, per week"), _who_came),
    ChartSpec("no_shows_advice", N_("Did not come, advice given and people refused, per week"), _no_shows_and_advice),
    ChartSpec("refusals", N_("People refused, by reason"), _refusals),
    ChartSpec("cost_applications", N_("Help with the cost of visits"), _cost_applications),
    ChartSpec("feedback", N_("Feedback over time"), _feedback),
)


def build_chart(spec: ChartSpec, report) -> QChart:
    """A fresh chart for ``spec`` drawn from ``report``."""
    chart = QChart()
    chart.setTitle(_(spec.title))
    title_font = QFont(chart.titleFont())
    title_font.setPointSize(14)
    title_font.setBold(True)
    chart.setTitleFont(title_font)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)  # nothing moves; screenshots are stable
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    legend_font = QFont(chart.legend().font())
    legend_font.setPointSize(11)
    chart.legend().setFont(legend_font)
    spec.build(chart, report)
    return chart


def chart_view(chart: QChart, title: str, parent: QWidget | None = None) -> QChartView:
    view = QChartView(chart, parent)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setAccessibleName(title)
    view.setMinimumHeight(320)
    return view


def make_charts(report, parent: QWidget | None = None) -> list[QChartView]:
    """The chart views for the screen, in ``CHARTS`` order."""
    views = []
    for spec in CHARTS:
        view = chart_view(build_chart(spec, report), _(spec.title), parent)
        view.setObjectName(f"chart_{spec.key}")
        views.append(view)
    return views
