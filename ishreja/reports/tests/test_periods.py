import datetime as dt

import pytest

from ishreja.reports.periods import (
    Period,
    PeriodError,
    latest_ended_quarter,
    period_from_slug,
    periods_of_year,
)


@pytest.mark.parametrize(
    ("slug", "months", "label", "due"),
    [
        ("m03", [3], "2026-yil mart", dt.date(2026, 4, 5)),
        ("q1", [1, 2, 3], "2026-yil I chorak", dt.date(2026, 4, 5)),
        ("q4", [10, 11, 12], "2026-yil IV chorak", dt.date(2027, 1, 5)),
        ("h2", list(range(7, 13)), "2026-yil II yarim yillik", dt.date(2027, 1, 5)),
        ("9m", list(range(1, 10)), "2026-yil 9 oy", dt.date(2026, 10, 5)),
        ("y", list(range(1, 13)), "2026-yil yillik", dt.date(2027, 1, 5)),
    ],
)
def test_it_reads_a_slug_into_months_label_and_due_date(slug, months, label, due):
    period = period_from_slug(2026, slug)
    assert period.months == months
    assert period.label == label
    assert period.due_date == due
    assert period.slug == slug


def test_it_ends_february_on_its_last_day_in_a_leap_year():
    assert period_from_slug(2024, "m02").end == dt.date(2024, 2, 29)
    assert period_from_slug(2024, "q1").start == dt.date(2024, 1, 1)


@pytest.mark.parametrize("slug", ["m13", "m00", "q5", "h3", "8m", "", "Q1", "y1"])
def test_it_refuses_slugs_that_are_not_periods(slug):
    with pytest.raises(PeriodError):
        period_from_slug(2026, slug)


def test_it_refuses_a_year_out_of_range():
    with pytest.raises(PeriodError):
        period_from_slug(1999, "q1")


def test_it_compares_with_the_same_period_last_year():
    assert Period(2026, "quarter", 3).previous_year() == Period(2025, "quarter", 3)


def test_it_lists_every_period_of_a_year_once():
    periods = periods_of_year(2026)
    assert len(periods) == 4 + 1 + 1 + 1 + 12
    assert len({p.slug for p in periods}) == len(periods)


def test_it_knows_which_quarter_is_being_reported_now():
    assert latest_ended_quarter(dt.date(2026, 4, 2)) == Period(2026, "quarter", 1)
    assert latest_ended_quarter(dt.date(2026, 2, 10)) == Period(2025, "quarter", 4)
