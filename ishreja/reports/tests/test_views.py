import pytest
from django.urls import reverse

from ishreja.reports import services
from ishreja.reports.models import ReportStatus
from ishreja.reports.periods import period_from_slug

Q1 = period_from_slug(2026, "q1")


@pytest.fixture
def report(cast, world):
    return services.report_create(centre=cast.jondor, period=Q1, user=cast.jondor_director)


def _as(client, user):
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    ("person", "status"),
    [
        ("jondor_director", 200),
        ("jondor_staff", 200),
        ("buxoro_methodologist", 200),
        ("national_admin", 200),
        ("gijduvon_director", 404),
        ("samarqand_staff", 404),
    ],
)
def test_it_shows_the_report_to_its_people_and_404_to_strangers(client, cast, report, person, status):
    response = _as(client, cast.person(person)).get(reverse("reports:report-detail", args=[report.pk]))
    assert response.status_code == status
    export = client.get(reverse("reports:report-export", args=[report.pk, "xlsx"]))
    assert export.status_code == status


def test_it_sends_anonymous_visitors_to_log_in(client, report):
    response = client.get(reverse("reports:report-detail", args=[report.pk]))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_it_previews_a_period_and_starts_the_report(client, cast, world):
    url = reverse("reports:centre-period", args=[cast.jondor.pk, 2026, "q1"])
    response = _as(client, cast.jondor_staff).get(url)
    assert response.status_code == 200
    assert "Kitob berilishi" in response.content.decode()
    chart = client.get(reverse("reports:centre-period-chart", args=[cast.jondor.pk, 2026, "q1"]))
    assert chart.content.decode().startswith("<svg")
    created = client.post(reverse("reports:report-create", args=[cast.jondor.pk, 2026, "q1"]))
    assert created.status_code == 302
    assert client.get(url).status_code == 302  # the period now opens its report


def test_it_refuses_a_bad_period_and_a_strangers_centre(client, cast, world):
    client.force_login(cast.jondor_director)
    assert client.get(reverse("reports:centre-period", args=[cast.jondor.pk, 2026, "q9"])).status_code == 404
    assert (
        client.get(reverse("reports:centre-period", args=[cast.gijduvon.pk, 2026, "q1"])).status_code == 404
    )
    assert (
        client.post(reverse("reports:report-create", args=[cast.gijduvon.pk, 2026, "q1"])).status_code == 404
    )


def test_it_saves_reasons_and_runs_the_workflow_through_the_pages(client, cast, report):
    client.force_login(cast.jondor_staff)
    missing = report.lines.filter(needs_reason=True)
    data = {f"reason-{line.pk}": "Ta'mir ishlari" for line in missing}
    assert client.post(reverse("reports:report-reasons", args=[report.pk]), data).status_code == 302
    partial = client.post(reverse("reports:report-reasons", args=[report.pk]), data, HTTP_HX_REQUEST="true")
    assert 'id="report-lines"' in partial.content.decode() and "<html" not in partial.content.decode()
    # Staff may prepare reasons but not submit: the step is refused and the report stays a draft.
    client.post(reverse("reports:report-submit", args=[report.pk]))
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT

    _as(client, cast.jondor_director).post(reverse("reports:report-submit", args=[report.pk]))
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    # A sibling district cannot even see it; the regional centre returns it with a comment.
    assert (
        _as(client, cast.gijduvon_director)
        .post(reverse("reports:report-accept", args=[report.pk]))
        .status_code
        == 404
    )
    _as(client, cast.buxoro_methodologist).post(
        reverse("reports:report-return", args=[report.pk]), {"note": "Tekshiring"}
    )
    report.refresh_from_db()
    assert report.status == ReportStatus.RETURNED
    page = _as(client, cast.jondor_director).get(reverse("reports:report-detail", args=[report.pk]))
    assert "Tekshiring" in page.content.decode()


def test_it_forbids_review_steps_to_the_centre_itself(client, cast, report):
    client.force_login(cast.jondor_director)
    response = client.post(reverse("reports:report-accept", args=[report.pk]))
    assert response.status_code == 403


def test_it_draws_the_reports_completion_chart_for_its_people_only(client, cast, report):
    url = reverse("reports:report-chart", args=[report.pk])
    assert "<svg" in _as(client, cast.jondor_staff).get(url).content.decode()
    assert _as(client, cast.gijduvon_director).get(url).status_code == 404


