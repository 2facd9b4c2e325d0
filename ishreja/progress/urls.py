from django.urls import path

from ishreja.progress import views

app_name = "progress"
urlpatterns = [
    path("plans/<int:plan_pk>/indicators/", views.plan_indicators, name="plan-indicators"),
    path("plans/<int:plan_pk>/progress/", views.plan_progress_now, name="plan-progress-now"),
    path("plans/<int:plan_pk>/progress/<int:month>/", views.plan_progress, name="plan-progress"),
    path("items/<int:item_pk>/progress/<int:month>/", views.item_progress_save, name="item-progress-save"),
    path("items/<int:item_pk>/progress/<int:month>/evidence/", views.evidence_upload, name="evidence-upload"),
    path("evidence/<int:pk>/", views.evidence_file, name="evidence-file"),
    path("diary/", views.diary_home, name="diary-home"),
    path("centres/<int:centre_pk>/diary/", views.diary, name="diary"),
    path("centres/<int:centre_pk>/diary/import/", views.diary_import, name="diary-import"),
    path("centres/<int:centre_pk>/calendar/", views.centre_calendar_page, name="calendar"),
    path("calendar/link/", views.calendar_token, name="calendar-token"),
    path("feeds/<str:token>/centres/<int:centre_pk>.ics", views.calendar_feed, name="calendar-feed"),
    path("overdue/", views.overdue_panel, name="overdue"),
]
