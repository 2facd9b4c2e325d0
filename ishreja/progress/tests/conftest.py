"""Fixtures for progress tests: an approved 2026 plan of Jondor with a few items, the indicators loaded."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from ishreja.centres.models import Centre
from ishreja.indicators.models import Indicator
from ishreja.indicators.services import indicators_load
from ishreja.plans.models import Plan, PlanItem, PlanStatus, Section
from ishreja.progress.models import DiaryEntry


@dataclass
class Items:
    plan: Plan
    visits: PlanItem  # linked to "visits": fed by the diary
    users: PlanItem  # linked to "users" (stock): monthly progress, total + parts
    trained: PlanItem  # no indicator, figures: monthly progress, summed
    meeting: PlanItem  # no figures: status only


@pytest.fixture
def indicators(db: None) -> dict[str, Indicator]:
    indicators_load()
    return {i.code: i for i in Indicator.objects.all()}


@pytest.fixture
def make_item() -> Callable[..., PlanItem]:
    def make(plan: Plan, **fields: object) -> PlanItem:
        section = plan.sections.first() or Section.objects.create(
            plan=plan, number="I", title="ASOSIY", order=1
        )
        order = plan.items.count() + 1
        responsible = fields.pop("responsible", [])
        item = PlanItem.objects.create(plan=plan, section=section, order=order, number=str(order), **fields)
        item.responsible.set(responsible)  # type: ignore[arg-type]
        return item

    return make


@pytest.fixture
def items(cast, plan_of, indicators, make_item) -> Items:
    plan = plan_of(cast.jondor, status=PlanStatus.APPROVED)
    lending = cast.jondor.services.get(code="lending")
    bibliography = cast.jondor.services.get(code="bibliography")
    return Items(
        plan=plan,
        visits=make_item(
            plan,
            name="Foydalanuvchilar qatnovi",
            unit="Marotaba",
            plan_values=["6000"],
            indicator=indicators["visits"],
            responsible=[lending],
            schedule={"kind": "quarterly"},
        ),
        users=make_item(
            plan,
            name="Foydalanuvchilarni ro'yxatga olish",
            unit="Nafar",
            plan_values=["8814", "700", "8114"],
            indicator=indicators["users"],
            responsible=[lending],
            schedule={"kind": "year"},
        ),
        trained=make_item(
            plan,
            name="Xodimlar malakasini oshirish",
            unit="Nafar",
            plan_values=["12"],
            responsible=[bibliography],
            schedule={"kind": "quarters", "quarters": [2, 3]},
        ),
        meeting=make_item(
            plan,
            name="Kitobxon onalar kuni",
            responsible=[lending],
            schedule={"kind": "monthly", "month_days": [17]},
        ),
    )


@pytest.fixture
def diary(cast) -> Callable[..., DiaryEntry]:
    def add(day: dt.date, centre: Centre | None = None, service_code: str = "lending", **counts: int):
        centre = centre or cast.jondor
        return DiaryEntry.objects.create(
            centre=centre, service=centre.services.get(code=service_code), date=day, **counts
        )

    return add
