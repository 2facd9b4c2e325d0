"""Typing help for views behind ``login_required``: their request always carries a real user."""

from __future__ import annotations

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

from ishreja.accounts.models import User


class AuthedRequest(HttpRequest):
    user: User
    htmx: HtmxDetails
