"""The printed summary of a cost-of-visits application, for the family to take home and sign.

It carries the answers, the amounts, what is still to send and by when, and the declaration,
in the claimant's language (their visitor record's), with money and dates written as that
language writes them and benefit names with the English name beside them.
"""

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
from visitorcentre.core.ages import age_on
from visitorcentre.core.cost_of_visits.explain import explain
from visitorcentre.core.cost_of_visits.quote_words import note_words, phrase_words
from visitorcentre.core.cost_of_visits.rules import counted_children, escort_counts
from visitorcentre.core.cost_of_visits.views import ApplicationView
from visitorcentre.core.cost_of_visits.vocab import (
    APPLICATION_STATUS_LABELS,
    BENEFIT_LABELS,
    EXPENSE_LABELS,
    RELATIONSHIP_LABELS,
    ApplicationStatus,
)


def _faces() -> tuple[str, str]:
    """The shared printing typeface when the printing package has it, else Helvetica."""
    try:
        from visitorcentre.printing.fonts import faces  # arrives with the passes work
    except ImportError:
        return "Helvetica", "Helvetica-Bold"
    return faces()


def _styles() -> dict[str, ParagraphStyle]:
    regular, bold = _faces()
    body = ParagraphStyle("body", fontName=regular, fontSize=11, leading=14.5)
    return {
        "title": ParagraphStyle("title", parent=body, fontName=bold, fontSize=19, leading=23, spaceAfter=1.5 * mm),
        "heading": ParagraphStyle(
            "heading", parent=body, fontName=bold, fontSize=13.5, leading=17, spaceBefore=4 * mm, spaceAfter=1.5 * mm
        ),
        "body": body,
        "answer": ParagraphStyle("answer", parent=body, fontSize=12, leading=16, spaceAfter=2 * mm),
        "small": ParagraphStyle("small", parent=body, fontSize=9, leading=12, textColor=colors.HexColor("#333333")),
        "cell": ParagraphStyle("cell", parent=body, fontSize=10.5, leading=13),
        "label": ParagraphStyle("label", parent=body, fontSize=9.5, leading=13, textColor=colors.HexColor("#333333")),
        "bullet": ParagraphStyle("bullet", parent=body, leftIndent=6 * mm, bulletIndent=2 * mm),
        "bold": ParagraphStyle("bold", parent=body, fontName=bold),
    }


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text), style)


def _grid(rows: list[list], widths: list[float], bold_last: bool = False, header: bool = True) -> Table:
    table = Table(rows, colWidths=widths, hAlign="LEFT")
    commands = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, colors.grey),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if header:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8e8e8")))
    if bold_last:
        commands.append(("LINEABOVE", (0, -1), (-1, -1), 1.2, colors.black))
    table.setStyle(TableStyle(commands))
    return table


