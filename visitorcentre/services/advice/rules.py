"""Advice rules: reading and the manager's changes (each one transaction with audit and outbox).

The versioning model is described in visitorcentre.core.advice: a rule is a lineage of versions,
each in force from ``effective_from`` until the ``ends_on`` set when it is replaced or retired.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from visitorcentre import i18n
from visitorcentre.core.advice import CATEGORIES, PICTOGRAMS, SEVERITIES, AdviceRuleDraft, AdviceRuleView, RuleText
from visitorcentre.core.errors import ChangedElsewhere, InvalidInput, NotAllowed, NotFound
from visitorcentre.core.roles import MANAGER, require_role
from visitorcentre.db import facts
from visitorcentre.db import models as m
from visitorcentre.i18n import N_, _
from visitorcentre.services.unit_of_work import UnitOfWork
from visitorcentre.services.words import full_date

#: How far ahead a rule may be dated (a leaflet printed today should not promise rules years away).
LONGEST_NOTICE = timedelta(days=730)
MAX_TEXT = 600

# --- reading ---------------------------------------------------------------------------------------


def _in_force(on: date):
    return (
        m.AdviceRule.effective_from <= on,
        or_(m.AdviceRule.ends_on.is_(None), m.AdviceRule.ends_on > on),
        m.AdviceRule.retired.is_(False),
    )


def current_rows(session: Session, establishment: str, on: date) -> list[m.AdviceRule]:
    return list(
        session.scalars(
            select(m.AdviceRule)
            .where(m.AdviceRule.establishment == establishment, *_in_force(on))
            .order_by(m.AdviceRule.position, m.AdviceRule.effective_from)
        )
    )


def view(row: m.AdviceRule, language: str) -> AdviceRuleView:
    wording = (row.translations or {}).get(language) if language != "en" else None
    missing = language != "en" and not (wording and wording.get("text"))
    translated = wording if wording and wording.get("text") else None  # None: English is shown
    return AdviceRuleView(
        id=row.id,
        rule_key=row.rule_key,
        version=row.version,
        establishment=row.establishment,
        category=row.category,
        severity=row.severity,
        text=translated["text"] if translated else row.text,
        easy_read=(translated.get("easy_read") or row.easy_read) if translated else row.easy_read,
        pictogram=row.pictogram,
        position=row.position,
        effective_from=row.effective_from,
        ends_on=row.ends_on,
        retired=row.retired,
        language=language,
        translations=tuple(sorted(k for k, v in (row.translations or {}).items() if v.get("text"))),
        missing_translation=missing,
    )


def rules(session: Session, establishment: str, language: str, include_retired: bool, on: date) -> list[AdviceRuleView]:
    """The rules in force at ``establishment`` on ``on``, in position order.

    Texts are in ``language`` ("en", "pl", "gd"); a rule without that translation shows English
    with ``missing_translation`` True. ``include_retired`` adds the retired and superseded
    versions and those starting later (for the manager's editor), after the current ones.
    Raises InvalidInput (field "language") for an unknown language.
    """
    i18n.check_language(language)
    current = current_rows(session, establishment, on)
    found = [view(row, language) for row in current]
    if include_retired:
        seen = {row.id for row in current}
        others = session.scalars(
            select(m.AdviceRule)
            .where(m.AdviceRule.establishment == establishment)
            .order_by(m.AdviceRule.position, m.AdviceRule.effective_from)
        )
        found += [view(row, language) for row in others if row.id not in seen]
    return found


def draft_of(session: Session, rule_id: str) -> AdviceRuleDraft:
    """The rule version ``rule_id`` as a draft for the editor, with every translation. NotFound if unknown."""
    row = _row(session, rule_id)
    return AdviceRuleDraft(
        row.category,
        row.severity,
        row.text,
        row.easy_read,
        row.pictogram,
        row.effective_from,
        row.establishment,
        row.position,
        {k: RuleText(v.get("text", ""), v.get("easy_read", "")) for k, v in (row.translations or {}).items()},
    )


def _row(session: Session, rule_id: str) -> m.AdviceRule:
    row = session.get(m.AdviceRule, rule_id)
    if row is None:
        raise NotFound(_("There is no such advice rule (it may have been removed on another desk)."), "rule")
    return row


# --- the manager's changes -----------------------------------------------------------------------


def _manager(uow: UnitOfWork) -> None:
    require_role(uow.actor, MANAGER, N_("change the advice rules"))


def _clean(text: str | None) -> str:
    return " ".join((text or "").split())


def validate(draft: AdviceRuleDraft, today: date, earliest: date | None = None) -> AdviceRuleDraft:
    """The draft tidied (spaces), or InvalidInput naming the field at fault."""
    text, easy = _clean(draft.text), _clean(draft.easy_read)
    if not text:
        raise InvalidInput(_("Write what the rule says: the text cannot be empty."), "text")
    if len(text) > MAX_TEXT or len(easy) > MAX_TEXT:
        raise InvalidInput(
            _("Keep a rule under {limit} characters; split a long one in two.").format(limit=MAX_TEXT),
            "text" if len(text) > MAX_TEXT else "easy_read",
        )
    if draft.category not in CATEGORIES:
        raise InvalidInput(
            _("“{category}” is not a category (choose one of: {choices}).").format(
                category=draft.category, choices=", ".join(CATEGORIES)
            ),
            "category",
        )
    if draft.severity not in SEVERITIES:
        raise InvalidInput(
            _("“{severity}” is not a severity (must or advice).").format(severity=draft.severity), "severity"
        )
    if draft.pictogram not in PICTOGRAMS:
        raise InvalidInput(
            _("“{pictogram}” is not one of the pictograms.").format(pictogram=draft.pictogram), "pictogram"
        )
    start = draft.effective_from or max(today, earliest or today)
    if start < today:
        raise InvalidInput(
            _("A rule cannot start in the past: leaflets already printed would be wrong."), "effective_from"
        )
    if earliest and start < earliest:
        raise InvalidInput(
            _("The new wording cannot start before the one it replaces ({day}).").format(day=full_date(earliest)),
            "effective_from",
        )
    if start > today + LONGEST_NOTICE:
        raise InvalidInput(_("A rule can be dated at most two years ahead."), "effective_from")
    translations = {}
    for language, wording in (draft.translations or {}).items():
        if language not in i18n.LANGUAGES or language == i18n.SOURCE:
            raise InvalidInput(
                _("There is no language “{language}” to translate into.").format(language=language), "translations"
            )
        if isinstance(wording, dict):
            wording = RuleText(wording.get("text", ""), wording.get("easy_read", ""))
        if _clean(wording.text):  # an empty translation is no translation: the rule falls back to English
            translations[language] = RuleText(_clean(wording.text), _clean(wording.easy_read))
    return replace(draft, text=text, easy_read=easy, effective_from=start, translations=translations)


def _known_establishment(uow: UnitOfWork, code: str) -> str:
    if not code or facts.establishment(uow.session, code) is None:
        raise InvalidInput(_("There is no establishment with the code “{code}”.").format(code=code), "establishment")
    return code


def _live(session: Session, establishment: str, today: date) -> list[m.AdviceRule]:
    """Rows that are or will be in force (not ended by today), in position order."""
    return list(
        session.scalars(
            select(m.AdviceRule)
            .where(
                m.AdviceRule.establishment == establishment,
                m.AdviceRule.retired.is_(False),
                or_(m.AdviceRule.ends_on.is_(None), m.AdviceRule.ends_on > today),
            )
            .order_by(m.AdviceRule.position, m.AdviceRule.effective_from)
        )
    )


def _new_row(
    uow: UnitOfWork, draft: AdviceRuleDraft, establishment: str, rule_key: str | None, position: int
) -> m.AdviceRule:
    row = m.AdviceRule(
        category=draft.category,
        severity=draft.severity,
        text=draft.text,
        easy_read=draft.easy_read,
        pictogram=draft.pictogram,
        position=position,
        effective_from=draft.effective_from,
        ends_on=None,
        retired=False,
        retired_reason="",
        translations={k: {"text": v.text, "easy_read": v.easy_read} for k, v in draft.translations.items()},
        changed_by=uow.actor.name,
    )
    uow.stamp_new(row, establishment)
    row.rule_key = rule_key or row.id
    return row


def add_rule(uow: UnitOfWork, draft: AdviceRuleDraft) -> str:
    """Add a rule (manager only); returns the new version's id.

    Raises NotAllowed for a desk role; InvalidInput with ``field`` ("text", "easy_read",
    "category", "severity", "pictogram", "effective_from", "translations", "establishment")
    for a draft that cannot be saved. One transaction with audit and outbox.
    """
    with uow:
        _manager(uow)
        today = uow.clock.today()
        draft = validate(draft, today)
        establishment = _known_establishment(uow, draft.establishment or uow.establishment)
        live = _live(uow.session, establishment, today)
        last = max((r.position for r in live), default=-1) + 1
        row = _new_row(uow, draft, establishment, None, last)
        if draft.position is not None and draft.position < last:
            _place(uow, live, row, draft.position)
        uow.record(
            "advice_rule_added",
            row,
            f"Advice rule added ({row.category}): {row.text[:80]}",
            {"effective_from": row.effective_from.isoformat(), "severity": row.severity},
        )
        uow.commit()
        return row.id


def edit_rule(uow: UnitOfWork, rule_id: str, draft: AdviceRuleDraft, expected_version: int) -> None:
    """Replace the rule by a new version from ``draft.effective_from`` (manager only).

    The old version stays in force until that day. Raises ChangedElsewhere when the row's
    version is not ``expected_version``, NotAllowed for a desk role or a version that was
    already replaced or retired, InvalidInput as add_rule, NotFound for an unknown id.
    """
    with uow:
        _manager(uow)
        old = _row(uow.session, rule_id)
        if old.version != expected_version:
            raise ChangedElsewhere(
                _("This rule was changed on another desk; it has been reloaded — please make your change again.")
            )
        if old.retired or old.ends_on is not None:
            raise NotAllowed(_("This wording has already been replaced or retired; edit the newest one."), "rule")
        today = uow.clock.today()
        draft = validate(replace(draft, establishment=old.establishment), today, earliest=old.effective_from)
        new = _new_row(uow, draft, old.establishment, old.rule_key, old.position)
        old.ends_on = draft.effective_from
        uow.stamp_changed(old)
        uow.outbox(old)
        uow.record(
            "advice_rule_edited",
            new,
            f"Advice rule reworded ({new.category}) from {new.effective_from:%d %b %Y}: {new.text[:80]}",
            {"replaces": old.id, "old_text": old.text, "effective_from": new.effective_from.isoformat()},
        )
        if draft.position is not None and draft.position != old.position:
            _place(uow, _live(uow.session, old.establishment, today), new, draft.position)
        uow.commit()


def retire_rule(uow: UnitOfWork, rule_id: str, reason: str) -> None:
    """Take a rule out of force from today (manager only; the reason is required and audited)."""
    with uow:
        _manager(uow)
        reason = _clean(reason)
        if not reason:
            raise InvalidInput(_("Say why the rule is retired."), "reason")
        row = _row(uow.session, rule_id)
        if row.retired or row.ends_on is not None:
            raise NotAllowed(_("This wording has already been replaced or retired."), "rule")
        today = uow.clock.today()
        row.retired, row.retired_reason, row.changed_by = True, reason, uow.actor.name
        row.ends_on = max(today, row.effective_from)
        uow.stamp_changed(row)
        uow.record(
            "advice_rule_retired", row, f"Advice rule retired ({row.category}): {row.text[:80]}", {"reason": reason}
        )
        uow.commit()


def _place(uow: UnitOfWork, live: list[m.AdviceRule], row: m.AdviceRule, new_position: int) -> None:
    """Put ``row``'s lineage at ``new_position`` among the live lineages, renumbering 0.. (changed rows to the
    outbox)."""
    keys: list[str] = []
    for r in live:
        if r.rule_key not in keys:
            keys.append(r.rule_key)
    if row.rule_key in keys:
        keys.remove(row.rule_key)
    keys.insert(max(0, min(new_position, len(keys))), row.rule_key)
    rows = live + ([row] if row not in live else [])
    for r in rows:
        wanted = keys.index(r.rule_key)
        if r.position != wanted:
            r.position = wanted
            if r.id not in uow._created:
                uow.stamp_changed(r)
                uow.outbox(r)


def move_rule(uow: UnitOfWork, rule_id: str, new_position: int) -> None:
    """Move a rule to ``new_position`` (0 = first) among its establishment's live rules (manager only)."""
    with uow:
        _manager(uow)
        row = _row(uow.session, rule_id)
        if new_position < 0:
            raise InvalidInput(_("A position counts from 0 (first)."), "position")
        live = _live(uow.session, row.establishment, uow.clock.today())
        if row not in live:
            raise NotAllowed(_("This wording has already been replaced or retired."), "rule")
        before = row.position
        _place(uow, live, row, new_position)
        uow.audit(
            "advice_rule_moved",
            row,
            f"Advice rule moved from {before + 1} to {row.position + 1}",
            {"from": before, "to": row.position},
        )
        uow.commit()


def install_defaults(uow: UnitOfWork, establishment: str, cutoff_minutes: int = 15) -> list[str]:
    """Load the default rules (demo/advice.py) for an establishment with none; returns the new ids."""
    from visitorcentre.demo import advice as defaults

    with uow:
        _manager(uow)
        _known_establishment(uow, establishment)
        if uow.session.scalar(select(m.AdviceRule.id).where(m.AdviceRule.establishment == establishment).limit(1)):
            raise NotAllowed(_("This establishment already has advice rules."), "establishment")
        ids = []
        for position, rule in enumerate(defaults.rules_for(establishment, cutoff_minutes)):
            draft = AdviceRuleDraft(
                rule.category,
                rule.severity,
                rule.text,
                rule.easy_read,
                rule.pictogram,
                defaults.effective_from(rule, uow.clock.today()),
                establishment,
                position,
                {k: RuleText(**v) for k, v in defaults.translations(rule).items()},
            )
            row = _new_row(uow, draft, establishment, None, position)
            uow.record("advice_rule_added", row, f"Default advice rule ({row.category})", {"default": True})
            ids.append(row.id)
        uow.commit()
        return ids
