"""Browser-test fixtures: Playwright driving Debian's Chromium against the live test server.

Playwright's own browser download cannot run on these closed machines, so the system Chromium is used
(installed by ``make chromium``). Loaded as a pytest plugin from the root conftest."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from typing import Any

import pytest

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def chromium_path() -> str:
    path = os.environ.get("ISHREJA_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not os.path.exists(path):
        raise RuntimeError("Chromium topilmadi: `make chromium` bilan o'rnating (Debian paketi chromium).")
    return path


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; Django's ORM calls from the test body
    # are still synchronous and safe here.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(
        viewport={"width": 1366, "height": 768}, accept_downloads=True, locale="uz-UZ"
    )
    context.set_default_timeout(20_000)
    tab = context.new_page()
    yield tab
    context.close()


def login(page: Any, live_server: Any, username: str, password: str = "test-pass-123") -> None:  # noqa: S107
    """Log in through the real login form and wait for the home page."""
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")


def logout(page: Any) -> None:
    page.context.clear_cookies()
