"""Reading a quote file (the reference rules' input format) into an application form.

Hand-written checks rather than a schema library: the format is small and fixed, the desk ships
without pydantic, and each refusal must be one sentence naming the field exactly as the file
spells it (``expenses[1].cost_pence``), which is simplest to promise when we write the checks.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from visitorcentre.core.cost_of_visits.rules import check_form
from visitorcentre.core.cost_of_visits.views import ApplicationForm, Child, Claimant, Expense
from visitorcentre.core.cost_of_visits.vocab import MILEAGE_TYPES, Benefit, ChildOf, ClaimRelationship, ExpenseType
from visitorcentre.core.errors import InvalidInput
from visitorcentre.core.kinds import Nation

TOP_FIELDS = {
    "prison_nation",
    "visit_date",
    "application_date",
    "claimant",
    "children",
    "escort",
    "claims_in_last_12_months",
    "hours_away_from_home",
    "expenses",
}
CLAIMANT_FIELDS = {"date_of_birth", "relationship", "benefit", "monthly_household_income_pence", "medical_condition"}
CHILD_FIELDS = {"date_of_birth", "child_of"}
EXPENSE_FIELDS = {
    "type",
    "cost_pence",
    "miles_one_way",
    "return",
    "receipt",
    "days",
    "no_public_transport",
    "pre_approved",
    "description",
}
#: The extra field each expense type cannot do without.
EXPENSE_NEEDS = {
    ExpenseType.CAR: ("miles_one_way", "return"),
    ExpenseType.MOTORCYCLE: ("miles_one_way", "return"),
    ExpenseType.CAR_HIRE: ("cost_pence", "days"),
    ExpenseType.TAXI: ("cost_pence", "no_public_transport"),
    ExpenseType.ACCOMMODATION: ("cost_pence", "pre_approved"),
}


class QuoteFileError(InvalidInput):
    """The quote file is not in the reference format; the message starts with the field at fault."""

    def __init__(self, field: str, problem: str):
        super().__init__(f"{field}: {problem}", field)


#: A quote file is a few hundred bytes; anything past this is not one.
MAX_FILE_BYTES = 1_000_000
#: Bounds no real claim comes near: beyond them a value is a mistake, not a journey.
MAX_PENCE = 100_000_000  # £1,000,000
MAX_AMOUNT = Decimal(1_000_000)  # miles or hours
MAX_COUNT = 100_000


def read_quote_file(path: Path) -> ApplicationForm:
    """The form in the JSON file at ``path``; QuoteFileError (one line, naming the field) if malformed.

    UTF-8 with or without a byte-order mark (as Notepad saves it); anything else, an empty or an
    over-large file is refused with what to do.
    """
    path = Path(path)
    try:
        if path.is_dir():
            raise QuoteFileError(str(path), "is a folder, not a quote file")
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise QuoteFileError(
                str(path), f"is {size:,} bytes; a quote file is a few hundred bytes — is it the right file?"
            )
        raw = path.read_bytes()
    except FileNotFoundError:
        raise QuoteFileError(str(path), "there is no such file") from None
    except OSError as error:
        raise QuoteFileError(str(path), f"cannot be read ({error.strerror or error.__class__.__name__})") from None
    if not raw.strip():
        raise QuoteFileError(str(path), "is empty")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise QuoteFileError(
            str(path), f"is not UTF-8 text (byte {error.start + 1} is not); save it as UTF-8 and try again"
        ) from None
    try:
        data = json.loads(text, parse_float=Decimal, parse_constant=_no_constant)
    except json.JSONDecodeError as error:
        raise QuoteFileError(
            str(path), f"is not valid JSON ({error.msg} at line {error.lineno}, column {error.colno})"
        ) from None
    except RecursionError:
        raise QuoteFileError(str(path), "is not a quote file (it is nested far too deeply)") from None
    except ValueError as error:
        raise QuoteFileError(str(path), str(error)) from None
    return form_from_json(data)


def _no_constant(name: str):
    raise ValueError(f"{name} is not a number JSON allows")


def form_from_json(data: Any) -> ApplicationForm:
    """The form from parsed quote-file JSON, every field checked."""
    top = _object(data, "(the file)", TOP_FIELDS, TOP_FIELDS)
    claimant_data = _object(
        top["claimant"], "claimant", CLAIMANT_FIELDS, {"date_of_birth", "relationship", "benefit", "medical_condition"}
    )
    benefit = _choice(claimant_data["benefit"], "claimant.benefit", Benefit)
    income = claimant_data.get("monthly_household_income_pence")
    if benefit == Benefit.UNIVERSAL_CREDIT and income is None:
        raise QuoteFileError("claimant.monthly_household_income_pence", "is needed with universal_credit")
    claimant = Claimant(
        date_of_birth=_date(claimant_data["date_of_birth"], "claimant.date_of_birth"),
        relationship=_choice(claimant_data["relationship"], "claimant.relationship", ClaimRelationship),
        benefit=benefit,
        monthly_household_income_pence=(
            None if income is None else _pence(income, "claimant.monthly_household_income_pence")
        ),
        medical_condition=_bool(claimant_data["medical_condition"], "claimant.medical_condition"),
    )
    children = []
    for number, child in enumerate(_list(top["children"], "children")):
        where = f"children[{number}]"
        child = _object(child, where, CHILD_FIELDS, CHILD_FIELDS)
        children.append(
            Child(
                _date(child["date_of_birth"], f"{where}.date_of_birth"),
                _choice(child["child_of"], f"{where}.child_of", ChildOf),
            )
        )
    expenses = [
        _expense(expense, f"expenses[{number}]") for number, expense in enumerate(_list(top["expenses"], "expenses"))
    ]
    form = ApplicationForm(
        prison_nation=_choice(top["prison_nation"], "prison_nation", Nation),
        visit_date=_date(top["visit_date"], "visit_date"),
        application_date=_date(top["application_date"], "application_date"),
        claimant=claimant,
        children=tuple(children),
        escort=_bool(top["escort"], "escort"),
        claims_in_last_12_months=_count(top["claims_in_last_12_months"], "claims_in_last_12_months"),
        hours_away_from_home=_amount(top["hours_away_from_home"], "hours_away_from_home"),
        expenses=tuple(expenses),
    )
    try:
        check_form(form)
    except InvalidInput as error:
        raise QuoteFileError(error.field or "(the file)", error.message) from None
    return form


def _expense(data: Any, where: str) -> Expense:
    data = _object(data, where, EXPENSE_FIELDS, {"type"})
    kind = _choice(data["type"], f"{where}.type", ExpenseType)
    needs = EXPENSE_NEEDS.get(kind, ("cost_pence",))
    for name in needs:
        if name not in data:
            raise QuoteFileError(f"{where}.{name}", f"is missing (a {kind} expense needs it)")
    if kind not in MILEAGE_TYPES and "miles_one_way" in data:
        raise QuoteFileError(f"{where}.miles_one_way", f"only a car or motorcycle has miles, not {kind}")
    if kind in MILEAGE_TYPES and "cost_pence" in data:
        raise QuoteFileError(f"{where}.cost_pence", f"a {kind} journey is paid by the mile; give miles_one_way")
    flag = lambda name: _bool(data.get(name, False), f"{where}.{name}")  # noqa: E731
    description = data.get("description", "")
    if not isinstance(description, str):
        raise QuoteFileError(f"{where}.description", "must be text")
    return Expense(
        type=kind,
        cost_pence=_pence(data["cost_pence"], f"{where}.cost_pence") if "cost_pence" in data else None,
        miles_one_way=_amount(data["miles_one_way"], f"{where}.miles_one_way") if "miles_one_way" in data else None,
        return_journey=flag("return"),
        receipt=flag("receipt"),
        days=_count(data["days"], f"{where}.days") if "days" in data else None,
        no_public_transport=flag("no_public_transport"),
        pre_approved=flag("pre_approved"),
        description=description,
    )


def _object(value: Any, where: str, allowed: set[str], required: set[str]) -> dict:
    if not isinstance(value, dict):
        raise QuoteFileError(where, "must be a JSON object")
    for name in sorted(required - value.keys()):
        raise QuoteFileError(_path(where, name), "is missing")
    for name in sorted(value.keys() - allowed):
        raise QuoteFileError(_path(where, name), "is not a field of the quote format")
    return value


def _path(where: str, name: str) -> str:
    return name if where == "(the file)" else f"{where}.{name}"


def _list(value: Any, where: str) -> list:
    if not isinstance(value, list):
        raise QuoteFileError(where, "must be a JSON list")
    return value


def _choice(value: Any, where: str, allowed) -> str:
    if not isinstance(value, str) or value not in {str(v) for v in allowed}:
        raise QuoteFileError(where, f"“{value}” is not one of: {', '.join(str(v) for v in allowed)}")
    return value


def _date(value: Any, where: str) -> date:
    if not isinstance(value, str) or len(value) != 10:
        raise QuoteFileError(where, f"“{value}” is not a date; write it as YYYY-MM-DD")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise QuoteFileError(where, f"“{value}” is not a real date") from None


def _bool(value: Any, where: str) -> bool:
    if not isinstance(value, bool):
        raise QuoteFileError(where, "must be true or false")
    return value


def _count(value: Any, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise QuoteFileError(where, "must be a whole number")
    if value < 0:
        raise QuoteFileError(where, "cannot be negative")
    if value > MAX_COUNT:
        raise QuoteFileError(where, f"is far too large ({value})")
    return value


def _pence(value: Any, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise QuoteFileError(where, "must be a whole number of pence")
    if value < 0:
        raise QuoteFileError(where, "cannot be negative")
    if value > MAX_PENCE:
        raise QuoteFileError(where, f"is far too large ({value} pence)")
    return value


def _amount(value: Any, where: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        raise QuoteFileError(where, "must be a number")
    amount = Decimal(value)
    if not amount.is_finite():
        raise QuoteFileError(where, "must be a number")
    if amount < 0:
        raise QuoteFileError(where, "cannot be negative")
    if amount > MAX_AMOUNT:
        raise QuoteFileError(where, f"is far too large ({value})")
    return amount
