"""Demo plans: Jondor's approved 2024 plan (from the real document) and 2026 plans of the other Buxoro
districts based on Jondor's 2026 plan. Jondor's own 2026 plan is left for the demo user to upload."""

from __future__ import annotations

import datetime as dt
from importlib import resources

from ishreja.accounts.models import User
from ishreja.centres.models import Centre
from ishreja.plandoc import api as plandoc
from ishreja.plandoc.model import PlanDocument
from ishreja.plans.models import Plan, PlanEvent, PlanStatus
from ishreja.plans.services import plan_create_from_document


def demo_document(name: str) -> PlanDocument:
    data = resources.files("ishreja.plans").joinpath(f"demo_data/{name}").read_bytes()
    return plandoc.read_plan(data, name)


def _approve(plan: Plan, director: User | None, reviewer: User | None, day: dt.date) -> None:
    plan.status = PlanStatus.APPROVED
    plan.agreed_date, plan.approved_date = day, day + dt.timedelta(days=3)
    plan.save(update_fields=["status", "agreed_date", "approved_date", "updated_at"])
    PlanEvent.objects.bulk_create(
        [
            PlanEvent(plan=plan, action=PlanEvent.Action.SUBMITTED, actor=director),
            PlanEvent(plan=plan, action=PlanEvent.Action.AGREED, actor=reviewer),
            PlanEvent(plan=plan, action=PlanEvent.Action.APPROVED, actor=director),
        ]
    )


def demo_plans_load(*, region: Centre, jondor: Centre, reviewer: User | None) -> list[Plan]:
    """Idempotent: a centre that already has a plan for the year is left alone."""
    made: list[Plan] = []
    director = User.objects.filter(memberships__centre=jondor, memberships__role="director").first()
    if not Plan.objects.filter(centre=jondor, year=2024).exists():
        plan = plan_create_from_document(centre=jondor, doc=demo_document("jondor-2024.txt"), user=director)
        _approve(plan, director, reviewer, dt.date(2023, 12, 20))
        made.append(plan)
    template = demo_document("jondor-2026.txt")
    districts = region.children.exclude(pk=jondor.pk).order_by("name")
    for index, centre in enumerate(districts):
        if Plan.objects.filter(centre=centre, year=2026).exists():
            continue
        template.centre = centre.name
        template.title = f"{centre.name}ning 2026-yil uchun mo'ljallangan ISH REJASI"
        plan = plan_create_from_document(centre=centre, doc=template, user=None)
        # Most districts' plans are in force; a few are still on their way, as in a real December.
        if index % 4 != 3:
            _approve(plan, None, reviewer, dt.date(2025, 12, 15))
        elif index % 8 == 3:
            plan.status = PlanStatus.SUBMITTED
            plan.save(update_fields=["status", "updated_at"])
        made.append(plan)
    return made
