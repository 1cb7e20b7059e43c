"""Translations for everything families read: the desk's screens and the printed leaflets (Qt-free).

The catalogues are GNU gettext files, resources/locale/<lang>/LC_MESSAGES/visitorcentre.po,
compiled to .mo beside them (committed; tests check each .mo matches its .po). They are read
with the standard library's gettext, so the desk needs nothing more at run time; Babel (a
well-kept, widely used library: Sphinx and Flask-Babel build on it) is used by the developer
tools and tests to extract, check and compile the catalogues, and at run time to write money
and dates in each language's own way (``money``, ``long_date``, ``short_date``).

``_()`` translates into the current language (``set_language``); ``translator(lang)`` gives a
``_`` for one language without changing the current one (what the PDFs use, so printing a
Polish leaflet never switches the desk's screens). ``N_()`` only marks a string.

``set_language(PSEUDO)`` ("en-XA") turns on the pseudo-locale: every string comes back about
40% longer, with accented letters between brackets and its placeholders untouched, made on the
fly with no catalogue. Tests run the windows in it to find words that would not fit a longer
language; it is never offered to families.
"""

from __future__ import annotations

import gettext
import math
import re
from collections.abc import Callable
from datetime import date, datetime
from functools import cache

from visitorcentre.config import paths

DOMAIN = "visitorcentre"
SOURCE = "en"
#: Languages with a catalogue, and their own names (shown in menus in that language).
LANGUAGES = {"en": "English", "pl": "Polski", "gd": "Gàidhlig"}
#: The pseudo-locale: English made 40% longer, for testing that every window still fits.
PSEUDO = "en-XA"
#: The locale Babel writes money and dates in for each language.
_BABEL_LOCALES = {"en": "en_GB", PSEUDO: "en_GB", "pl": "pl_PL", "gd": "gd_GB"}

_current = SOURCE
_listeners: list[Callable[[str], None]] = []


def locale_dir():
    return paths.resources_dir() / "locale"


# --- the pseudo-locale ------------------------------------------------------------------------

#: What a translation must keep as it is: {name}, {0:,}, %(date)s, %s, %d, %%, HTML tags, entities.
PLACEHOLDER = re.compile(
    r"\{[^{}]*\}|%\([^)]*\)[-#0 +]*\d*(?:\.\d+)?[sdifr]|%[-#0 +]*\d*(?:\.\d+)?[sdifr%]|<[^<>]+>|&\w+;"
)
_ACCENTED = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "àƀçđéƒĝĥîĵķļɱñöþǫŕšţûṽŵẋýžÀßÇĐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŠŢÛṼŴẊÝŽ",
)
GROWTH = 1.4
#: Kept as they are in the pseudo-locale too: key names ("Ctrl+Shift+L", "F11", "Esc"), which stay
#: English in every language because they are printed on the keys.
_KEPT = (
    PLACEHOLDER.pattern
    + r"|\b(?:Ctrl|Shift|Alt)\+(?:(?:Ctrl|Shift|Alt)\+)*(?:[A-Za-z0-9]+|[+=])|\bF\d{1,2}\b|\bEsc\b|\bDel\b"
)


@cache
def _kept() -> re.Pattern[str]:
    return re.compile(_KEPT)  # (when first wanted: only the pseudo-locale does)


def pseudo(text: str) -> str:
    """``text`` about 40% longer, accented and in brackets, its placeholders and mnemonics kept."""
    if not text:
        return text
    out = []
    last = 0
    for found in _kept().finditer(text):
        out.append(_accent(text[last : found.start()]))
        out.append(found.group())
        last = found.end()
    out.append(_accent(text[last:]))
    body = "".join(out)
    padding = max(math.ceil(len(text) * GROWTH) - len(body) - 2, 1)
    return f"[{body}{'~' * padding}]"


def _accent(text: str) -> str:
    # Keep the letter after "&" (a keyboard shortcut) as it is, so Alt+letter still works.
    parts = text.split("&")
    return "&".join([parts[0].translate(_ACCENTED)] + [p[:1] + p[1:].translate(_ACCENTED) for p in parts[1:]])


