from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from ishreja.plans.models import LegalAct, Plan, PlanEvent, PlanItem, Section, Unit


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["name", "aliases"]
    search_fields = ["name", "aliases"]


@admin.register(LegalAct)
class LegalActAdmin(admin.ModelAdmin):
    list_display = ["code", "kind", "date", "title"]
    list_filter = ["kind"]
    search_fields = ["code", "title"]


class LockedPlanMixin:
    """An approved or submitted plan is read-only in the admin too, even for a superuser."""

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        plan = getattr(obj, "plan", obj)
        if plan is not None and plan.is_locked:
            return False
        return super().has_change_permission(request, obj)  # type: ignore[misc]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        plan = getattr(obj, "plan", obj)
        if plan is not None and plan.is_locked:
            return False
        return super().has_delete_permission(request, obj)  # type: ignore[misc]


class SectionInline(LockedPlanMixin, admin.TabularInline):
    model = Section
    extra = 0


@admin.register(Plan)
class PlanAdmin(LockedPlanMixin, SimpleHistoryAdmin):
    list_display = ["centre", "year", "revision", "status", "updated_at"]
    list_filter = ["status", "year", "centre__level"]
    search_fields = ["centre__name", "title"]
    list_select_related = ["centre"]
    autocomplete_fields = ["centre"]
    inlines = [SectionInline]


@admin.register(PlanItem)
class PlanItemAdmin(LockedPlanMixin, SimpleHistoryAdmin):
    list_display = ["number", "name", "unit", "plan", "kind"]
    list_filter = ["kind", "plan__year"]
    search_fields = ["number", "name"]
    list_select_related = ["plan__centre"]
    raw_id_fields = ["plan", "section", "parent", "indicator"]
    filter_horizontal = ["responsible", "legal_acts"]


@admin.register(PlanEvent)
class PlanEventAdmin(admin.ModelAdmin):
    list_display = ["plan", "action", "actor", "created_at"]
    list_filter = ["action"]
    list_select_related = ["plan__centre", "actor"]
