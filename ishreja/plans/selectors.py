"""Reads of plans, always scoped to what the asking user may see."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from ishreja.accounts import access
from ishreja.plans.models import Plan


def plans_visible_to(user: access.AnyUser) -> QuerySet[Plan]:
    return Plan.objects.filter(access.centre_filter(user)).select_related("centre")


def plan_get_for_user(*, user: access.AnyUser, pk: int, perm: str = "plans.view_plan") -> Plan:
    """The plan ``pk`` if ``user`` may see it (else 404: a stranger learns nothing about its existence),
    and may do ``perm`` on it (else 403)."""
    plan = plans_visible_to(user).select_related("centre__parent").filter(pk=pk).first()
    if plan is None:
        raise Http404
    if perm != "plans.view_plan" and not user.has_perm(perm, plan):
        raise PermissionDenied
    return plan
