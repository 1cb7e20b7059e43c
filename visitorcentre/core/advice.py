"""Advice rules: what a family must know before the visit (dress, money, items, ID, arrival, children, lockers).

Each establishment's rules are data (synced from the central server, editable by a manager),
never code. This module holds the vocabulary and the plain records the UI, CLI and leaflets see.

Versioning model
----------------
A rule is a *lineage* (``rule_key``) of immutable *versions* (one ``advice_rule`` row each).
A version is in force on day D when ``effective_from <= D`` and (``ends_on`` is empty or
``D < ends_on``). Editing a rule adds a new version with its own ``effective_from`` (today by
default, or a later day) and sets the replaced version's ``ends_on`` to that day, so the old
wording stays in force until the new one starts and then disappears. Retiring sets ``ends_on``
to today and ``retired``: the rule disappears at once. Only the newest version of a lineage
(no ``ends_on``) can be edited or retired. ``position`` orders rules within an establishment and
is not versioned: moving a rule renumbers the live rows in place. Future-dated versions are left
out of every leaflet, checklist and list until their day.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

#: The categories, in the order a family meets them (first-visit order).
CATEGORIES = ("arrival", "id", "lockers", "items", "dress", "money", "children")
SEVERITIES = ("must", "advice")
#: Languages the leaflets and rules are written in (English is the source; the others fall back to it).
LANGUAGES = ("en", "pl", "gd")
LANGUAGE_NAMES = {"en": "English", "pl": "Polski", "gd": "Gàidhlig"}
LEAFLET_KINDS = ("visit-guide", "first-visit", "children", "easy-read", "help-with-costs")

#: The project's own pictograms (drawn in visitorcentre/printing/pictograms.py; SVGs in resources/pictograms).
PICTOGRAMS = (
    "clock",
    "id-card",
    "locker",
    "coins",
    "banknote",
    "cash-desk",
    "phone",
    "no-smoking",
    "hoodie",
    "hat",
    "sunglasses",
    "shirt",
    "baby-bottle",
    "child",
    "security",
    "cafe",
    "info",
    "bag",
    "door",
    "wave",
    "toys",
    "phone-call",
    "ticket",
    "calendar",
    "bus",
)

#: The short check-in checklist's topics, in the order they are read out.
CHECKLIST_TOPICS = ("wear", "cash", "lockers", "money_for_prisoner", "not_to_bring")


@dataclass(frozen=True)
class RuleText:
    """A rule's wording in one language."""

    text: str
    easy_read: str = ""


@dataclass
class AdviceRuleDraft:
    """A rule as the manager's editor fills it in (English wording plus translations).

    ``establishment`` None means the desk's establishment; ``effective_from`` None means today
    (or, when editing a rule that starts later, that rule's day). ``position`` None puts a new
    rule last and keeps an edited rule where it is. ``translations`` maps a language code
    ("pl", "gd") to its wording; a language left out falls back to English.
    """

    category: str
    severity: str
    text: str
    easy_read: str = ""
    pictogram: str = "info"
    effective_from: date | None = None
    establishment: str | None = None
    position: int | None = None
    translations: dict[str, RuleText] = field(default_factory=dict)


@dataclass(frozen=True)
class AdviceRuleView:
    """One rule version as shown in one language."""

    id: str
    rule_key: str  # the lineage: the same for every version of the rule
    version: int  # the row's version, for expected_version when editing
    establishment: str
    category: str
    severity: str
    text: str
    easy_read: str
    pictogram: str
    position: int
    effective_from: date
    ends_on: date | None
    retired: bool
    language: str
    translations: tuple[str, ...]  # languages with a translation (besides English)
    missing_translation: bool  # True when ``language`` fell back to English


@dataclass(frozen=True)
class ChecklistItem:
    """One line group to read out at check-in: a topic and the current rules under it."""

    topic: str  # one of CHECKLIST_TOPICS, or a category for the first-visit guide
    heading: str  # translated, e.g. "What to wear"
    lines: tuple[str, ...]  # the rules' texts in the chosen language
    pictogram: str
    severity: str  # "must" if any line is a must


@dataclass(frozen=True)
class AdviceChecklist:
    """What to read out to a family at check-in, and whether it was read."""

    visit_id: str
    establishment: str
    establishment_name: str
    language: str
    rules_as_of: date
    items: tuple[ChecklistItem, ...]
    first_visit: bool  # someone in the party (not refused) has no earlier completed visit
    first_timers: tuple[str, ...]  # names of everyone in the party with no earlier completed visit
    first_visit_guide: tuple[ChecklistItem, ...]  # the full guide, step by step (empty unless a first visit)
    advice_given: bool
    given_by: str = ""
    given_at: datetime | None = None
