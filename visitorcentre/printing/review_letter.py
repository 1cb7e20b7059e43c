"""A letter to the family: their booking changed, or needs their call (a visit that needed review).

A4 portrait, in the family's language: the visitor centre's name and address, the lead visitor's
name, what happened to the visit (moved, cancelled, going ahead, or please phone us), the nearest
sessions with places when the prison cancelled the session, and the number to call. It never says
why a person may not come: that is for a conversation with staff, not a letter.
"""

from __future__ import annotations

import io
from datetime import date, datetime, time
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

from visitorcentre import i18n
from visitorcentre.core import review
from visitorcentre.core.review import FamilyLetter
from visitorcentre.i18n import N_
from visitorcentre.printing import fonts

_HEADINGS = {
    review.LETTER_OPEN: N_("Please call us about your visit"),
    review.LETTER_BLOCKED: N_("Your visit cannot go ahead at the booked time"),
    review.LETTER_MOVED: N_("Your visit has moved to a new time"),
    review.LETTER_PARTY: N_("Who can come on your visit has changed"),
    review.LETTER_GOES_AHEAD: N_("Your visit goes ahead as booked"),
    review.LETTER_CANCELLED: N_("Your visit has been cancelled"),
}
_BODIES = {
    review.LETTER_OPEN: N_(
        "Something has changed that affects your visit to {prisoner} on {day} at {time}. "
        "Please phone us before you travel, so that we can talk it through with you."
    ),
    review.LETTER_BLOCKED: N_(
        "The prison has had to cancel the session on {day} at {time}, when your visit to {prisoner} "
        "was booked. We are sorry. We can move your visit to another time."
    ),
    review.LETTER_MOVED: N_(
        "The prison had to cancel the session your visit was booked on. Your visit to {prisoner} "
        "is now on {day} at {time}. If this time does not suit you, please phone us."
    ),
    review.LETTER_PARTY: N_(
        "The people who can come on your visit to {prisoner} on {day} at {time} have changed. "
        "Please phone us before you travel, so that we can tell you who can come."
    ),
    review.LETTER_GOES_AHEAD: N_(
        "We have checked your visit to {prisoner} on {day} at {time}. It goes ahead as booked. "
        "We look forward to seeing you."
    ),
    review.LETTER_CANCELLED: N_(
        "Your visit to {prisoner} on {day} at {time} has been cancelled. We are sorry. "
        "Please phone us to book another visit."
    ),
}


def _styles() -> dict[str, ParagraphStyle]:
    regular, bold = fonts.faces()
    return {
        "from": ParagraphStyle("from", fontName=regular, fontSize=11, leading=15, alignment=2),
        "title": ParagraphStyle("title", fontName=bold, fontSize=20, leading=25, spaceBefore=8 * mm, spaceAfter=5 * mm),
        "body": ParagraphStyle("body", fontName=regular, fontSize=14, leading=20, spaceAfter=4 * mm),
        "choice": ParagraphStyle("choice", fontName=bold, fontSize=14, leading=20, leftIndent=8 * mm),
        "small": ParagraphStyle("small", fontName=regular, fontSize=10, leading=13),
    }


def _when(day: date, at: time, language: str) -> tuple[str, str]:
    return i18n.weekday_date(day, language), i18n.clock_time(datetime.combine(day, at), language)


def review_letter_pdf(letter: FamilyLetter, printed_on: date) -> bytes:
    """The letter for ``letter`` in the family's language, dated ``printed_on``."""
    language = i18n.family_language(letter.language)
    _ = i18n.translator(language)
    styles = _styles()
    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=22 * mm,
        rightMargin=22 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
        title=f"{_(_HEADINGS[letter.kind])} {letter.reference}",
        author="Visitor Centre",
        creator="Visitor Centre",
    )
    sender = [escape(_("Visitor centre — {name}").format(name=letter.establishment))]
    sender += [escape(line) for line in letter.address.splitlines() if line.strip()]
    sender.append(escape(i18n.long_date(printed_on, language)))
    day, at = _when(letter.day, letter.starts_at, language)
    story: list = [Paragraph("<br/>".join(sender), styles["from"]), Spacer(0, 8 * mm)]
    if letter.lead:
        story.append(Paragraph(escape(_("Dear {name},").format(name=letter.lead)), styles["body"]))
    story.append(Paragraph(escape(_(_HEADINGS[letter.kind])), styles["title"]))
    body = _(_BODIES[letter.kind]).format(prisoner=letter.prisoner, day=day, time=at)
    story.append(Paragraph(escape(body), styles["body"]))
    if letter.choices:
        story.append(Paragraph(escape(_("These times still have places:")), styles["body"]))
        for choice_day, choice_at in letter.choices:
            choice_date, choice_time = _when(choice_day, choice_at, language)
            words = _("{day} at {time}").format(day=choice_date, time=choice_time)
            story.append(Paragraph(escape(f"• {words}"), styles["choice"]))
        story.append(Spacer(0, 4 * mm))
        story.append(Paragraph(escape(_("Please phone us to choose one, or to book another day.")), styles["body"]))
    reference = _("Your booking reference is {reference}. Please have it with you when you call.")
    story.append(Paragraph(escape(reference.format(reference=letter.reference)), styles["body"]))
    if letter.booking_line:
        phone = _("Phone the visitor centre: {number}").format(number=letter.booking_line)
        story.append(Paragraph(f"<b>{escape(phone)}</b>", styles["body"]))
    story.append(Spacer(0, 6 * mm))
    story.append(Paragraph(escape(_("With best wishes, the visitor centre team")), styles["body"]))
    doc.build(story)
    return out.getvalue()
