"""The quote's short notes, evidence list and manual-check reasons in a family's (or the desk's) language.

The rules write them in English ("84 miles at 30p", "limited to 2 days at £40.00; receipt
required", "bus receipt", "over 1,500 miles"), as the quote file and the centre read them. Here
each known phrase is put into the caller's words (a catalogue's ``_``, the language's money);
a phrase this module does not know is given as it is, never dropped. In English every phrase
comes out exactly as the rules wrote it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

from visitorcentre.core.cost_of_visits.explain import money
from visitorcentre.core.cost_of_visits.rules import VISIT_CONFIRMATION
from visitorcentre.core.cost_of_visits.vocab import EXPENSE_LABELS
from visitorcentre.core.words import N_

Words = Callable[[str], str]
Plurals = Callable[[str, str, int], str]

#: Phrases the rules write word for word.
_FIXED = {
    "only one car or motorcycle journey is paid per claim": N_("only one car or motorcycle journey is paid per claim"),
    "paid only with a car or motorcycle journey": N_("paid only with a car or motorcycle journey"),
    "paid only where there was no public transport": N_("paid only where there was no public transport"),
    "paid only when approved before travelling": N_("paid only when approved before travelling"),
    "receipt required": N_("receipt required"),
    VISIT_CONFIRMATION: N_("stamped visit confirmation"),
}
_MILES = re.compile(r"^(?P<miles>\d+(?:\.\d+)?) miles at (?P<rate>\d+)p$")
_LIMITED = re.compile(r"^limited to (?P<days>\d+) days? at £(?P<cap>\d+(?:\.\d\d)?)$")
# The thresholds come from the rate table in force, so their phrases carry the number.
_OVER_MILES = re.compile(r"^over (?P<miles>\d[\d,]*) miles(?P<check>: paid only after a manual check)?$")
_OVER_TOTAL = re.compile(r"^total over £(?P<pounds>\d[\d,]*(?:\.\d\d)?)$")
_RECEIPT = re.compile(r"^(?P<type>[a-z ]+) receipt$")


def _same(text: str) -> str:
    return text


def _english_plural(singular: str, plural: str, count: int) -> str:
    return singular if count == 1 else plural


def phrase_words(
    phrase: str, _: Words = _same, amount: Callable[[int], str] = money, ngettext: Plurals = _english_plural
) -> str:
    """One phrase of the rules in the caller's words."""
    if phrase in _FIXED:
        return _(_FIXED[phrase])
    if found := _MILES.match(phrase):
        return _("{miles} miles at {rate}p").format(miles=found["miles"], rate=found["rate"])
    if found := _LIMITED.match(phrase):
        days = int(found["days"])
        cap = amount(int(Decimal(found["cap"]) * 100))
        return ngettext("limited to {days} day at {amount}", "limited to {days} days at {amount}", days).format(
            days=days, amount=cap
        )
    if found := _OVER_MILES.match(phrase):
        if found["check"]:
            return _("over {miles} miles: paid only after a manual check").format(miles=found["miles"])
        return _("over {miles} miles").format(miles=found["miles"])
    if found := _OVER_TOTAL.match(phrase):
        return _("total over £{pounds}").format(pounds=found["pounds"])
    if found := _RECEIPT.match(phrase):
        kind = found["type"].replace(" ", "_")
        if kind in EXPENSE_LABELS:
            return _("{expense} receipt").format(expense=_(EXPENSE_LABELS[kind]).lower())
    return phrase


def note_words(
    note: str, _: Words = _same, amount: Callable[[int], str] = money, ngettext: Plurals = _english_plural
) -> str:
    """A quote item's note ("limited to 2 days at £40.00; receipt required") in the caller's words."""
    if not note:
        return note
    return "; ".join(phrase_words(part, _, amount, ngettext) for part in note.split("; "))
