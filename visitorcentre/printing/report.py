"""The printable report (A4 PDF): the figures, then a chart for each, drawn with reportlab's graphics.

Drawing the charts here (not in Qt) lets the command line make the same report. A chart given
as PNG bytes in ``charts`` (e.g. the reports screen's Qt Charts) is used in place of the drawn one.
"""

from __future__ import annotations

import io
from datetime import datetime
from xml.sax.saxutils import escape

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Image, KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from visitorcentre.core.cost_of_visits.vocab import APPLICATION_STATUS_LABELS
from visitorcentre.core.engagement import RATINGS, Report
from visitorcentre.core.kinds import SESSION_KIND_LABELS, VISIT_STATUS_LABELS
from visitorcentre.i18n import N_, _, long_date, money
from visitorcentre.printing.fonts import faces

#: Chart names, in the order they print, with their titles.
CHARTS = {
    "visits_by_kind": N_("Visits per week, by kind of visit"),
    "physical_virtual": N_("Visits in person and virtual visits, per week"),
    "first_time": N_("First-time visitors and children let in, per week"),
    "refusals": N_("People refused at the desk, by reason"),
    "no_shows": N_("Visits not attended, and advice read out at check-in, per week"),
    "cost_applications": N_("Help with the cost of visits: applications by status"),
    "feedback": N_("Feedback: average rating (1 to 5) per week"),
}
#: Colour-blind-safe series colours (Okabe-Ito).
PALETTE = [
    colors.HexColor(c)
    for c in ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000", "#999999")
]
WIDTH = 170 * mm
HEIGHT = 70 * mm


def _styles() -> dict[str, ParagraphStyle]:
    regular, bold = faces()
    body = ParagraphStyle("body", fontName=regular, fontSize=10.5, leading=14)
    return {
        "title": ParagraphStyle("title", parent=body, fontName=bold, fontSize=20, leading=25),
        "subtitle": ParagraphStyle("subtitle", parent=body, fontSize=12, leading=16, spaceAfter=3 * mm),
        "heading": ParagraphStyle(
            "heading", parent=body, fontName=bold, fontSize=13, leading=17, spaceBefore=4 * mm, spaceAfter=2 * mm
        ),
        "body": body,
        "cell": ParagraphStyle("cell", parent=body, fontSize=10, leading=13),
        "number": ParagraphStyle("number", parent=body, fontSize=10, leading=13, alignment=2),
        "small": ParagraphStyle("small", parent=body, fontSize=8.5, leading=11, textColor=colors.HexColor("#444444")),
    }


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text), style)


def _pounds(pence: int) -> str:
    return money(pence)


