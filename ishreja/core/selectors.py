"""What the home page shows a person: what is theirs to do now."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from ishreja.accounts import access
from ishreja.centres.models import Centre
from ishreja.plans.models import Plan, PlanEvent, PlanStatus
from ishreja.plans.selectors import plans_visible_to


@dataclass
class DistrictStatus:
    centre: Centre
    plans: list[Plan | None]


def home_get_for_user(*, user: access.AnyUser) -> dict[str, Any]:
    """A fixed number of queries: memberships, own plans, waiting plans, district overview, events."""
    memberships = access.memberships_of(user)
    own_ids = [m.centre_id for m in memberships if m.role in access.EDITOR_ROLES]
    approver_ids = [m.centre_id for m in memberships if m.role in access.APPROVER_ROLES]
    review_ids = [m.centre_id for m in memberships if m.role in access.REVIEWER_ROLES]
    visible = plans_visible_to(user).select_related("centre")
    open_statuses = [PlanStatus.DRAFT, PlanStatus.RETURNED, PlanStatus.SUBMITTED, PlanStatus.AGREED]
    own_open = list(visible.filter(centre_id__in=own_ids, status__in=open_statuses).order_by("year"))
    waiting = list(
        visible.filter(centre__parent_id__in=review_ids, status=PlanStatus.SUBMITTED).order_by("updated_at")[
            :50
        ]
    )
    year = timezone.localdate().year
    overview: list[DistrictStatus] = []
    if review_ids:
        districts = list(Centre.objects.filter(parent_id__in=review_ids).order_by("name"))
        years = [year, year + 1]
        in_years = visible.filter(centre__in=districts, year__in=years, is_template=False).order_by(
            "revision"
        )
        by_year = {(p.centre_id, p.year): p for p in in_years}
        overview = [DistrictStatus(c, [by_year.get((c.pk, y)) for y in years]) for c in districts]
    events = list(
        PlanEvent.objects.filter(plan__in=visible.filter(centre_id__in=own_ids + review_ids))
        .select_related("plan__centre", "actor")
        .order_by("-created_at")[:10]
    )
    return {
        "due_this_month": due_this_month(centre_ids=own_ids),
        "drafts": [p for p in own_open if p.status == PlanStatus.DRAFT],
        "returned": [p for p in own_open if p.status == PlanStatus.RETURNED],
        "to_approve": [p for p in own_open if p.status == PlanStatus.AGREED and p.centre_id in approver_ids],
        "submitted": [p for p in own_open if p.status == PlanStatus.SUBMITTED],
        "to_review": waiting,
        "overview": overview,
        "overview_years": [year, year + 1],
        "events": events,
    }


def due_this_month(*, centre_ids: list[int]) -> list[Any]:
    """Items of the centres' plans in force that fall due from today to the end of the month."""
    if not centre_ids:
        return []
    from ishreja.progress.selectors import centre_deadlines

    today = timezone.localdate()
    next_month = (today.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    days_left = (next_month - today).days - 1
    return [
        d for d in centre_deadlines(centre_ids=centre_ids, today=today, ahead_days=days_left) if not d.overdue
    ]
