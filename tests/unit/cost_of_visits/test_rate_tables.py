"""The scheme's rates as whole tables per nation and date (core.cost_of_visits.rate_tables): the data file's
rates survive the trip to tables and back, and a table typed on the console is checked field by field."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from visitorcentre.config.scheme_rates import current_rates
from visitorcentre.core.cost_of_visits import rates as r
from visitorcentre.core.cost_of_visits.rate_tables import FIELDS, SchemeRates, check_entered, rate_table, tables_in
from visitorcentre.core.errors import InvalidInput

FILE = current_rates()
TYPED = {**{name: "100" for name in FIELDS.values()}, "claims_a_year": "26", "claims_a_month": "4"}


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(list(FIELDS)),
    st.sampled_from(["scotland", "england", "wales"]),
    st.integers(0, 3000).map(lambda n: date(2024, 7, 1) + timedelta(days=n)),
)
def test_the_files_rates_are_the_same_as_whole_tables(rate, nation, day):
    assert rate_table(tables_in(FILE)).pence(rate, nation, day) == FILE.pence(rate, nation, day)


def test_a_new_table_counts_from_its_date_for_its_nation_only():
    newer = SchemeRates("scotland", date(2027, 1, 1), {name: 99 for name in FIELDS.values()})
    table = rate_table([*tables_in(FILE), newer])
    assert table.pence(r.MILEAGE, "scotland", date(2027, 1, 1)) == 99
    assert table.pence(r.MILEAGE, "scotland", date(2026, 12, 31)) == 30
    assert table.pence(r.MILEAGE, "england", date(2027, 1, 1)) == 20
    with pytest.raises(InvalidInput):
        table.pence(r.MILEAGE, "scotland", date(2024, 6, 30))  # before any table


@pytest.mark.parametrize(
    ("nation", "day", "changes", "field"),
    [
        ("mars", date(2027, 1, 1), {}, "nation"),
        ("scotland", None, {}, "effective_from"),
        ("scotland", date(2027, 1, 1), {"mileage_pence": ""}, "mileage_pence"),
        ("scotland", date(2027, 1, 1), {"mileage_pence": "0.3"}, "mileage_pence"),
        ("scotland", date(2027, 1, 1), {"car_hire_per_day_pence": "-1"}, "car_hire_per_day_pence"),
        ("scotland", date(2027, 1, 1), {"refreshments_over_5_hours_pence": "٣"}, "refreshments_over_5_hours_pence"),
        (
            "scotland",
            date(2027, 1, 1),
            {"refreshments_over_10_hours_pence": "100001"},
            "refreshments_over_10_hours_pence",
        ),
    ],
)
def test_a_typed_table_is_refused_naming_the_field(nation, day, changes, field):
    with pytest.raises(InvalidInput) as error:
        check_entered(nation, day, {**TYPED, **changes})
    assert error.value.field == field


def test_a_typed_table_is_read_in_whole_pence():
    table = check_entered("wales", date(2027, 1, 1), {**TYPED, "mileage_pence": " 25 "})
    assert table.pence["mileage_pence"] == 25 and table.row_id() == "scheme-rates-wales-2027-01-01"
    assert table.fields()["establishment"] == "NATIONAL"
