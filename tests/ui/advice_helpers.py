"""A known set of visiting rules for the desk app's advice tests (added through the desk, as a manager would)."""

from __future__ import annotations

from visitorcentre.core.advice import AdviceRuleDraft, RuleText

HOODIE = "Please leave hooded tops and coats in the locker."
CASH = "Bring no more than £10, in coins only: no paper money."
LOCKER = "The lockers take £1 coins; the key goes into the visit room with you."
PRISONER_MONEY = "Money for the prisoner goes to the cash desk, not into the visit room."
PHONES = "Phones, cigarettes and lighters stay in the locker."
ARRIVE = "Arrive at least 15 minutes before your visit starts."
HOODIE_PL = "Prosimy zostawić bluzy z kapturem i płaszcze w szafce."


def add_rules(desk) -> dict[str, str]:
    """Six rules for Barlinnie, each checklist topic plus one for the full guide only; returns their ids by name."""
    drafts = {
        "arrive": AdviceRuleDraft("arrival", "must", ARRIVE, "Come 15 minutes early.", "clock"),
        "hoodie": AdviceRuleDraft(
            "dress", "must", HOODIE, "No hoodies.", "hoodie", translations={"pl": RuleText(HOODIE_PL, "Bez kapturów.")}
        ),
        "cash": AdviceRuleDraft("money", "must", CASH, "Only £10 in coins.", "coins"),
        "locker": AdviceRuleDraft("lockers", "advice", LOCKER, "Bring £1 coins.", "locker"),
        "prisoner_money": AdviceRuleDraft("money", "advice", PRISONER_MONEY, "Money for him: cash desk.", "cash-desk"),
        "phones": AdviceRuleDraft("items", "must", PHONES, "No phones.", "phone"),
    }
    return {name: desk.advice.add_rule(draft) for name, draft in drafts.items()}
