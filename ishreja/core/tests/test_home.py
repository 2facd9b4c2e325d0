"""The home page: what is each person's to do now."""

from django.urls import reverse

from ishreja.plans import services
from ishreja.plans.models import PlanStatus


def test_it_shows_the_reviewer_the_plans_waiting_for_agreement(cast, client, plan_of):
    plan = plan_of(cast.jondor, status=PlanStatus.SUBMITTED)
    plan_of(cast.samarqand_city, status=PlanStatus.SUBMITTED)
    client.force_login(cast.buxoro_methodologist)
    page = client.get(reverse("core:home")).content.decode()
    assert "Kelishishingizni kutayotgan rejalar" in page
    assert reverse("plans:detail", args=[plan.pk]) in page and "Samarqand" not in page
    assert "G&#x27;ijduvon tuman" in page or "G'ijduvon tuman" in page  # the district overview


def test_it_shows_the_director_a_returned_plan_and_the_reason(cast, client, plan_of):
    plan = plan_of(cast.jondor, status=PlanStatus.SUBMITTED)
    plan.sections.create(title="I", order=1)
    services.plan_return(plan=plan, user=cast.buxoro_methodologist, note="Bandlarni to'ldiring")
    client.force_login(cast.jondor_director)
    page = client.get(reverse("core:home")).content.decode()
    assert "Izohlar bilan qaytarilgan rejalar" in page and "Bandlarni to" in page


def test_it_builds_the_home_page_with_a_bounded_number_of_queries(
    cast, client, plan_of, django_assert_max_num_queries
):
    for year in range(2020, 2030):
        plan_of(cast.gijduvon, year=year, status=PlanStatus.SUBMITTED)
    client.force_login(cast.buxoro_methodologist)
    with django_assert_max_num_queries(16):
        assert client.get(reverse("core:home")).status_code == 200
