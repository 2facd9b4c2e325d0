"""The planning cycle in a real browser (Chromium driven by Playwright), as the people do it."""

import docx
import pytest
from django.urls import reverse

from ishreja.browser_fixtures import login, logout
from ishreja.plans.models import Plan, PlanStatus
from ishreja.plans.tests.conftest import SEED_2026

pytestmark = pytest.mark.browser


def _row(page, number):
    return (
        page.locator("tbody.item").filter(has=page.get_by_role("cell", name=f"{number}.", exact=True)).first
    )


def test_it_takes_a_plan_from_upload_to_approval_and_into_next_year(
    cast, live_server, page, tmp_path, settings
):
    settings.VAR_DIR = tmp_path
    seed = tmp_path / "jondor-2026.txt"
    seed.write_bytes(SEED_2026.read_bytes())

    # Jondor's director uploads the 2026 plan, sees the findings, keeps it.
    login(page, live_server, "jondor-direktor")
    page.click("text=Ish rejalari")
    page.click("text=Yangi reja")
    page.set_input_files("#id_file", str(seed))
    page.click("text=Yuklash va tekshirish")
    page.wait_for_selector("text=Hali hech narsa saqlanmadi")
    assert page.locator(".finding.warning", has_text="reja 300 fakt 365").count() == 1
    page.click("#confirm-upload")
    page.wait_for_selector("#findings")
    plan = Plan.objects.get(centre=cast.jondor, year=2026)

    # They fix a finding: item 19's target was below last year's actual; the panel updates as they type.
    row = _row(page, "19")
    row.get_by_role("button", name="Tahrirlash").click()
    form = page.locator("form.item-form")
    form.locator("input[name=plan_text]").fill("400")
    page.wait_for_selector(".saved")
    assert page.locator("#findings", has_text="reja 300 fakt 365").count() == 0
    form.get_by_role("button", name="Saqlash").click()
    page.wait_for_selector("form.item-form", state="detached")
    page.click("#submit-plan")
    page.wait_for_selector("text=Reja kelishish uchun viloyat markaziga yuborildi.")
    logout(page)

    # The Buxoro methodologist finds it on the home page, comments on item 13 and returns the plan.
    login(page, live_server, "buxoro-metodist")
    page.click(f"a[href='{reverse('plans:detail', args=[plan.pk])}']")
    page.select_option("#comment-item", value=str(plan.items.get(number="13").pk))
    page.fill("#comment-text", "So'rovnoma natijalarini har chorakda taqdim eting.")
    page.click("text=Izoh qoldirish")
    page.fill("#return-note", "13-bandning muddatini aniqlang.")
    page.click("#return-plan")
    page.wait_for_selector("text=Reja izohlar bilan qaytarildi.")
    logout(page)

    # The director sees the comment beside item 13, changes the item and submits again.
    login(page, live_server, "jondor-direktor")
    page.goto(f"{live_server.url}{reverse('plans:detail', args=[plan.pk])}")
    assert _row(page, "13").locator(".comment-row", has_text="har chorakda").count() == 1
    _row(page, "13").get_by_role("button", name="Tahrirlash").click()
    page.locator("form.item-form input[name=deadline_text]").fill("2026-yil har chorakda")
    page.locator("form.item-form").get_by_role("button", name="Saqlash").click()
    page.wait_for_selector("form.item-form", state="detached")
    assert "har chorak" in _row(page, "13").inner_text()
    page.click("#submit-plan")
    page.wait_for_selector("text=Reja kelishish uchun viloyat markaziga yuborildi.")
    logout(page)

    # The region agrees; the director approves.
    login(page, live_server, "buxoro-metodist")
    page.goto(f"{live_server.url}{reverse('plans:detail', args=[plan.pk])}")
    page.click("#agree-plan")
    page.wait_for_selector("text=Reja kelishildi.")
    logout(page)
    login(page, live_server, "jondor-direktor")
    page.goto(f"{live_server.url}{reverse('plans:detail', args=[plan.pk])}")
    page.click("#approve-plan")
    page.wait_for_selector("text=Reja tasdiqlandi va kuchga kirdi.")
    plan.refresh_from_db()
    assert plan.status == PlanStatus.APPROVED

    # In force: read-only, signature blocks filled, the .docx downloads and opens.
    assert page.get_by_role("button", name="Tahrirlash").count() == 0
    assert page.locator(".sign.right", has_text="R. Halimov").count() == 1
    with page.expect_download() as download_info:
        page.click("text=Word (.docx)")
    document = docx.Document(str(download_info.value.path()))
    text = "\n".join(p.text for p in document.paragraphs)
    signatures = document.tables[0].rows[0].cells[-1].text
    assert "ISH REJASI" in text and "TASDIQLAYMAN" in signatures and "R. Halimov" in signatures

    # Rollover of the approved plan into next year.
    page.click("#rollover-plan")
    page.wait_for_selector("text=2027-yil uchun reja loyihasi yaratildi.")
    assert "2027-yil davomida" in page.inner_text("table.plan-table")
    logout(page)

    # The director of another district learns nothing about it.
    login(page, live_server, "gijduvon-direktor")
    for url in (reverse("plans:detail", args=[plan.pk]), reverse("plans:download", args=[plan.pk, "docx"])):
        response = page.request.get(f"{live_server.url}{url}")
        assert response.status == 404
