"""Writes on centres: loading the SOATO classifier and creating centres with their standard services."""

from __future__ import annotations

import csv
from importlib import resources

from django.db import transaction

from ishreja.centres.models import AdminUnit, Centre, Service


def admin_units_load() -> int:
    """Load (or refresh) the 14 top-level units and 209 districts and cities shipped with the package.
    Returns the number of units; running it again changes nothing."""
    with resources.files("ishreja.centres").joinpath("data/uz_admin_units.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    by_code = {u.soato: u for u in AdminUnit.objects.all()}
    with transaction.atomic():
        # Parents first: top-level units have no parent code.
        for row in sorted(rows, key=lambda r: bool(r["parent_soato"])):
            defaults = {
                "kind": row["kind"],
                "name_uz_latn": row["name_uz_latn"],
                "name_uz_cyrl": row["name_uz_cyrl"],
                "name_ru": row["name_ru"],
                "parent": by_code.get(row["parent_soato"]) if row["parent_soato"] else None,
            }
            unit = by_code.get(row["soato"])
            if unit is None:
                unit = AdminUnit(soato=row["soato"], **defaults)
                unit.full_clean()
                unit.save()
                by_code[unit.soato] = unit
            elif any(getattr(unit, k) != v for k, v in defaults.items()):
                for key, value in defaults.items():
                    setattr(unit, key, value)
                unit.save(update_fields=[*defaults, "updated_at"])
    return len(rows)


@transaction.atomic
def centre_create(
    *,
    name: str,
    level: int,
    parent: Centre | None = None,
    admin_unit: AdminUnit | None = None,
    short_name: str = "",
) -> Centre:
    """Create a centre with the standard services of DOMAIN.md."""
    centre = Centre(name=name, level=level, parent=parent, admin_unit=admin_unit, short_name=short_name)
    centre.full_clean(exclude=["path"])
    centre.save()
    Service.objects.bulk_create(
        Service(centre=centre, code=code, name=service_name, order=order)
        for order, (code, service_name) in enumerate(Service.STANDARD)
    )
    return centre


def centre_get_or_create_for_unit(*, unit: AdminUnit, parent: Centre) -> Centre:
    """The district/city centre of an administrative unit, created the first time it is needed."""
    existing = Centre.objects.filter(admin_unit=unit, parent=parent).first()
    if existing:
        return existing
    base = unit.name_uz_latn.replace(" tumani", " tuman").replace(" shahri", " shahar")
    return centre_create(
        name=f"{base} axborot-kutubxona markazi",
        short_name=base,
        level=parent.level + 1,
        parent=parent,
        admin_unit=unit,
    )