class _PseudoTranslations(gettext.NullTranslations):
    def gettext(self, message: str) -> str:
        return pseudo(message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return pseudo(msgid1 if n == 1 else msgid2)


# --- catalogues and the current language --------------------------------------------------------


@cache
def catalogue(language: str) -> gettext.NullTranslations:
    """The compiled catalogue for ``language`` (English or a language without one: the source text)."""
    if language == SOURCE:
        return gettext.NullTranslations()
    if language == PSEUDO:
        return _PseudoTranslations()
    return gettext.translation(DOMAIN, localedir=str(locale_dir()), languages=[language], fallback=True)


def check_language(language: str) -> str:
    """``language`` if the desk has it; else InvalidInput (field "language")."""
    if language not in LANGUAGES and language != PSEUDO:
        from visitorcentre.core.errors import InvalidInput

        raise InvalidInput(
            _("There is no language “{language}” (known: {known}).").format(
                language=language, known=", ".join(LANGUAGES)
            ),
            "language",
        )
    return language


def family_language(language: str | None) -> str:
    """The language to print and show for a family whose record says ``language`` (English if we have no catalogue)."""
    return language if language in LANGUAGES or language == PSEUDO else SOURCE


def translator(language: str) -> Callable[[str], str]:
    """A ``_`` that translates into ``language``, whatever the current language is."""
    return catalogue(check_language(language)).gettext


def plural_translator(language: str) -> Callable[[str, str, int], str]:
    """An ``ngettext`` for ``language``, whatever the current language is."""
    return catalogue(check_language(language)).ngettext


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


def say(text: str, language: str | None = None) -> str:
    """``text`` in ``language`` (the current one when None) if it is a core ``Said``; else as it is.

    The core's check messages are English ``Said`` strings that remember their template and values
    (core/words.py): here the template goes through the catalogue and the dates and times in it
    are written as the language writes them. Any other text was translated where it was made.
    """
    from visitorcentre.core.words import Said

    if not isinstance(text, Said):
        return text
    language = language or _current
    return text.say(
        translator(language),
        plural_translator(language),
        lambda day: long_date(day, language),
        lambda moment: clock_time(moment, language),  # type: ignore[arg-type]
    )


# --- money, dates and official names in a language's own form -----------------------------------


def babel_locale(language: str | None = None) -> str:
    """The Babel locale for ``language`` (the current language when None)."""
    return _BABEL_LOCALES.get(language or _current, "en_GB")


def money(pence: int, language: str | None = None) -> str:
    """Whole ``pence`` as money in ``language`` (the current one when None): "£1,234.50", "1 234,50 GBP"."""
    from decimal import Decimal  # (with Babel: neither is needed before the desk's first paint)

    from babel.numbers import format_currency

    return format_currency(Decimal(pence).scaleb(-2), "GBP", locale=babel_locale(language))


def long_date(day: date, language: str | None = None) -> str:
    """``day`` written out in ``language``: "3 December 2026", "3 grudnia 2026", "3mh dhen Dùbhlachd 2026"."""
    from babel.dates import format_date

    return format_date(day, format="long", locale=babel_locale(language))


def weekday_date(day: date, language: str | None = None) -> str:
    """``day`` with its weekday in ``language``: "Thursday, 3 December 2026", "czwartek, 3 grudnia 2026"."""
    from babel.dates import format_date

    return format_date(day, format="full", locale=babel_locale(language))


def short_date(day: date, language: str | None = None) -> str:
    """``day`` in few letters in ``language``: "3 Dec 2026", "3 gru 2026"."""
    from babel.dates import format_date

    return format_date(day, format="medium", locale=babel_locale(language))


def clock_time(moment: datetime, language: str | None = None) -> str:
    """The time of day of ``moment`` as ``language`` writes it ("14:30")."""
    from babel.dates import format_time

    return format_time(moment, format="short", locale=babel_locale(language))


def official_name(english: str, language: str | None = None) -> str:
    """A benefit's or scheme's name in ``language`` with the English name beside it ("Zasiłek … (Universal Credit)").

    The English name is the one on the family's letters from the DWP or the council, so it is
    always kept; in English it is given once.
    """
    language = language or _current
    translated = translator(language)(english)
    return english if language == SOURCE or translated == english else f"{translated} ({english})"
