import datetime as dt
from decimal import Decimal as D

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone

from ishreja.plans.models import Plan, PlanStatus
from ishreja.progress.models import ItemProgress
from ishreja.reports import services
from ishreja.reports.models import Report, ReportEvent, ReportStatus
from ishreja.reports.periods import period_from_slug
from ishreja.reports.tests.conftest import add_diary, add_item

Q1 = period_from_slug(2026, "q1")
ON_TIME = timezone.make_aware(dt.datetime(2026, 4, 3, 10, 0))
LATE = timezone.make_aware(dt.datetime(2026, 4, 9, 10, 0))


def _with_reasons(report, user):
    reasons = {line.pk: "Kitob fondi yangilanmoqda" for line in report.lines.filter(needs_reason=True)}
    services.report_save_reasons(report=report, user=user, reasons=reasons)


@pytest.fixture
def draft(cast, world):
    return services.report_create(centre=cast.jondor, period=Q1, user=cast.jondor_staff)


def test_it_creates_a_draft_with_a_line_per_item_and_records_who(cast, world, draft):
    assert draft.status == ReportStatus.DRAFT
    assert draft.due_date == dt.date(2026, 4, 5)
    assert draft.lines.count() == 6
    assert list(draft.events.values_list("action", "actor")) == [("created", cast.jondor_staff.pk)]
    again = services.report_create(centre=cast.jondor, period=Q1, user=cast.jondor_director)
    assert again == draft


def test_it_lets_only_the_centres_editors_start_a_report(cast, world):
    for person in (cast.gijduvon_director, cast.buxoro_methodologist, cast.samarqand_staff):
        with pytest.raises(PermissionDenied):
            services.report_create(centre=cast.jondor, period=Q1, user=person)


def test_it_refuses_to_submit_while_a_line_below_the_threshold_has_no_reason(cast, draft):
    with pytest.raises(services.ReportError, match="sabab"):
        services.report_submit(report=draft, user=cast.jondor_director, now=ON_TIME)
    draft.refresh_from_db()
    assert draft.status == ReportStatus.DRAFT
    assert {line.name for line in services.missing_reasons(draft)} == {
        "Kitob berilishi",
        "Ro'yxatdan o'tgan foydalanuvchilar",
    }


def test_it_lets_only_the_director_or_deputy_submit(cast, draft):
    _with_reasons(draft, cast.jondor_staff)
    with pytest.raises(PermissionDenied):
        services.report_submit(report=draft, user=cast.jondor_staff, now=ON_TIME)


def test_it_goes_submit_return_resubmit_accept_and_mails_the_other_side(cast, draft):
    cast.buxoro.email = "buxoro@example.uz"
    cast.buxoro.save()
    _with_reasons(draft, cast.jondor_staff)
    with pytest.raises(PermissionDenied):
        services.report_accept(report=draft, user=cast.gijduvon_director)

    with_commit = services.report_submit(report=draft, user=cast.jondor_director, note="Tayyor", now=ON_TIME)
    assert with_commit.status == ReportStatus.SUBMITTED and not with_commit.is_late
    with pytest.raises(services.ReportError):
        services.report_return(report=draft, user=cast.buxoro_methodologist, note="  ")
    services.report_return(report=draft, user=cast.buxoro_methodologist, note="3-bandni tekshiring")
    services.report_submit(report=draft, user=cast.jondor_director, now=LATE)
    draft.refresh_from_db()
    assert not draft.is_late  # lateness is judged on the first submission
    services.report_accept(report=draft, user=cast.buxoro_methodologist)
    draft.refresh_from_db()

    assert draft.status == ReportStatus.ACCEPTED and draft.accepted_at
    assert list(draft.events.values_list("action", "actor", "note")) == [
        ("created", cast.jondor_staff.pk, ""),
        ("submitted", cast.jondor_director.pk, "Tayyor"),
        ("returned", cast.buxoro_methodologist.pk, "3-bandni tekshiring"),
        ("resubmitted", cast.jondor_director.pk, ""),
        ("accepted", cast.buxoro_methodologist.pk, ""),
    ]


def test_it_sends_each_step_by_mail_to_the_other_side(cast, draft, django_capture_on_commit_callbacks):
    _with_reasons(draft, cast.jondor_staff)
    with django_capture_on_commit_callbacks(execute=True):
        services.report_submit(report=draft, user=cast.jondor_director, now=ON_TIME)
    assert mail.outbox[-1].to == [cast.buxoro_methodologist.email]
    with django_capture_on_commit_callbacks(execute=True):
        services.report_return(report=draft, user=cast.buxoro_methodologist, note="Tuzating")
    assert mail.outbox[-1].to == [cast.jondor_director.email, cast.jondor_staff.email]
    assert "Tuzating" in mail.outbox[-1].body
    assert len(mail.outbox) == 2


