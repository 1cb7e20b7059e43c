"""Translatable strings for the desk app: the shared gettext catalogues (see visitorcentre.i18n).

``_()`` translates into the current language; ``set_language("pl")`` switches it and calls the
listeners registered with ``on_language_changed`` so open screens can redraw their words.
``N_()`` marks a string whose translation happens later (module-level constants). ``money``,
``long_date`` and ``official_name`` write amounts, dates and benefit names as a language does.
"""

from __future__ import annotations

from visitorcentre.i18n import (  # noqa: F401
    LANGUAGES,
    N_,
    PSEUDO,
    _,
    current_language,
    family_language,
    long_date,
    money,
    ngettext,
    official_name,
    on_language_changed,
    say,
    set_language,
    short_date,
    translator,
    weekday_date,
)

__all__ = [
    "LANGUAGES",
    "PSEUDO",
    "N_",
    "_",
    "current_language",
    "family_language",
    "long_date",
    "money",
    "ngettext",
    "official_name",
    "on_language_changed",
    "say",
    "set_language",
    "short_date",
    "translator",
    "weekday_date",
]
