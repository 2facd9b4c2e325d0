"""Login, throttling and session limits, as a person at the login page sees them."""

import time

from django.test import Client
from django.urls import reverse


def _login(client: Client, username: str, password: str, ip: str = "10.0.0.1"):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=ip)


def test_it_logs_in_and_shows_the_home_page(cast, client):
    response = _login(client, "jondor-direktor", "test-pass-123")
    assert response.status_code == 302
    page = client.get(reverse("core:home"))
    assert "Jondor tuman axborot-kutubxona markazi" in page.content.decode()


def test_it_sends_an_anonymous_visitor_to_the_login_page(client):
    response = client.get(reverse("core:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_it_locks_a_guessed_account_but_not_the_colleague_at_the_same_address(cast, client):
    for _ in range(5):
        _login(client, "jondor-direktor", "wrong")
    locked = _login(client, "jondor-direktor", "test-pass-123")
    assert locked.status_code == 429
    assert "vaqtincha yopildi" in locked.content.decode()
    colleague = _login(Client(), "jondor-xodim", "test-pass-123")
    assert colleague.status_code == 302


def test_it_ends_an_idle_session_after_thirty_minutes(cast, client, settings):
    client.force_login(cast.jondor_director)
    assert client.get(reverse("core:home")).status_code == 200
    session = client.session
    session["ishreja_seen"] = int(time.time()) - settings.ISHREJA_SESSION_IDLE_SECONDS - 5
    session.save()
    assert client.get(reverse("core:home")).status_code == 302


def test_it_ends_a_session_twelve_hours_after_login_even_when_active(cast, client):
    client.force_login(cast.jondor_director)
    client.get(reverse("core:home"))
    session = client.session
    session["ishreja_started"] = int(time.time()) - 12 * 3600 - 5
    session.save()
    assert client.get(reverse("core:home")).status_code == 302
