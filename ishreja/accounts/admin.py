from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from ishreja.accounts.models import Membership, User


class MembershipInline(admin.TabularInline):
    model = Membership
    fk_name = "user"
    extra = 0
    autocomplete_fields = ["centre"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    inlines = [MembershipInline]
    fieldsets = (*BaseUserAdmin.fieldsets, ("Ishreja", {"fields": ("patronymic", "position")}))  # type: ignore[misc]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "centre", "role", "service"]
    list_filter = ["role", "centre__level"]
    search_fields = ["user__username", "user__last_name", "centre__name"]
    list_select_related = ["user", "centre", "service"]
    autocomplete_fields = ["user", "centre"]
