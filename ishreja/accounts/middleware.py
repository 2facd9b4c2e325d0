"""Session limits: 30 minutes idle, 12 hours from login, whatever the browser does."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse

_TOUCH_EVERY = 60  # seconds; refreshing "last seen" on every request would write the session each time


class SessionTimeoutMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = int(time.time())
            session = request.session
            started = session.setdefault("ishreja_started", now)
            seen = session.get("ishreja_seen", now)
            idle_limit = settings.ISHREJA_SESSION_IDLE_SECONDS
            if now - seen > idle_limit or now - started > settings.SESSION_COOKIE_AGE:
                logout(request)
            elif now - seen >= _TOUCH_EVERY or "ishreja_seen" not in session:
                session["ishreja_seen"] = now
        return self.get_response(request)
