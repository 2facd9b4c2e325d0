import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ishreja.progress.schedule import due_dates, due_window

D = dt.date


@pytest.mark.parametrize(
    ("schedule", "expected"),
    [
        ({"kind": "year"}, [D(2026, 12, 31)]),
        ({"kind": "quarterly"}, [D(2026, 3, 31), D(2026, 6, 30), D(2026, 9, 30), D(2026, 12, 31)]),
        ({"kind": "quarters", "quarters": [2, 3]}, [D(2026, 9, 30)]),
        ({"kind": "quarters", "quarters": [4]}, [D(2026, 12, 31)]),
        ({"kind": "months", "months": [9, 10, 11, 12]}, [D(2026, 12, 31)]),
        ({"kind": "months", "months": [2]}, [D(2026, 2, 28)]),
        ({"kind": "times", "times": 2}, [D(2026, 6, 30), D(2026, 12, 31)]),
        ({"kind": "times", "times": 3}, [D(2026, 4, 30), D(2026, 8, 31), D(2026, 12, 31)]),
        ({"kind": None}, []),
        ({}, []),
        (None, []),
    ],
)
def test_it_expands_each_kind_of_deadline(schedule, expected):
    assert due_dates(schedule, 2026) == expected


def test_it_puts_monthly_items_at_each_months_end_or_on_their_fixed_day():
    ends = due_dates({"kind": "monthly"}, 2024)
    assert len(ends) == 12
    assert ends[1] == D(2024, 2, 29)
    assert due_dates({"kind": "monthly", "month_days": [17]}, 2026) == [D(2026, m, 17) for m in range(1, 13)]
    # A fixed day in the mechanism of an all-year item recurs every month too.
    assert due_dates({"kind": "year", "month_days": [17]}, 2026)[0] == D(2026, 1, 17)
    # The 31st falls on the last day of a shorter month.
    assert due_dates({"kind": "monthly", "month_days": [31]}, 2026)[3] == D(2026, 4, 30)


def test_it_puts_weekly_items_on_every_friday():
    fridays = due_dates({"kind": "weekly"}, 2026)
    assert fridays[0] == D(2026, 1, 2)
    assert fridays[-1] == D(2026, 12, 25)
    assert len(fridays) == 52
    assert all(d.weekday() == 4 for d in fridays)


def test_it_answers_a_due_date_with_the_months_since_the_previous_one():
    quarters = due_dates({"kind": "quarterly"}, 2026)
    assert due_window(quarters, D(2026, 6, 30)) == [4, 5, 6]
    assert due_window(quarters, D(2026, 3, 31)) == [1, 2, 3]
    fridays = due_dates({"kind": "weekly"}, 2026)
    assert due_window(fridays, D(2026, 1, 16)) == [1]


def test_it_ignores_rubbish_in_a_hand_edited_schedule():
    assert due_dates({"kind": "quarters", "quarters": ["x", 9, True]}, 2026) == [D(2026, 12, 31)]
    assert due_dates({"kind": "times", "times": "two"}, 2026) == [D(2026, 12, 31)]
    assert due_dates({"kind": "monthly", "month_days": [0, 40]}, 2026)[0] == D(2026, 1, 31)


schedules = st.fixed_dictionaries(
    {
        "kind": st.sampled_from(
            [None, "year", "quarters", "months", "quarterly", "monthly", "weekly", "times", "other"]
        ),
        "quarters": st.lists(st.integers(-1, 6), max_size=5),
        "months": st.lists(st.integers(-1, 14), max_size=13),
        "times": st.one_of(st.none(), st.integers(-2, 15)),
        "month_days": st.lists(st.integers(-1, 33), max_size=4),
    }
)


@given(schedule=schedules, year=st.integers(2000, 2100))
def test_it_gives_sorted_distinct_due_dates_inside_the_plan_year(schedule, year):
    dates = due_dates(schedule, year)
    assert all(d.year == year for d in dates)
    assert dates == sorted(set(dates))
    for d in dates:
        window = due_window(dates, d)
        assert window and window[-1] == d.month and all(1 <= m <= 12 for m in window)
