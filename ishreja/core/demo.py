"""The demo: reference data, the National Library, the Buxoro region with its district centres, a centre
of another region, and one login per role. Running it twice changes nothing."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from ishreja.accounts.models import Membership, Role, User
from ishreja.centres.models import AdminUnit, Centre
from ishreja.centres.services import admin_units_load, centre_create, centre_get_or_create_for_unit
from ishreja.indicators.services import indicators_load
from ishreja.plans.demo import demo_plans_load
from ishreja.plans.reference import reference_load
from ishreja.progress.demo import progress_demo_load
from ishreja.reports.demo import reports_demo_load

DEMO_PASSWORD = "ishreja-demo"  # noqa: S105 - printed on purpose: the demo's logins are public
NATIONAL_LIBRARY = "Alisher Navoiy nomidagi O'zbekiston Milliy kutubxonasi"
BUXORO_CENTRE = "Abu Ali ibn Sino nomidagi Buxoro viloyati axborot-kutubxona markazi"
BUXORO, JONDOR, GIJDUVON = "1706", "1706246", "1706215"
SAMARQAND, SAMARQAND_CITY = "1718", "1718401"


@dataclass(frozen=True)
class DemoLogin:
    username: str
    first_name: str
    last_name: str
    soato: str  # "" for the National Library
    role: str
    service_code: str = ""

    def describe(self) -> str:
        return f"{self.username:<20} {Role(self.role).label:<28} {self.last_name} {self.first_name}"


DEMO_LOGINS = [
    DemoLogin("jondor-direktor", "R.", "Halimov", JONDOR, Role.DIRECTOR),
    DemoLogin("jondor-xodim", "Dilnoza", "Karimova", JONDOR, Role.STAFF, "lending"),
    DemoLogin("buxoro-metodist", "Malika", "Rasulova", BUXORO, Role.METHODOLOGIST),
    DemoLogin("buxoro-direktor", "H.", "Qosimov", BUXORO, Role.DIRECTOR),
    DemoLogin("gijduvon-direktor", "Sardor", "Nazarov", GIJDUVON, Role.DIRECTOR),
    DemoLogin("samarqand-xodim", "Aziz", "Yusupov", SAMARQAND_CITY, Role.STAFF, "lending"),
    DemoLogin("milliy-admin", "Nodira", "Aliyeva", "", Role.NATIONAL_ADMIN),
]


def national_library_get_or_create() -> Centre:
    existing = Centre.objects.filter(level=Centre.Level.NATIONAL).first()
    return existing or centre_create(
        name=NATIONAL_LIBRARY, short_name="Milliy kutubxona", level=Centre.Level.NATIONAL
    )


def regional_centre_get_or_create(*, soato: str, national: Centre, name: str = "") -> Centre:
    unit = AdminUnit.objects.get(soato=soato)
    existing = Centre.objects.filter(admin_unit=unit, level=Centre.Level.REGIONAL).first()
    if existing:
        return existing
    short = unit.name_uz_latn.replace(" viloyati", "")
    return centre_create(
        name=name or f"{unit.name_uz_latn} axborot-kutubxona markazi",
        short_name=f"{short} viloyat AKM",
        level=Centre.Level.REGIONAL,
        parent=national,
        admin_unit=unit,
    )


REFERENCE_MODELS = [
    ("plans", "unit"),
    ("plans", "legalact"),
    ("indicators", "indicator"),
    ("centres", "adminunit"),
    ("centres", "centre"),
    ("centres", "service"),
    ("accounts", "membership"),
]


def reference_editors_group() -> Group:
    """The group of national administrators: they keep the reference data in the Django admin."""
    group, _ = Group.objects.get_or_create(name="Milliy administratorlar")
    perms = Permission.objects.filter(
        content_type__in=[
            ContentType.objects.get_by_natural_key(app, model) for app, model in REFERENCE_MODELS
        ]
    )
    group.permissions.add(*perms)
    return group


@transaction.atomic
def demo_load() -> list[DemoLogin]:
    admin_units_load()
    reference_load()
    indicators_load()
    national = national_library_get_or_create()
    buxoro = regional_centre_get_or_create(soato=BUXORO, national=national, name=BUXORO_CENTRE)
    for unit in AdminUnit.objects.filter(parent__soato=BUXORO):
        centre_get_or_create_for_unit(unit=unit, parent=buxoro)
    samarqand = regional_centre_get_or_create(soato=SAMARQAND, national=national)
    centre_get_or_create_for_unit(unit=AdminUnit.objects.get(soato=SAMARQAND_CITY), parent=samarqand)

    centres = {
        c.admin_unit.soato if c.admin_unit else "": c for c in Centre.objects.select_related("admin_unit")
    }
    for login in DEMO_LOGINS:
        user, created = User.objects.get_or_create(
            username=login.username,
            defaults={
                "first_name": login.first_name,
                "last_name": login.last_name,
                "email": f"{login.username}@ishreja.local",
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.is_staff = login.role == Role.NATIONAL_ADMIN
            user.save()
        centre = centres[login.soato]
        service = centre.services.get(code=login.service_code) if login.service_code else None
        Membership.objects.get_or_create(
            user=user, centre=centre, role=login.role, defaults={"service": service}
        )
    jondor = Centre.objects.get(admin_unit__soato=JONDOR)
    reviewer = User.objects.get(username="buxoro-metodist")
    demo_plans_load(region=buxoro, jondor=jondor, reviewer=reviewer)
    national_admins = reference_editors_group()
    for membership in Membership.objects.filter(role=Role.NATIONAL_ADMIN).select_related("user"):
        membership.user.groups.add(national_admins)
    if not User.objects.filter(username="admin").exists():
        User.objects.create_superuser("admin", "admin@ishreja.local", DEMO_PASSWORD)
    progress_demo_load()
    reports_demo_load()
    return DEMO_LOGINS
