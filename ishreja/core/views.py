"""The home page (what is each person's to do now) and a health check."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from ishreja.accounts.access import memberships_of
from ishreja.core.selectors import home_get_for_user


@login_required
def home(request: HttpRequest) -> HttpResponse:
    context = home_get_for_user(user=request.user)
    context["memberships"] = memberships_of(request.user)
    return render(request, "core/home.html", context)


def health(request: HttpRequest) -> HttpResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
