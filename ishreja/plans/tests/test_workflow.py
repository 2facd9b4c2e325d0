"""The planning cycle: submit → return with comments → resubmit → agree → approve → amend."""

import pytest
from django.core import mail

from ishreja.plans import services
from ishreja.plans.models import Plan, PlanEvent, PlanStatus


def test_it_runs_the_whole_cycle_and_fills_the_signature_blocks(cast, seed_plan):
    plan = services.plan_submit(plan=seed_plan, user=cast.jondor_director)
    assert plan.status == PlanStatus.SUBMITTED
    plan = services.plan_return(plan=plan, user=cast.buxoro_methodologist, note="19-bandni tekshiring")
    assert plan.status == PlanStatus.RETURNED
    plan = services.plan_submit(plan=plan, user=cast.jondor_director)
    plan = services.plan_agree(plan=plan, user=cast.buxoro_methodologist)
    assert plan.agreed_name == cast.buxoro_methodologist.display_name and plan.agreed_date is not None
    plan = services.plan_approve(plan=plan, user=cast.jondor_director)
    assert plan.status == PlanStatus.APPROVED
    assert plan.approved_name == "R. Halimov"
    actions = list(PlanEvent.objects.filter(plan=plan).values_list("action", flat=True))
    assert actions == ["imported", "submitted", "returned", "submitted", "agreed", "approved"]


def test_it_emails_the_other_side_of_each_step(cast, seed_plan, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.plan_submit(plan=seed_plan, user=cast.jondor_director)
    assert [m.to for m in mail.outbox] == [["buxoro-metodist@example.uz"]]
    assert "kelishish uchun yuborildi" in mail.outbox[0].subject
    with django_capture_on_commit_callbacks(execute=True):
        services.plan_return(plan=seed_plan, user=cast.buxoro_methodologist, note="Muddatlarni aniqlang")
    returned = mail.outbox[-1]
    assert set(returned.to) <= {"jondor-direktor@example.uz", "jondor-xodim@example.uz"}
    assert "Muddatlarni aniqlang" in returned.body


def test_it_refuses_steps_out_of_order_or_by_the_wrong_person(cast, seed_plan):
    with pytest.raises(services.PlanError):
        services.plan_agree(plan=seed_plan, user=cast.buxoro_methodologist)  # not submitted yet
    services.plan_submit(plan=seed_plan, user=cast.jondor_director)
    with pytest.raises(services.PlanError):
        services.plan_agree(plan=seed_plan, user=cast.gijduvon_director)
    with pytest.raises(services.PlanError, match="sababini"):
        services.plan_return(plan=seed_plan, user=cast.buxoro_methodologist, note=" ")
    services.plan_agree(plan=seed_plan, user=cast.buxoro_methodologist)
    with pytest.raises(services.PlanError):
        services.plan_approve(plan=seed_plan, user=cast.buxoro_methodologist)


def test_it_keeps_an_approved_plan_read_only_even_for_a_superuser(cast, seed_plan, django_user_model):
    seed_plan.status = PlanStatus.APPROVED
    seed_plan.save()
    root = django_user_model.objects.create_superuser("root", "r@example.uz", "x-12345-y")
    item = seed_plan.items.get(number="1")
    with pytest.raises(services.PlanError, match="o'zgartirib bo'lmaydi"):
        services.item_update(item=item, user=root, version=item.version, data=services.ItemData(name="x"))


def test_it_opens_an_amendment_that_supersedes_the_plan_when_approved(cast, seed_plan):
    seed_plan.status = PlanStatus.APPROVED
    seed_plan.save()
    amendment = services.plan_amend(plan=seed_plan, user=cast.jondor_director)
    assert (amendment.revision, amendment.status) == (2, PlanStatus.DRAFT)
    assert amendment.items.count() == seed_plan.items.count()
    with pytest.raises(services.PlanError, match="ochiq tahriri"):
        services.plan_amend(plan=seed_plan, user=cast.jondor_director)
    amendment.status = PlanStatus.AGREED
    amendment.save()
    services.plan_approve(plan=amendment, user=cast.jondor_director)
    seed_plan.refresh_from_db()
    assert seed_plan.status == PlanStatus.SUPERSEDED


def test_it_rolls_a_plan_over_into_next_year(cast, seed_plan):
    seed_plan.status = PlanStatus.APPROVED
    seed_plan.save()
    new = services.plan_rollover(plan=seed_plan, user=cast.jondor_director)
    assert (new.year, new.fact_year, new.status) == (2027, 2026, PlanStatus.DRAFT)
    old_item = seed_plan.items.get(number="19")
    new_item = new.items.get(number="19")
    # Without counted actuals this year's targets stand in the fact column; targets are left to fill.
    assert new_item.fact_values == old_item.plan_values and new_item.plan_values == []
    assert new.items.get(number="1").deadline_text == "2027-yil davomida"
    assert 2027 in new.items.get(number="1").schedule["years"]
    assert "2027-yil" in new.title
    with pytest.raises(services.PlanError, match="allaqachon"):
        services.plan_rollover(plan=seed_plan, user=cast.jondor_director)


def test_it_starts_a_district_plan_from_the_regions_template(cast):
    template = services.plan_create_blank(
        centre=cast.buxoro, year=2027, user=cast.buxoro_methodologist, is_template=True
    )
    section = template.sections.get()
    services.item_create(
        plan=template,
        user=cast.buxoro_methodologist,
        section=section,
        data=services.ItemData(number="1", name="Kitobxonlar konferensiyasi", unit="Tadbir"),
    )
    template.status = PlanStatus.APPROVED
    template.save()
    plan = services.plan_create_from_template(
        template=template, centre=cast.jondor, user=cast.jondor_director
    )
    assert plan.centre == cast.jondor and not plan.is_template
    assert list(plan.items.values_list("name", flat=True)) == ["Kitobxonlar konferensiyasi"]
    with pytest.raises(services.PlanError):
        services.plan_create_from_template(
            template=template, centre=cast.samarqand_city, user=cast.samarqand_staff
        )
    assert Plan.objects.filter(centre=cast.samarqand_city).count() == 0
