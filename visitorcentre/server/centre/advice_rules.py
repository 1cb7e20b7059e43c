"""An establishment's advice rules at the centre: the same versioned ``advice_rule`` records the desk's editor writes.

The versioning model is the desk's (``core.advice``): a rule is a lineage (``rule_key``) of
versions, each in force from ``effective_from`` until the ``ends_on`` set when it is reworded or
retired. Rewording here writes a new version and ends the old one on the new one's first day,
as the desk's editor does, through ``store.save``: the establishment's desks receive both on
their next sync. A desk's own edits reach the centre through its push and show here at once,
since the console reads the same documents. The checks are the editor's (services.advice.rules),
with each message naming the form's field.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from visitorcentre.core.advice import CATEGORIES, LANGUAGES, PICTOGRAMS, SEVERITIES
from visitorcentre.core.errors import ChangedElsewhere, InvalidInput, NotAllowed, NotFound
from visitorcentre.server.centre import establishments, store
from visitorcentre.server.centre import typed_values as typed
from visitorcentre.server.centre.access import Scope
from visitorcentre.server.models import Document

ENTITY = "advice_rule"
MAX_TEXT = 600  # as the desk's editor (services.advice.rules.MAX_TEXT)
LONGEST_NOTICE = timedelta(days=730)
TRANSLATED = tuple(language for language in LANGUAGES if language != "en")
CATEGORY_NAMES = {
    "arrival": "Arriving",
    "id": "Identification",
    "lockers": "Lockers",
    "items": "What you can bring",
    "dress": "What to wear",
    "money": "Money",
    "children": "Children",
}


@dataclass(frozen=True)
class Rule:
    """One version of a rule, with where it stands on ``today``."""

    id: str
    establishment: str
    rule_key: str
    version: int
    category: str
    severity: str
    text: str
    easy_read: str
    pictogram: str
    position: int
    effective_from: date
    ends_on: date | None
    retired: bool
    retired_reason: str
    translations: dict[str, dict[str, str]]
    changed_by: str
    state: str  # "in force", "starts later", "replaced", "retired"

    @property
    def category_name(self) -> str:
        return CATEGORY_NAMES.get(self.category, self.category)

    @property
    def editable(self) -> bool:
        """Only the newest version of a lineage (not ended, not retired) can be reworded or retired."""
        return not self.retired and self.ends_on is None


def _rule(p: dict[str, Any], today: date) -> Rule:
    starts = date.fromisoformat(str(p["effective_from"])[:10])
    ends = date.fromisoformat(str(p["ends_on"])[:10]) if p.get("ends_on") else None
    retired = bool(p.get("retired"))
    if retired:
        state = "retired"
    elif ends is not None and ends <= today:
        state = "replaced"
    elif starts > today:
        state = "starts later"
    else:
        state = "in force"
    return Rule(
        id=str(p["id"]),
        establishment=str(p.get("establishment") or ""),
        rule_key=str(p.get("rule_key") or p["id"]),
        version=int(p.get("version") or 1),
        category=str(p.get("category") or ""),
        severity=str(p.get("severity") or ""),
        text=str(p.get("text") or ""),
        easy_read=str(p.get("easy_read") or ""),
        pictogram=str(p.get("pictogram") or "info"),
        position=int(p.get("position") or 0),
        effective_from=starts,
        ends_on=ends,
        retired=retired,
        retired_reason=str(p.get("retired_reason") or ""),
        translations=dict(p.get("translations") or {}),
        changed_by=str(p.get("changed_by") or ""),
        state=state,
    )


def rules(session: Session, scope: Scope, code: str, today: date) -> list[Rule]:
    """Every version of the establishment's rules: the live ones (in force or starting later) first, in
    position order, then the replaced and retired ones, newest first."""
    place = establishments.one(session, scope, code)
    payloads = session.scalars(
        select(Document.payload).where(Document.entity == ENTITY, Document.establishment == place.code)
    )
    found = [_rule(p, today) for p in payloads]
    live = sorted(
        (r for r in found if r.state in ("in force", "starts later")), key=lambda r: (r.position, r.effective_from)
    )
    ended = sorted((r for r in found if r not in live), key=lambda r: r.ends_on or r.effective_from, reverse=True)
    return live + ended


def one(session: Session, scope: Scope, rule_id: str, today: date) -> Rule:
    """The rule version ``rule_id``; NotFound when unknown or outside ``scope``."""
    doc = session.get(Document, (ENTITY, rule_id))
    if doc is None or not scope.sees(doc.establishment):
        raise NotFound("There is no such advice rule (it may have been removed).", "rule")
    return _rule(doc.payload, today)


@dataclass(frozen=True)
class Wording:
    """What the rule form holds: category, severity, English text, easy-read text, pictogram, first day,
    and other languages' wording (language: (text, easy read))."""

    category: object
    severity: object
    text: object
    easy_read: object = ""
    pictogram: object = "info"
    effective_from: object = None
    translations: dict[str, tuple[object, object]] | None = None


