"""The day list as a PDF: every visit on a date, session by session, the way staff print it in the morning.

A4 landscape, one table per session: time, reference, prisoner, the party (children with their
date of birth), status, and empty boxes to tick on paper when the network or the PC is down.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, datetime
from itertools import groupby
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from visitorcentre.core.ages import age_on
from visitorcentre.core.kinds import SESSION_KIND_LABELS, VISIT_STATUS_LABELS
from visitorcentre.core.views import DayListVisit
from visitorcentre.i18n import N_, _, ngettext, short_date, weekday_date
from visitorcentre.printing import fonts

TICKS = (N_("Arrived"), N_("Checked in"), N_("In hall"))
_BOX = "☐"


@dataclass(frozen=True)
class Establishment:
    code: str
    name: str
    adult_age: int = 18


def _styles() -> dict[str, ParagraphStyle]:
    regular, bold = fonts.faces()
    return {
        "title": ParagraphStyle("title", fontName=bold, fontSize=16, leading=20, spaceAfter=2 * mm),
        "session": ParagraphStyle(
            "session", fontName=bold, fontSize=12, leading=15, spaceBefore=4 * mm, spaceAfter=1.5 * mm
        ),
        "cell": ParagraphStyle("cell", fontName=regular, fontSize=9.5, leading=12),
        "bold": ParagraphStyle("bold", fontName=bold, fontSize=9.5, leading=12),
        "head": ParagraphStyle("head", fontName=bold, fontSize=9, leading=11),
        "tick": ParagraphStyle("tick", fontName=regular, fontSize=14, leading=14, alignment=1),
        "note": ParagraphStyle("note", fontName=regular, fontSize=9, leading=12, textColor=colors.HexColor("#333333")),
    }


def _visits(number: int) -> str:
    return ngettext("{count} visit", "{count} visits", number).format(count=number)


def _visitors(number: int) -> str:
    return ngettext("{count} visitor", "{count} visitors", number).format(count=number)


def _party(visit: DayListVisit, adult_age: int, day: date) -> str:
    lines = []
    for person in visit.party:
        name = escape(person.name)
        if age_on(person.date_of_birth, day) < adult_age:
            born = person.date_of_birth
            name += " <i>" + escape(_("(child, born {date})").format(date=short_date(born))) + "</i>"
        if person.outcome not in ("expected", "checked_in"):
            name += f" — {escape(person.outcome.replace('_', ' '))}"
        lines.append(name)
    for words in visit.needs_review:
        lines.append("<b>" + escape(_("Needs review:")) + "</b> " + escape(words))
    return "<br/>".join(lines) or "—"


def _session_table(visits: list[DayListVisit], est: Establishment, day: date, styles) -> Table:
    head = [_("Time"), _("Ref"), _("Prisoner"), _("Visitors"), _("Status"), *(_(t) for t in TICKS)]
    rows = [[Paragraph(escape(h), styles["head"]) for h in head]]
    for visit in visits:
        rows.append(
            [
                Paragraph(f"{visit.session_start:%H:%M}", styles["cell"]),
                Paragraph(visit.reference, styles["bold"]),
                Paragraph(f"{escape(visit.prisoner_name)}<br/>{escape(visit.prisoner_number)}", styles["cell"]),
                Paragraph(_party(visit, est.adult_age, day), styles["cell"]),
                Paragraph(escape(_(VISIT_STATUS_LABELS.get(visit.status, visit.status))), styles["cell"]),
                *[Paragraph(_BOX, styles["tick"]) for _tick in TICKS],
            ]
        )
    widths = [16 * mm, 23 * mm, 48 * mm, 95 * mm, 26 * mm, 20 * mm, 24 * mm, 20 * mm]
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
                ("LINEBELOW", (0, 1), (-1, -1), 0.3, colors.HexColor("#999999")),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6e6e6")),
                ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#f5f5f5")]),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return table


def day_list_pdf(
    visits: list[DayListVisit],
    day: date,
    establishments: dict[str, Establishment],
    printed_at: datetime,
    printed_by: str,
) -> bytes:
    """The day list for ``day``: a section per establishment, a table per session."""
    styles = _styles()
    regular, _bold = fonts.faces()
    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=landscape(A4),
        leftMargin=12 * mm,
        rightMargin=12 * mm,
        topMargin=12 * mm,
        bottomMargin=14 * mm,
        title=_("Day list {date}").format(date=day.isoformat()),
        author="Visitor Centre",
        creator="Visitor Centre",
    )

    def footer(canvas, document) -> None:
        canvas.saveState()
        canvas.setFont(regular, 8)
        canvas.drawString(
            12 * mm,
            7 * mm,
            _(
                "Printed {date} {time} by {who}. "
                "Holds personal details of families: keep it out of sight and shred it after the day."
            ).format(date=short_date(printed_at.date()), time=f"{printed_at:%H:%M}", who=printed_by),
        )
        canvas.drawRightString(landscape(A4)[0] - 12 * mm, 7 * mm, _("Page {number}").format(number=document.page))
        canvas.restoreState()

    story: list = []
    codes = sorted({v.establishment for v in visits}) or sorted(establishments)[:1]
    for index, code in enumerate(codes):
        est = establishments.get(code, Establishment(code, code))
        if index:
            story.append(PageBreak())
        own = sorted(
            (v for v in visits if v.establishment == code), key=lambda v: (v.session_start, v.room, v.kind, v.reference)
        )
        title = _("Day list — {place} — {date}").format(place=est.name, date=weekday_date(day))
        story.append(Paragraph(escape(title), styles["title"]))
        people = sum(len(v.party) for v in own)
        story.append(Paragraph(escape(f"{_visits(len(own))}, {_visitors(people)}."), styles["note"]))
        if not own:
            story.append(Spacer(0, 6 * mm))
            story.append(Paragraph(escape(_("No visits booked for this day.")), styles["cell"]))
        for (start, room, kind), in_session in groupby(own, key=lambda v: (v.session_start, v.room, v.kind)):
            group = list(in_session)
            label = _(SESSION_KIND_LABELS.get(kind, kind))
            heading = Paragraph(
                f"{start:%H:%M} · {escape(room)} · {escape(label)} · {_visits(len(group))}", styles["session"]
            )
            # A session's heading never sits alone at the foot of a page: a short session moves to the
            # next page whole, a long one starts there only if less than a few rows' room is left.
            table = _session_table(group, est, day, styles)
            if len(group) <= 6:
                story.append(KeepTogether([heading, table]))
            else:
                story += [CondPageBreak(45 * mm), heading, table]
    if not story:
        story.append(Paragraph(escape(_("No visits on {date}.").format(date=weekday_date(day))), styles["title"]))
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return out.getvalue()
