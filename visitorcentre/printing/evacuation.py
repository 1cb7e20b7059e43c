"""The evacuation list as a PDF: everyone in the building now, family by family, to take outside.

A4 portrait: the count at the top (people, adults, children), then one row a person with their
family's reference, the time they arrived, and an empty box to tick at the assembly point.
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from visitorcentre.core.evacuation import EvacuationList, summary
from visitorcentre.core.kinds import VISIT_STATUS_LABELS
from visitorcentre.i18n import N_, _
from visitorcentre.printing import fonts

_BOX = "☐"


def _styles() -> dict[str, ParagraphStyle]:
    regular, bold = fonts.faces()
    return {
        "title": ParagraphStyle("title", fontName=bold, fontSize=18, leading=22, spaceAfter=2 * mm),
        "count": ParagraphStyle("count", fontName=bold, fontSize=13, leading=17, spaceAfter=3 * mm),
        "cell": ParagraphStyle("cell", fontName=regular, fontSize=10, leading=13),
        "bold": ParagraphStyle("bold", fontName=bold, fontSize=10, leading=13),
        "head": ParagraphStyle("head", fontName=bold, fontSize=9.5, leading=12),
        "tick": ParagraphStyle("tick", fontName=regular, fontSize=15, leading=15, alignment=1),
    }


def evacuation_pdf(inside: EvacuationList, printed_by: str) -> bytes:
    """The evacuation list for ``inside`` (one establishment, as at ``inside.at``)."""
    styles = _styles()
    regular, _bold = fonts.faces()
    at = inside.at
    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=12 * mm,
        rightMargin=12 * mm,
        topMargin=12 * mm,
        bottomMargin=14 * mm,
        title=f"Evacuation list {at:%Y-%m-%d %H:%M}",
        author="Visitor Centre",
        creator="Visitor Centre",
    )
    story = [
        Paragraph(
            escape(_("Everyone in the building — {name}").format(name=inside.establishment_name)), styles["title"]
        ),
        Paragraph(escape(f"{at:%A} {at.day} {at:%B %Y}, {at:%H:%M}. {summary(inside)}."), styles["count"]),
    ]
    head = [N_("Family"), N_("Name"), N_("Adult or child"), N_("Arrived"), N_("Status"), N_("Out")]
    rows = [[Paragraph(escape(_(h)), styles["head"]) for h in head]]
    for family in inside.families:
        for i, person in enumerate(family.people):
            if not person.child:
                who = _("Adult")
            else:
                who = _("Child ({age})").format(age=person.age) if person.age is not None else _("Child")
            rows.append(
                [
                    Paragraph(escape(family.reference) if i == 0 else "", styles["bold"]),
                    Paragraph(escape(person.name), styles["cell"]),
                    Paragraph(escape(who), styles["cell"]),
                    Paragraph(f"{person.arrived_at:%H:%M}", styles["cell"]),
                    Paragraph(escape(VISIT_STATUS_LABELS.get(family.status, family.status)), styles["cell"]),
                    Paragraph(_BOX, styles["tick"]),
                ]
            )
    if len(rows) == 1:
        story.append(Paragraph(escape(_("No one is checked in or in the hall.")), styles["cell"]))
    else:
        table = Table(rows, colWidths=[24 * mm, 62 * mm, 30 * mm, 20 * mm, 28 * mm, 16 * mm], repeatRows=1)
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
                    ("LINEBELOW", (0, 1), (-1, -1), 0.3, colors.HexColor("#999999")),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6e6e6")),
                    ("TOPPADDING", (0, 0), (-1, -1), 3),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                ]
            )
        )
        story += [Spacer(1, 2 * mm), table]

    def footer(canvas, document) -> None:
        canvas.saveState()
        canvas.setFont(regular, 8)
        canvas.drawString(
            12 * mm,
            7 * mm,
            _("Printed {when} by {name}. Holds personal details of families: shred it after the evacuation.").format(
                when=f"{at:%Y-%m-%d %H:%M}", name=printed_by
            ),
        )
        canvas.restoreState()

    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return out.getvalue()