def _signature_line(s: dict, width: float, name: str, _=str) -> Table:
    """ "Signed ____ Date ____", with the claimant's name under the signature."""
    table = Table(
        [[_p(_("Signed"), s["cell"]), "", _p(_("Date"), s["cell"]), ""], ["", _p(name, s["small"]), "", ""]],
        colWidths=[18 * mm, width - 18 * mm - 16 * mm - 45 * mm, 16 * mm, 45 * mm],
        hAlign="LEFT",
    )
    table.setStyle(
        TableStyle(
            [
                ("LINEBELOW", (1, 0), (1, 0), 0.8, colors.black),
                ("LINEBELOW", (3, 0), (3, 0), 0.8, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
            ]
        )
    )
    return table


def render(view: ApplicationView, today: date) -> bytes:
    """The summary as A4 PDF bytes, in the claimant's language."""
    s = _styles()
    form, answer = view.form, view.quote
    language = i18n.family_language(form.language)
    _ = i18n.translator(language)
    ngettext = i18n.plural_translator(language)

    def money(pence: int) -> str:
        return i18n.money(pence, language)

    def day(when: date) -> str:
        return i18n.weekday_date(when, language)

    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=16 * mm,
        rightMargin=16 * mm,
        topMargin=14 * mm,
        bottomMargin=14 * mm,
        title=_("Help with the cost of your prison visit"),
        author=form.establishment_name or "Visitor Centre",
    )
    width = A4[0] - 32 * mm
    story = [
        _p(_("Help with the cost of your prison visit"), s["title"]),
        _p(
            _("Application {reference} · {establishment} · printed {day}").format(
                reference=view.reference, establishment=form.establishment_name, day=i18n.long_date(today, language)
            ),
            s["small"],
        ),
        _p(
            _("Status: {status}").format(status=_(APPLICATION_STATUS_LABELS.get(view.status, view.status)))
            + (" — " + _("helped by {name}").format(name=view.helped_by) if view.helped_by else ""),
            s["small"],
        ),
    ]
    if view.status == ApplicationStatus.DRAFT:
        story.append(_p(_("This application has not been sent yet: it is a draft to check together."), s["bold"]))

    story.append(_p(_("Can you claim?"), s["heading"]))
    for sentence in explain(form, list(answer.reasons), _, money, answer.limits):
        story.append(_p(sentence, s["answer"]))

    story.append(_p(_("Your answers"), s["heading"]))
    claimant = form.claimant
    benefit = i18n.official_name(BENEFIT_LABELS.get(claimant.benefit, claimant.benefit), language)
    if claimant.monthly_household_income_pence is not None and claimant.benefit == "universal_credit":
        benefit += (
            " ("
            + _("household income {amount} a month").format(amount=money(claimant.monthly_household_income_pence))
            + ")"
        )
    children = counted_children(form)
    rows = [
        [
            _("Person claiming"),
            _("{name} (age {age} on the day of the visit)").format(
                name=form.claimant_name, age=age_on(claimant.date_of_birth, form.visit_date)
            ),
        ],
        [_("Visiting"), f"{form.prisoner_name} {form.prisoner_number}".strip()],
        [_("Relationship"), _(RELATIONSHIP_LABELS.get(claimant.relationship, claimant.relationship))],
        [_("Benefit"), benefit],
        [_("Visit date"), day(form.visit_date)],
        [_("Claim"), _("for a visit already made") if form.claim_type == "past" else _("in advance of the visit")],
        [
            _("Children travelling"),
            _("{travelling} ({counted} counted for refreshments)").format(
                travelling=len(form.children), counted=children
            ),
        ],
        [
            _("Escort"),
            (_("yes, counted") if escort_counts(form) else _("yes, not counted")) if form.escort else _("no"),
        ],
        [_("Hours away from home"), f"{form.hours_away_from_home.normalize():f}"],
    ]
    half = (len(rows) + 1) // 2  # two pairs to a line keeps the declaration on the first page
    pairs = []
    for left, right in zip(rows[:half], rows[half:] + [["", ""]], strict=False):
        pairs.append(
            [_p(left[0], s["label"]), _p(left[1], s["cell"]), _p(right[0], s["label"]), _p(right[1], s["cell"])]
        )
    label = 30 * mm
    story.append(_grid(pairs, [label, width / 2 - label, label, width / 2 - label], header=False))

    story.append(_p(_("What the scheme pays"), s["heading"]))
    rows = [[_p(_("Expense"), s["bold"]), _p(_("Note"), s["bold"]), _p(_("Amount"), s["bold"])]]
    for expense, item in zip(form.expenses, answer.items, strict=True):
        what = _(EXPENSE_LABELS.get(item.type, item.type)) + (
            f" — {expense.description}" if expense.description else ""
        )
        note = note_words(item.note, _, money, ngettext)
        rows.append([_p(what, s["cell"]), _p(note, s["cell"]), _p(money(item.amount_pence), s["cell"])])
    people = answer.people_for_refreshments
    rows.append(
        [
            _p(_("Refreshments"), s["cell"]),
            _p(
                ngettext("{count} person", "{count} people", people).format(count=people)
                if answer.refreshments_pence
                else "",
                s["cell"],
            ),
            _p(money(answer.refreshments_pence), s["cell"]),
        ]
    )
    rows.append([_p(_("Total"), s["bold"]), "", _p(money(answer.total_pence), s["bold"])])
    amounts = _grid(rows, [62 * mm, width - 62 * mm - 28 * mm, 28 * mm], bold_last=True)
    amounts.setStyle(TableStyle([("ALIGN", (2, 0), (2, -1), "RIGHT")]))
    story.append(amounts)
    if answer.manual_check:
        story.append(Spacer(1, 2 * mm))
        story.append(
            _p(
                _("The central team will check this claim by hand before paying it")
                + ": "
                + ", ".join(phrase_words(reason, _, money, ngettext) for reason in answer.manual_check)
                + ".",
                s["body"],
            )
        )

    story.append(_p(_("What you still need to send"), s["heading"]))
    if answer.evidence_required and answer.evidence_due:
        story.append(
            _p(
                _("Please send these by {day} (28 days after the visit):").format(day=day(answer.evidence_due)),
                s["body"],
            )
        )
        for need in answer.evidence_required:
            story.append(Paragraph(escape(phrase_words(need, _, money, ngettext)), s["bullet"], bulletText="•"))
        story.append(
            _p(
                _(
                    "Bring them to the visitor centre desk, or send them to the central team with your "
                    "application reference written on each one."
                ),
                s["small"],
            )
        )
    else:
        story.append(_p(_("Nothing more: we have everything the claim needs."), s["body"]))

    story.append(Spacer(1, 2 * mm))
    story.append(
        _p(_("We never ask for bank details at the desk: the central team will contact you about payment."), s["small"])
    )

    declaration = [
        _p(_("Declaration"), s["heading"]),
        _p(
            _(
                "I declare that the information on this form is true and complete to the best of my knowledge. "
                "I understand that if I give false information the money may have to be paid back and I may be "
                "prosecuted. I agree to the central team checking my answers with the prison and with the "
                "benefits office."
            ),
            s["body"],
        ),
        Spacer(1, 9 * mm),
        _signature_line(s, width, form.claimant_name, _),
    ]
    story.append(KeepTogether(declaration))
    doc.build(story)
    return out.getvalue()
