"""The permission matrix: each person of the cast × each kind of centre × read / write / review."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from ishreja.accounts import access
from ishreja.plans.models import PlanStatus
from ishreja.plans.selectors import plan_get_for_user, plans_visible_to

# The plan's centre, seen from each person: own centre, sibling district, own region's centre, other region.
TARGETS = ["jondor", "gijduvon", "buxoro", "samarqand_city"]

# person -> (centres they may read, centres they may write, centres whose plans they may agree)
EXPECTED = {
    "jondor_director": ({"jondor"}, {"jondor"}, set()),
    "jondor_staff": ({"jondor"}, {"jondor"}, set()),
    "buxoro_methodologist": ({"jondor", "gijduvon", "buxoro"}, {"buxoro"}, {"jondor", "gijduvon"}),
    "gijduvon_director": ({"gijduvon"}, {"gijduvon"}, set()),
    "samarqand_staff": ({"samarqand_city"}, {"samarqand_city"}, set()),
    "national_admin": (set(TARGETS), set(), set()),
    "anonymous": (set(), set(), set()),
}


@pytest.mark.parametrize("person", sorted(EXPECTED))
@pytest.mark.parametrize("target", TARGETS)
def test_it_grants_exactly_the_expected_access(cast, plan_of, person, target):
    user = cast.person(person)
    plan = plan_of(getattr(cast, target))
    may_read, may_write, may_review = EXPECTED[person]

    assert user.has_perm("plans.view_plan", plan) is (target in may_read)
    assert user.has_perm("plans.change_plan", plan) is (target in may_write)
    assert user.has_perm("plans.review_plan", plan) is (target in may_review)
    assert plans_visible_to(user).filter(pk=plan.pk).exists() is (target in may_read)
    if target in may_read:
        assert plan_get_for_user(user=user, pk=plan.pk) == plan
    else:
        with pytest.raises(Http404):
            plan_get_for_user(user=user, pk=plan.pk)


@pytest.mark.parametrize("person", sorted(EXPECTED))
def test_it_lets_only_the_centres_own_director_approve(cast, plan_of, person):
    plan = plan_of(cast.jondor, status=PlanStatus.AGREED)
    assert cast.person(person).has_perm("plans.approve_plan", plan) is (person == "jondor_director")


def test_it_refuses_edits_of_a_submitted_or_approved_plan_even_to_its_director(cast, plan_of):
    for status in (PlanStatus.SUBMITTED, PlanStatus.AGREED, PlanStatus.APPROVED):
        plan = plan_of(cast.jondor, year=2020 + len(status), status=status)
        assert not cast.jondor_director.has_perm("plans.change_plan", plan)
        with pytest.raises(PermissionDenied):
            plan_get_for_user(user=cast.jondor_director, pk=plan.pk, perm="plans.change_plan")


def test_it_scopes_the_centre_list_to_the_subtree(cast):
    assert set(access.centres_visible_to(cast.buxoro_methodologist)) == {
        cast.buxoro,
        cast.jondor,
        cast.gijduvon,
    }
    assert set(access.centres_visible_to(cast.jondor_staff)) == {cast.jondor}
    assert access.centres_visible_to(cast.national_admin).count() == 6
    assert not access.centres_visible_to(cast.anonymous).exists()


def test_it_forgets_a_person_who_is_deactivated(cast, plan_of):
    plan = plan_of(cast.jondor)
    cast.jondor_director.is_active = False
    access.forget_memberships(cast.jondor_director)
    assert not cast.jondor_director.has_perm("plans.view_plan", plan)


def test_it_loads_memberships_once_per_request_user(cast, plan_of, django_assert_num_queries):
    plans = [plan_of(cast.jondor, year=y) for y in (2024, 2025, 2026)]
    access.forget_memberships(cast.jondor_director)
    with django_assert_num_queries(1):
        for plan in plans:
            assert cast.jondor_director.has_perm("plans.change_plan", plan)


def test_it_gives_staff_only_their_own_service(cast):
    services = access.service_ids_of(cast.jondor_staff, cast.jondor)
    assert services == {cast.jondor.services.get(code="lending").pk}
    assert access.service_ids_of(cast.jondor_staff, cast.gijduvon) == set()
