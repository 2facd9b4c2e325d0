from django.contrib import admin

from ishreja.indicators.models import Indicator


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "unit", "aggregation", "parent", "order"]
    list_filter = ["aggregation"]
    search_fields = ["code", "name", "keywords"]
    list_select_related = ["parent"]
