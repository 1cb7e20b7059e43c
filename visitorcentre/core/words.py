"""Words in the core that people read: ``N_`` marks them, ``said`` / ``said_n`` fill them in later.

The core has no catalogues (it imports nothing outside itself); the screens and the PDFs
translate these words when they show them, with ``visitorcentre.i18n``.

A check's message has names, ages and dates in it, so it cannot be a marked constant. ``said``
makes a ``Said``: a str holding the English sentence (what the records, the audit, the needs-review
flags and the command line keep), which also remembers its template and values, so a screen can
say it again in the desk's own language (``visitorcentre.i18n.say``), with dates and times as
that language writes them::

    said("{name} is banned from visiting until {day} ({reason}).", name=..., day=ban.ends_on, ...)

The extractor (tools/catalogues.py) knows ``said`` (one template) and ``said_n`` (singular,
plural: the count is ``{n}``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time
from typing import Any

Translate = Callable[[str], str]
TranslatePlural = Callable[[str, str, int], str]


def N_(text: str) -> str:
    """Mark ``text`` for translation; it is translated where it is shown."""
    return text


def english_date(day: date) -> str:
    """ "3 December 2026"."""
    return f"{day.day} {day:%B %Y}"


def english_time(moment: datetime | time) -> str:
    """ "14:30"."""
    return f"{moment:%H:%M}"


def _same(text: str) -> str:
    return text


def _english_plural(singular: str, plural: str, count: int) -> str:
    return singular if count == 1 else plural


class Said(str):
    """An English sentence (the str itself) that can be said again in another language.

    ``template`` is the English with {named} placeholders, ``plural`` its plural form when the
    sentence counts ``{n}``, and ``values`` what goes in them: a date or a time is written as the
    reader's language writes it, a nested ``Said`` is said in that language too.
    """

    template: str
    plural: str | None
    values: dict[str, Any]

    def __new__(cls, template: str, plural: str | None = None, **values: Any) -> Said:
        made = super().__new__(cls, _say(template, plural, values))
        made.template, made.plural, made.values = template, plural, values
        return made

    def __reduce__(self):  # a str subclass with attributes: pickled (e.g. by a worker) with them
        return (_rebuild, (self.template, self.plural, self.values))

    def say(
        self,
        translate: Translate = _same,
        translate_plural: TranslatePlural = _english_plural,
        day: Callable[[date], str] = english_date,
        clock: Callable[[datetime | time], str] = english_time,
    ) -> str:
        """The sentence through ``translate`` (a catalogue's ``_``) with dates written by ``day``."""
        return _say(self.template, self.plural, self.values, translate, translate_plural, day, clock)


def _say(
    template: str,
    plural: str | None,
    values: dict[str, Any],
    translate: Translate = _same,
    translate_plural: TranslatePlural = _english_plural,
    day: Callable[[date], str] = english_date,
    clock: Callable[[datetime | time], str] = english_time,
) -> str:
    text = translate_plural(template, plural, values["n"]) if plural else translate(template)
    if not values:
        return text
    return text.format(**{key: _said_in(v, translate, translate_plural, day, clock) for key, v in values.items()})


def _rebuild(template: str, plural: str | None, values: dict[str, Any]) -> Said:
    return Said(template, plural, **values)


def _said_in(value: Any, translate, translate_plural, day, clock) -> str:
    if isinstance(value, Said):
        return value.say(translate, translate_plural, day, clock)
    if isinstance(value, (datetime, time)):
        return clock(value)
    if isinstance(value, date):
        return day(value)
    return str(value)


def said(template: str, **values: Any) -> Said:
    """``template`` with ``values`` in it, in English now and in any language later (see ``Said``)."""
    return Said(template, None, **values)


def said_n(singular: str, plural: str, n: int, **values: Any) -> Said:
    """``said`` for a sentence that counts ``n`` (``{n}`` in the template): its plural forms follow the language."""
    return Said(singular, plural, n=n, **values)
