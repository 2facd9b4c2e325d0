import datetime as dt
from decimal import Decimal as D

import pytest

from ishreja.progress.models import ItemProgress
from ishreja.reports.consolidation import consolidation_build
from ishreja.reports.periods import period_from_slug
from ishreja.reports.selectors import report_figures
from ishreja.reports.tests.conftest import add_diary

Q1 = period_from_slug(2026, "q1")


def _values(cons, code):
    row = cons.row(code)
    return {col.label: cell.value for col, cell in zip(cons.columns, row.cells, strict=True)}, row


def test_it_puts_the_regions_districts_side_by_side_with_totals(cast, world):
    cons = consolidation_build(root=cast.buxoro, period=Q1)
    visits, row = _values(cons, "visits")
    assert visits == {"G'ijduvon": 300, "Jondor": 1200}
    assert row.total == 1500
    assert [c.label for c in cons.columns] == ["G'ijduvon", "Jondor"]  # no own figures: no own column


def test_it_adds_stocks_across_centres_but_never_across_months(cast, world):
    cons = consolidation_build(root=cast.buxoro, period=Q1)
    users, row = _values(cons, "users")
    assert users == {"G'ijduvon": 500, "Jondor": 750}  # Jondor's March figure, not 600 + 700 + 750
    assert row.total == 1250
    half = consolidation_build(root=cast.buxoro, period=period_from_slug(2026, "h1"))
    assert half.row("users").total == 1250


def test_it_equals_the_sum_of_what_the_centres_report(cast, world):
    cons = consolidation_build(root=cast.buxoro, period=Q1)
    reported = {}
    for plan in (world.plan, world.gijduvon_plan):
        for line in report_figures(plan=plan, period=Q1):
            if line.indicator_code and line.actual is not None:
                reported[line.indicator_code] = reported.get(line.indicator_code, D(0)) + line.actual
    for code, total in reported.items():
        assert cons.row(code).total == total, code


def test_it_shows_the_regions_own_figures_in_their_own_column(cast, world, indicators):
    add_diary(cast.buxoro, dt.date(2026, 2, 10), visits=70)
    cons = consolidation_build(root=cast.buxoro, period=Q1)
    _, row = _values(cons, "visits")
    assert cons.columns[0].own
    assert row.total == 1570


def test_it_sums_each_region_at_the_national_level(cast, world):
    add_diary(cast.buxoro, dt.date(2026, 2, 10), visits=70)
    add_diary(cast.samarqand_city, dt.date(2026, 2, 10), visits=5)
    cons = consolidation_build(root=cast.national, period=Q1)
    visits, row = _values(cons, "visits")
    buxoro = next(c.label for c in cons.columns if c.centre_id == cast.buxoro.pk)
    samarqand = next(c.label for c in cons.columns if c.centre_id == cast.samarqand.pk)
    assert visits[buxoro] == 1570
    assert visits[samarqand] == 5
    assert row.total == 1575
    assert next(c for c in cons.columns if c.centre_id == cast.buxoro.pk).has_children


def test_it_compares_with_the_same_period_last_year(cast, world):
    cons = consolidation_build(root=cast.buxoro, period=Q1)
    row = cons.row("visits")
    assert row.previous == 1000
    assert row.change == D("50.0")
    assert cons.row("loans").previous == 2000


def test_it_flags_a_district_far_from_the_regions_median(cast, world, more_districts):
    more_districts(4)  # visits 100..103
    cons = consolidation_build(root=cast.buxoro, period=Q1)
    _, row = _values(cons, "visits")
    assert row.spread.rule == "iqr"
    assert row.spread.median == D("102.5")
    flagged = {col.label for col, cell in zip(cons.columns, row.cells, strict=True) if cell.outlier}
    # Fences from the quartiles: 1200 lies beyond Q3 + 1.5 IQR; 300 is high but inside the fences.
    assert flagged == {"Jondor"}
    jondor = next(cell for col, cell in zip(cons.columns, row.cells, strict=True) if col.label == "Jondor")
    assert jondor.vs_median == D("1170.7")


def test_it_counts_accepted_and_late_reports_per_column(cast, world):
    from ishreja.reports import services

    report = services.report_create(centre=cast.gijduvon, period=Q1, user=cast.gijduvon_director)
    reasons = {line.pk: "Sabab" for line in report.lines.filter(needs_reason=True)}
    services.report_save_reasons(report=report, user=cast.gijduvon_director, reasons=reasons)
    services.report_submit(report=report, user=cast.gijduvon_director)
    cons = consolidation_build(root=cast.buxoro, period=Q1)
    gijduvon = next(c for c in cons.columns if c.centre_id == cast.gijduvon.pk)
    assert (gijduvon.centres, gijduvon.submitted, gijduvon.accepted) == (1, 1, 0)


def test_it_ignores_progress_of_a_plan_that_is_not_in_force(cast, world, indicators):
    from ishreja.plans.models import Plan, PlanStatus
    from ishreja.reports.tests.conftest import add_item

    draft = Plan.objects.create(centre=cast.jondor, year=2026, revision=2, status=PlanStatus.DRAFT)
    item = add_item(draft, name="Fond", plan_values=["1"], indicator=indicators["stock"])
    ItemProgress.objects.create(item=item, month=3, values=["5"])
    cons = consolidation_build(root=cast.buxoro, period=Q1)
    assert cons.row("stock").total == 22000 + 0


@pytest.mark.parametrize("extra", [0, 3])
def test_it_consolidates_in_a_fixed_number_of_queries(
    cast, world, more_districts, extra, django_assert_num_queries
):
    more_districts(extra)
    # Indicators, centres, reports, then the diary and the monthly progress of this year and last year.
    with django_assert_num_queries(7):
        consolidation_build(root=cast.buxoro, period=Q1)
    with django_assert_num_queries(7):
        consolidation_build(root=cast.national, period=Q1)


def test_it_adds_up_exactly_what_the_accepted_reports_say_when_asked(cast, world):
    from ishreja.reports import services

    report = services.report_create(centre=cast.jondor, period=Q1, user=cast.jondor_director)
    reasons = {line.pk: "Sabab" for line in report.lines.filter(needs_reason=True)}
    services.report_save_reasons(report=report, user=cast.jondor_director, reasons=reasons)
    services.report_submit(
        report=report, user=cast.jondor_director, now=dt.datetime(2026, 4, 2, tzinfo=dt.UTC)
    )
    services.report_accept(report=report, user=cast.buxoro_methodologist)
    # After acceptance the diary changes: today's figures move, the reported ones do not.
    add_diary(cast.jondor, dt.date(2026, 3, 20), visits=55)
    live = consolidation_build(root=cast.buxoro, period=Q1)
    reported = consolidation_build(root=cast.buxoro, period=Q1, source="reported")
    lines = {line.indicator.code: line.actual for line in report.lines.exclude(indicator=None) if line.actual}
    assert _values(live, "visits")[0]["Jondor"] == 1255
    assert _values(reported, "visits")[0] == {"G'ijduvon": None, "Jondor": 1200}  # G'ijduvon has not reported
    for code, actual in lines.items():
        assert reported.row(code).total == actual, code