def _checked(wording: Wording, today: date, earliest: date | None = None) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "category": typed.one_of(wording.category, "category", "category", CATEGORIES),
        "severity": typed.one_of(wording.severity, "severity", "severity (must or advice)", SEVERITIES),
        "text": typed.line(wording.text, "text", "rule's text", MAX_TEXT, required=True),
        "easy_read": typed.line(wording.easy_read, "easy_read", "easy-read text", MAX_TEXT),
        "pictogram": typed.one_of(wording.pictogram or "info", "pictogram", "picture", PICTOGRAMS),
    }
    first = max(today, earliest or today)
    start = (
        first
        if wording.effective_from in (None, "")
        else typed.day(wording.effective_from, "effective_from", "first day")
    )
    if start < today:
        raise InvalidInput(
            "A rule cannot start in the past: leaflets already printed would be wrong.", "effective_from"
        )
    if earliest and start < earliest:
        raise InvalidInput(
            f"The new wording cannot start before the one it replaces ({earliest:%d %B %Y}).", "effective_from"
        )
    if start > today + LONGEST_NOTICE:
        raise InvalidInput("A rule can be dated at most two years ahead.", "effective_from")
    fields["effective_from"] = start.isoformat()
    translations = {}
    for language, (text, easy) in (wording.translations or {}).items():
        if language not in TRANSLATED:
            raise InvalidInput(f"There is no language “{language}” to translate into.", "translations")
        text = typed.line(text, f"text_{language}", "translated text", MAX_TEXT)
        if text:  # no translation: the desk falls back to English
            translations[language] = {
                "text": text,
                "easy_read": typed.line(easy, f"easy_read_{language}", "translated easy-read text", MAX_TEXT),
            }
    fields["translations"] = translations
    return fields


def _live(session: Session, code: str, today: date) -> list[Rule]:
    return [r for r in rules(session, Scope.national(), code, today) if r.state in ("in force", "starts later")]


def add(session: Session, scope: Scope, actor: str, now: datetime, code: str, wording: Wording) -> Rule:
    """A new rule at the end of the establishment's list."""
    place = establishments.one(session, scope, code)
    scope.require_change(place.code, "change the advice rules")
    today = now.date()
    fields = _checked(wording, today)
    position = max((r.position for r in _live(session, place.code, today)), default=-1) + 1
    row_id = store.new_id()
    written = store.save(
        session,
        actor=actor,
        action="advice_rule.added",
        entity=ENTITY,
        row_id=row_id,
        fields=fields
        | {"establishment": place.code, "rule_key": row_id, "position": position, "ends_on": None, "retired": False}
        | {"retired_reason": "", "changed_by": actor[:80]},
        summary=f"Added an advice rule ({fields['category']}) at {place.code}: {fields['text'][:80]}",
        now=now,
    )
    return _rule(written, today)


def _editable(session: Session, scope: Scope, rule_id: str, expected_version: int, today: date) -> Rule:
    old = one(session, scope, rule_id, today)
    scope.require_change(old.establishment, "change the advice rules")
    if old.version != int(expected_version):
        raise ChangedElsewhere(
            "This rule was changed elsewhere (perhaps on a desk) while you were editing; check the newest "
            "wording and make your change again."
        )
    if not old.editable:
        raise NotAllowed("This wording has already been replaced or retired; change the newest one.", "rule")
    return old


def reword(
    session: Session, scope: Scope, actor: str, now: datetime, rule_id: str, expected_version: int, wording: Wording
) -> Rule:
    """Replace the rule by a new version from its first day; the old wording stays in force until then."""
    today = now.date()
    old = _editable(session, scope, rule_id, expected_version, today)
    establishment = old.establishment
    fields = _checked(wording, today, earliest=old.effective_from)
    row_id = store.new_id()
    summary = f"Reworded an advice rule ({fields['category']}) at {establishment} from {fields['effective_from']}"
    written = store.save(
        session,
        actor=actor,
        action="advice_rule.reworded",
        entity=ENTITY,
        row_id=row_id,
        fields=fields
        | {"establishment": establishment, "rule_key": old.rule_key, "position": old.position, "ends_on": None}
        | {"retired": False, "retired_reason": "", "changed_by": actor[:80]},
        summary=f"{summary}: {fields['text'][:80]}",
        now=now,
    )
    store.save(
        session,
        actor=actor,
        action="advice_rule.replaced",
        entity=ENTITY,
        row_id=old.id,
        fields={"ends_on": fields["effective_from"], "changed_by": actor[:80]},
        summary=f"{summary}: the old wording ends then",
        now=now,
    )
    return _rule(written, today)


def retire(
    session: Session, scope: Scope, actor: str, now: datetime, rule_id: str, expected_version: int, reason: object
) -> Rule:
    """Take the rule out of force from today; the reason is required and audited."""
    today = now.date()
    old = _editable(session, scope, rule_id, expected_version, today)
    why = typed.line(reason, "reason", "reason the rule is retired", 500, required=True)
    written = store.save(
        session,
        actor=actor,
        action="advice_rule.retired",
        entity=ENTITY,
        row_id=old.id,
        fields={"retired": True, "retired_reason": why, "ends_on": max(today, old.effective_from).isoformat()}
        | {"changed_by": actor[:80]},
        summary=f"Retired an advice rule ({old.category}): {old.text[:80]}",
        now=now,
    )
    return _rule(written, today)