def test_it_drills_down_to_the_diary_days_behind_a_line(client, cast, report):
    line = report.lines.get(name="Foydalanuvchilar qatnovi")
    response = _as(client, cast.buxoro_methodologist).get(
        reverse("reports:line-detail", args=[report.pk, line.pk])
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "05.01.2026" in body and "02.03.2026" in body and "01.04.2026" not in body
    users = report.lines.get(name="Ro'yxatdan o'tgan foydalanuvchilar")
    body = client.get(reverse("reports:line-detail", args=[report.pk, users.pk])).content.decode()
    assert "750 50 700" in body


@pytest.mark.parametrize("fmt", ["docx", "xlsx", "pdf"])
def test_it_downloads_the_report_and_the_consolidation(client, cast, report, fmt):
    client.force_login(cast.buxoro_methodologist)
    response = client.get(reverse("reports:report-export", args=[report.pk, fmt]))
    assert response.status_code == 200 and response["Content-Disposition"].endswith(f'.{fmt}"')
    response = client.get(reverse("reports:consolidation-export", args=[cast.buxoro.pk, 2026, "q1", fmt]))
    assert response.status_code == 200
    assert client.get(reverse("reports:report-export", args=[report.pk, "exe"])).status_code == 404


def test_it_shows_the_region_its_districts_and_a_stranger_nothing(client, cast, world):
    url = reverse("reports:consolidation", args=[cast.buxoro.pk, 2026, "q1"])
    body = _as(client, cast.buxoro_methodologist).get(url).content.decode()
    assert "Jondor" in body and "G&#x27;ijduvon" in body
    chart = reverse("reports:consolidation-chart", args=[cast.buxoro.pk, 2026, "q1"])
    assert "<svg" in client.get(chart + "?chart=visits").content.decode()
    assert _as(client, cast.samarqand_staff).get(chart).status_code == 404
    assert _as(client, cast.samarqand_staff).get(url).status_code == 404
    assert _as(client, cast.gijduvon_director).get(url).status_code == 404
    national = reverse("reports:consolidation", args=[cast.national.pk, 2026, "q1"])
    assert client.get(national).status_code == 404
    assert _as(client, cast.national_admin).get(national).status_code == 200


def test_it_starts_each_person_at_their_own_level(client, cast, world):
    home = reverse("reports:consolidation-home")
    assert "/consolidation/" in _as(client, cast.national_admin).get(home)["Location"]
    assert "/centres/" in _as(client, cast.jondor_director).get(home)["Location"]
    assert _as(client, cast.jondor_director).get(reverse("reports:reports")).status_code == 200


@pytest.mark.parametrize("extra", [0, 3])
def test_it_renders_the_consolidation_in_a_fixed_number_of_queries(
    client, cast, world, more_districts, extra, django_assert_num_queries
):
    more_districts(extra)  # 2 and 5 districts
    client.force_login(cast.national_admin)
    url = reverse("reports:consolidation", args=[cast.buxoro.pk, 2026, "q1"])
    client.get(reverse("reports:reports"))  # the session's "last seen" is written on the first request
    # Session, user, memberships, the centre; then the consolidation's 7 queries.
    with django_assert_num_queries(11):
        assert client.get(url).status_code == 200
    with django_assert_num_queries(11):
        assert (
            client.get(reverse("reports:consolidation", args=[cast.national.pk, 2026, "q1"])).status_code
            == 200
        )


@pytest.mark.parametrize("extra_items", [0, 10])
def test_it_renders_a_report_in_a_fixed_number_of_queries(
    client, cast, world, report, extra_items, django_assert_num_queries
):
    from ishreja.reports.tests.conftest import add_item

    for n in range(extra_items):
        add_item(world.plan, name=f"Qo'shimcha {n}", plan_values=["5"], indicator=world.indicators["events"])
    services.report_refresh(report=report, user=cast.jondor_director)
    client.force_login(cast.jondor_director)
    client.get(reverse("reports:reports"))  # the session's "last seen" is written on the first request
    # Session, user, memberships, the report (with centre and plan), its lines, events, versions.
    with django_assert_num_queries(7):
        assert client.get(reverse("reports:report-detail", args=[report.pk])).status_code == 200


def test_it_switches_the_consolidation_to_the_accepted_reports_and_keeps_strangers_out(client, cast, world):
    url = reverse("reports:consolidation", args=[cast.buxoro.pk, 2026, "q1"]) + "?source=reported"
    body = _as(client, cast.buxoro_methodologist).get(url).content.decode()
    assert "Faqat qabul qilingan hisobotlar qatorlari" in body and 'id="source-switch"' in body
    export = reverse("reports:consolidation-export", args=[cast.buxoro.pk, 2026, "q1", "xlsx"])
    assert client.get(export + "?source=reported").status_code == 200
    assert _as(client, cast.samarqand_staff).get(url).status_code == 404
