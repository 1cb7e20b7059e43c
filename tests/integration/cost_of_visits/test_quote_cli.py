"""``visitorcentre hcpv-quote``: the reference file's format in and out, and one clear line for a bad file."""

from __future__ import annotations

import copy
import json
import subprocess
import sys

import pytest

from visitorcentre import cli

EXAMPLE = {
    "prison_nation": "scotland",
    "visit_date": "2026-11-20",
    "application_date": "2026-11-22",
    "claimant": {
        "date_of_birth": "1990-05-01",
        "relationship": "partner",
        "benefit": "universal_credit",
        "monthly_household_income_pence": 90000,
        "medical_condition": False,
    },
    "children": [{"date_of_birth": "2015-01-01", "child_of": "prisoner"}],
    "escort": False,
    "claims_in_last_12_months": 3,
    "hours_away_from_home": 6.5,
    "expenses": [
        {"type": "car", "miles_one_way": 42, "return": True},
        {"type": "parking", "cost_pence": 300, "receipt": True},
        {"type": "bus", "cost_pence": 420, "receipt": False},
    ],
}

EXPECTED = {
    "eligible": True,
    "reasons": [],
    "claim_type": "past",
    "items": [
        {"type": "car", "amount_pence": 2520, "note": "84 miles at 30p"},
        {"type": "parking", "amount_pence": 300, "note": ""},
        {"type": "bus", "amount_pence": 420, "note": "receipt required"},
    ],
    "refreshments_pence": 900,
    "total_pence": 4140,
    "evidence_required": ["bus receipt"],
    "manual_check": [],
}


def write(tmp_path, data, name="claim.json"):
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def run(capsys, *argv):
    status = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return status, out, err


def test_the_worked_example_prints_exactly_the_reference_output(tmp_path, capsys):
    status, out, err = run(capsys, "hcpv-quote", write(tmp_path, EXAMPLE), "--json")
    assert (status, err) == (0, "")
    assert json.loads(out) == EXPECTED
    assert list(json.loads(out)) == list(EXPECTED)  # the keys in the file's order


def test_without_json_a_readable_summary(tmp_path, capsys):
    status, out, err = run(capsys, "hcpv-quote", write(tmp_path, EXAMPLE))
    assert status == 0
    assert "You can claim because" in out and "£41.40" in out and "bus receipt" in out


def test_an_ineligible_claim_lists_every_reason(tmp_path, capsys):
    data = copy.deepcopy(EXAMPLE)
    data["claimant"].update(relationship="friend", benefit="none")
    data["claims_in_last_12_months"] = 26
    status, out, _ = run(capsys, "hcpv-quote", write(tmp_path, data), "--json")
    answer = json.loads(out)
    assert status == 0
    assert (answer["eligible"], answer["reasons"], answer["total_pence"]) == (
        False,
        ["relationship", "benefit", "allowance"],
        0,
    )


def _with(path: str, value):
    """EXAMPLE with the field at ``path`` (dots and [n]) set to ``value`` (or deleted for ...)."""
    data = copy.deepcopy(EXAMPLE)
    keys = [int(k) if k.isdigit() else k for k in path.replace("[", ".").replace("]", "").split(".")]
    target = data
    for key in keys[:-1]:
        target = target[key]
    if value is ...:
        del target[keys[-1]]
    else:
        target[keys[-1]] = value
    return data


@pytest.mark.parametrize(
    "path, value, field",
    [
        ("visit_date", ..., "visit_date"),
        ("claimant.benefit", ..., "claimant.benefit"),
        ("expenses[0].miles_one_way", ..., "expenses[0].miles_one_way"),
        ("expenses[2].cost_pence", ..., "expenses[2].cost_pence"),
        ("prison_nation", "france", "prison_nation"),
        ("claimant.relationship", "cousin", "claimant.relationship"),
        ("children[0].child_of", "neighbour", "children[0].child_of"),
        ("expenses[1].type", "rocket", "expenses[1].type"),
        ("expenses[1].cost_pence", -300, "expenses[1].cost_pence"),
        ("expenses[0].miles_one_way", -1, "expenses[0].miles_one_way"),
        ("expenses[1].cost_pence", 3.5, "expenses[1].cost_pence"),
        ("expenses[1].cost_pence", "300", "expenses[1].cost_pence"),
        ("claimant.monthly_household_income_pence", -1, "claimant.monthly_household_income_pence"),
        ("claimant.monthly_household_income_pence", ..., "claimant.monthly_household_income_pence"),
        ("hours_away_from_home", -2, "hours_away_from_home"),
        ("claims_in_last_12_months", -1, "claims_in_last_12_months"),
        ("visit_date", "2026-02-30", "visit_date"),
        ("application_date", "22/11/2026", "application_date"),
        ("claimant.date_of_birth", "1990-13-01", "claimant.date_of_birth"),
        ("escort", "no", "escort"),
        ("expenses[0].retrun", True, "expenses[0].retrun"),
        ("expenses", {"type": "bus"}, "expenses"),
    ],
)
def test_a_malformed_file_is_one_line_naming_the_field_and_exit_2(tmp_path, capsys, path, value, field):
    status, out, err = run(capsys, "hcpv-quote", write(tmp_path, _with(path, value)), "--json")
    assert status == 2
    assert out == ""
    assert err.count("\n") == 1 and field in err and "Traceback" not in err


def test_car_hire_without_days_names_the_days(tmp_path, capsys):
    data = _with("expenses[2]", {"type": "car_hire", "cost_pence": 5000, "receipt": True})
    status, _, err = run(capsys, "hcpv-quote", write(tmp_path, data))
    assert status == 2 and "expenses[2].days" in err


@pytest.mark.parametrize("text", ["{", "", "[1, 2]", '{"prison_nation": NaN}'])
def test_bad_json_is_one_line_and_exit_2(tmp_path, capsys, text):
    status, out, err = run(capsys, "hcpv-quote", write(tmp_path, text), "--json")
    assert (status, out) == (2, "")
    assert err.count("\n") == 1


def test_a_missing_file_is_one_line(tmp_path, capsys):
    status, out, err = run(capsys, "hcpv-quote", tmp_path / "nowhere.json")
    assert (status, out) == (2, "") and "nowhere.json" in err


def test_the_installed_command_prints_no_traceback(tmp_path):
    bad = write(tmp_path, _with("expenses[1].cost_pence", -5))
    done = subprocess.run(
        [sys.executable, "-m", "visitorcentre", "hcpv-quote", str(bad), "--json"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.strip().count("\n") == 0 and "expenses[1].cost_pence" in done.stderr