def test_it_flags_a_report_first_submitted_after_the_due_date(cast, draft):
    _with_reasons(draft, cast.jondor_staff)
    services.report_submit(report=draft, user=cast.jondor_director, now=LATE)
    draft.refresh_from_db()
    assert draft.is_late


def _accepted(cast, draft):
    _with_reasons(draft, cast.jondor_staff)
    services.report_submit(report=draft, user=cast.jondor_director, now=ON_TIME)
    return services.report_accept(report=draft, user=cast.buxoro_methodologist)


def test_it_locks_an_accepted_report_against_later_data(cast, world, draft):
    report = _accepted(cast, draft)
    add_diary(cast.jondor, dt.date(2026, 3, 20), loans=5000)
    ItemProgress.objects.filter(item=world.users, month=3).update(values=["999"])

    loans = report.lines.get(name="Kitob berilishi")
    assert (loans.actual, loans.percent) == (2200, D("73.3"))
    with pytest.raises(services.ReportError):
        services.report_save_reasons(report=report, user=cast.jondor_director, reasons={loans.pk: "x"})
    with pytest.raises(services.ReportError):
        services.report_refresh(report=report, user=cast.jondor_director)


def test_it_opens_a_correction_as_a_new_version_that_goes_the_same_way(cast, world, draft):
    first = _accepted(cast, draft)
    add_diary(cast.jondor, dt.date(2026, 3, 20), loans=1000)
    second = services.report_correct(report=first, user=cast.jondor_director, note="Mart kiritilmagan edi")

    assert (second.version, second.status) == (2, ReportStatus.DRAFT)
    assert second.lines.get(name="Kitob berilishi").actual == 3200
    assert second.lines.get(name="Kitob berilishi").reason == "Kitob fondi yangilanmoqda"
    assert first.lines.get(name="Kitob berilishi").actual == 2200
    with pytest.raises(services.ReportError):
        services.report_correct(report=first, user=cast.jondor_director)

    services.report_submit(report=second, user=cast.jondor_director, now=LATE)
    second.refresh_from_db()
    assert not second.is_late  # a correction is not late: the period was reported on time
    services.report_accept(report=second, user=cast.buxoro_methodologist)
    first.refresh_from_db()
    assert first.status == ReportStatus.SUPERSEDED
    assert ReportEvent.objects.filter(report=second, action="correction").exists()


def test_it_allows_one_open_version_per_centre_and_period(cast, world, draft):
    with pytest.raises(IntegrityError), transaction.atomic():
        Report.objects.create(
            centre=cast.jondor, plan=world.plan, year=2026, period="q1", version=2, due_date=Q1.due_date
        )


def test_it_refuses_a_report_without_a_plan(cast, world):
    with pytest.raises(services.ReportError):
        services.report_create(
            centre=cast.jondor, period=period_from_slug(2027, "q1"), user=cast.jondor_director
        )


def test_it_carries_the_years_actuals_into_next_years_draft_fact_column(cast, world):
    nxt = Plan.objects.create(centre=cast.jondor, year=2027, status=PlanStatus.DRAFT)
    by_indicator = add_item(nxt, number="3", name="Qatnov", indicator=world.indicators["visits"])
    by_number = add_item(nxt, number="5", name="Malaka oshirish")  # item 5 in 2026 was "trained"
    untouched = add_item(nxt, number="40", name="Yangi band")

    count = services.report_year_actuals_to_fact(plan_next_year=nxt, user=cast.jondor_director)

    assert count == 2
    by_indicator.refresh_from_db()
    by_number.refresh_from_db()
    untouched.refresh_from_db()
    assert by_indicator.fact_values == ["11199"]  # 1200 in the first quarter + 9999 on 1 April
    assert by_number.fact_values == ["4"]
    assert untouched.fact_values == []
    nxt.refresh_from_db()
    assert nxt.fact_year == 2026
    assert by_indicator.history.count() == 2


def test_it_writes_facts_into_a_draft_plan_only(cast, world):
    approved = Plan.objects.create(centre=cast.jondor, year=2027, status=PlanStatus.APPROVED)
    with pytest.raises(services.ReportError):
        services.report_year_actuals_to_fact(plan_next_year=approved)


def test_it_carries_facts_from_the_command_line(cast, world):
    import io

    from django.core.management import CommandError, call_command

    nxt = Plan.objects.create(centre=cast.jondor, year=2027, status=PlanStatus.DRAFT)
    add_item(nxt, number="3", name="Qatnov", indicator=world.indicators["visits"])
    out = io.StringIO()
    call_command("carryfacts", str(nxt.pk), stdout=out)
    assert "1 ta bandning" in out.getvalue()
    with pytest.raises(CommandError):
        call_command("carryfacts", "999999")
