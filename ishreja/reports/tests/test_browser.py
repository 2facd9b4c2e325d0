"""The quarterly report's journey in real Chromium: submit, return with a comment, correct, resubmit,
accept; the region's consolidation shows it; a person of another region sees none of it."""

import pytest

from ishreja.browser_fixtures import login, logout
from ishreja.reports.models import Report, ReportStatus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fill_reasons(page, text):
    boxes = page.locator("textarea[name^=reason-]")
    for i in range(boxes.count()):
        boxes.nth(i).fill(text)
    with page.expect_response(lambda r: "/reasons/" in r.url):
        page.click("text=Sabablarni saqlash")


def test_it_takes_a_quarterly_report_from_the_director_to_the_region_and_back(page, live_server, cast, world):
    base = live_server.url
    login(page, live_server, "jondor-direktor")
    page.goto(f"{base}/reports/centres/{cast.jondor.pk}/2026/q1/")
    page.click("text=Hisobotni tayyorlash")
    page.wait_for_selector("#report-status")
    report = Report.objects.get(centre=cast.jondor, period="q1")
    _fill_reasons(page, "Fond yangilanmoqda")
    page.click("#submit-report")
    page.wait_for_selector("text=Hisobot viloyat markaziga yuborildi.")
    logout(page)

    login(page, live_server, "buxoro-metodist")
    page.goto(f"{base}/reports/{report.pk}/")
    page.fill("#return-note", "Kitob berilishi sababini aniqroq yozing")
    page.click("#return-report")
    page.wait_for_selector("text=Hisobot izoh bilan qaytarildi.")
    logout(page)

    login(page, live_server, "jondor-direktor")
    page.goto(f"{base}/reports/{report.pk}/")
    assert "Kitob berilishi sababini aniqroq yozing" in page.inner_text("#report-events")
    _fill_reasons(page, "Mart oyida kutubxona ta'mirlandi, 2 hafta yopiq bo'ldi")
    page.click("#submit-report")
    page.wait_for_selector("text=Hisobot viloyat markaziga yuborildi.")
    logout(page)

    login(page, live_server, "buxoro-metodist")
    page.goto(f"{base}/reports/{report.pk}/")
    page.click("#accept-report")
    page.wait_for_selector("text=Hisobot qabul qilindi.")
    report.refresh_from_db()
    assert report.status == ReportStatus.ACCEPTED
    assert report.lines.get(name="Kitob berilishi").reason.startswith("Mart oyida")
    page.goto(f"{base}/reports/consolidation/{cast.buxoro.pk}/2026/q1/")
    visits = page.inner_text("#row-visits")
    assert "1200" in visits and "1500" in visits
    page.wait_for_selector("figure.chart svg")
    logout(page)

    login(page, live_server, "samarqand-xodim")
    assert page.goto(f"{base}/reports/{report.pk}/").status == 404
    assert page.goto(f"{base}/reports/consolidation/{cast.buxoro.pk}/2026/q1/").status == 404
    assert "Jondor" not in page.content()
