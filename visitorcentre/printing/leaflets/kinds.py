"""The five leaflets' contents: each a function (kit, place, rules, as_of) -> flowables after the header."""

from __future__ import annotations

from datetime import date

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, KeepTogether, Spacer

from visitorcentre.i18n import N_
from visitorcentre.printing.leaflets import CATEGORY_TITLES, Kit, Place, RuleLine, by_category


def _scale(value: float):
    def mark(function):
        function.scale = value
        return function

    return mark


@_scale(1.0)
def visit_guide(kit: Kit, place: Place, rules: list[RuleLine], as_of: date) -> list:
    """Every current rule, by category, each with its picture."""
    story = [
        kit.p(
            N_(
                "Please read this before you come. These are the rules at %(place)s today; they can change, "
                "so check the date at the top."
            ),
            place=place.name,
        )
    ]
    for category, group in by_category(rules).items():
        block = [kit.raw(kit._(CATEGORY_TITLES.get(category, category)), kit.heading)]
        block += [kit.picture_row(r.pictogram, [kit.rule_paragraph(r)], 30, r.severity == "must") for r in group]
        story += [CondPageBreak(45 * mm), *block]
    if not rules:
        story.append(kit.p(N_("Ask the visitor centre for the rules.")))
    return story


FIRST_STEPS = (
    (
        "calendar",
        N_("Before you leave home"),
        N_("Check your visit is booked, and the time. Get your ID and coins ready."),
        ("id", "money", "dress"),
    ),
    (
        "clock",
        N_("Arriving"),
        N_("Come to the visitor centre. Staff at the desk will check your booking and your ID."),
        ("arrival",),
    ),
    (
        "locker",
        N_("The lockers"),
        N_("Put your things in a locker. Keep only what you are allowed to take in."),
        ("lockers", "items"),
    ),
    (
        "security",
        N_("The security check"),
        N_("Staff check every visitor, like at an airport. It is the same for everyone."),
        (),
    ),
    (
        "cafe",
        N_("In the visit room"),
        N_(
            "Staff will show you to a table. The person you are visiting will come to "
            "you. You can sit together and talk."
        ),
        ("children",),
    ),
    (
        "door",
        N_("Leaving"),
        N_(
            "Staff will say when the visit ends. Collect your things from the locker. The visitor "
            "centre is there if you want to talk."
        ),
        (),
    ),
)


@_scale(1.05)
def first_visit(kit: Kit, place: Place, rules: list[RuleLine], as_of: date) -> list:
    """What happens, step by step, from arrival to leaving, with the rules at each step."""
    grouped = by_category(rules)
    story = [kit.p(N_("A first visit can feel strange. This is what happens, step by step."))]
    for number, (picture, title, what, categories) in enumerate(FIRST_STEPS, start=1):
        inner = [
            kit.raw(f"{number}. {kit._(title)}", ParagraphStyle("step", parent=kit.heading, spaceBefore=0)),
            kit.p(what, kit.strong),
        ]
        for category in categories:
            inner += [kit.rule_paragraph(r, bullet=True) for r in grouped.get(category, [])]
        story += [CondPageBreak(40 * mm), Spacer(1, 3 * mm), kit.picture_row(picture, inner, 44, valign="TOP")]
    return story


CHILD_LINES = (
    ("child", N_("You are going to visit someone you love.")),
    ("clock", N_("First you wait in the visitor centre. There are toys and books.")),
    ("locker", N_("Your grown-up puts bags and coats in a locker.")),
    ("security", N_("Staff check everyone. It does not hurt. It is the same for everybody.")),
    ("cafe", N_("The visit room is a big room with tables and chairs.")),
    ("wave", N_("You sit at a table together. You can talk, play and have a snack.")),
    ("toys", N_("Some rooms have a play corner.")),
    ("info", N_("Staff stay in the room. They help keep everyone safe.")),
    ("door", N_("When the visit ends, you say goodbye. It is OK to feel sad.")),
    ("phone-call", N_("You can ask your grown-up anything. You can talk to us too.")),
)


@_scale(1.6)
def children(kit: Kit, place: Place, rules: list[RuleLine], as_of: date) -> list:
    """For 5 to 12 year olds: big pictures, short sentences, what the visit room is like."""
    big = ParagraphStyle("big", parent=kit.body, fontSize=17, leading=23)
    story = [kit.p(N_("Hello! This is what happens on a visit."), big)]
    for picture, line in CHILD_LINES:
        story.append(kit.picture_row(picture, [kit.p(line, big)], 64))
    kids = [r for r in rules if r.category == "children"]
    if kids:
        story += [CondPageBreak(50 * mm), kit.p(N_("For grown-ups"), kit.heading)]
        story += [kit.picture_row(r.pictogram, [kit.rule_paragraph(r, easy=True)], 30) for r in kids]
    return story