def _week_labels(report: Report) -> list[str]:
    step = max(1, -(-len(report.weeks) // 13))  # at most 13 labels along the axis
    return [f"{w:%d %b}" if i % step == 0 else "" for i, w in enumerate(report.weeks)]


def _empty(title: str) -> Drawing:
    regular, _bold = faces()
    drawing = Drawing(WIDTH, 20 * mm)
    drawing.add(String(0, 8 * mm, _("Nothing in this period."), fontName=regular, fontSize=10))
    return drawing


def _axis_fonts(chart) -> None:
    regular, _bold = faces()
    for axis in (chart.categoryAxis, chart.valueAxis):
        axis.labels.fontName = regular
        axis.labels.fontSize = 7.5
    chart.valueAxis.valueMin = 0
    chart.valueAxis.forceZero = True


def _legend_rows(names: list[str]) -> int:
    return 1 if len(names) <= 4 else 3


def _legend(drawing: Drawing, names: list[str], y: float) -> None:
    regular, _bold = faces()
    legend = Legend()
    legend.fontName, legend.fontSize = regular, 8
    legend.x, legend.y = 10, y
    legend.alignment = "right"
    legend.columnMaximum = _legend_rows(names)
    legend.dx = legend.dy = 7
    legend.deltay = 12
    legend.deltax = 15
    legend.dxTextSpace = 4
    legend.colorNamePairs = [(PALETTE[i % len(PALETTE)], name) for i, name in enumerate(names)]
    legend.deltax = max(len(n) for n in names) * 4.4 + 22 if names else 60
    drawing.add(legend)


def _weekly_bars(report: Report, series: dict[str, tuple[int, ...]], stacked: bool) -> Drawing:
    extra = 14 * (_legend_rows(list(series)) - 1)
    drawing = Drawing(WIDTH, HEIGHT + extra)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 30, 38, WIDTH - 40, HEIGHT - 58
    chart.data = [list(v) for v in series.values()]
    chart.categoryAxis.categoryNames = _week_labels(report)
    chart.categoryAxis.labels.angle = 30
    chart.categoryAxis.labels.boxAnchor = "ne"
    if stacked:
        chart.categoryAxis.style = "stacked"
    chart.barSpacing = 0
    chart.groupSpacing = 2
    for i in range(len(chart.data)):
        chart.bars[i].fillColor = PALETTE[i % len(PALETTE)]
        chart.bars[i].strokeColor = None
    _axis_fonts(chart)
    drawing.add(chart)
    _legend(drawing, list(series), HEIGHT + extra - 6)
    return drawing


def _weekly_lines(report: Report, series: dict[str, tuple], value_max: float | None = None) -> Drawing:
    drawing = Drawing(WIDTH, HEIGHT)
    chart = HorizontalLineChart()
    chart.x, chart.y, chart.width, chart.height = 30, 38, WIDTH - 40, HEIGHT - 58
    chart.data = [[v if v is not None else None for v in values] for values in series.values()]
    chart.categoryAxis.categoryNames = _week_labels(report)
    chart.categoryAxis.labels.angle = 30
    chart.categoryAxis.labels.boxAnchor = "ne"
    chart.joinedLines = 1
    for i in range(len(chart.data)):
        chart.lines[i].strokeColor = PALETTE[i % len(PALETTE)]
        chart.lines[i].strokeWidth = 1.8
    _axis_fonts(chart)
    if value_max is not None:
        chart.valueAxis.valueMax = value_max
        chart.valueAxis.valueStep = 1
    drawing.add(chart)
    _legend(drawing, list(series), HEIGHT - 6)
    return drawing


def _horizontal_bars(items: dict[str, int], colour=PALETTE[5]) -> Drawing:
    rows = list(items.items())[:10]
    height = max(30 * mm, 9 * mm + 7 * mm * len(rows))
    drawing = Drawing(WIDTH, height)
    chart = HorizontalBarChart()
    chart.x, chart.y, chart.width, chart.height = 62 * mm, 10, WIDTH - 62 * mm - 10, height - 20
    chart.data = [[n for _k, n in reversed(rows)]]
    chart.categoryAxis.categoryNames = [(k[:42] + "…") if len(k) > 43 else k for k, _n in reversed(rows)]
    chart.bars[0].fillColor = colour
    chart.bars[0].strokeColor = None
    _axis_fonts(chart)
    chart.categoryAxis.labels.fontSize = 8
    drawing.add(chart)
    return drawing


def _drawn(name: str, report: Report):
    weekly = bool(report.weeks)
    if name == "visits_by_kind":
        series = {_(SESSION_KIND_LABELS.get(k, k)): v for k, v in report.visits_by_kind_weekly.items()}
        return _weekly_bars(report, series, stacked=True) if series and weekly else None
    if name == "physical_virtual":
        return (
            _weekly_bars(
                report, {_("In person"): report.physical_weekly, _("Virtual"): report.virtual_weekly}, stacked=False
            )
            if report.total_visits
            else None
        )
    if name == "first_time":
        return (
            _weekly_lines(
                report,
                {_("First-time visitors"): report.first_time_weekly, _("Children let in"): report.children_weekly},
            )
            if weekly
            else None
        )
    if name == "refusals":
        return _horizontal_bars(report.refusals) if report.refusals else None
    if name == "no_shows":
        return (
            _weekly_lines(
                report,
                {_("Visits not attended"): report.no_shows_weekly, _("Advice read out"): report.advice_given_weekly},
            )
            if weekly
            else None
        )
    if name == "cost_applications":
        apps = {
            _(APPLICATION_STATUS_LABELS.get(k, k.replace("_", " ").capitalize())) if isinstance(k, str) else k: n
            for k, n in report.cost_applications.by_status.items()
        }
        return _horizontal_bars(apps, PALETTE[0]) if apps else None
    if name == "feedback":
        if not report.feedback.count:
            return None
        averages = [a if a is not None else None for a in report.feedback_average_weekly]
        return _weekly_lines(report, {_("Average rating"): tuple(averages)}, value_max=5)
    return None


def _chart(name: str, report: Report, charts: dict[str, bytes] | None):
    if charts and charts.get(name):
        image = Image(io.BytesIO(charts[name]))
        scale = min(WIDTH / image.imageWidth, 95 * mm / image.imageHeight)
        image.drawWidth, image.drawHeight = image.imageWidth * scale, image.imageHeight * scale
        return image
    return _drawn(name, report) or _empty(_(CHARTS[name]))


def _figures(report: Report, s: dict) -> Table:
    apps, feedback = report.cost_applications, report.feedback
    average = _("{rating} of 5").format(rating=f"{feedback.average:.1f}") if feedback.average is not None else "—"
    rows = [
        (_("Visits (every visit whose session fell in the period, whatever became of it)"), f"{report.total_visits:,}"),
        (_("of which in person"), f"{report.physical:,}"),
        (_("of which virtual"), f"{report.virtual:,}"),
        (_("First-time visitors"), f"{report.first_time_visitors:,}"),
        (_("Children let in (per visit)"), f"{report.children:,}"),
        (_("Everyone let in (per visit)"), f"{report.visitors_admitted:,}"),
        (_("People refused at the desk"), f"{report.refused:,}"),
        (_("Visits not attended"), f"{report.no_shows:,}"),
        (_("Visits with the advice read out"), f"{report.advice_given:,}"),
        (_("Visits booked with support needs"), f"{report.support_needs:,}"),
        (_("Help with the cost of visits: applications"), f"{apps.count:,} ({_pounds(apps.total_pence)})"),
        (
            _("Feedback"),
            _("{count} (average {average}, {children} from children)").format(
                count=f"{feedback.count:,}", average=average, children=f"{feedback.by_child:,}"
            ),
        ),
    ]
    table = Table(
        [[_p(a, s["cell"]), _p(b, s["number"])] for a, b in rows], colWidths=[108 * mm, 60 * mm], hAlign="LEFT"
    )
    table.setStyle(
        TableStyle(
            [("LINEBELOW", (0, 0), (-1, -1), 0.3, colors.HexColor("#bbbbbb")), ("VALIGN", (0, 0), (-1, -1), "TOP")]
        )
    )
    return table


def _small_table(title: str, rows: list[tuple[str, str]], s: dict) -> list:
    if not rows:
        return []
    table = Table(
        [[_p(a, s["cell"]), _p(b, s["number"])] for a, b in rows], colWidths=[108 * mm, 60 * mm], hAlign="LEFT"
    )
    table.setStyle(TableStyle([("LINEBELOW", (0, 0), (-1, -1), 0.3, colors.HexColor("#bbbbbb"))]))
    return [KeepTogether([_p(title, s["heading"]), table])]


def report_pdf(report: Report, establishment_label: str, charts: dict[str, bytes] | None, now: datetime) -> bytes:
    """The printable report (A4 PDF): the figures and their charts.

    Charts are drawn with reportlab's own graphics unless ``charts`` supplies PNG images by
    name ("visits_by_kind", "physical_virtual", "first_time", "children", "refusals",
    "no_shows", "advice_given", "cost_applications", "feedback"), which are used instead.
    """
    s = _styles()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=15 * mm,
        bottomMargin=16 * mm,
        title=_("Family contact report — {place}").format(place=establishment_label),
        author="Visitor Centre",
    )
    story = [
        _p(_("Family contact report"), s["title"]),
        _p(
            _("{place} · {start} to {end}").format(
                place=establishment_label, start=long_date(report.start), end=long_date(report.end)
            ),
            s["subtitle"],
        ),
        _figures(report, s),
    ]
    story += _small_table(
        _("Visits by kind"), [(_(SESSION_KIND_LABELS.get(k, k)), f"{n:,}") for k, n in report.by_kind.items()], s
    )
    story += _small_table(
        _("Visits by what became of them"),
        [(_(VISIT_STATUS_LABELS.get(k, k)), f"{n:,}") for k, n in report.by_status.items()],
        s,
    )
    story += _small_table(
        _("Feedback by rating"),
        [(f"{r} · {_(RATINGS[r][0])}", f"{n:,}") for r, n in report.feedback.by_rating.items()]
        if report.feedback.count
        else [],
        s,
    )
    for name, title in CHARTS.items():
        story.append(KeepTogether([_p(_(title), s["heading"]), _chart(name, report, charts), Spacer(1, 2 * mm)]))

    def footer(canvas, doc_) -> None:
        regular, _bold = faces()
        canvas.saveState()
        canvas.setFont(regular, 8.5)
        canvas.drawString(
            18 * mm,
            9 * mm,
            _("Visitor Centre · made {date} {time} · counts from the desk's records").format(
                date=long_date(now.date()), time=f"{now:%H:%M}"
            ),
        )
        canvas.drawRightString(A4[0] - 18 * mm, 9 * mm, _("Page {number}").format(number=doc_.page))
        canvas.restoreState()

    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()
