import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from ishreja.centres.models import AdminUnit, Centre, Service
from ishreja.centres.services import admin_units_load, centre_create


def test_it_loads_the_14_top_level_units_and_209_districts_with_their_names(db):
    assert admin_units_load() == 223
    assert AdminUnit.objects.filter(parent=None).count() == 14
    assert AdminUnit.objects.exclude(parent=None).count() == 209
    jondor = AdminUnit.objects.get(soato="1706246")
    assert jondor.name_uz_latn == "Jondor tumani"
    assert jondor.name_uz_cyrl == "Жондор тумани"
    assert jondor.parent.soato == "1706"


def test_it_loads_the_units_again_without_duplicates(db):
    admin_units_load()
    admin_units_load()
    assert AdminUnit.objects.count() == 223


def test_it_refuses_a_malformed_soato_code(db):
    with pytest.raises(IntegrityError):
        AdminUnit.objects.create(soato="17x6", kind="region", name_uz_latn="x", name_uz_cyrl="x", name_ru="x")


def test_it_creates_a_centre_with_the_standard_services(cast):
    names = list(cast.jondor.services.values_list("name", flat=True))
    assert names == [name for _, name in Service.STANDARD]


def test_it_keeps_the_path_of_the_hierarchy(cast):
    assert cast.jondor.path == f"{cast.buxoro.path}{cast.jondor.pk}/"
    assert cast.jondor.regional_centre == cast.buxoro
    assert cast.buxoro.regional_centre == cast.buxoro
    assert cast.national.regional_centre is None


def test_it_refuses_a_district_directly_under_the_national_library(cast):
    with pytest.raises(ValidationError, match="bir daraja"):
        centre_create(name="X", level=Centre.Level.DISTRICT, parent=cast.national)


def test_it_refuses_a_second_root(cast):
    with pytest.raises(IntegrityError):
        Centre.objects.create(name="X", level=Centre.Level.DISTRICT)
