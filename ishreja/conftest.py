"""The fixed cast every test uses: a piece of the real hierarchy and one person per role that matters.

National Library → Buxoro regional centre → Jondor and G'ijduvon district centres; Samarqand regional
centre → Samarqand city centre. People: Jondor's director and a Jondor staff member, the Buxoro regional
methodologist, G'ijduvon's director (a sibling district), a Samarqand staff member (another region), a
national administrator, and an anonymous visitor.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.contrib.auth.models import AnonymousUser

from ishreja.accounts.models import Membership, Role, User
from ishreja.centres.models import AdminUnit, Centre
from ishreja.centres.services import centre_create
from ishreja.plans.models import Plan

pytest_plugins = ["ishreja.browser_fixtures"]


@dataclass
class Cast:
    national: Centre
    buxoro: Centre
    jondor: Centre
    gijduvon: Centre
    samarqand: Centre
    samarqand_city: Centre
    jondor_director: User
    jondor_staff: User
    buxoro_methodologist: User
    gijduvon_director: User
    samarqand_staff: User
    national_admin: User
    anonymous: AnonymousUser

    def person(self, name: str) -> User | AnonymousUser:
        person: User | AnonymousUser = getattr(self, name)
        return person


def _unit(soato: str, kind: str, name: str, parent: AdminUnit | None = None) -> AdminUnit:
    return AdminUnit.objects.create(
        soato=soato, kind=kind, name_uz_latn=name, name_uz_cyrl=name, name_ru=name, parent=parent
    )


def _member(username: str, centre: Centre, role: str, service_code: str = "", **extra: str) -> User:
    user = User.objects.create_user(
        username=username, password="test-pass-123", email=f"{username}@example.uz", **extra
    )
    service = centre.services.get(code=service_code) if service_code else None
    Membership.objects.create(user=user, centre=centre, role=role, service=service)
    return user


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    """Rendered fragments are cached by database ids, which a rolled-back test may hand out again."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def cast(db: None) -> Cast:
    bux_unit = _unit("1706", "region", "Buxoro viloyati")
    sam_unit = _unit("1718", "region", "Samarqand viloyati")
    national = centre_create(name="O'zbekiston Milliy kutubxonasi", level=Centre.Level.NATIONAL)
    buxoro = centre_create(
        name="Abu Ali ibn Sino nomidagi Buxoro viloyati axborot-kutubxona markazi",
        level=Centre.Level.REGIONAL,
        parent=national,
        admin_unit=bux_unit,
    )
    jondor = centre_create(
        name="Jondor tuman axborot-kutubxona markazi",
        short_name="Jondor",
        level=Centre.Level.DISTRICT,
        parent=buxoro,
        admin_unit=_unit("1706246", "district", "Jondor tumani", bux_unit),
    )
    gijduvon = centre_create(
        name="G'ijduvon tuman axborot-kutubxona markazi",
        short_name="G'ijduvon",
        level=Centre.Level.DISTRICT,
        parent=buxoro,
        admin_unit=_unit("1706215", "district", "G'ijduvon tumani", bux_unit),
    )
    samarqand = centre_create(
        name="Samarqand viloyati axborot-kutubxona markazi",
        level=Centre.Level.REGIONAL,
        parent=national,
        admin_unit=sam_unit,
    )
    samarqand_city = centre_create(
        name="Samarqand shahar axborot-kutubxona markazi",
        level=Centre.Level.DISTRICT,
        parent=samarqand,
        admin_unit=_unit("1718401", "city", "Samarqand shahri", sam_unit),
    )
    return Cast(
        national=national,
        buxoro=buxoro,
        jondor=jondor,
        gijduvon=gijduvon,
        samarqand=samarqand,
        samarqand_city=samarqand_city,
        jondor_director=_member(
            "jondor-direktor", jondor, Role.DIRECTOR, first_name="R.", last_name="Halimov"
        ),
        jondor_staff=_member("jondor-xodim", jondor, Role.STAFF, "lending"),
        buxoro_methodologist=_member("buxoro-metodist", buxoro, Role.METHODOLOGIST),
        gijduvon_director=_member("gijduvon-direktor", gijduvon, Role.DIRECTOR),
        samarqand_staff=_member("samarqand-xodim", samarqand_city, Role.STAFF, "lending"),
        national_admin=_member("milliy-admin", national, Role.NATIONAL_ADMIN),
        anonymous=AnonymousUser(),
    )


@pytest.fixture
def plan_of(cast: Cast) -> Callable[..., Plan]:
    """Make a draft plan of a centre: ``plan_of(cast.jondor, year=2026)``."""

    def make(centre: Centre, year: int = 2026, **fields: object) -> Plan:
        return Plan.objects.create(centre=centre, year=year, fact_year=year - 1, **fields)

    return make
