"""Fixtures for report tests: approved 2026 plans of Jondor and G'ijduvon with items linked to indicators,
and a first quarter of counts whose report figures are worked out by hand in the tests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from ishreja.centres.models import Centre
from ishreja.centres.services import centre_create
from ishreja.indicators.models import Indicator
from ishreja.indicators.services import indicators_load
from ishreja.plans.models import Plan, PlanItem, PlanStatus, Section
from ishreja.progress.models import DiaryEntry, ItemProgress


@dataclass
class World:
    plan: Plan  # Jondor's
    visits: PlanItem  # diary, plan 6000 "har chorak"
    loans: PlanItem  # diary, plan 12000 all year
    users: PlanItem  # stock, monthly progress, plan 1000
    stock: PlanItem  # stock (items held), plan 20000
    trained: PlanItem  # sum, monthly progress, due in quarters II-III only, plan 12
    meeting: PlanItem  # no figures: status only
    gijduvon_plan: Plan
    indicators: dict[str, Indicator]


def add_item(plan: Plan, **fields: object) -> PlanItem:
    section = plan.sections.first() or Section.objects.create(plan=plan, number="I", title="ASOSIY", order=1)
    order = plan.items.count() + 1
    fields.setdefault("number", str(order))
    return PlanItem.objects.create(plan=plan, section=section, order=order, **fields)


def add_diary(centre: Centre, day: dt.date, service_code: str = "lending", **counts: int) -> DiaryEntry:
    return DiaryEntry.objects.create(
        centre=centre, service=centre.services.get(code=service_code), date=day, **counts
    )


def district_with_figures(
    centre: Centre, indicators: dict[str, Indicator], *, visits: int, users: int, year: int = 2026
) -> Plan:
    """A centre's approved plan with a visits and a users item, and first-quarter figures for both."""
    plan = Plan.objects.create(centre=centre, year=year, fact_year=year - 1, status=PlanStatus.APPROVED)
    add_item(plan, name="Qatnov", unit="Marotaba", plan_values=["4000"], indicator=indicators["visits"])
    users_item = add_item(
        plan, name="Foydalanuvchilar", unit="Nafar", plan_values=["900"], indicator=indicators["users"]
    )
    add_diary(centre, dt.date(year, 1, 15), visits=visits)
    ItemProgress.objects.create(item=users_item, month=3, values=[str(users)])
    return plan


@pytest.fixture
def indicators(db: None) -> dict[str, Indicator]:
    indicators_load()
    return {i.code: i for i in Indicator.objects.all()}


@pytest.fixture
def world(cast, indicators) -> World:
    plan = Plan.objects.create(centre=cast.jondor, year=2026, fact_year=2025, status=PlanStatus.APPROVED)
    visits = add_item(
        plan,
        name="Foydalanuvchilar qatnovi",
        unit="Marotaba",
        plan_values=["6000"],
        indicator=indicators["visits"],
        schedule={"kind": "quarterly"},
    )
    loans = add_item(
        plan, name="Kitob berilishi", unit="Nusxa", plan_values=["12000"], indicator=indicators["loans"]
    )
    users = add_item(
        plan,
        name="Ro'yxatdan o'tgan foydalanuvchilar",
        unit="Nafar",
        plan_values=["1000", "100", "900"],
        indicator=indicators["users"],
    )
    stock = add_item(
        plan, name="Fond hajmi", unit="Nusxa", plan_values=["20000"], indicator=indicators["stock"]
    )
    trained = add_item(
        plan,
        name="Xodimlar malakasini oshirish",
        unit="Nafar",
        plan_values=["12"],
        schedule={"kind": "quarters", "quarters": [2, 3]},
    )
    meeting = add_item(plan, name="Kitobxon onalar kuni", schedule={"kind": "monthly"})
    # Jondor, first quarter: visits 600 + 500 + 100 = 1200 (of 1500), loans 900 + 800 + 500 = 2200 (of 3000).
    add_diary(cast.jondor, dt.date(2026, 1, 5), visits=400, loans=900)
    add_diary(cast.jondor, dt.date(2026, 1, 5), "bibliography", visits=200)
    add_diary(cast.jondor, dt.date(2026, 2, 2), visits=500, loans=800)
    add_diary(cast.jondor, dt.date(2026, 3, 2), visits=100, loans=500)
    add_diary(cast.jondor, dt.date(2026, 4, 1), visits=9999, loans=9999)  # second quarter
    add_diary(cast.jondor, dt.date(2025, 2, 3), visits=1000, loans=2000)  # the same quarter last year
    for month, value in ((1, "600"), (2, "700"), (3, "750")):
        ItemProgress.objects.create(item=users, month=month, values=[value, "50", str(int(value) - 50)])
    ItemProgress.objects.create(item=stock, month=1, values=["19000"])
    ItemProgress.objects.create(item=stock, month=3, values=["22000"])
    ItemProgress.objects.create(item=trained, month=4, values=["4"])
    ItemProgress.objects.create(item=meeting, month=2, status="done")

    gijduvon_plan = district_with_figures(cast.gijduvon, indicators, visits=300, users=500)
    return World(plan, visits, loans, users, stock, trained, meeting, gijduvon_plan, indicators)


@pytest.fixture
def more_districts(cast, indicators) -> Callable[[int], list[Centre]]:
    """Add ``n`` more Buxoro districts with figures (for query counts that must not grow with centres)."""

    def make(n: int) -> list[Centre]:
        made = []
        for i in range(n):
            centre = centre_create(
                name=f"Qo'shimcha {i} tuman AKM", level=Centre.Level.DISTRICT, parent=cast.buxoro
            )
            district_with_figures(centre, indicators, visits=100 + i, users=200 + i)
            made.append(centre)
        return made

    return make
