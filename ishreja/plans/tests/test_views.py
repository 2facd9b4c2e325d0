"""The plan pages as each person of the cast sees them."""

import io

import docx
import pytest
from django.urls import reverse

from ishreja.plans.models import Plan, PlanItem, PlanStatus
from ishreja.plans.tests.conftest import SEED_2026


def test_it_lists_only_the_plans_a_person_may_see(cast, client, plan_of):
    plan_of(cast.jondor)
    plan_of(cast.samarqand_city)
    client.force_login(cast.buxoro_methodologist)
    page = client.get(reverse("plans:list")).content.decode()
    assert "Jondor tuman" in page and "Samarqand shahar" not in page


def test_it_lists_plans_with_a_fixed_number_of_queries(cast, client, plan_of, django_assert_max_num_queries):
    for year in range(2010, 2040):
        plan_of(cast.jondor, year=year)
    client.force_login(cast.jondor_director)
    client.get(reverse("plans:list"))
    with django_assert_max_num_queries(8):
        response = client.get(reverse("plans:list"), {"status": "draft"})
    assert response.content.decode().count("Jondor tuman") >= 30


def test_it_shows_the_plan_as_the_official_table_with_findings_beside_items(cast, client, seed_plan):
    client.force_login(cast.jondor_director)
    page = client.get(reverse("plans:detail", args=[seed_plan.pk])).content.decode()
    assert "KELISHILDI" in page and "TASDIQLAYMAN" in page and "2025-yil (fakt)" in page
    assert "IV. ASOSIY ISHLAB CHIQRISH FAOLIYATI" in page
    assert "19-band: 15-banddan keyin 16–18-bandlar yo&#x27;q" in page or "16–18-bandlar" in page
    assert "Kelishish uchun yuborish" in page


def test_it_renders_the_plan_page_with_the_same_queries_whatever_its_size(cast, client, seed_plan, plan_of):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    small = plan_of(cast.jondor, year=2030)
    section = small.sections.create(number="I", title="X", order=1)
    PlanItem.objects.create(plan=small, section=section, order=1, number="1", name="Bitta band")
    client.force_login(cast.jondor_director)
    counts = []
    for plan in (small, seed_plan):
        client.get(reverse("plans:detail", args=[plan.pk]))
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("plans:detail", args=[plan.pk])).status_code == 200
        counts.append(len(ctx))
    assert counts[0] == counts[1] <= 14, counts


@pytest.mark.parametrize("person", ["gijduvon_director", "samarqand_staff", "national_admin"])
def test_it_hides_a_plan_from_strangers_and_lets_the_nation_read(cast, client, seed_plan, person):
    client.force_login(cast.person(person))
    urls = [
        reverse("plans:detail", args=[seed_plan.pk]),
        reverse("plans:download", args=[seed_plan.pk, "docx"]),
    ]
    expected = 200 if person == "national_admin" else 404
    assert [client.get(u).status_code for u in urls] == [expected, expected]


def test_it_sends_an_anonymous_visitor_to_login(client, seed_plan):
    assert client.get(reverse("plans:detail", args=[seed_plan.pk])).status_code == 302


def test_it_refuses_a_reader_who_tries_to_edit(cast, client, seed_plan):
    item = seed_plan.items.get(number="1")
    client.force_login(cast.buxoro_methodologist)
    url = reverse("plans:item-edit", args=[seed_plan.pk, item.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"version": item.version, "name": "x"}, HTTP_HX_REQUEST="true").status_code == 403
    assert client.post(reverse("plans:action", args=[seed_plan.pk, "submit"])).status_code == 302
    seed_plan.refresh_from_db()
    assert seed_plan.status == PlanStatus.DRAFT


def test_it_downloads_a_docx_that_opens(cast, client, seed_plan):
    client.force_login(cast.jondor_director)
    response = client.get(reverse("plans:download", args=[seed_plan.pk, "docx"]))
    assert response["Content-Disposition"] == 'attachment; filename="ish-rejasi-1706246-2026.docx"'
    document = docx.Document(io.BytesIO(response.content))
    assert any("ISH REJASI" in p.text for p in document.paragraphs)


