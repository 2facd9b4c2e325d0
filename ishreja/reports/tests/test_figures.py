from decimal import Decimal as D

import pytest

from ishreja.reports import figures


def test_it_spreads_a_sum_target_over_the_due_months():
    assert (
        figures.period_target(D(6000), aggregation="sum", schedule={"kind": "quarterly"}, months=[1, 2, 3])
        == 1500
    )
    # Due in quarters II and III only: six due months, the second quarter holds three of them.
    quarters = {"kind": "quarters", "quarters": [2, 3]}
    assert figures.period_target(D(12), aggregation="sum", schedule=quarters, months=[4, 5, 6]) == 6
    assert figures.period_target(D(12), aggregation="sum", schedule=quarters, months=[1, 2, 3]) == 0
    months = {"kind": "months", "months": [9, 10, 11, 12]}
    assert figures.period_target(D(100), aggregation="sum", schedule=months, months=list(range(1, 10))) == 25


def test_it_keeps_the_annual_target_of_a_stock_whatever_the_period():
    assert figures.period_target(D(1000), aggregation="stock", schedule={}, months=[1, 2, 3]) == 1000
    assert figures.period_target(None, aggregation="sum", schedule={}, months=[1]) is None


def test_it_rounds_completion_to_one_decimal_and_skips_a_zero_target():
    assert figures.percent(D(2200), D(3000)) == D("73.3")
    assert figures.percent(D(5), D(0)) is None
    assert figures.percent(None, D(10)) is None


@pytest.mark.parametrize(
    ("pct", "due", "progress", "status", "reason"),
    [
        (D(100), True, None, "done", False),
        (D("80.0"), True, None, "in_progress", False),
        (D("79.9"), True, None, "not_done", True),
        (D(10), False, None, "not_due", False),
        (None, True, "done", "done", False),
        (None, True, None, "not_done", True),
        (None, True, "in_progress", "in_progress", False),
    ],
)
def test_it_decides_status_and_whether_a_reason_is_needed(pct, due, progress, status, reason):
    got = figures.line_status(pct=pct, due=due, threshold=D(80), progress_status=progress)
    assert got == status
    assert figures.needs_reason(pct=pct, due=due, threshold=D(80), status=got) is reason


def test_it_computes_loans_and_visits_per_user_and_turnover():
    derived = figures.derived_figures(
        {"loans": D(2200), "visits": D(1200), "users": D(750), "stock": D(22000)}
    )
    assert derived.loans_per_user == D("2.93")
    assert derived.visits_per_user == D("1.60")
    assert derived.turnover == D("0.10")
    assert figures.derived_figures({"loans": D(1)}).turnover is None


def test_it_sums_months_for_a_sum_and_takes_the_last_for_a_stock():
    months = {1: D(5), 3: D(7), 2: D(6)}
    assert figures.aggregate_months(months, aggregation="sum") == 18
    assert figures.aggregate_months(months, aggregation="stock") == 7
    assert figures.aggregate_months({}, aggregation="sum") is None


def test_it_flags_outliers_by_iqr_with_five_centres_or_more():
    values = [D(100), D(110), D(95), D(105), D(400)]
    band = figures.spread(values)
    assert band.rule == "iqr"
    assert band.median == 105
    assert figures.is_outlier(D(400), band)
    assert not figures.is_outlier(D(110), band)


def test_it_flags_outliers_by_half_the_median_with_few_centres():
    band = figures.spread([D(100), D(40), D(120)])
    assert band.rule == "half"
    assert band.median == 100
    assert figures.is_outlier(D(40), band)
    assert not figures.is_outlier(D(120), band)
    assert figures.spread([]).rule == "none"


def test_it_gives_the_year_on_year_change():
    assert figures.change_percent(D(1500), D(1000)) == D("50.0")
    assert figures.change_percent(D(1500), None) is None
    assert figures.change_percent(D(1500), D(0)) is None
