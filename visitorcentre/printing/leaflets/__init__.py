"""Printed leaflets for families (A4, reportlab, no Qt): visit guide, first visit, children, easy read, costs.

Every leaflet names the establishment, says "rules as of" the day it was printed, and ends with
the national family helpline and the establishment's local support. Words come from the shared
gettext catalogues (visitorcentre.i18n); rule texts arrive already in the leaflet's language.
The DejaVu font (resources/fonts) is embedded, so Polish and Gaelic letters print and the text
layer reads back as written.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from visitorcentre.i18n import N_, translator
from visitorcentre.printing.fonts import faces
from visitorcentre.printing.pictograms import drawing

HELPLINE = "0800 254 0088"
HELPLINE_NAME = "Families Outside"
BLUE = colors.HexColor("#1d4f7c")
PALE = colors.HexColor("#eef4fa")
MUST = colors.HexColor("#b3261e")

TITLES = {
    "visit-guide": N_("Your visit guide"),
    "first-visit": N_("Your first visit, step by step"),
    "children": N_("Visiting someone in prison: a guide for children"),
    "easy-read": N_("Visiting: easy read"),
    "help-with-costs": N_("Help with the cost of your visit"),
}
CATEGORY_TITLES = {
    "arrival": N_("Arriving"),
    "id": N_("ID to bring"),
    "lockers": N_("Lockers"),
    "items": N_("What not to bring"),
    "dress": N_("What to wear"),
    "money": N_("Money"),
    "children": N_("Children and babies"),
}
ORDER = tuple(CATEGORY_TITLES)


@dataclass(frozen=True)
class Place:
    code: str
    name: str
    address: str
    booking_line: str
    local_support: str
    nation: str


@dataclass(frozen=True)
class RuleLine:
    category: str
    severity: str
    text: str
    easy_read: str
    pictogram: str


def long_date(day: date, language: str) -> str:
    from babel.dates import format_date

    return format_date(day, format="long", locale={"en": "en_GB"}.get(language, language))


class Kit:
    """Styles and helpers for one leaflet in one language."""

    def __init__(self, language: str, scale: float = 1.0):
        self.language = language
        self._ = translator(language)
        regular, bold = faces()
        self.regular, self.bold = regular, bold
        size = 11 * scale
        self.body = ParagraphStyle("body", fontName=regular, fontSize=size, leading=size * 1.35)
        self.strong = ParagraphStyle("strong", parent=self.body, fontName=bold)
        self.title = ParagraphStyle(
            "title",
            parent=self.body,
            fontName=bold,
            fontSize=22 * max(scale, 1),
            leading=27 * max(scale, 1),
            textColor=BLUE,
            spaceAfter=2 * mm,
        )
        self.heading = ParagraphStyle(
            "heading",
            parent=self.body,
            fontName=bold,
            fontSize=14.5 * scale,
            leading=19 * scale,
            textColor=BLUE,
            spaceBefore=4 * mm,
            spaceAfter=1.5 * mm,
        )
        self.small = ParagraphStyle(
            "small", parent=self.body, fontSize=9.5, leading=12.5, textColor=colors.HexColor("#444444")
        )

    def p(self, text: str, style=None, **values) -> Paragraph:
        """A paragraph of translated ``text`` (escaped; ``values`` filled in after translating)."""
        words = self._(text)
        if values:
            words = words % values
        return Paragraph(escape(words), style or self.body)

    def raw(self, text: str, style=None) -> Paragraph:
        return Paragraph(escape(text), style or self.body)

    def header(self, kind: str, place: Place, as_of: date) -> list:
        _ = self._
        return [
            self.raw(_(TITLES[kind]), self.title),
            self.raw(
                place.name,
                ParagraphStyle(
                    "place", parent=self.heading, spaceBefore=0, fontSize=16, leading=20, textColor=colors.black
                ),
            ),
            self.raw(_("Rules as of %(date)s") % {"date": long_date(as_of, self.language)}, self.strong),
            self.raw(
                " · ".join(
                    x
                    for x in (
                        place.address,
                        place.booking_line and _("Booking line: %(phone)s") % {"phone": place.booking_line},
                    )
                    if x
                ),
                self.small,
            ),
            Spacer(1, 3 * mm),
        ]

    def picture_row(
        self, key: str, paragraphs: list, size: float = 34, must: bool = False, valign: str = "MIDDLE"
    ) -> Table:
        table = Table([[drawing(key, size, must), paragraphs]], colWidths=[size + 4 * mm, None])
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), valign),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5 * mm),
                    ("TOPPADDING", (0, 0), (-1, -1), 0),
                ]
            )
        )
        return table

    def rule_paragraph(self, rule: RuleLine, easy: bool = False, bullet: bool = False) -> Paragraph:
        text = escape(rule.easy_read if easy else rule.text)
        if rule.severity == "must":
            label = escape(self._("You must"))
            text = f'<font name="{self.bold}" color="#b3261e">{label}:</font> {text}'
        if bullet:
            return Paragraph(
                text,
                ParagraphStyle("bullet", parent=self.body, leftIndent=4 * mm, bulletIndent=0, spaceBefore=1.2 * mm),
                bulletText="•",
            )
        return Paragraph(text, self.body)

    def support(self, place: Place) -> list:
        """The helpline and local support box every leaflet ends with."""
        _ = self._
        inner = [
            self.raw(_("Need to talk? Worried about a visit?"), self.strong),
            self.raw(
                _("%(name)s family helpline: %(phone)s (free to call)") % {"name": HELPLINE_NAME, "phone": HELPLINE},
                self.body,
            ),
        ]
        lines = [line.strip() for line in (place.local_support or "").splitlines() if line.strip()]
        if lines or place.booking_line:
            inner.append(self.raw(_("Local support:"), self.strong))
            inner += [self.raw(line, self.body) for line in lines]
            if place.booking_line:
                inner.append(
                    self.raw(_("%(name)s booking line: %(phone)s") % {"name": place.name, "phone": place.booking_line})
                )
        box = Table([[drawing("phone-call", 30), inner]], colWidths=[36, None])
        box.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, -1), PALE),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("BOX", (0, 0), (-1, -1), 1, BLUE),
                    ("LEFTPADDING", (0, 0), (-1, -1), 3 * mm),
                    ("TOPPADDING", (0, 0), (-1, -1), 2.5 * mm),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5 * mm),
                ]
            )
        )
        return [Spacer(1, 5 * mm), KeepTogether([box])]


def _build(kit: Kit, title: str, place: Place, as_of: date, story: list) -> bytes:
    buffer = io.BytesIO()
    as_of_words = kit._("Rules as of %(date)s") % {"date": long_date(as_of, kit.language)}
    footer = f"{place.name} · {as_of_words}"

    def on_page(canvas, doc):
        canvas.saveState()
        canvas.setFont(kit.regular, 8.5)
        canvas.setFillColor(colors.HexColor("#555555"))
        canvas.drawString(18 * mm, 10 * mm, footer)
        canvas.drawRightString(A4[0] - 18 * mm, 10 * mm, f"{doc.page}")
        canvas.restoreState()

    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=16 * mm,
        bottomMargin=18 * mm,
        title=f"{title} — {place.name}",
        author=place.name,
        subject=footer,
        lang=kit.language,
    )
    doc.build(story, onFirstPage=on_page, onLaterPages=on_page)
    return buffer.getvalue()


def render(kind: str, place: Place, rules: list[RuleLine], language: str, as_of: date) -> bytes:
    """The leaflet ``kind`` for ``place`` in ``language``, from ``rules`` (in force on ``as_of``, in order)."""
    from visitorcentre.printing.leaflets import kinds

    builder = getattr(kinds, kind.replace("-", "_"))
    kit = Kit(language, scale=builder.scale)
    story = kit.header(kind, place, as_of) + builder(kit, place, rules, as_of) + kit.support(place)
    return _build(kit, kit._(TITLES[kind]), place, as_of, story)


def by_category(rules: list[RuleLine]) -> dict[str, list[RuleLine]]:
    grouped: dict[str, list[RuleLine]] = {}
    for rule in rules:
        grouped.setdefault(rule.category, []).append(rule)
    return {c: grouped[c] for c in ORDER if c in grouped} | {c: r for c, r in grouped.items() if c not in ORDER}


__all__ = ["Place", "RuleLine", "render", "long_date", "CondPageBreak"]
