"""Default advice rules for the demo establishments, after the published visiting rules.

Facts from ../shared/reference/visiting-rules.md: general Scottish Prison Service rules for every
establishment, then each establishment's own (Barlinnie, Greenock, Kilmarnock, Addiewell,
Edinburgh). The English text is the gettext msgid; the Polish and Gaelic wording comes from the
shared catalogues when the rules are made, and is then stored with the rule (rules are data:
a manager can change them and the central server sends them down).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from visitorcentre.i18n import N_, has_translation, translator


@dataclass(frozen=True)
class DefaultRule:
    category: str
    severity: str
    pictogram: str
    text: str
    easy_read: str
    starts_in_days: int = 0  # >0: a rule already agreed that starts later (shows the effective date at work)


_ARRIVE = {
    15: (
        N_("Arrive at least 15 minutes before your visit starts. Visitors who arrive after that may not be let in."),
        N_("Come 15 minutes early."),
    ),
    20: (
        N_("Arrive at least 20 minutes before your visit starts. Visitors who arrive after that may not be let in."),
        N_("Come 20 minutes early."),
    ),
    30: (
        N_("Arrive at least 30 minutes before your visit starts. Visitors who arrive after that may not be let in."),
        N_("Come 30 minutes early."),
    ),
}

GENERAL = (
    DefaultRule(
        "id",
        "must",
        "id-card",
        N_(
            "Bring one photo ID (passport, photo driving licence, Young Scot card, CitizenCard or bus pass "
            "with a photo) and one proof of address, such as a bill or a bank letter."
        ),
        N_("Bring a card with your photo and a letter with your address."),
    ),
    DefaultRule(
        "arrival",
        "advice",
        "security",
        N_("There is a security check like at an airport. You may be asked to take off your belt or shoes."),
        N_("Staff will check you and your things."),
    ),
    DefaultRule(
        "lockers",
        "advice",
        "locker",
        N_("Put your things in a locker. Lockers take £1 coins or tokens; the key goes with you into the visit room."),
        N_("Put your things in a locker. It needs a £1 coin."),
    ),
    DefaultRule(
        "items",
        "must",
        "phone",
        N_("Phones, SIM cards, cameras and smart watches cannot go into the visit room."),
        N_("Do not take your phone into the visit."),
    ),
    DefaultRule(
        "items",
        "must",
        "no-smoking",
        N_(
            "Do not bring cigarettes, lighters, vapes, food or drink. Nothing may be taken in without the "
            "Governor's permission."
        ),
        N_("Do not bring cigarettes, food or drink."),
    ),
    DefaultRule(
        "dress",
        "advice",
        "shirt",
        N_(
            "Wear everyday clothes: nothing see-through or torn, no offensive slogans and no football "
            "shirts. You may be asked to change."
        ),
        N_("Wear everyday clothes."),
    ),
    DefaultRule(
        "dress",
        "advice",
        "sunglasses",
        N_("Hats, caps and sunglasses come off before the visit room, unless worn for your religion."),
        N_("Take off your hat and sunglasses."),
    ),
    DefaultRule(
        "children",
        "must",
        "child",
        N_("Children must come with an adult aged 18 or over."),
        N_("Children come with a grown-up."),
    ),
    DefaultRule(
        "children",
        "advice",
        "baby-bottle",
        N_("For a baby you may bring nappies, wipes and milk in a plastic bottle."),
        N_("Babies can have nappies and a bottle of milk."),
    ),
)

_PRISONER_MONEY = DefaultRule(
    "money",
    "advice",
    "cash-desk",
    N_("Do not give the prisoner money in the visit room. Ask the visitor centre how to send money."),
    N_("Do not give money in the visit. Ask us how to send it."),
)

OWN = {
    "BAR": (
        DefaultRule(
            "money", "must", "coins", N_("Bring no more than £10, in coins only."), N_("Bring £10 in coins. No notes.")
        ),
        DefaultRule(
            "money",
            "must",
            "cash-desk",
            N_("Money for the prisoner goes to the cash desk, with limits. Do not hand it over in the visit room."),
            N_("Money for the prisoner goes to the cash desk."),
        ),
        DefaultRule(
            "dress", "must", "hoodie", N_("Hooded coats go in the locker."), N_("Put your hooded coat in the locker.")
        ),
        DefaultRule(
            "arrival",
            "advice",
            "clock",
            N_("If it is your first visit and you are late, tell the desk: you may be given time."),
            N_("First visit and late? Tell the desk."),
        ),
    ),
    "GRE": (
        DefaultRule(
            "money",
            "must",
            "coins",
            N_("Bring no more than £10 in cash, for the café."),
            N_("Bring £10 at most, for the café."),
        ),
        _PRISONER_MONEY,
        DefaultRule(
            "items",
            "must",
            "bag",
            N_("Phones, cameras, purses and wallets stay in the locker."),
            N_("Leave your purse or wallet in the locker."),
        ),
        DefaultRule(
            "dress",
            "must",
            "hoodie",
            N_("No outdoor coats or hooded tops in the visit room."),
            N_("No coats or hoodies in the visit room."),
        ),
        DefaultRule(
            "children",
            "advice",
            "baby-bottle",
            N_("Baby food is not allowed; bring milk in a plastic bottle."),
            N_("No baby food. Bring a bottle of milk."),
        ),
        DefaultRule(
            "items",
            "must",
            "phone",
            N_("Smart watches and fitness trackers must go in the locker."),
            N_("Put your watch in the locker."),
            starts_in_days=30,
        ),
    ),
    "KIL": (
        DefaultRule(
            "money",
            "must",
            "coins",
            N_("Bring no more than £20, in coins only. Paper money is not allowed."),
            N_("Bring £20 in coins. No notes."),
        ),
        _PRISONER_MONEY,
        DefaultRule(
            "dress",
            "must",
            "hat",
            N_("No hats, gloves or scarves in the visit room: leave them in the locker."),
            N_("Put your hat, gloves and scarf in the locker."),
        ),
        DefaultRule(
            "id",
            "must",
            "id-card",
            N_("Birth certificates are not accepted. Without photo ID, bring three documents, one of them signed."),
            N_("No photo ID? Bring three letters or cards."),
        ),
    ),
    "ADD": (
        DefaultRule(
            "money",
            "advice",
            "coins",
            N_("Bring up to £20 in coins for the vending machines."),
            N_("Bring £20 in coins for snacks."),
        ),
        _PRISONER_MONEY,
        DefaultRule(
            "children",
            "must",
            "id-card",
            N_("Visitors under 17 must come with someone aged 18 or over, and carry ID."),
            N_("Under 17? Come with a grown-up and bring ID."),
        ),
    ),
    "EDI": (
        DefaultRule("money", "advice", "coins", N_("Bring up to £10 in coins."), N_("Bring £10 in coins.")),
        _PRISONER_MONEY,
        DefaultRule(
            "lockers",
            "advice",
            "locker",
            N_("No £1 coin? Ask the visitor centre for a locker token."),
            N_("No coin? Ask us for a token."),
        ),
    ),
}

#: Local support named on the leaflets (data, like the establishment's address).
LOCAL_SUPPORT = {
    "BAR": "Barlinnie Visitor Centre · 0141 770 2059",
    "GRE": "Greenock Visitor Centre · 01475 787 801",
    "KIL": "Kilmarnock Visitor Centre · 01563 548 928",
    "ADD": "Addiewell Visitor Centre · 01506 874 500",
    "EDI": "Edinburgh Visitor Centre · 0131 444 3115",
}

_ORDER = ("arrival", "id", "lockers", "items", "dress", "money", "children")


def rules_for(code: str, cutoff_minutes: int) -> list[DefaultRule]:
    """The default rules of establishment ``code``, in leaflet order (general SPS rules for an unknown code)."""
    minutes = min(_ARRIVE, key=lambda m: abs(m - cutoff_minutes))
    text, easy = _ARRIVE[minutes]
    rules = [DefaultRule("arrival", "must", "clock", text, easy), *GENERAL, *OWN.get(code, (_PRISONER_MONEY,))]
    return sorted(rules, key=lambda r: _ORDER.index(r.category))


def translations(rule: DefaultRule) -> dict[str, dict[str, str]]:
    """The catalogue's wording of ``rule`` in each language that has it."""
    found = {}
    for language in ("pl", "gd"):
        if has_translation(rule.text, language):
            _ = translator(language)
            found[language] = {"text": _(rule.text), "easy_read": _(rule.easy_read)}
    return found


def effective_from(rule: DefaultRule, today: date) -> date:
    """When a default rule starts: a year ago (in force), or later for one already agreed."""
    return today + timedelta(days=rule.starts_in_days) if rule.starts_in_days else today - timedelta(days=365)
