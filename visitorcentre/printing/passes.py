"""The visit pass as a PDF, in two layouts: an A6 card and an 80 mm receipt roll.

A pass shows what the family and the door officer need at a glance: the establishment, the
visit reference, the session's day, time and room, when to arrive by, who is being visited, the
party (adults; children with their date of birth), and the QR code at least 25 mm across so an
ordinary scanner reads it at arm's length.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from visitorcentre import i18n
from visitorcentre.core.kinds import SESSION_KIND_LABELS
from visitorcentre.core.views import PassSheet
from visitorcentre.i18n import N_
from visitorcentre.printing import fonts, qr

A6 = "a6"
RECEIPT = "receipt"
LAYOUTS = (A6, RECEIPT)
LAYOUT_LABELS = {A6: N_("A6 card"), RECEIPT: N_("80 mm receipt roll")}

#: The side of the QR code's dark part on each layout (the issue asks for at least 25 mm).
QR_SIDE = {A6: 30 * mm, RECEIPT: 42 * mm}
PREVIEW_DATA = "PREVIEW - NOT A VISIT PASS"


@dataclass(frozen=True)
class _Line:
    text: str
    size: float
    bold: bool = False
    gap_after: float = 1.0 * mm


def _language(sheet: PassSheet) -> str:
    """The family's language, if the desk can print in it (else English)."""
    return i18n.family_language(sheet.language)


@functools.lru_cache(maxsize=1024)
def _short_date(day: date, language: str) -> str:
    """``i18n.short_date``, kept: a day's passes show the same few days (Babel takes tens of µs each time)."""
    return i18n.short_date(day, language)


@functools.lru_cache(maxsize=256)
def _weekday_date(day: date, language: str) -> str:
    """``i18n.weekday_date``, kept like ``_short_date``."""
    return i18n.weekday_date(day, language)


def _born(day: date, language: str) -> str:
    _ = i18n.translator(language)
    return _("born {date}").format(date=_short_date(day, language))


def _heading(sheet: PassSheet, preview: bool) -> list[_Line]:
    _ = i18n.translator(_language(sheet))
    return [
        _Line(sheet.establishment_name, 12, True, 0.4 * mm),
        _Line(_("PREVIEW — not a visit pass") if preview else _("Visit pass"), 10, False, 3 * mm),
    ]


def _session(sheet: PassSheet) -> list[_Line]:
    language = _language(sheet)
    _ = i18n.translator(language)
    start = sheet.session_start
    kind = _(SESSION_KIND_LABELS.get(sheet.kind, sheet.kind.replace("_", " ").capitalize()))
    weekday, _comma, day = _weekday_date(start.date(), language).partition(", ")
    return [
        _Line(_("Reference"), 8, False, 0.2 * mm),
        _Line(sheet.reference, 24, True, 2.5 * mm),
        _Line(weekday if day else "", 11, True, 0.3 * mm),
        _Line(day or weekday, 11, True, 0.8 * mm),
        _Line(
            _("{start} to {end}").format(start=f"{start:%H:%M}", end=f"{sheet.session_end:%H:%M}"), 11, False, 0.3 * mm
        ),
        _Line(sheet.room, 10, False, 0.3 * mm),
        _Line(kind, 9, False, 2.5 * mm),
        _Line(_("Arrive by {time}").format(time=f"{sheet.cut_off:%H:%M}"), 12, True, 0),
    ]


def _people(sheet: PassSheet) -> list[_Line]:
    language = _language(sheet)
    _ = i18n.translator(language)
    lines = [
        _Line(_("Visiting"), 8, False, 0.2 * mm),
        _Line(f"{sheet.prisoner_name} ({sheet.prisoner_number})", 11, True, 2.5 * mm),
    ]
    count = len(sheet.adults) + len(sheet.children)
    lines.append(_Line(_("Visitors ({count})").format(count=count), 8, False, 0.4 * mm))
    for name in sheet.adults:
        lines.append(_Line(name, 11, False, 0.3 * mm))
    for name, born in sheet.children:
        child = _("{name} (child, {born})").format(name=name, born=_born(born, language))
        lines.append(_Line(child, 11, False, 0.3 * mm))
    return lines


def _footer(sheet: PassSheet, preview: bool) -> str:
    language = _language(sheet)
    _ = i18n.translator(language)
    if preview:
        return _("Preview only: print the pass to get a code the door accepts.")
    printed = _("Pass {serial} · printed {date} {time}").format(
        serial=sheet.serial,
        date=_short_date(sheet.printed_at.date(), language),
        time=f"{sheet.printed_at:%H:%M}",
    )
    if sheet.times_printed > 1:
        printed += " · " + _("copy {number}").format(number=sheet.times_printed)
    return printed


