import datetime as dt
import html

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from ishreja.plans.models import PlanStatus
from ishreja.progress.models import CalendarToken, DiaryEntry, Evidence, ItemProgress

HEADER = "date;service;visits;loans;users_new;users_reregistered;events;event_participants\n"


def login(client, user):
    client.force_login(user)
    return client


def progress_url(items, month=3):
    return reverse("progress:plan-progress", args=[items.plan.pk, month])


def save_url(item, month=3):
    return reverse("progress:item-progress-save", args=[item.pk, month])


# --- the progress page ----------------------------------------------------------------------------------


def test_it_shows_the_months_progress_with_diary_figures_and_their_source(client, cast, items, diary):
    diary(dt.date(2026, 3, 2), visits=12)
    diary(dt.date(2026, 3, 3), visits=30)

    page = login(client, cast.jondor_staff).get(progress_url(items)).content.decode()

    assert "Foydalanuvchilar qatnovi" in page and "Kitobxon onalar kuni" in page
    assert '<strong class="diary-value">42</strong>' in page
    assert "kundalik: 2026-03" in page
    assert page.count('name="version"') == 3  # visits, users and meeting are lending's; trained is not


def test_it_loads_the_progress_page_in_a_fixed_number_of_queries(
    client, cast, items, make_item, django_assert_num_queries
):
    login(client, cast.jondor_director)
    client.get(progress_url(items))  # warm the session
    for n in range(20):
        extra = make_item(items.plan, name=f"Qo'shimcha {n}", plan_values=["5"])
        ItemProgress.objects.create(item=extra, month=3, values=["1"])
    with django_assert_num_queries(11):
        assert client.get(progress_url(items)).status_code == 200


def test_it_lets_reviewers_above_read_and_hides_the_plan_from_others(client, cast, items):
    page = login(client, cast.buxoro_methodologist).get(progress_url(items))
    assert page.status_code == 200 and 'name="version"' not in page.content.decode()
    assert login(client, cast.samarqand_staff).get(progress_url(items)).status_code == 404
    assert login(client, cast.gijduvon_director).get(progress_url(items)).status_code == 404


def test_it_has_no_progress_page_for_a_plan_not_in_force(client, cast, plan_of):
    draft = plan_of(cast.jondor, year=2027)
    assert (
        login(client, cast.jondor_director)
        .get(reverse("progress:plan-progress", args=[draft.pk, 1]))
        .status_code
        == 404
    )


