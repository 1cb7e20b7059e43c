"""The advice at check-in and on paper: the checklist read out to a family, and the printed leaflets.

Both are made from the establishment's rules in force (services.advice.rules); recording that the
advice was read out is the one write here (audit and outbox).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from visitorcentre import i18n
from visitorcentre.core.advice import (
    CATEGORIES,
    LEAFLET_KINDS,
    PICTOGRAMS,
    AdviceChecklist,
    AdviceRuleView,
    ChecklistItem,
    RuleText,
)
from visitorcentre.core.errors import InvalidInput, NotFound
from visitorcentre.db import facts
from visitorcentre.db import models as m
from visitorcentre.i18n import N_
from visitorcentre.services.advice.rules import current_rows, rules, view
from visitorcentre.services.unit_of_work import UnitOfWork

#: The check-in checklist's topics: heading, pictogram, and which rules go under it.
TOPIC_HEADINGS = {
    "wear": (N_("What to wear"), "shirt"),
    "cash": (N_("How much cash, and in what form"), "coins"),
    "lockers": (N_("Coins for the lockers"), "locker"),
    "money_for_prisoner": (N_("Money for the prisoner"), "cash-desk"),
    "not_to_bring": (N_("What not to bring"), "phone"),
}
CATEGORY_HEADINGS = {
    "arrival": N_("Arriving"),
    "id": N_("ID to bring"),
    "lockers": N_("Lockers"),
    "items": N_("What not to bring"),
    "dress": N_("What to wear"),
    "money": N_("Money"),
    "children": N_("Children and babies"),
}


def topic_of(category: str, pictogram: str) -> str | None:
    """The checklist topic a rule is read out under (None: only in the full guide)."""
    if category == "money":
        return "money_for_prisoner" if pictogram == "cash-desk" else "cash"
    return {"dress": "wear", "lockers": "lockers", "items": "not_to_bring"}.get(category)


# --- at check-in -----------------------------------------------------------------------------------


def _items(rows: list[AdviceRuleView], key, headings, language: str) -> tuple[ChecklistItem, ...]:
    _ = i18n.translator(language)
    grouped: dict[str, list[AdviceRuleView]] = {}
    for rule in rows:
        topic = key(rule)
        if topic:
            grouped.setdefault(topic, []).append(rule)
    items = []
    for topic in headings:
        if topic in grouped:
            heading = headings[topic]
            heading, picture = heading if isinstance(heading, tuple) else (heading, grouped[topic][0].pictogram)
            items.append(
                ChecklistItem(
                    topic,
                    _(heading),
                    tuple(r.text for r in grouped[topic]),
                    picture,
                    "must" if any(r.severity == "must" for r in grouped[topic]) else "advice",
                )
            )
    return tuple(items)


def checklist(session: Session, visit_id: str, language: str, today: date) -> AdviceChecklist:
    """The short advice to read out at check-in for ``visit_id``, from its establishment's current rules.

    ``first_visit`` is True when someone in the party has no earlier completed visit (``first_timers``
    names them); then
    ``first_visit_guide`` holds the whole guide, step by step. NotFound for an unknown visit.
    """
    i18n.check_language(language)
    visit = session.get(m.Visit, visit_id)
    if visit is None:
        raise NotFound(i18n._("There is no such visit."), "visit")
    slot = visit.session
    est = facts.establishment(session, slot.establishment)
    on = max(today, slot.date) if slot.date > today else today
    current = [view(row, language) for row in current_rows(session, slot.establishment, on)]
    going = [p for p in visit.party if p.outcome not in ("refused",)]
    first_timers = tuple(p.visitor.name for p in going if facts.is_first_visit(session, [p.visitor_id], slot.start))
    first = bool(first_timers)
    guide = (
        _items(current, lambda r: r.category, {c: CATEGORY_HEADINGS[c] for c in CATEGORIES}, language) if first else ()
    )
    given = session.scalar(select(m.AdviceGiven).where(m.AdviceGiven.visit_id == visit_id))
    return AdviceChecklist(
        visit_id=visit_id,
        establishment=slot.establishment,
        establishment_name=est.name if est else slot.establishment,
        language=language,
        rules_as_of=on,
        items=_items(current, lambda r: topic_of(r.category, r.pictogram), TOPIC_HEADINGS, language),
        first_visit=first,
        first_timers=first_timers,
        first_visit_guide=guide,
        advice_given=given is not None,
        given_by=given.given_by if given else "",
        given_at=given.given_at if given else None,
    )


def record_advice_given(uow: UnitOfWork, visit_id: str, language: str = "en") -> None:
    """Record that the advice was read out for the visit (audit and outbox; a second call does nothing)."""
    with uow:
        visit = uow.session.get(m.Visit, visit_id)
        if visit is None:
            raise NotFound(i18n._("There is no such visit."), "visit")
        if uow.session.scalar(select(m.AdviceGiven).where(m.AdviceGiven.visit_id == visit_id)) is not None:
            return
        row = m.AdviceGiven(visit_id=visit_id, given_at=uow.clock.now(), given_by=uow.actor.name, language=language)
        uow.stamp_new(row, visit.session.establishment)
        uow.record("advice_given", row, f"Visit advice read out for {visit.reference}")
        uow.commit()


# --- leaflets ---------------------------------------------------------------------------------------


def leaflet(
    session: Session, kind: str, establishment: str, language: str, rules_override: list | None, today: date
) -> bytes:
    """A printed leaflet (A4 PDF): kind is one of LEAFLET_KINDS.

    Dated "rules as of" ``today`` and naming ``establishment``.
    ``rules_override`` (AdviceRuleView or AdviceRuleDraft items, in order) replaces the stored
    rules, so the editor can preview unsaved changes; drafts show their translation for
    ``language`` or else English. Raises InvalidInput (field "kind", "language" or
    "establishment") for an unknown value. Records nothing.
    """
    from visitorcentre.printing import leaflets

    if kind not in LEAFLET_KINDS:
        raise InvalidInput(
            i18n._("There is no leaflet “{kind}” (choose one of: {choices}).").format(
                kind=kind, choices=", ".join(LEAFLET_KINDS)
            ),
            "kind",
        )
    i18n.check_language(language)
    est = facts.establishment(session, establishment)
    if est is None:
        raise InvalidInput(
            i18n._("There is no establishment with the code “{code}”.").format(code=establishment), "establishment"
        )
    if rules_override is None:
        lines = [_line(r) for r in rules(session, establishment, language, False, today)]
    else:
        lines = [_line(_override(r, language)) for r in rules_override]
    place = leaflets.Place(
        code=est.code,
        name=est.name,
        address=est.address,
        booking_line=est.booking_line,
        local_support=est.local_support or "",
        nation=est.nation,
    )
    return leaflets.render(kind, place, lines, language, today)


def _line(rule: AdviceRuleView):
    from visitorcentre.printing.leaflets import RuleLine

    return RuleLine(rule.category, rule.severity, rule.text, rule.easy_read or rule.text, rule.pictogram)


def _override(rule, language: str) -> AdviceRuleView:
    if isinstance(rule, AdviceRuleView):
        return rule
    wording = (rule.translations or {}).get(language)
    if isinstance(wording, dict):
        wording = RuleText(wording.get("text", ""), wording.get("easy_read", ""))
    use = wording if wording and wording.text else RuleText(rule.text, rule.easy_read)
    return AdviceRuleView(
        "",
        "",
        0,
        rule.establishment or "",
        rule.category,
        rule.severity,
        use.text,
        use.easy_read,
        rule.pictogram if rule.pictogram in PICTOGRAMS else "info",
        rule.position or 0,
        rule.effective_from or date.min,
        None,
        False,
        language,
        tuple(rule.translations or ()),
        not (wording and wording.text) and language != "en",
    )