@functools.lru_cache(maxsize=2048)
def _width_at_1000(text: str, face: str) -> float:
    """The width of ``text`` in ``face`` at 1,000 points: kept, as most of a pass's lines are the same on every pass."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return stringWidth(text, face, 1000)


def _draw_lines(canvas: Canvas, lines: Iterable[_Line], x: float, y: float, width: float) -> float:
    """Draw lines from ``y`` down, each shrunk to fit ``width``; returns the y below the last."""
    regular, bold = fonts.faces()
    text = canvas.beginText()  # one text object for every line (a text object each cost a pass as much again)
    for line in lines:
        face = bold if line.bold else regular
        size = line.size
        # The width at 1,000 points is the sum of the glyphs' widths, and reportlab's width at ``size``
        # is 0.001 * size times that sum: measured once, not once per step of shrinking.
        thousand = _width_at_1000(line.text, face)
        while size > 6 and 0.001 * size * thousand > width:
            size -= 0.5
        y -= size
        text.setFont(face, size)
        text.setTextOrigin(x, y)
        # reportlab's own "print here, leave the cursor": the same operators as ``textOut`` without
        # measuring the line again to move a cursor that the next line sets anew.
        text._textOut(line.text)
        y -= line.gap_after + size * 0.25
    canvas.drawText(text)
    return y


def _height(lines: Iterable[_Line]) -> float:
    return sum(line.size * 1.25 + line.gap_after for line in lines)


def _preview_mark(canvas: Canvas, width: float, height: float, language: str) -> None:
    canvas.saveState()
    canvas.setFillColorRGB(0.8, 0.1, 0.1)
    canvas.setFillAlpha(0.35)  # the words under it stay readable
    canvas.setFont(fonts.faces()[1], 30)
    canvas.translate(width / 2, height / 2)
    canvas.rotate(35)
    _ = i18n.translator(language)
    canvas.drawCentredString(0, 0, _("PREVIEW"))
    canvas.restoreState()


@functools.cache
def _a6_frame() -> str:
    """The A6 card's rounded border as PDF operators, the same on every pass: made once (reportlab's
    number formatting of its curves was a tenth of a pass's own drawing)."""
    from reportlab.pdfgen.pathobject import PDFPathObject

    width, height = 105 * mm, 148 * mm
    operators: list[str] = []
    PDFPathObject(code=operators).roundRect(3 * mm, 3 * mm, width - 6 * mm, height - 6 * mm, 3 * mm)
    return "\n".join([*operators, "S"])  # stroked, not filled: what ``canvas.roundRect`` writes


def _draw_a6(canvas: Canvas, sheet: PassSheet, preview: bool) -> None:
    width, height, margin = 105 * mm, 148 * mm, 7 * mm
    canvas.setPageSize((width, height))
    canvas.setLineWidth(0.6)
    canvas.addLiteral(_a6_frame())
    y = _draw_lines(canvas, _heading(sheet, preview), margin, height - margin, width - 2 * margin)
    # The session on the left, the code on the right, level with it.
    code_side = QR_SIDE[A6]
    column = width - 2 * margin - code_side - 6 * mm
    below_session = _draw_lines(canvas, _session(sheet), margin, y, column)
    code_height = code_side * (1 + 2 * qr.QUIET_ZONE / 41)
    qr.draw(
        canvas, PREVIEW_DATA if preview else sheet.token, width - margin - code_height / 2, y - code_height, code_side
    )
    y = min(below_session, y - code_height) - 4 * mm
    canvas.setLineWidth(0.3)
    canvas.line(margin, y + 2 * mm, width - margin, y + 2 * mm)
    _draw_lines(canvas, _people(sheet), margin, y, width - 2 * margin)
    canvas.setFont(fonts.faces()[0], 7)
    canvas.drawCentredString(width / 2, margin - 1 * mm, _footer(sheet, preview))
    if preview:
        _preview_mark(canvas, width, height, _language(sheet))


def _draw_receipt(canvas: Canvas, sheet: PassSheet, preview: bool) -> None:
    width, margin = 80 * mm, 5 * mm
    top_lines = _heading(sheet, preview) + _session(sheet)
    people = _people(sheet)
    code_side = QR_SIDE[RECEIPT]
    code_height = code_side * (1 + 2 * qr.QUIET_ZONE / 41)
    height = 2 * margin + _height(top_lines) + _height(people) + code_height + 10 * mm
    canvas.setPageSize((width, height))
    y = _draw_lines(canvas, top_lines, margin, height - margin, width - 2 * margin) - 1 * mm
    qr.draw(canvas, PREVIEW_DATA if preview else sheet.token, width / 2, y - code_height, code_side)
    y -= code_height + 3 * mm
    _draw_lines(canvas, people, margin, y, width - 2 * margin)
    canvas.setFont(fonts.faces()[0], 7)
    canvas.drawCentredString(width / 2, margin, _footer(sheet, preview))
    if preview:
        _preview_mark(canvas, width, height, _language(sheet))


def _draw_pass(canvas: Canvas, sheet: PassSheet, layout: str, preview: bool) -> None:
    _ = i18n.translator(_language(sheet))
    canvas.setTitle(_("Visit pass {reference}").format(reference=sheet.reference))
    canvas.setAuthor(sheet.establishment_name)
    (_draw_a6 if layout == A6 else _draw_receipt)(canvas, sheet, preview)
    canvas.showPage()


def pass_pdf(sheets: Iterable[PassSheet], layout: str = A6, preview: bool = False) -> bytes:
    """One PDF with a page per pass, in ``layout`` ("a6" or "receipt")."""
    if layout not in LAYOUTS:
        raise ValueError(f"unknown pass layout {layout!r}")
    out = io.BytesIO()
    # Uncompressed: zlib over the embedded font subsets was a third of a pass's time, and the file
    # (about 90 KB) only travels to a local print queue.
    # Begun in the pass's own typeface: begun in reportlab's default (Helvetica), every pass also
    # carried a font object for Helvetica, which no pass writes a letter in.
    canvas = Canvas(out, pageCompression=0, initialFontName=fonts.faces()[0])
    canvas.setCreator("Visitor Centre")
    pages = 0
    for sheet in sheets:
        _draw_pass(canvas, sheet, layout, preview)
        pages += 1
    if not pages:
        raise ValueError("a pass PDF needs at least one pass")
    canvas.save()
    return out.getvalue()
