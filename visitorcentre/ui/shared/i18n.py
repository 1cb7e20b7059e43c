"""Translatable strings for the desk app: the shared gettext catalogues (see visitorcentre.i18n).

``_()`` translates into the current language; ``set_language("pl")`` switches it and calls the
listeners registered with ``on_language_changed`` so open screens can redraw their words.
``N_()`` marks a string whose translation happens later (module-level constants).
"""

from __future__ import annotations

from visitorcentre.i18n import (  # noqa: F401
    LANGUAGES,
    N_,
    _,
    current_language,
    ngettext,
    on_language_changed,
    set_language,
    translator,
)

__all__ = ["LANGUAGES", "N_", "_", "current_language", "ngettext", "on_language_changed", "set_language", "translator"]
