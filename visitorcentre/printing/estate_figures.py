"""The national figures as a PDF to print: A4 landscape, establishments side by side (eight to a table).

The same lines as the console's page and CSV (``core.figure_lines``), the range and who printed it.
"""

from __future__ import annotations

import io
from datetime import datetime
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from visitorcentre.core.figure_lines import Line
from visitorcentre.printing import fonts

PER_TABLE = 8


def _styles() -> dict[str, ParagraphStyle]:
    regular, bold = fonts.faces()
    return {
        "title": ParagraphStyle("title", fontName=bold, fontSize=16, leading=20, spaceAfter=2 * mm),
        "note": ParagraphStyle("note", fontName=regular, fontSize=10, leading=13, spaceAfter=3 * mm),
        "cell": ParagraphStyle("cell", fontName=regular, fontSize=8.5, leading=10.5),
        "num": ParagraphStyle("num", fontName=regular, fontSize=8.5, leading=10.5, alignment=2),
        "head": ParagraphStyle("head", fontName=bold, fontSize=8.5, leading=10.5, alignment=2),
        "section": ParagraphStyle("section", fontName=bold, fontSize=9, leading=11),
    }


def _table(names: list[str], columns: list[int], rows: list[Line], styles) -> Table:
    head = [Paragraph("Figure", styles["section"]), *[Paragraph(escape(names[c]), styles["head"]) for c in columns]]
    data, section_rows, section = [head], [], None
    for line in rows:
        if line.section != section:
            section = line.section
            section_rows.append(len(data))
            data.append([Paragraph(escape(section), styles["section"])] + [""] * len(columns))
        data.append(
            [
                Paragraph(escape(line.label), styles["cell"]),
                *[Paragraph(line.values[c], styles["num"]) for c in columns],
            ]
        )
    first = 70 * mm
    width = (landscape(A4)[0] - 24 * mm - first) / max(len(columns), 1)
    table = Table(data, colWidths=[first] + [width] * len(columns), repeatRows=1)
    style = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
        ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.HexColor("#b1b4b6")),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    style += [("BACKGROUND", (0, r), (-1, r), colors.HexColor("#f3f2f1")) for r in section_rows]
    table.setStyle(TableStyle(style))
    return table


def estate_figures_pdf(found, rows: list[Line], printed_at: datetime, printed_by: str) -> bytes:
    """The figures ``found`` (``centre.figures.EstateFigures``) laid out as ``rows``."""
    styles = _styles()
    regular, _bold = fonts.faces()
    names = [*found.names.values(), "Total"]
    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=landscape(A4),
        leftMargin=12 * mm,
        rightMargin=12 * mm,
        topMargin=12 * mm,
        bottomMargin=14 * mm,
        title=f"National figures {found.start.isoformat()} to {found.end.isoformat()}",
        author="Visitor Centre",
        creator="Visitor Centre",
    )
    story = [
        Paragraph("National figures of family contact", styles["title"]),
        Paragraph(
            escape(
                f"From {found.start:%-d %B %Y} to {found.end:%-d %B %Y}, "
                f"{len(found.names)} establishment{'' if len(found.names) == 1 else 's'}. "
                "Each establishment's figures are its desk report's over the same days."
            ),
            styles["note"],
        ),
    ]
    every = list(range(len(names)))
    for start in range(0, len(every), PER_TABLE):
        story += [_table(names, every[start : start + PER_TABLE], rows, styles), Spacer(1, 5 * mm)]

    def footer(canvas, document) -> None:
        canvas.saveState()
        canvas.setFont(regular, 8)
        canvas.drawString(12 * mm, 7 * mm, f"Printed {printed_at:%-d %b %Y %H:%M} (UTC) by {printed_by}.")
        canvas.restoreState()

    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return out.getvalue()
