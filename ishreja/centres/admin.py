from django.contrib import admin

from ishreja.centres.models import AdminUnit, Centre, Service


@admin.register(AdminUnit)
class AdminUnitAdmin(admin.ModelAdmin):
    list_display = ["soato", "name_uz_latn", "name_uz_cyrl", "name_ru", "kind", "parent"]
    list_filter = ["kind"]
    search_fields = ["soato", "name_uz_latn", "name_uz_cyrl", "name_ru"]
    list_select_related = ["parent"]


class ServiceInline(admin.TabularInline):
    model = Service
    extra = 0


@admin.register(Centre)
class CentreAdmin(admin.ModelAdmin):
    list_display = ["name", "level", "parent", "admin_unit", "is_active"]
    list_filter = ["level", "is_active"]
    search_fields = ["name", "short_name", "admin_unit__soato"]
    list_select_related = ["parent", "admin_unit"]
    autocomplete_fields = ["parent", "admin_unit"]
    inlines = [ServiceInline]
