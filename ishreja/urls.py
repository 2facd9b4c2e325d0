"""The project's URLs: each app under its own namespace."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

urlpatterns = [
    path("", include("ishreja.core.urls")),
    path("plans/", include("ishreja.plans.urls")),
    path("api/v1/", include("ishreja.plans.api_urls")),
    path("reports/", include("ishreja.reports.urls")),
    path("progress/", include("ishreja.progress.urls")),
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
]
