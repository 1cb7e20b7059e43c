"""The shape of every synced record, field by field: what a pushed (or pulled) row may hold.

One table, ``FIELDS`` (in sync.record_fields, built from the sync.field_rules building blocks),
says for each record kind sync carries which fields it has and what each may hold: text and its
length, whole numbers and their range, true or false, ISO dates, times and date-times, fixed
vocabularies (from core.kinds and core.hcpv), record ids and JSON lists. From it a strict
pydantic model is built once per kind here. ``problem(entity, payload)`` answers
with one sentence naming the first field that is wrong (``None`` when the record is fine):
unknown fields are refused, required ones must be there, and no text anywhere in the record
(nested JSON values and keys included) may hold a NUL character or a broken (lone surrogate)
character, which no database can store. The server checks every pushed op with it before
anything is stored; a desk can check what it pulls the same way.
"""

from __future__ import annotations

import functools
import math
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError, create_model
from pydantic_core import ErrorDetails

from visitorcentre.sync.field_rules import BIGGEST, Rule
from visitorcentre.sync.record_fields import COMMON, FIELDS

NESTED_DEPTH = 6  # how deep a JSON value may nest

_CONFIG = ConfigDict(strict=True, extra="forbid")
_MODELS: dict[str, type[BaseModel]] = {}


def rules(entity: str) -> dict[str, Rule]:
    """Every field of a record kind with its rule (empty for a kind sync does not carry)."""
    own = FIELDS.get(entity)
    return {**COMMON, **own} if own is not None else {}


def _model(entity: str) -> type[BaseModel] | None:
    model = _MODELS.get(entity)
    if model is None and entity in FIELDS:
        fields: dict[str, Any] = {
            key: (rule.kind, ... if rule.required else None) for key, rule in rules(entity).items()
        }
        model = _MODELS[entity] = create_model(f"{entity}_record", __config__=_CONFIG, **fields)
    return model


def shown(key: Any, limit: int = 40) -> str:
    """A field name fit to quote back (it came from the sender, so it is cut short and made printable)."""
    text = str(key)
    if len(text) <= limit and text.isascii() and text.isprintable():  # (most: nothing to cut or replace)
        return text
    cut = "".join(c if c.isprintable() and not 0xD800 <= ord(c) <= 0xDFFF else "?" for c in text[:limit])
    return cut + ("…" if len(text) > limit else "")


def _encodes(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _unstorable(value: Any, depth: int = 0) -> str | None:
    """Why a value (nested lists and objects included) cannot be stored, or None."""
    if isinstance(value, str):
        if "\x00" in value:
            return "holds a NUL character, which cannot be stored"
        if not value.isascii() and not _encodes(value):
            return "holds a broken character (a lone surrogate), which cannot be stored"
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return "holds a number that is not finite"
    if isinstance(value, int) and not isinstance(value, bool) and not -BIGGEST - 1 <= value <= BIGGEST:
        return "holds a number too large to store"
    if isinstance(value, (list, dict)):
        if depth >= NESTED_DEPTH:
            return f"is nested more than {NESTED_DEPTH} levels deep"
        items = value.items() if isinstance(value, dict) else ((None, v) for v in value)
        for key, item in items:
            why = (_unstorable(key, depth + 1) if key is not None else None) or _unstorable(item, depth + 1)
            if why:
                return why
    return None


def problem(entity: str, payload: Any) -> str | None:
    """What is wrong with ``payload`` as a record of ``entity``, in one plain sentence; None if nothing."""
    model = _model(entity)
    if model is None:
        return f"The server does not keep records of the kind “{shown(entity)}”."
    if not isinstance(payload, dict):
        return "The record is not a set of named fields."
    try:
        model.model_validate(payload)
    except ValidationError as error:
        return _words(entity, error.errors(include_url=False)[0])
    for key in _nested(entity):  # what pydantic takes as it comes (JSON lists and objects): every value in them
        why = _unstorable(payload.get(key))
        if why:
            return f"The field “{key}” {why}."
    return None


@functools.cache
def _nested(entity: str) -> tuple[str, ...]:
    return tuple(key for key, rule in rules(entity).items() if rule.column == "json")


def _words(entity: str, error: ErrorDetails) -> str:
    field = error["loc"][0] if error["loc"] else ""
    kind, value = error["type"], error.get("input")
    if kind == "extra_forbidden":
        return f"The field “{shown(field)}” is not part of a {entity.replace('_', ' ')} record."
    if kind == "missing":
        return f"The field “{shown(field)}” is missing."
    if kind == "string_unicode":
        return f"The field “{shown(field)}” holds a broken character (a lone surrogate), which cannot be stored."
    if isinstance(value, str) and "\x00" in value:
        return f"The field “{shown(field)}” holds a NUL character, which cannot be stored."
    if len(error["loc"]) > 1:  # inside a list or object: check it the same way as the rest of it
        why = _unstorable(value)
        if why:
            return f"The field “{shown(field)}” {why}."
    rule = rules(entity).get(str(field))
    words = rule.words if rule is not None else "something else"
    return f"The field “{shown(field)}” must be {words}."
