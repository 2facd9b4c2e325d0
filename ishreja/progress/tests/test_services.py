import datetime as dt
from pathlib import Path

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from ishreja.indicators.services import plan_items_link_indicators
from ishreja.plans.models import PlanStatus
from ishreja.progress.diary_csv import DiaryRow
from ishreja.progress.models import DiaryEntry, Evidence, ItemProgress, ReminderSent
from ishreja.progress.selectors import overdue_for_user
from ishreja.progress.services import (
    StaleProgressError,
    calendar_token_renew,
    diary_entry_save,
    diary_rows_import,
    evidence_add,
    item_progress_save,
)

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
EXE = b"MZ\x90\x00" + b"\x00" * 64


@pytest.fixture
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def test_it_saves_a_month_and_refuses_a_save_on_stale_data(cast, items):
    first = item_progress_save(
        user=cast.jondor_staff, item=items.users, month=3, version=0, values=["10", "4", "6"]
    )
    assert (first.values, first.version) == (["10", "4", "6"], 1)

    # The director corrects it; the staff member's form still says version 1.
    item_progress_save(
        user=cast.jondor_director, item=items.users, month=3, version=1, values=["12", "4", "8"]
    )
    with pytest.raises(StaleProgressError) as stale:
        item_progress_save(
            user=cast.jondor_staff, item=items.users, month=3, version=1, values=["11", "4", "7"]
        )

    assert stale.value.current.values == ["12", "4", "8"]
    assert ItemProgress.objects.get(item=items.users, month=3).version == 2


def test_it_refuses_half_filled_parts_and_words(cast, items):
    with pytest.raises(ValidationError):
        item_progress_save(
            user=cast.jondor_staff, item=items.users, month=1, version=0, values=["10", "", "6"]
        )
    with pytest.raises(ValidationError):
        item_progress_save(
            user=cast.jondor_staff, item=items.users, month=1, version=0, values=["o'n", "1", "2"]
        )
    saved = item_progress_save(
        user=cast.jondor_staff, item=items.users, month=1, version=0, values=["", "", ""]
    )
    assert saved.values == []


def test_it_keeps_diary_fed_items_figures_out_of_the_monthly_entry(cast, items):
    saved = item_progress_save(
        user=cast.jondor_staff, item=items.visits, month=2, version=0, values=["999"], status="in_progress"
    )
    assert saved.values == [] and saved.status == "in_progress"


def test_it_lets_staff_enter_only_their_services_items(cast, items):
    # "trained" is the bibliography service's; the staff member works in lending.
    with pytest.raises(PermissionDenied):
        item_progress_save(user=cast.jondor_staff, item=items.trained, month=1, version=0, values=["1"])
    item_progress_save(user=cast.jondor_director, item=items.trained, month=1, version=0, values=["1"])
    for outsider in (cast.buxoro_methodologist, cast.gijduvon_director):
        with pytest.raises(PermissionDenied):
            item_progress_save(user=outsider, item=items.meeting, month=1, version=0, status="done")


def test_it_enters_progress_only_on_an_approved_plan(cast, items):
    items.plan.status = PlanStatus.SUPERSEDED
    items.plan.save()
    with pytest.raises(ValidationError):
        item_progress_save(user=cast.jondor_director, item=items.meeting, month=1, version=0, status="done")


def test_it_stores_evidence_under_a_random_name_with_its_digest(cast, items, media):
    upload = SimpleUploadedFile("tadbir surati.png", PNG, content_type="application/octet-stream")

    evidence = evidence_add(user=cast.jondor_staff, item=items.meeting, month=5, upload=upload)

    path = Path(evidence.file.path)
    assert path.is_file() and path.parent == media / "evidence" / str(cast.jondor.pk) / "2026"
    assert "surati" not in path.name and path.suffix == ".png"
    assert (evidence.content_type, evidence.original_name, evidence.size) == (
        "image/png",
        "tadbir surati.png",
        len(PNG),
    )
    assert len(evidence.sha256) == 64


def test_it_refuses_a_renamed_executable_and_leaves_no_file(cast, items, media):
    upload = SimpleUploadedFile("dalolatnoma.pdf", EXE, content_type="application/pdf")

    with pytest.raises(ValidationError) as refused:
        evidence_add(user=cast.jondor_staff, item=items.meeting, month=5, upload=upload)

    assert "JPEG, PNG yoki PDF emas" in refused.value.messages[0]
    assert not Evidence.objects.exists()
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))


def test_it_refuses_evidence_over_ten_megabytes(cast, items, media):
    upload = SimpleUploadedFile(
        "katta.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024), content_type="application/pdf"
    )
    with pytest.raises(ValidationError):
        evidence_add(user=cast.jondor_staff, item=items.meeting, month=5, upload=upload)
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))


def test_it_replaces_a_days_counts_on_a_second_save(cast):
    lending = cast.jondor.services.get(code="lending")
    day = dt.date(2026, 3, 2)
    _entry, created = diary_entry_save(
        user=cast.jondor_staff, centre=cast.jondor, service=lending, day=day, counts={"visits": 3}
    )
    _entry, again = diary_entry_save(
        user=cast.jondor_staff, centre=cast.jondor, service=lending, day=day, counts={"visits": 5}
    )
    assert (created, again) == (True, False)
    assert DiaryEntry.objects.get().visits == 5
    with pytest.raises(PermissionDenied):
        diary_entry_save(
            user=cast.jondor_staff,
            centre=cast.jondor,
            service=cast.jondor.services.get(code="digital"),
            day=day,
            counts={},
        )


