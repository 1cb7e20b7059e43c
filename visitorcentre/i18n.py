"""Translations for everything families read: the desk's screens and the printed leaflets (Qt-free).

The catalogues are GNU gettext files, resources/locale/<lang>/LC_MESSAGES/visitorcentre.po,
compiled to .mo beside them (committed; tests check each .mo matches its .po). They are read
with the standard library's gettext, so the desk needs nothing more at run time; Babel (a
well-kept, widely used library: Sphinx and Flask-Babel build on it) is used by the developer
tools and tests to extract, check and compile the catalogues.

``_()`` translates into the current language (``set_language``); ``translator(lang)`` gives a
``_`` for one language without changing the current one (what the PDFs use, so printing a
Polish leaflet never switches the desk's screens). ``N_()`` only marks a string.
"""

from __future__ import annotations

import gettext
from collections.abc import Callable
from functools import cache

from visitorcentre.config import paths

DOMAIN = "visitorcentre"
SOURCE = "en"
#: Languages with a catalogue, and their own names (shown in menus in that language).
LANGUAGES = {"en": "English", "pl": "Polski", "gd": "Gàidhlig"}

_current = SOURCE
_listeners: list[Callable[[str], None]] = []


def locale_dir():
    return paths.resources_dir() / "locale"


@cache
def catalogue(language: str) -> gettext.NullTranslations:
    """The compiled catalogue for ``language`` (English or a language without one: the source text)."""
    if language == SOURCE:
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, localedir=str(locale_dir()), languages=[language], fallback=True)


def check_language(language: str) -> str:
    """``language`` if the desk has it; else InvalidInput (field "language")."""
    if language not in LANGUAGES:
        from visitorcentre.core.errors import InvalidInput

        raise InvalidInput(f"There is no language “{language}” (known: {', '.join(LANGUAGES)}).", "language")
    return language


def translator(language: str) -> Callable[[str], str]:
    """A ``_`` that translates into ``language``, whatever the current language is."""
    return catalogue(check_language(language)).gettext


def has_translation(text: str, language: str) -> bool:
    """Whether the catalogue for ``language`` translates ``text`` (English always does)."""
    return language == SOURCE or catalogue(check_language(language)).gettext(text) != text


def set_language(language: str) -> None:
    """Make ``language`` the current one and tell the listeners (e.g. the UI, to redraw its words)."""
    global _current
    _current = check_language(language)
    for listener in list(_listeners):
        listener(_current)


def current_language() -> str:
    return _current


def on_language_changed(listener: Callable[[str], None]) -> Callable[[], None]:
    """Call ``listener(language)`` after each change; returns a function that stops it."""
    _listeners.append(listener)
    return lambda: _listeners.remove(listener) if listener in _listeners else None


def _(text: str) -> str:
    """The translation of ``text`` in the current language."""
    return catalogue(_current).gettext(text)


def ngettext(singular: str, plural: str, count: int) -> str:
    return catalogue(_current).ngettext(singular, plural, count)


def N_(text: str) -> str:
    """Mark ``text`` for translation without translating it yet (for module-level constants)."""
    return text
