"""Production settings: the deploy check passes with a real secret and fails with the development key."""

import os
import subprocess
import sys


def _deploy_check(**env: str) -> subprocess.CompletedProcess[str]:
    # The browser tests allow async-unsafe ORM calls in this process; a deployment never does.
    skip = {"DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment = {k: v for k, v in os.environ.items() if k not in skip}
    environment |= {"DJANGO_SETTINGS_MODULE": "ishreja.settings", **env}
    return subprocess.run(
        [sys.executable, "-m", "ishreja", "check", "--deploy", "--fail-level", "WARNING"],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_it_passes_the_deploy_check_with_debug_off_and_a_real_secret():
    result = _deploy_check(
        DEBUG="0",
        SECRET_KEY="k7#Vq2!pLz9@xR4$mN8^tB6&wC1*yH3(jD5)fG0_sA-eU-Lw3Nz8Qr5Tx1",
        ALLOWED_HOSTS="ishreja.uz",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_it_fails_the_deploy_check_with_the_development_key():
    result = _deploy_check(DEBUG="0", ALLOWED_HOSTS="ishreja.uz")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stdout + result.stderr


def test_it_serves_a_health_check(client, db):
    assert client.get("/health/").json() == {"status": "ok"}


def test_it_serves_the_stylesheet_and_htmx_from_the_installation(client, db):
    from django.contrib.staticfiles import finders

    assert finders.find("ishreja/ishreja.css") and finders.find("ishreja/print.css")
    page = client.get("/login/").content.decode()
    assert "/static/ishreja/ishreja.css" in page and "/static/django_htmx/htmx-2.min.js" in page
    assert "http://" not in page.replace("http://www.w3.org", "") and "https://" not in page
