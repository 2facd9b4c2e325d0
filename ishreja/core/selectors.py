"""What the home page shows a person: their plans and the plans waiting for them."""

from __future__ import annotations

from typing import Any

from ishreja.accounts import access
from ishreja.plans.models import Plan, PlanStatus
from ishreja.plans.selectors import plans_visible_to


def home_get_for_user(*, user: access.AnyUser) -> dict[str, Any]:
    memberships = access.memberships_of(user)
    own_ids = [m.centre_id for m in memberships]
    visible = plans_visible_to(user)
    own_plans = list(visible.filter(centre_id__in=own_ids).exclude(status=PlanStatus.SUPERSEDED)[:20])
    review_ids = [m.centre_id for m in memberships if m.role in access.REVIEWER_ROLES]
    to_review: list[Plan] = list(
        visible.filter(centre__parent_id__in=review_ids, status=PlanStatus.SUBMITTED).order_by("updated_at")[
            :50
        ]
    )
    return {"own_plans": own_plans, "to_review": to_review}