def test_it_saves_an_items_month_through_htmx(client, cast, items):
    response = login(client, cast.jondor_staff).post(
        save_url(items.users),
        {"version": 0, "values": ["100", "40", "60"], "status": "", "note": "Yanvar"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert "Saqlandi." in response.content.decode()
    assert ItemProgress.objects.get(item=items.users, month=3).values == ["100", "40", "60"]


def test_it_refuses_a_staff_member_an_item_of_another_service(client, cast, items):
    response = login(client, cast.jondor_staff).post(save_url(items.trained), {"version": 0, "values": ["3"]})
    assert response.status_code == 403
    assert (
        login(client, cast.samarqand_staff).post(save_url(items.trained), {"version": 0}).status_code == 404
    )
    assert not ItemProgress.objects.exists()


def test_it_shows_the_other_persons_value_and_keeps_what_was_typed_on_a_stale_save(client, cast, items):
    ItemProgress.objects.create(
        item=items.users, month=3, values=["50", "20", "30"], version=2, updated_by=cast.jondor_director
    )

    response = login(client, cast.jondor_staff).post(
        save_url(items.users),
        {"version": 1, "values": ["77", "7", "70"], "note": "mening"},
        HTTP_HX_REQUEST="true",
    )

    page = response.content.decode()
    assert "Halimov" in page and "50 20 30" in page  # who saved, and what
    assert 'value="77"' in page and 'value="70"' in page and ">mening</textarea>" in page
    assert 'name="version" value="2"' in page
    assert ItemProgress.objects.get().values == ["50", "20", "30"]


def test_it_refuses_a_renamed_executable_as_evidence_and_leaves_no_file(
    client, cast, items, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    upload = SimpleUploadedFile("rasm.jpg", b"MZ\x90\x00" + b"\x00" * 200, content_type="image/jpeg")

    response = login(client, cast.jondor_staff).post(
        reverse("progress:evidence-upload", args=[items.meeting.pk, 3]),
        {"file": upload},
        HTTP_HX_REQUEST="true",
    )

    assert response.status_code == 200
    assert "JPEG, PNG yoki PDF emas" in response.content.decode()
    assert not Evidence.objects.exists()
    assert not any(p.is_file() for p in tmp_path.rglob("*"))


def test_it_serves_evidence_only_to_those_who_see_the_plan(client, cast, items, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    login(client, cast.jondor_staff).post(
        reverse("progress:evidence-upload", args=[items.meeting.pk, 3]),
        {"file": SimpleUploadedFile("akt.pdf", b"%PDF-1.4 test", content_type="application/pdf")},
    )
    evidence = Evidence.objects.get()
    url = reverse("progress:evidence-file", args=[evidence.pk])
    response = login(client, cast.buxoro_methodologist).get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == b"%PDF-1.4 test"
    assert login(client, cast.samarqand_staff).get(url).status_code == 404


# --- indicator links ------------------------------------------------------------------------------------


def test_it_suggests_indicators_and_confirms_them_all(client, cast, items, make_item):
    loans = make_item(
        items.plan, name="Foydalanuvchilarga kitob berilishi hisobini olib borish", unit="Nusxa"
    )
    url = reverse("progress:plan-indicators", args=[items.plan.pk])

    page = login(client, cast.jondor_director).get(url).content.decode()
    assert f'id="suggest-{loans.pk}"' in page and 'value="loans" selected' in page

    client.post(url, {"all": "1"})
    loans.refresh_from_db()
    assert loans.indicator.code == "loans"


def test_it_confirms_one_item_and_only_for_editors(client, cast, items):
    url = reverse("progress:plan-indicators", args=[items.plan.pk])
    assert login(client, cast.buxoro_methodologist).get(url).status_code == 200
    assert client.post(url, {"item": items.trained.pk, "indicator": "staff-trained"}).status_code == 403
    assert login(client, cast.samarqand_staff).get(url).status_code == 404
    login(client, cast.jondor_staff).post(url, {"item": items.trained.pk, "indicator": "staff-trained"})
    items.trained.refresh_from_db()
    assert items.trained.indicator.code == "staff-trained"


# --- the diary ------------------------------------------------------------------------------------------


def test_it_saves_a_day_and_moves_to_the_next_remembering_the_service(client, cast):
    url = reverse("progress:diary", args=[cast.jondor.pk])
    lending = cast.jondor.services.get(code="lending")
    day = timezone.localdate() - dt.timedelta(days=3)
    login(client, cast.jondor_staff)

    response = client.post(
        url,
        {"service": lending.pk, "date": f"{day:%Y-%m-%d}", "visits": "14", "loans": "6"},
        HTTP_HX_REQUEST="true",
    )

    page = response.content.decode()
    assert f'value="{day + dt.timedelta(days=1):%Y-%m-%d}"' in page and "autofocus" in page
    assert "<td>14</td>" in page  # the last 14 days
    entry = DiaryEntry.objects.get()
    assert (entry.visits, entry.loans, entry.users_new, entry.entered_by) == (14, 6, 0, cast.jondor_staff)
    assert client.session["progress_diary_service"] == lending.pk
    # Tomorrow cannot be counted yet.
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    refused = client.post(
        url, {"service": lending.pk, "date": f"{tomorrow:%Y-%m-%d}", "visits": "1"}, HTTP_HX_REQUEST="true"
    )
    assert "Kelajakdagi kun" in refused.content.decode() and DiaryEntry.objects.count() == 1


def test_it_lets_the_region_read_the_diary_and_hides_it_from_other_regions(client, cast):
    url = reverse("progress:diary", args=[cast.jondor.pk])
    page = login(client, cast.buxoro_methodologist).get(url)
    assert (
        page.status_code == 200 and '<form method="post" class="card diary-form"' not in page.content.decode()
    )
    assert client.post(url, {"date": "2026-03-02"}).status_code == 403
    assert login(client, cast.samarqand_staff).get(url).status_code == 404


def test_it_previews_a_csv_with_every_bad_row_and_saves_nothing(client, cast):
    url = reverse("progress:diary-import", args=[cast.jondor.pk])
    today = timezone.localdate()
    data = (
        HEADER
        + f"{today:%Y-%m-%d};lending;5;1;0;0;0;0\n"
        + "31.02.2026;lending;5;1;0;0;0;0\n"
        + f"{today:%Y-%m-%d};digital;1;x;0;0;0;0\n"
    ).encode()

    response = login(client, cast.jondor_staff).post(url, {"file": SimpleUploadedFile("d.csv", data)})

    page = response.content.decode()
    assert "3-qator, «date» ustuni" in page
    assert "4-qator, «service» ustuni" in page and "4-qator, «loans» ustuni" in page
    assert 'name="confirm"' not in page
    assert not DiaryEntry.objects.exists() and "progress_diary_import" not in client.session


def test_it_imports_a_good_csv_only_after_confirmation(client, cast):
    url = reverse("progress:diary-import", args=[cast.jondor.pk])
    today = timezone.localdate()
    yesterday = today - dt.timedelta(days=1)
    lending = cast.jondor.services.get(code="lending")
    DiaryEntry.objects.create(centre=cast.jondor, service=lending, date=yesterday, visits=1)
    data = (
        "\ufeff"
        + HEADER.replace(";", ",")
        + f"{yesterday:%d.%m.%Y},lending,9,2,0,0,0,0\n{today:%Y-%m-%d},lending,3,1,0,0,0,0\n"
    ).encode()

    page = (
        login(client, cast.jondor_staff)
        .post(url, {"file": SimpleUploadedFile("d.csv", data)})
        .content.decode()
    )
    assert "1 ta yangi kun, 1 ta mavjud kun yangilanadi" in page
    assert DiaryEntry.objects.get(date=yesterday).visits == 1

    assert client.post(url, {"confirm": "1", "key": "wrong"}).status_code == 302
    assert DiaryEntry.objects.count() == 1

    key = client.session["progress_diary_import"]["key"]
    response = client.post(url, {"confirm": "1", "key": key}, follow=True)
    assert "1 ta yangi kun qo'shildi, 1 ta kun yangilandi" in html.unescape(response.content.decode())
    assert DiaryEntry.objects.get(date=yesterday).visits == 9 and DiaryEntry.objects.count() == 2
    assert login(client, cast.buxoro_methodologist).get(url).status_code == 403


# --- calendar and feed ----------------------------------------------------------------------------------


def test_it_shows_a_months_due_items_filtered_by_service(client, cast, items):
    url = reverse("progress:calendar", args=[cast.jondor.pk])
    bibliography = cast.jondor.services.get(code="bibliography")
    page = login(client, cast.jondor_staff).get(url, {"month": "2026-09"}).content.decode()
    assert "Xodimlar malakasini oshirish" in page and "30.09.2026" in page
    lending_only = client.get(
        url, {"month": "2026-09", "service": cast.jondor.services.get(code="lending").pk}
    )
    assert "Xodimlar malakasini" not in lending_only.content.decode()
    assert (
        "Xodimlar malakasini"
        in client.get(url, {"month": "2026-09", "service": bibliography.pk}).content.decode()
    )
    assert login(client, cast.samarqand_staff).get(url).status_code == 404


def test_it_feeds_the_calendar_by_secret_token_with_stable_uids(client, cast, items):
    login(client, cast.jondor_staff).post(reverse("progress:calendar-token"), {"action": "renew"})
    token = CalendarToken.objects.get(user=cast.jondor_staff, revoked_at__isnull=True)
    url = reverse("progress:calendar-feed", args=[token.token, cast.jondor.pk])
    client.logout()

    first, second = client.get(url), client.get(url)

    assert first["Content-Type"].startswith("text/calendar")
    events = [c for c in Calendar.from_ical(first.content).walk("VEVENT")]
    uids = {str(e["UID"]) for e in events}
    assert uids == {str(e["UID"]) for e in Calendar.from_ical(second.content).walk("VEVENT")}
    assert len(uids) == len(events) == 4 + 1 + 1 + 12  # quarterly, year, quarters II–III, monthly on the 17th
    starts = {e.decoded("DTSTART") for e in events if "malakasini" in str(e["SUMMARY"])}
    assert starts == {dt.date(2026, 9, 30)}

    login(client, cast.jondor_staff).post(reverse("progress:calendar-token"), {"action": "revoke"})
    client.logout()
    assert client.get(url).status_code == 404


def test_it_gives_a_token_no_more_than_its_person_may_see(client, cast, items):
    token = CalendarToken.objects.create(user=cast.samarqand_staff)
    assert (
        client.get(reverse("progress:calendar-feed", args=[token.token, cast.jondor.pk])).status_code == 404
    )
    assert client.get(reverse("progress:calendar-feed", args=["nope", cast.jondor.pk])).status_code == 404


def test_it_renders_the_overdue_panel_for_the_home_page(cast, items):
    request = RequestFactory().get("/")
    request.user = cast.jondor_staff
    html = Template("{% load progress %}{% overdue_panel %}").render(Context({"request": request}))
    assert "Muddati o'tgan bandlar" in html
    if timezone.localdate() > dt.date(2026, 3, 31):
        assert "Foydalanuvchilar qatnovi" in html


@pytest.mark.parametrize("status", [PlanStatus.DRAFT, PlanStatus.SUBMITTED])
def test_it_offers_no_progress_entry_on_plans_not_in_force(client, cast, items, status):
    items.plan.status = status
    items.plan.save()
    assert login(client, cast.jondor_director).get(progress_url(items)).status_code == 404