def test_it_imports_all_rows_or_none(cast):
    lending = cast.jondor.services.get(code="lending")
    digital = cast.jondor.services.get(code="digital")
    DiaryEntry.objects.create(centre=cast.jondor, service=lending, date=dt.date(2026, 3, 2), visits=1)
    counts = dict.fromkeys(
        ["visits", "loans", "users_new", "users_reregistered", "events", "event_participants"], 2
    )
    rows = [
        DiaryRow(2, dt.date(2026, 3, 2), lending.pk, counts),
        DiaryRow(3, dt.date(2026, 3, 3), lending.pk, counts),
    ]

    result = diary_rows_import(user=cast.jondor_staff, centre=cast.jondor, rows=rows)
    assert (result.created, result.updated) == (1, 1)
    assert DiaryEntry.objects.get(date=dt.date(2026, 3, 2)).visits == 2

    # A row for a service the staff member does not work in refuses the whole file.
    more = [
        DiaryRow(2, dt.date(2026, 3, 4), lending.pk, counts),
        DiaryRow(3, dt.date(2026, 3, 4), digital.pk, counts),
    ]
    with pytest.raises(PermissionDenied):
        diary_rows_import(user=cast.jondor_staff, centre=cast.jondor, rows=more)
    assert not DiaryEntry.objects.filter(date=dt.date(2026, 3, 4)).exists()


def test_it_links_items_to_indicators_for_editors_only(cast, items, indicators):
    with pytest.raises(PermissionDenied):
        plan_items_link_indicators(
            user=cast.buxoro_methodologist, plan=items.plan, links={items.trained.pk: "staff-trained"}
        )
    linked = plan_items_link_indicators(
        user=cast.jondor_staff,
        plan=items.plan,
        links={items.trained.pk: "staff-trained", items.visits.pk: "loans"},
    )
    items.visits.refresh_from_db()
    assert linked == 1 and items.visits.indicator.code == "visits"  # an existing link is not overwritten


def test_it_renews_a_calendar_token_revoking_the_old_one(cast):
    first = calendar_token_renew(user=cast.jondor_staff)
    second = calendar_token_renew(user=cast.jondor_staff)
    first.refresh_from_db()
    assert first.revoked_at is not None and second.revoked_at is None and first.token != second.token


def test_it_lists_overdue_items_for_their_people(cast, items):
    # On 2026-04-02 the visits item's Q1 (quarterly) passed without diary counts; the monthly meeting (17th)
    # was last due on 2026-03-17.
    today = dt.date(2026, 4, 2)
    staff = {(d.item.pk, d.due) for d in overdue_for_user(cast.jondor_staff, today)}
    assert staff == {(items.visits.pk, dt.date(2026, 3, 31)), (items.meeting.pk, dt.date(2026, 3, 17))}

    DiaryEntry.objects.create(
        centre=cast.jondor,
        service=cast.jondor.services.get(code="lending"),
        date=dt.date(2026, 2, 3),
        visits=4,
    )
    ItemProgress.objects.create(item=items.meeting, month=3, status="done")
    assert overdue_for_user(cast.jondor_staff, today) == []
    assert overdue_for_user(cast.buxoro_methodologist, today) == []  # not their own centre


def test_it_sends_one_reminder_per_person_per_day(cast, items):
    day = dt.date(2026, 3, 29)  # Q1 ends in 2 days; the 17th of March passed unanswered

    call_command("sendreminders", "--date", "2026-03-29")
    call_command("sendreminders", "--date", "2026-03-29")

    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == ["jondor-direktor@example.uz", "jondor-xodim@example.uz"]
    staff_mail = next(m for m in mail.outbox if m.to == ["jondor-xodim@example.uz"])
    assert "Foydalanuvchilar qatnovi" in staff_mail.body  # due 31.03
    assert "Kitobxon onalar kuni" in staff_mail.body  # overdue since 17.03
    assert "malakasini" not in staff_mail.body  # the bibliography service's item
    assert ReminderSent.objects.filter(date=day).count() == 2


def test_it_sends_nothing_on_a_dry_run(cast, items, capsys):
    call_command("sendreminders", "--date", "2026-03-29", "--dry-run")
    assert mail.outbox == [] and not ReminderSent.objects.exists()
    assert "jondor-xodim@example.uz: yuboriladi" in capsys.readouterr().out


def test_it_finds_deadlines_of_many_centres_in_four_queries(
    cast, items, plan_of, make_item, django_assert_num_queries
):
    from ishreja.progress.selectors import centre_deadlines

    other = plan_of(cast.gijduvon, status=PlanStatus.APPROVED)
    for n in range(15):
        make_item(
            other,
            name=f"Band {n}",
            schedule={"kind": "monthly"},
            responsible=[cast.gijduvon.services.get(code="all")],
        )
    with django_assert_num_queries(4):
        found = centre_deadlines(centre_ids=[cast.jondor.pk, cast.gijduvon.pk], today=dt.date(2026, 4, 2))
    assert sum(d.overdue for d in found) == 2 + 15