@_scale(1.4)
def easy_read(kit: Kit, place: Place, rules: list[RuleLine], as_of: date) -> list:
    """One idea per line, each with a picture."""
    big = ParagraphStyle("easy", parent=kit.body, fontSize=16, leading=21)
    story = [kit.picture_row("info", [kit.p(N_("This leaflet tells you how to visit."), big)], 48)]
    for rule in rules:
        text = kit.raw(rule.easy_read or rule.text, big)
        story.append(kit.picture_row(rule.pictogram, [text], 48, rule.severity == "must"))
    story.append(kit.picture_row("phone-call", [kit.p(N_("Questions? Ask the staff. They will help."), big)], 48))
    return story


@_scale(1.0)
def help_with_costs(kit: Kit, place: Place, rules: list[RuleLine], as_of: date) -> list:
    """The help-with-costs scheme: who qualifies, what is paid, what to keep (rates from resources/hcpv_rates.json)."""
    from visitorcentre.config.scheme_rates import current_rates
    from visitorcentre.core.cost_of_visits.explain import money

    rates = current_rates()
    nation = place.nation or "scotland"

    def rate(name: str) -> str:
        return money(rates.pence(name, nation, as_of))

    mileage = rates.pence("mileage", nation, as_of)
    age = 16 if nation == "scotland" else 18
    story = [
        kit.p(
            N_(
                "You may get money back for the cost of visiting a close relative or partner in prison. "
                "This is the Help with Prison Visits scheme."
            )
        )
    ]
    qualify = [
        (
            "child",
            N_(
                "You are the prisoner's partner, husband or wife, parent, child, brother or sister, grandparent, "
                "grandchild or next of kin — or their only adult visitor."
            ),
        ),
        ("id-card", N_("You are %(age)s or older.")),
        (
            "cash-desk",
            N_(
                "You or your partner get income support, income-based jobseeker's allowance, income-related "
                "employment and support allowance, pension credit, an HC2 or HC3 certificate, or universal "
                "credit with household income of £1,250 a month or less."
            ),
        ),
        ("calendar", N_("You claim within 28 days after the visit, or 5 to 28 days before it.")),
        ("info", N_("You can claim for up to 26 visits in 12 months.")),
    ]
    story += [kit.p(N_("Who can claim"), kit.heading)]
    story += [
        kit.picture_row(pic, [kit.p(text, age=age) if "%(age)s" in text else kit.p(text)], 28) for pic, text in qualify
    ]
    paid = [
        ("bus", N_("Bus, train, ferry or plane fares, as paid.")),
        ("coins", N_("Car or motorbike: %(rate)s a mile, there and back.")),
        ("ticket", N_("Bridge and tunnel tolls, and parking.")),
        (
            "cafe",
            N_(
                "Food and drink: %(five)s a person if you are away from home more than 5 hours, "
                "%(ten)s if more than 10 hours."
            ),
        ),
        ("child", N_("The same for children who come with you, and for an escort if you need one.")),
        ("info", N_("A taxi only if there was no bus or train; a hotel only if agreed before you travel.")),
    ]
    story += [CondPageBreak(50 * mm), kit.p(N_("What is paid"), kit.heading)]
    for pic, text in paid:
        values = {
            "rate": money(mileage),
            "five": rate("refreshments_over_5_hours"),
            "ten": rate("refreshments_over_10_hours"),
        }
        story.append(kit.picture_row(pic, [kit.raw(kit._(text) % values if "%(" in text else kit._(text))], 28))
    keep = [
        ("ticket", N_("Keep every ticket and receipt (tolls do not need one).")),
        ("id-card", N_("Ask the visitor centre to stamp your visit confirmation on the day.")),
        ("phone-call", N_("The visitor centre can help you fill in the form.")),
    ]
    story += [CondPageBreak(40 * mm), kit.p(N_("What to keep"), kit.heading)]
    story += [kit.picture_row(pic, [kit.p(text)], 28) for pic, text in keep]
    story += [
        Spacer(1, 2 * mm),
        kit.p(N_("Rates change. These are the rates on the date at the top of this leaflet."), kit.small),
    ]
    return [KeepTogether(story[:1]), *story[1:]]
