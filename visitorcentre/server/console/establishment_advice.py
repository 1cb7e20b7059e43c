"""An establishment's advice rules: the list (in force, starting later, ended), adding a rule, rewording one
from a day of your choosing, and retiring one with a reason. The same records the desk's editor writes."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from visitorcentre.core.advice import CATEGORIES, PICTOGRAMS, SEVERITIES
from visitorcentre.core.errors import ChangedElsewhere, InvalidInput, NotAllowed
from visitorcentre.server.centre import advice_rules, establishments
from visitorcentre.server.centre.advice_rules import CATEGORY_NAMES, TRANSLATED, Wording
from visitorcentre.server.console.accounts import Staff
from visitorcentre.server.console.centre_scope import CHANGERS, READERS, day_typed, scope_of, typed_in
from visitorcentre.server.console.web import Reader, Writer, invalid, now, redirect, render, require

router = APIRouter()
CHOICES: dict[str, Any] = {
    "categories": [(c, CATEGORY_NAMES.get(c, c)) for c in CATEGORIES],
    "severities": [(s, {"must": "Must (a rule)", "advice": "Advice (good to know)"}.get(s, s)) for s in SEVERITIES],
    "pictograms": [(p, p.replace("-", " ").capitalize()) for p in PICTOGRAMS],
    "languages": [(language, {"pl": "Polish", "gd": "Gaelic"}.get(language, language)) for language in TRANSLATED],
}


def _wording(values: dict[str, str]) -> Wording:
    return Wording(
        category=values.get("category", ""),
        severity=values.get("severity", ""),
        text=values.get("text", ""),
        easy_read=values.get("easy_read", ""),
        pictogram=values.get("pictogram") or "info",
        effective_from=day_typed(values, "effective_from", "first day"),
        translations={
            language: (values.get(f"text_{language}", ""), values.get(f"easy_read_{language}", ""))
            for language in TRANSLATED
        },
    )


def _values(rule: advice_rules.Rule) -> dict[str, str]:
    found = {
        "category": rule.category,
        "severity": rule.severity,
        "text": rule.text,
        "easy_read": rule.easy_read,
        "pictogram": rule.pictogram,
        "version": str(rule.version),
    }
    for language in TRANSLATED:
        wording = rule.translations.get(language) or {}
        found[f"text_{language}"] = wording.get("text", "")
        found[f"easy_read_{language}"] = wording.get("easy_read", "")
    return found


@router.get("/establishments/{code}/advice")
def rule_list(request: Request, code: str, db: Reader, staff: Staff = Depends(require(*READERS))) -> Response:
    scope = scope_of(staff)
    place = establishments.one(db, scope, code)
    found = advice_rules.rules(db, scope, place.code, now(request).date())
    return render(
        request, "establishments/advice.html", place=place, rules=found, may_change=staff.role in CHANGERS, **CHOICES
    )


@router.get("/establishments/{code}/advice/new")
def new_rule(request: Request, code: str, db: Reader, staff: Staff = Depends(require(*CHANGERS))) -> Response:
    place = establishments.one(db, scope_of(staff), code)
    values = {"severity": "must", "pictogram": "info"}
    return render(request, "establishments/advice_rule.html", place=place, rule=None, values=values, **CHOICES)


@router.post("/establishments/{code}/advice/new")
async def add_rule(request: Request, code: str, db: Writer, staff: Staff = Depends(require(*CHANGERS))) -> Response:
    scope = scope_of(staff)
    place = establishments.one(db, scope, code)
    values = await typed_in(request)
    try:
        added = advice_rules.add(db, scope, staff.name, now(request), place.code, _wording(values))
    except InvalidInput as error:
        return invalid(
            request, "establishments/advice_rule.html", error, place=place, rule=None, values=values, **CHOICES
        )
    return redirect(request, f"/establishments/{place.code}/advice", f"Rule added: {added.text[:80]}")


@router.get("/establishments/{code}/advice/{rule_id}")
def rule_form(
    request: Request, code: str, rule_id: str, db: Reader, staff: Staff = Depends(require(*CHANGERS))
) -> Response:
    scope = scope_of(staff)
    place = establishments.one(db, scope, code)
    rule = advice_rules.one(db, scope, rule_id, now(request).date())
    if rule.establishment != place.code:
        return render(request, "errors/not_found.html", status_code=404)
    return render(request, "establishments/advice_rule.html", place=place, rule=rule, values=_values(rule), **CHOICES)


@router.post("/establishments/{code}/advice/{rule_id}")
async def change_rule(
    request: Request, code: str, rule_id: str, db: Writer, staff: Staff = Depends(require(*CHANGERS))
) -> Response:
    scope = scope_of(staff)
    place = establishments.one(db, scope, code)
    moment = now(request)
    rule = advice_rules.one(db, scope, rule_id, moment.date())
    if rule.establishment != place.code:
        return render(request, "errors/not_found.html", status_code=404)
    values = await typed_in(request)
    retiring = values.get("action") == "retire"
    try:
        if not values.get("version", "").isdigit():
            raise InvalidInput("The form was not sent as the page made it. Go back and try again.")
        version = int(values["version"])
        if retiring:
            advice_rules.retire(db, scope, staff.name, moment, rule.id, version, values.get("reason", ""))
        else:
            advice_rules.reword(db, scope, staff.name, moment, rule.id, version, _wording(values))
    except (InvalidInput, ChangedElsewhere, NotAllowed) as error:
        shown = _values(rule) | {"reason": values.get("reason", "")} if retiring else values
        return invalid(
            request, "establishments/advice_rule.html", error, place=place, rule=rule, values=shown, **CHOICES
        )
    said = "Rule retired" if retiring else "Rule reworded"
    return redirect(request, f"/establishments/{place.code}/advice", f"{said}: {rule.text[:80]}")
