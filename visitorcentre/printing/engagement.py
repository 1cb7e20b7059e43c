"""The "you said, we did" poster and the support directory, printed on A4 for the visitor centre wall."""

from __future__ import annotations

import io
from datetime import date
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from visitorcentre import i18n
from visitorcentre.core.engagement import SUPPORT_CATEGORIES, ResponseView, SupportService
from visitorcentre.printing.fonts import faces

INK = colors.HexColor("#1a1a1a")
ACCENT = colors.HexColor("#005a9c")
SAID = colors.HexColor("#e8f1f8")
DID = colors.HexColor("#e9f5ec")
#: How many responses fit the poster (the newest); older ones stay in the desk's list.
POSTER_RESPONSES = 6


def _styles() -> dict[str, ParagraphStyle]:
    regular, bold = faces()
    body = ParagraphStyle("body", fontName=regular, fontSize=12, leading=16, textColor=INK)
    return {
        "title": ParagraphStyle("title", parent=body, fontName=bold, fontSize=30, leading=36, textColor=ACCENT),
        "subtitle": ParagraphStyle("subtitle", parent=body, fontSize=14, leading=19, spaceAfter=4 * mm),
        "theme": ParagraphStyle("theme", parent=body, fontName=bold, fontSize=15, leading=19, spaceAfter=1.5 * mm),
        "label": ParagraphStyle("label", parent=body, fontName=bold, fontSize=12.5, leading=16),
        "body": body,
        "heading": ParagraphStyle(
            "heading",
            parent=body,
            fontName=bold,
            fontSize=15,
            leading=19,
            textColor=ACCENT,
            spaceBefore=5 * mm,
            spaceAfter=2 * mm,
        ),
        "name": ParagraphStyle("name", parent=body, fontName=bold, fontSize=12.5, leading=16),
        "phone": ParagraphStyle("phone", parent=body, fontName=bold, fontSize=14, leading=18),
        "small": ParagraphStyle("small", parent=body, fontSize=9.5, leading=12.5, textColor=colors.HexColor("#333333")),
    }


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text), style)


def _footer(text: str, language: str = "en"):
    _ = i18n.translator(language)
    page = _("Page {number}")

    def draw(canvas, doc) -> None:
        regular, _ = faces()
        canvas.saveState()
        canvas.setFont(regular, 9)
        canvas.setFillColor(colors.HexColor("#444444"))
        canvas.drawString(18 * mm, 10 * mm, text)
        canvas.drawRightString(A4[0] - 18 * mm, 10 * mm, page.format(number=doc.page))
        canvas.restoreState()

    return draw


def _document(buffer: io.BytesIO, title: str) -> SimpleDocTemplate:
    return SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=16 * mm,
        bottomMargin=18 * mm,
        title=title,
        author="Visitor Centre",
    )


def poster_pdf(establishment_name: str, responses: list[ResponseView], today: date, language: str = "en") -> bytes:
    """The poster: each response's theme, "You said" and "We did" side by side, newest first."""
    _ = i18n.translator(language)
    s = _styles()
    buffer = io.BytesIO()
    doc = _document(buffer, _("You said, we did — {place}").format(place=establishment_name))
    width = doc.width - 12  # the frame's own padding, 6 pt each side
    story = [
        _p(_("You said, we did"), s["title"]),
        _p(
            _("{place} visitor centre: what families told us, and what we changed.").format(place=establishment_name),
            s["subtitle"],
        ),
    ]
    shown = responses[:POSTER_RESPONSES]
    if not shown:
        story.append(
            _p(
                _(
                    "Nothing to show yet. Tell us how your visit went: ask at the desk for the feedback "
                    "screen or a feedback card."
                ),
                s["body"],
            )
        )
    for response in shown:
        block = Table(
            [
                [_p(_("You said"), s["label"]), _p(_("We did"), s["label"])],
                [_p(response.you_said, s["body"]), _p(response.we_did, s["body"])],
            ],
            colWidths=[width / 2, width / 2],
        )
        block.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (0, -1), SAID),
                    ("BACKGROUND", (1, 0), (1, -1), DID),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 3 * mm),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 3 * mm),
                    ("TOPPADDING", (0, 0), (-1, 0), 2.5 * mm),
                    ("BOTTOMPADDING", (0, -1), (-1, -1), 3 * mm),
                    ("LINEBEFORE", (1, 0), (1, -1), 2, colors.white),
                ]
            )
        )
        story.append(
            KeepTogether(
                [
                    _p(f"{response.theme} · {_month(response.responded_on, language)}", s["theme"]),
                    block,
                    Spacer(1, 5 * mm),
                ]
            )
        )
    story += [
        Spacer(1, 3 * mm),
        _p(
            _("Your views matter. Tell us about your visit at the desk — you do not have to give your name."),
            s["body"],
        ),
    ]
    footer = _footer(_("Printed {date}").format(date=i18n.long_date(today, language)), language)
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()


def _month(day: date, language: str) -> str:
    from babel.dates import format_date

    return format_date(day, "LLLL yyyy", locale=i18n.babel_locale(language))


def _service(service: SupportService, s: dict, width: float, _=str) -> Table:
    details = [_p(service.name, s["name"]), _p(_(service.description), s["body"])]
    contact = []
    if service.phone:
        contact.append(_p(service.phone, s["phone"]))
    if service.website:
        contact.append(_p(service.website, s["body"]))
    if service.hours:
        contact.append(_p(_(service.hours), s["small"]))
    table = Table([[details, contact or ""]], colWidths=[width * 0.64, width * 0.36])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3 * mm),
                ("TOPPADDING", (0, 0), (-1, -1), 2 * mm),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, colors.HexColor("#bbbbbb")),
            ]
        )
    )
    return table


def directory_pdf(establishment_name: str, services: list[SupportService], today: date, language: str = "en") -> bytes:
    """The support directory in ``language``: services grouped by kind, national first, with phone and website.

    The national services' words come from the catalogues; a prison's own services are printed
    as they were typed.
    """
    _ = i18n.translator(language)
    s = _styles()
    buffer = io.BytesIO()
    doc = _document(buffer, _("Support for families — {place}").format(place=establishment_name))
    story = [
        _p(_("Support for families"), s["title"]),
        _p(
            _("Help for anyone visiting {place}, and their children. Every service here is free to contact.").format(
                place=establishment_name
            ),
            s["subtitle"],
        ),
    ]
    order = list(SUPPORT_CATEGORIES) + sorted({x.category for x in services} - set(SUPPORT_CATEGORIES))
    for category in order:
        listed = [x for x in services if x.category == category]
        if not listed:
            continue
        heading = _p(_(SUPPORT_CATEGORIES.get(category, category.replace("_", " ").capitalize())), s["heading"])
        story.append(KeepTogether([heading, _service(listed[0], s, doc.width - 12, _)]))
        story += [_service(x, s, doc.width - 12, _) for x in listed[1:]]
    footer = _footer(
        _("{place} · printed {date} · ask at the desk if a number has changed").format(
            place=establishment_name, date=i18n.long_date(today, language)
        ),
        language,
    )
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()
