"""Object permissions on plans, registered with django-rules; the predicates come from accounts.access.

Asked without a plan (model-level checks, as the admin does), every predicate answers no: plan rights
exist only for a given plan."""

from __future__ import annotations

import rules

from ishreja.accounts import access
from ishreja.plans.models import Plan, PlanStatus


@rules.predicate
def can_view(user: access.AnyUser, plan: Plan | None) -> bool:
    return plan is not None and access.can_view_centre(user, plan.centre)


@rules.predicate
def is_editor(user: access.AnyUser, plan: Plan | None) -> bool:
    return plan is not None and access.can_edit_centre(user, plan.centre)


@rules.predicate
def is_reviewer(user: access.AnyUser, plan: Plan | None) -> bool:
    return plan is not None and access.can_review_centre(user, plan.centre)


@rules.predicate
def is_approver(user: access.AnyUser, plan: Plan | None) -> bool:
    return plan is not None and access.can_approve_centre(user, plan.centre)


@rules.predicate
def is_editable(user: access.AnyUser, plan: Plan | None) -> bool:
    return plan is not None and plan.status in (PlanStatus.DRAFT, PlanStatus.RETURNED)


rules.add_perm("plans.view_plan", can_view)
rules.add_perm("plans.change_plan", is_editor & is_editable)
rules.add_perm("plans.submit_plan", is_editor & is_editable)
rules.add_perm("plans.review_plan", is_reviewer)
rules.add_perm("plans.approve_plan", is_approver)
rules.add_perm("plans.amend_plan", is_editor)
rules.add_perm("plans.comment_plan", is_editor | is_reviewer)
