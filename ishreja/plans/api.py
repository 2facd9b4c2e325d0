"""A small JSON API over plans: list, read as "ishreja.plan/1", update an item with optimistic locking.

Session-authenticated (CSRF applies to writes); every call goes through the same selectors and services
as the pages, so an approved plan is as read-only here as anywhere."""

from __future__ import annotations

import json
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET, require_http_methods

from ishreja.core.http import AuthedRequest
from ishreja.plandoc import jsonio
from ishreja.plans import services
from ishreja.plans.documents import plan_to_document
from ishreja.plans.models import LOCKED_STATUSES, PlanItem
from ishreja.plans.selectors import plan_get_for_user, plans_visible_to


def _item_json(item: PlanItem) -> dict[str, Any]:
    return {
        "id": item.pk,
        "version": item.version,
        "number": item.number,
        "name": item.name,
        "unit": item.unit,
        "fact": item.fact_values,
        "plan": item.plan_values,
        "fact_text": item.fact_text,
        "plan_text": item.plan_text,
        "mechanism": item.mechanism,
        "deadline_text": item.deadline_text,
        "schedule": item.schedule,
        "responsible": item.responsible_text.splitlines(),
        "legal_refs": item.legal_refs,
    }


def _error(status: int, message: str, **extra: Any) -> JsonResponse:
    return JsonResponse({"error": message, **extra}, status=status)


@login_required
@require_GET
def plan_list(request: AuthedRequest) -> JsonResponse:
    plans = plans_visible_to(request.user).order_by("-year", "centre__path")[:500]
    return JsonResponse(
        {
            "plans": [
                {
                    "id": p.pk,
                    "centre": p.centre.name,
                    "year": p.year,
                    "revision": p.revision,
                    "status": p.status,
                    "updated_at": p.updated_at.isoformat(),
                }
                for p in plans
            ]
        }
    )


@login_required
@require_GET
def plan_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    plan = plan_get_for_user(user=request.user, pk=pk)
    data = jsonio.to_dict(plan_to_document(plan))
    data |= {"id": plan.pk, "status": plan.status, "revision": plan.revision, "version": plan.version}
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


@login_required
@require_http_methods(["GET", "PATCH", "POST"])
def item_detail(request: AuthedRequest, pk: int, item_pk: int) -> JsonResponse:
    plan = plan_get_for_user(user=request.user, pk=pk)
    item = get_object_or_404(PlanItem, pk=item_pk, plan=plan)
    if request.method == "GET":
        return JsonResponse(_item_json(item))
    if plan.status in LOCKED_STATUSES:
        return _error(423, f"Reja holati: {plan.get_status_display()}; uni o'zgartirib bo'lmaydi.")
    if not request.user.has_perm("plans.change_plan", plan):
        return _error(403, "Bu rejani o'zgartirishga huquqingiz yo'q.")
    try:
        body = json.loads(request.body or b"{}")
        version = int(body["version"])
    except (ValueError, KeyError, TypeError):
        return _error(400, 'JSON kutilgan: {"version": <son>, ...o\'zgartiriladigan maydonlar}.')
    current = _item_json(item)
    text = {k: str(body.get(k, current[k])) for k in ("number", "name", "unit", "mechanism", "deadline_text")}
    data = services.ItemData(
        number=text["number"],
        name=text["name"],
        unit=text["unit"],
        mechanism=text["mechanism"],
        deadline_text=text["deadline_text"],
        fact_text=str(body.get("fact_text", item.fact_text or " ".join(item.fact_values))),
        plan_text=str(body.get("plan_text", item.plan_text or " ".join(item.plan_values))),
        responsible_extra="\n".join(body.get("responsible", current["responsible"])),
        legal_refs_text=", ".join(body.get("legal_refs", item.legal_refs)),
        indicator_id=item.indicator_id,
    )
    try:
        saved = services.item_update(item=item, user=request.user, version=version, data=data)
    except services.EditConflict as exc:
        assert isinstance(exc.current, PlanItem)
        return _error(409, str(exc), current=_item_json(exc.current))
    except services.PlanError as exc:
        return _error(409, str(exc))
    return JsonResponse(_item_json(saved))
