import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from ishreja.plans.models import Plan, PlanItem, PlanStatus, Section


def test_it_allows_one_open_revision_per_centre_and_year(cast, plan_of):
    plan_of(cast.jondor, status=PlanStatus.APPROVED)
    plan_of(cast.jondor, revision=2)  # an amendment of the approved plan
    with pytest.raises(IntegrityError), transaction.atomic():
        plan_of(cast.jondor, revision=3)
    plan_of(cast.gijduvon)  # another centre is not affected


def test_it_refuses_a_fact_year_that_is_not_before_the_plan_year(cast):
    with pytest.raises(IntegrityError):
        Plan.objects.create(centre=cast.jondor, year=2026, fact_year=2026)


def test_it_keeps_measure_rows_unnumbered_under_an_item(cast, plan_of):
    plan = plan_of(cast.jondor)
    section = Section.objects.create(plan=plan, number="IV", title="ASOSIY", order=1)
    item = PlanItem.objects.create(plan=plan, section=section, order=1, number="19", name="Qatnov")
    PlanItem.objects.create(
        plan=plan, section=section, parent=item, order=2, kind="measure", plan_values=["6000"]
    )
    with pytest.raises(IntegrityError):
        PlanItem.objects.create(plan=plan, section=section, order=3, kind="measure", number="20")


def test_it_reads_figures_as_decimals_and_refuses_words(cast, plan_of):
    plan = plan_of(cast.jondor)
    section = Section.objects.create(plan=plan, title="I", order=1)
    item = PlanItem(
        plan=plan, section=section, order=1, number="7", fact_values=["479", "37", "460"], plan_values=["x"]
    )
    assert [int(v) for v in item.fact] == [479, 37, 460]
    with pytest.raises(ValidationError):
        item.full_clean()


def test_it_refuses_an_item_under_a_section_of_another_plan(cast, plan_of):
    plan, other = plan_of(cast.jondor), plan_of(cast.gijduvon)
    section = Section.objects.create(plan=other, title="I", order=1)
    with pytest.raises(ValidationError, match="shu rejaga"):
        PlanItem(plan=plan, section=section, order=1, name="x").full_clean()


def test_it_records_who_changed_an_item_and_what_it_was(cast, plan_of):
    plan = plan_of(cast.jondor)
    section = Section.objects.create(plan=plan, title="I", order=1)
    item = PlanItem.objects.create(plan=plan, section=section, order=1, number="7", name="Eski nom")
    item._history_user = cast.jondor_director
    item.name = "Yangi nom"
    item.save()
    records = list(item.history.order_by("history_date"))
    assert [r.name for r in records] == ["Eski nom", "Yangi nom"]
    assert records[-1].history_user == cast.jondor_director
    delta = records[-1].diff_against(records[0])
    assert [c.field for c in delta.changes] == ["name"]
