"""Retention decisions by date, and the birth date kept for an anonymised visitor (pure, no database)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from visitorcentre.core import retention
from visitorcentre.core.retention import RetentionPolicy


def test_months_before_keeps_the_day_or_takes_the_months_last_day():
    assert retention.months_before(date(2026, 11, 22), 24) == date(2024, 11, 22)
    assert retention.months_before(date(2026, 3, 31), 1) == date(2026, 2, 28)
    assert retention.months_before(date(2028, 3, 31), 1) == date(2028, 2, 29)
    assert retention.months_before(date(2026, 1, 15), 13) == date(2024, 12, 15)


def test_the_default_periods_follow_the_rules():
    policy = RetentionPolicy()
    assert policy.photo_id_months == 6  # rule 105: photographs of other visitors at most 6 months
    assert policy.application_months >= 13  # the scheme counts claims in any 12 months, 28 days late at most
    cuts = retention.cut_offs(policy, date(2026, 11, 22))
    assert cuts.photo_id == date(2026, 5, 22) and cuts.visitor == date(2024, 11, 22)
    assert cuts.application == date(2025, 10, 22) and cuts.feedback == date(2025, 11, 22)


@pytest.mark.parametrize("months", [0, -1, 1201, "6", 2.5, True])
def test_a_period_that_is_not_a_sensible_number_of_months_is_refused(months):
    with pytest.raises(ValueError):
        RetentionPolicy(visitor_months=months)


def test_a_visitor_is_past_retention_a_set_time_after_their_last_visit():
    cut = date(2024, 11, 22)
    assert retention.visitor_past_retention(date(2024, 11, 21), date(2020, 1, 1), cut)
    assert not retention.visitor_past_retention(date(2024, 11, 22), date(2020, 1, 1), cut)
    # never visited: counted from registration
    assert retention.visitor_past_retention(None, date(2024, 1, 1), cut)
    assert not retention.visitor_past_retention(None, date(2025, 1, 1), cut)


def test_applications_and_feedback_by_their_own_dates():
    cut = date(2025, 10, 22)
    assert retention.application_past_retention(date(2025, 10, 21), cut)
    assert not retention.application_past_retention(date(2025, 10, 22), cut)
    assert retention.feedback_past_retention(date(2025, 1, 1), cut)
    assert not retention.feedback_past_retention(date(2026, 1, 1), cut)


def test_the_kept_birth_date_is_the_first_of_the_month_when_that_counts_the_same():
    born = date(2009, 6, 15)
    visits = [(date(2020, 1, 4), 18), (date(2026, 11, 1), 18)]
    assert retention.generalised_birth_date(born, visits) == date(2009, 6, 1)


def test_a_visit_just_before_the_18th_birthday_keeps_a_later_day():
    born = date(2008, 6, 15)
    visits = [(date(2026, 6, 10), 18)]  # a child that day (17), an adult from 15 June
    kept = retention.generalised_birth_date(born, visits)
    assert kept == date(2008, 6, 11)
    assert retention.report_age(kept, date(2026, 6, 10)) == 17


@given(
    born=st.dates(date(1930, 1, 1), date(2025, 12, 31)),
    visits=st.lists(
        st.tuples(st.dates(date(2000, 1, 1), date(2030, 12, 31)), st.sampled_from([16, 18, 21])), max_size=8
    ),
)
def test_the_kept_birth_date_never_changes_a_child_into_an_adult_or_back(born, visits):
    kept = retention.generalised_birth_date(born, visits)
    assert (kept.year, kept.month) == (born.year, born.month) and kept <= born
    for day, adult_age in visits:
        assert (retention.report_age(kept, day) < adult_age) == (retention.report_age(born, day) < adult_age)


def test_support_needs_in_the_familys_own_words_become_other():
    assert retention.plain_support_needs(["quiet_space", "Her son is autistic"], {"quiet_space": "A quiet space"}) == [
        "quiet_space",
        "other",
    ]
    assert retention.plain_support_needs([], {}) == []


def test_the_backup_setting_is_read_under_the_same_key_it_is_declared():
    from visitorcentre.config import settings
    from visitorcentre.db import backups

    assert settings.BACKUPS_KEPT.key == backups.DAILY_KEPT_KEY
    assert settings.BACKUPS_KEPT.default == 7