def test_it_autosaves_an_item_and_answers_with_the_new_version_and_findings(cast, client, seed_plan):
    item = seed_plan.items.get(number="19")
    client.force_login(cast.jondor_director)
    url = reverse("plans:item-edit", args=[seed_plan.pk, item.pk])
    form = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert 'name="plan_text"' in form and 'value="300"' in form
    data = {
        "version": item.version,
        "number": "19",
        "name": item.name,
        "unit": "Nafar",
        "fact_text": "365",
        "plan_text": "400",
        "deadline_text": "2026-yil davomida",
        "autosave": "1",
    }
    response = client.post(url, data, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200 and "Saqlandi" in body
    assert f'value="{item.version + 1}"' in body
    assert "reja 300 fakt 365" not in body  # the target-below-fact warning is gone
    stale = client.post(url, data | {"plan_text": "500"}, HTTP_HX_REQUEST="true")
    assert stale.status_code == 409 and "400" in stale.content.decode()
    item.refresh_from_db()
    assert item.plan_values == ["400"]


def test_it_previews_an_upload_before_storing_it(cast, client, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    client.force_login(cast.jondor_director)
    upload = io.BytesIO(SEED_2026.read_bytes())
    upload.name = "jondor-2026.txt"
    preview = client.post(reverse("plans:upload"), {"file": upload})
    assert preview.status_code == 200 and "Hali hech narsa saqlanmadi" in preview.content.decode()
    assert not Plan.objects.exists()
    token = preview.context["token"]
    response = client.post(reverse("plans:upload-confirm", args=[token]))
    plan = Plan.objects.get()
    assert response["Location"] == reverse("plans:detail", args=[plan.pk])
    assert not list((tmp_path / "pending-uploads").iterdir())


def test_it_refuses_a_bad_upload_and_keeps_no_trace(cast, client, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    client.force_login(cast.jondor_director)
    upload = io.BytesIO(b"MZ\x90\x00" + b"\x00" * 2000)
    upload.name = "reja.docx"
    response = client.post(reverse("plans:upload"), {"file": upload})
    assert response.status_code == 200 and "emas" in response.content.decode()
    assert not Plan.objects.exists()
    assert not (tmp_path / "pending-uploads").exists() or not list((tmp_path / "pending-uploads").iterdir())


def test_it_shows_what_changed_between_two_revisions(cast, client, seed_plan):
    from ishreja.plans import services

    seed_plan.status = PlanStatus.APPROVED
    seed_plan.save()
    amendment = services.plan_amend(plan=seed_plan, user=cast.jondor_director)
    item = amendment.items.get(number="19")
    services.item_update(
        item=item,
        user=cast.jondor_director,
        version=item.version,
        data=services.ItemData(
            number="19",
            name=item.name,
            unit="Nafar",
            plan_text="420",
            fact_text="365",
            deadline_text=item.deadline_text,
        ),
    )
    client.force_login(cast.buxoro_methodologist)
    page = client.get(reverse("plans:compare", args=[amendment.pk, seed_plan.pk])).content.decode()
    assert "420" in page and "300" in page and "o'zgargan" in page


def test_it_shows_every_change_at_once_although_the_table_is_cached(cast, client, seed_plan):
    from ishreja.plans import services

    client.force_login(cast.buxoro_methodologist)
    url = reverse("plans:detail", args=[seed_plan.pk])
    assert "4321" not in client.get(url).content.decode()
    item = seed_plan.items.get(number="19")
    services.item_update(
        item=item,
        user=cast.jondor_director,
        version=item.version,
        data=services.ItemData(number="19", name=item.name, plan_text="4321"),
    )
    assert "4321" in client.get(url).content.decode()
    services.comment_add(plan=seed_plan, user=cast.buxoro_methodologist, text="Yangi izoh matni", item=item)
    assert "Yangi izoh matni" in client.get(url).content.decode()
    client.force_login(cast.jondor_director)  # an editor gets the editing tools, not the reader's copy
    assert "Tahrirlash" in client.get(url).content.decode()


def test_it_lets_a_person_with_two_centres_choose_where_an_upload_goes(cast, client, settings, tmp_path):
    from ishreja.accounts.models import Membership, Role

    settings.VAR_DIR = tmp_path
    Membership.objects.create(user=cast.jondor_director, centre=cast.gijduvon, role=Role.DEPUTY)
    client.force_login(cast.jondor_director)
    assert "Qaysi markaz uchun" in client.get(reverse("plans:upload")).content.decode()
    upload = io.BytesIO(SEED_2026.read_bytes())
    upload.name = "reja.txt"
    preview = client.post(reverse("plans:upload"), {"file": upload, "centre": cast.gijduvon.pk})
    client.post(reverse("plans:upload-confirm", args=[preview.context["token"]]))
    assert Plan.objects.get().centre == cast.gijduvon


def test_it_never_stores_an_upload_for_a_centre_the_person_does_not_edit(cast, client, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    client.force_login(cast.jondor_director)
    upload = io.BytesIO(SEED_2026.read_bytes())
    upload.name = "reja.txt"
    preview = client.post(reverse("plans:upload"), {"file": upload, "centre": cast.samarqand_city.pk})
    assert preview.context["centre"] == cast.jondor
    client.post(reverse("plans:upload-confirm", args=[preview.context["token"]]))
    assert Plan.objects.get().centre == cast.jondor
