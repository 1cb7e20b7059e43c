"""What a desk accepts from the central server: each pulled row checked before it is stored.

The server is trusted to send only what this desk may hold, but a desk does not rely on it: a
row of another establishment, of a kind this desk does not know, with a detail it does not
know, or with a value its database cannot hold (wrong type, bad date, too long, a NUL or a lone
surrogate) is not stored. ``check`` says why in plain words (no values: the reason goes to the
log), and ``sync.held_rows`` keeps the row aside to try again after an upgrade.

A row of another establishment is still taken when it is national (``policy.NATIONAL``), a
visitor's details shared with this establishment (``policy.SHAREABLE``), a ban on a visitor at
every establishment (``policy.reaches_every_establishment``: the server sends it to each
establishment that knows the visitor), or a record the centre moves (``MOVED_BY_THE_CENTRE``: a
prisoner transferred to another prison, their restrictions and approved visitor list; a ban
narrowed to one establishment) that this desk already holds: the desk must learn the move.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import JSON, Boolean, Date, DateTime, Integer, String, Table, Text, Time

from visitorcentre.sync import policy

INT_MIN, INT_MAX = -(2**63), 2**63 - 1
#: Kinds whose rows the centre moves between establishments (the roster's transfers, a prisoner's
#: restrictions and approved visitor list going with them), or narrows to another one (a ban no
#: longer everywhere).
MOVED_BY_THE_CENTRE = frozenset({"prisoner", "restriction", "relationship", "ban"})


class Unstorable(ValueError):
    """A pulled row this desk cannot store; the message says why, naming the detail but never its value."""


def _text(limit: int | None) -> Callable[[Any], Any]:
    def convert(value):
        if type(value) is not str:
            raise TypeError("is not text")
        if limit is not None and len(value) > limit:
            raise TypeError(f"is longer than the {limit} characters this desk can hold")
        if "\x00" in value:
            raise TypeError("holds a NUL character")
        if not value.isascii():
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                raise TypeError("holds a broken character (a lone surrogate)") from None
        return value

    return convert


def _integer(value):
    if type(value) is not int:
        raise TypeError("is not a whole number")
    if not INT_MIN <= value <= INT_MAX:
        raise TypeError("is a number too large for this desk")
    return value


def _boolean(value):
    if type(value) is bool:
        return value
    if type(value) is int and value in (0, 1):
        return bool(value)
    raise TypeError("is not yes or no")


def _moment(kind: type[date] | type[time] | type[datetime], words: str) -> Callable[[Any], Any]:
    def convert(value):
        if isinstance(value, kind) and (kind is not date or not isinstance(value, datetime)):
            return value
        if type(value) is not str or len(value) > 40:
            raise TypeError(f"is not {words}")
        try:
            return kind.fromisoformat(value)
        except ValueError:
            raise TypeError(f"is not {words}") from None

    return convert


def _any(value):
    return value


def _converter(column) -> Callable[[Any], Any]:
    kind = column.type
    if isinstance(kind, DateTime):
        return _moment(datetime, "a date and time")
    if isinstance(kind, Date):
        return _moment(date, "a date")
    if isinstance(kind, Time):
        return _moment(time, "a time of day")
    if isinstance(kind, Boolean):
        return _boolean
    if isinstance(kind, Integer):
        return _integer
    if isinstance(kind, (String, Text)):
        return _text(getattr(kind, "length", None))
    if isinstance(kind, JSON):
        return _any
    raise TypeError(f"no check for the column type {kind!r}")  # a new column type: add its check here


class TableChecks:
    """The checks of one kind of record: each column's converter, and which may be empty."""

    def __init__(self, table: Table):
        self.table = table
        self.converters = {c.name: _converter(c) for c in table.columns}
        self.nullable = frozenset(c.name for c in table.columns if c.nullable)

    def typed(self, row_id: str, payload: dict) -> dict:
        """The payload as the desk's column values; Unstorable naming the first detail it cannot hold."""
        if payload.get("id") != row_id:
            raise Unstorable("it does not name its own record")
        values: dict[str, Any] = {}
        converters, nullable = self.converters, self.nullable
        for key, value in payload.items():
            convert = converters.get(key)
            if convert is None:
                raise Unstorable(f"it has a detail this desk does not know (“{safe_words(str(key), 40)}”)")
            if value is None:
                if key not in nullable:
                    raise Unstorable(f"its “{key}” is empty")
                values[key] = None
                continue
            try:
                values[key] = convert(value)
            except (TypeError, ValueError) as error:
                raise Unstorable(f"its “{key}” {error}") from None
        return values


def establishment_problem(entity: str, payload: dict, own: str) -> str | None:
    """Why this desk (of establishment ``own``) may not take the row, or None. ``own`` "" checks nothing."""
    if not own or policy.scope_of(entity, payload) == policy.NATIONAL or entity in policy.SHAREABLE:
        return None
    if policy.reaches_every_establishment(entity, payload):
        return None
    theirs = payload.get("establishment")
    if theirs == own:
        return None
    shown = safe_words(str(theirs or ""), 12) or "none"
    return f"it belongs to another establishment ({shown}), not this desk's ({own})"


def safe_words(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, with anything the database cannot hold replaced."""
    text = text[:limit].replace("\x00", "?")
    return text.encode("utf-8", "replace").decode("utf-8")
