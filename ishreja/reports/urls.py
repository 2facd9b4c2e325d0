"""Report URLs: centre periods, report versions and their workflow, consolidations, exports."""

from django.urls import path

from ishreja.reports import views

app_name = "reports"
_PERIOD = "<int:centre_id>/<int:year>/<slug:period>/"
urlpatterns = [
    path("", views.report_list, name="reports"),
    path(f"centres/{_PERIOD}", views.centre_period, name="centre-period"),
    path(f"centres/{_PERIOD}create/", views.report_create, name="report-create"),
    path(f"centres/{_PERIOD}chart/", views.centre_period_chart, name="centre-period-chart"),
    path("<int:pk>/", views.report_detail, name="report-detail"),
    path("<int:pk>/chart/", views.report_chart, name="report-chart"),
    path("<int:pk>/reasons/", views.report_reasons, name="report-reasons"),
    path("<int:pk>/submit/", views.report_submit, name="report-submit"),
    path("<int:pk>/return/", views.report_return, name="report-return"),
    path("<int:pk>/accept/", views.report_accept, name="report-accept"),
    path("<int:pk>/correct/", views.report_correct, name="report-correct"),
    path("<int:pk>/lines/<int:line_id>/", views.line_detail, name="line-detail"),
    path("<int:pk>/export.<slug:fmt>", views.report_export, name="report-export"),
    path("consolidation/", views.consolidation_home, name="consolidation-home"),
    path(f"consolidation/{_PERIOD}", views.consolidation, name="consolidation"),
    path(f"consolidation/{_PERIOD}chart/", views.consolidation_chart, name="consolidation-chart"),
    path(
        f"consolidation/{_PERIOD}export.<slug:fmt>", views.consolidation_export, name="consolidation-export"
    ),
]
