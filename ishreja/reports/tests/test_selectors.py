from decimal import Decimal as D

import pytest
from django.http import Http404

from ishreja.plans.models import Plan, PlanStatus
from ishreja.reports.periods import period_from_slug
from ishreja.reports.selectors import (
    derived_of_lines,
    plan_in_force,
    report_figures,
    report_get_for_user,
)
from ishreja.reports.services import report_create

Q1 = period_from_slug(2026, "q1")


def _by_name(lines):
    return {line.name: line for line in lines}


def test_it_reports_plan_against_actual_as_worked_out_by_hand(world):
    lines = _by_name(report_figures(plan=world.plan, period=Q1))

    visits = lines["Foydalanuvchilar qatnovi"]
    assert (visits.annual_target, visits.period_target, visits.actual, visits.percent) == (
        6000,
        1500,
        1200,
        D("80.0"),
    )
    assert visits.status == "in_progress" and not visits.needs_reason
    assert visits.sources == ["kundalik: 2026-01..2026-03"]

    loans = lines["Kitob berilishi"]
    assert (loans.period_target, loans.actual, loans.percent) == (3000, 2200, D("73.3"))
    assert loans.status == "not_done" and loans.needs_reason


def test_it_takes_a_stocks_last_month_against_the_annual_target(world):
    lines = _by_name(report_figures(plan=world.plan, period=Q1))
    users = lines["Ro'yxatdan o'tgan foydalanuvchilar"]
    assert (users.period_target, users.actual, users.percent) == (1000, 750, D("75.0"))
    assert users.actual_values == ["750", "50", "700"]
    stock = lines["Fond hajmi"]
    assert (stock.actual, stock.status) == (22000, "done")


def test_it_marks_an_item_not_due_in_the_period_and_reads_status_only_items(world):
    lines = _by_name(report_figures(plan=world.plan, period=Q1))
    assert lines["Xodimlar malakasini oshirish"].status == "not_due"
    assert not lines["Xodimlar malakasini oshirish"].needs_reason
    assert lines["Kitobxon onalar kuni"].status == "done"
    q2 = _by_name(report_figures(plan=world.plan, period=period_from_slug(2026, "q2")))
    assert (q2["Xodimlar malakasini oshirish"].period_target, q2["Xodimlar malakasini oshirish"].actual) == (
        6,
        4,
    )


def test_it_computes_the_derived_figures_from_the_linked_indicators(world):
    derived = derived_of_lines(report_figures(plan=world.plan, period=Q1))
    assert (derived.loans_per_user, derived.visits_per_user, derived.turnover) == (
        D("2.93"),
        D("1.60"),
        D("0.10"),
    )


def test_it_uses_the_threshold_setting_for_reasons(world, settings):
    settings.ISHREJA_REPORT_REASON_THRESHOLD = 70
    lines = _by_name(report_figures(plan=world.plan, period=Q1))
    assert not lines["Kitob berilishi"].needs_reason
    assert lines["Kitob berilishi"].status == "in_progress"


def test_it_reports_against_the_approved_revision_not_an_open_amendment(cast, world):
    amendment = Plan.objects.create(centre=cast.jondor, year=2026, revision=2, status=PlanStatus.DRAFT)
    assert plan_in_force(centre=cast.jondor, year=2026) == world.plan
    world.plan.status = PlanStatus.SUPERSEDED
    world.plan.save()
    assert plan_in_force(centre=cast.jondor, year=2026) == amendment


def test_it_answers_a_report_in_a_fixed_number_of_queries(world, django_assert_num_queries):
    # The items, then item_actuals: the items' plan and indicator, the diary, the monthly progress.
    with django_assert_num_queries(4):
        report_figures(plan=world.plan, period=Q1)


@pytest.mark.parametrize(
    ("person", "visible"),
    [
        ("jondor_director", True),
        ("jondor_staff", True),
        ("buxoro_methodologist", True),
        ("national_admin", True),
        ("gijduvon_director", False),
        ("samarqand_staff", False),
        ("anonymous", False),
    ],
)
def test_it_shows_a_report_only_to_its_centre_and_those_above(cast, world, person, visible):
    report = report_create(centre=cast.jondor, period=Q1, user=cast.jondor_director)
    if visible:
        assert report_get_for_user(user=cast.person(person), pk=report.pk) == report
    else:
        with pytest.raises(Http404):
            report_get_for_user(user=cast.person(person), pk=report.pk)
