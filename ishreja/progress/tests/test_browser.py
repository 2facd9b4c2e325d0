"""The diary desk in a real browser: a staff member counts a few days with the keyboard alone, and the
month's figure appears on the plan item that counts visits."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from ishreja.browser_fixtures import login
from ishreja.plans.models import PlanStatus
from ishreja.progress.models import DiaryEntry

pytestmark = pytest.mark.browser


def test_it_counts_days_by_keyboard_and_shows_the_month_on_the_visits_item(
    cast, plan_of, indicators, make_item, live_server, page
):
    today = timezone.localdate()
    plan = plan_of(cast.jondor, year=today.year, status=PlanStatus.APPROVED)
    lending = cast.jondor.services.get(code="lending")
    item = make_item(
        plan,
        name="Kitobxonlar qatnovining hisobini olib borish",
        unit="Nafar",
        indicator=indicators["visits"],
        responsible=[lending],
        schedule={"kind": "quarterly"},
    )
    start = today - dt.timedelta(days=2)
    typed = {start: (11, 5), start + dt.timedelta(days=1): (22, 7), today: (33, 9)}

    login(page, live_server, "jondor-xodim")
    page.goto(f"{live_server.url}{reverse('progress:diary', args=[cast.jondor.pk])}?date={start:%Y-%m-%d}")
    for day, (visits, loans) in typed.items():
        # The cursor waits in the first count; Tab goes to the next, Enter saves and opens the next day.
        page.wait_for_function("document.activeElement && document.activeElement.id === 'id_visits'")
        assert page.input_value("#id_date") == f"{day:%Y-%m-%d}"
        page.keyboard.type(str(visits))
        page.keyboard.press("Tab")
        page.keyboard.type(str(loans))
        page.keyboard.press("Enter")
        page.wait_for_selector(f"text={day:%d.%m.%Y}, {lending.name}: saqlandi")
    assert page.locator("#diary-recent tbody tr").count() == 3
    assert DiaryEntry.objects.filter(centre=cast.jondor, service=lending).count() == 3

    page.goto(f"{live_server.url}{reverse('progress:plan-progress', args=[plan.pk, today.month])}")
    expected = sum(v for day, (v, _loans) in typed.items() if day.month == today.month)
    figure = page.locator(f"#item-{item.pk} .diary-value")
    assert figure.inner_text() == str(expected)
    assert page.locator(f"#item-{item.pk}", has_text=f"kundalik: {today.year}-{today.month:02d}").count() == 1
