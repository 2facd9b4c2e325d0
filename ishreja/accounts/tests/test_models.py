import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from ishreja.accounts.models import Membership, Role


def test_it_requires_a_service_for_a_staff_member(cast):
    membership = Membership(user=cast.jondor_director, centre=cast.jondor, role=Role.STAFF)
    with pytest.raises(ValidationError):
        membership.full_clean()
    with pytest.raises(IntegrityError):
        membership.save()


def test_it_refuses_a_service_of_another_centre(cast):
    membership = Membership(
        user=cast.jondor_staff, centre=cast.jondor, role=Role.VIEWER, service=cast.gijduvon.services.first()
    )
    with pytest.raises(ValidationError, match="shu markazga"):
        membership.full_clean()


def test_it_keeps_national_administrators_at_the_national_library(cast):
    membership = Membership(user=cast.jondor_staff, centre=cast.jondor, role=Role.NATIONAL_ADMIN)
    with pytest.raises(ValidationError, match="Milliy"):
        membership.full_clean()


def test_it_refuses_the_same_role_twice_in_one_centre(cast):
    with pytest.raises(IntegrityError):
        Membership.objects.create(user=cast.jondor_director, centre=cast.jondor, role=Role.DIRECTOR)
