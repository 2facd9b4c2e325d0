"""Writes through the year: diary counts (one day or a whole CSV), an item's monthly progress with
optimistic locking, evidence files, calendar feed keys and the daily reminders."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from ishreja.accounts.models import User
from ishreja.centres.models import Centre, Service
from ishreja.plans.models import PlanItem, PlanStatus
from ishreja.progress import rules
from ishreja.progress.diary_csv import DiaryRow
from ishreja.progress.models import (
    COLUMN_OF_INDICATOR,
    DIARY_COLUMNS,
    CalendarToken,
    DiaryEntry,
    Evidence,
    ItemProgress,
    ProgressStatus,
    ReminderSent,
)

MAX_EVIDENCE_BYTES = 10 * 1024 * 1024
# Types are decided by the file's first bytes, never by its name or the browser's word.
EVIDENCE_SIGNATURES: tuple[tuple[bytes, str, str], ...] = (
    (b"\xff\xd8\xff", "image/jpeg", ".jpg"),
    (b"\x89PNG\r\n\x1a\n", "image/png", ".png"),
    (b"%PDF-", "application/pdf", ".pdf"),
)


class StaleProgressError(Exception):
    """Someone saved the item's month after this person opened it; ``current`` is what they saved."""

    def __init__(self, current: ItemProgress | None) -> None:
        super().__init__("stale progress")
        self.current = current


# --- the diary ----------------------------------------------------------------------------------------


def diary_entry_save(
    *, user: User, centre: Centre, service: Service, day: dt.date, counts: Mapping[str, int]
) -> tuple[DiaryEntry, bool]:
    """Save one day's counts of a service (a second save of the same day replaces them). Returns the entry
    and whether it was new."""
    if not rules.can_enter_service(user, centre, service):
        raise PermissionDenied
    if day > timezone.localdate():
        raise ValidationError({"date": _("Kelajakdagi kun uchun hisob kiritib bo'lmaydi.")})
    with transaction.atomic():
        entry = (
            DiaryEntry.objects.select_for_update().filter(centre=centre, service=service, date=day).first()
        )
        created = entry is None
        entry = entry or DiaryEntry(centre=centre, service=service, date=day)
        for column in DIARY_COLUMNS:
            setattr(entry, column, int(counts.get(column, 0)))
        entry.entered_by = user
        entry.full_clean()
        if created:
            entry.save()
        else:
            entry.save(update_fields=[*DIARY_COLUMNS, "entered_by", "updated_at"])
    return entry, created


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0


@transaction.atomic
def diary_rows_import(*, user: User, centre: Centre, rows: Sequence[DiaryRow]) -> ImportResult:
    """Save every row or none: a day already in the diary is updated, a new one created."""
    services = {s.pk: s for s in centre.services.all()}
    for row in rows:
        service = services.get(row.service_id)
        if service is None or not rules.can_enter_service(user, centre, service):
            raise PermissionDenied
    existing = {
        (e.service_id, e.date): e
        for e in DiaryEntry.objects.select_for_update().filter(
            centre=centre,
            service_id__in={r.service_id for r in rows},
            date__in={r.date for r in rows},
        )
    }
    new: list[DiaryEntry] = []
    changed: list[DiaryEntry] = []
    for row in rows:
        entry = existing.get((row.service_id, row.date))
        if entry is None:
            new.append(DiaryEntry(centre=centre, service_id=row.service_id, date=row.date, entered_by=user))
            entry = new[-1]
        else:
            changed.append(entry)
            entry.entered_by = user
        for column in DIARY_COLUMNS:
            setattr(entry, column, row.counts[column])
    DiaryEntry.objects.bulk_create(new, batch_size=500)
    now = timezone.now()
    for entry in changed:
        entry.updated_at = now
    DiaryEntry.objects.bulk_update(changed, [*DIARY_COLUMNS, "entered_by", "updated_at"], batch_size=500)
    return ImportResult(created=len(new), updated=len(changed))


# --- monthly progress of plan items ---------------------------------------------------------------------


def item_has_figures(item: PlanItem) -> bool:
    """An item counts something when its plan gives figures or it is linked to an indicator; otherwise
    its progress is a status."""
    return bool(item.plan_values or item.fact_values or item.indicator_id)


def item_is_diary_fed(item: PlanItem) -> bool:
    return item.indicator is not None and item.indicator.code in COLUMN_OF_INDICATOR


def item_parts(item: PlanItem) -> int:
    return max(len(item.plan_values), len(item.fact_values), 1)


def _clean_values(item: PlanItem, values: Sequence[str]) -> list[str]:
    texts = [str(v).strip().replace(" ", "").replace(",", ".") for v in values]
    if not any(texts):
        return []
    if len(texts) != item_parts(item) or not all(texts):
        raise ValidationError({"values": _("Barcha qismlarni to'ldiring yoki hammasini bo'sh qoldiring.")})
    cleaned = []
    for text in texts:
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise ValidationError({"values": _('"%(v)s" raqam emas.') % {"v": text}}) from None
        if not number.is_finite() or number < 0:
            raise ValidationError({"values": _("Raqam manfiy bo'lmasligi kerak.")})
        integral = number.to_integral_value()
        cleaned.append(str(integral) if number == integral else str(number.normalize()))
    return cleaned


def _check_entry(*, user: User, item: PlanItem, month: int) -> None:
    """The person enters this item (their service's, or they run the centre), the plan is in force, and
    the month is one of the year's."""
    if not rules.can_enter_item(user, item.plan.centre, item.responsible.all()):
        raise PermissionDenied
    if item.plan.status != PlanStatus.APPROVED:
        raise ValidationError(_("Ijro faqat tasdiqlangan rejaga kiritiladi."))
    if not 1 <= month <= 12:
        raise ValidationError({"month": _("Oy 1 dan 12 gacha bo'ladi.")})


def item_progress_save(
    *,
    user: User,
    item: PlanItem,
    month: int,
    version: int,
    values: Sequence[str] = (),
    status: str | None = None,
    note: str = "",
) -> ItemProgress:
    """Save an item's month. ``version`` is the one the person saw (0 when nothing was saved yet); if
    someone saved since, StaleProgressError carries their row and nothing is written."""
    _check_entry(user=user, item=item, month=month)
    # The diary is the source of a diary-fed item's figures; only its status and note are entered here.
    cleaned = [] if item_is_diary_fed(item) or not item_has_figures(item) else _clean_values(item, values)
    if status and status not in ProgressStatus.values:
        raise ValidationError({"status": _("Holat noto'g'ri.")})
    fields = {"values": cleaned, "status": status or None, "note": note.strip(), "updated_by": user}
    with transaction.atomic():
        current = ItemProgress.objects.filter(item=item, month=month).first()
        if (current.version if current else 0) != version:
            raise StaleProgressError(current)
        if current is None:
            progress = ItemProgress(item=item, month=month, **fields)
            progress.full_clean()
            try:
                with transaction.atomic():
                    progress.save()
            except IntegrityError:
                raise StaleProgressError(
                    ItemProgress.objects.filter(item=item, month=month).first()
                ) from None
            return progress
        for key, value in fields.items():
            setattr(current, key, value)
        current.full_clean()
        saved = ItemProgress.objects.filter(pk=current.pk, version=version).update(
            **fields, version=F("version") + 1, updated_at=timezone.now()
        )
        if not saved:
            raise StaleProgressError(ItemProgress.objects.filter(pk=current.pk).first())
    current.refresh_from_db()
    return current


def _sniff(head: bytes) -> tuple[str, str] | None:
    for signature, content_type, suffix in EVIDENCE_SIGNATURES:
        if head.startswith(signature):
            return content_type, suffix
    return None


def evidence_add(*, user: User, item: PlanItem, month: int, upload: UploadedFile) -> Evidence:
    """Attach a JPEG, PNG or PDF of at most 10 MB to the item's month. A refused file leaves nothing:
    it is checked before anything is written, and a failed save removes what was stored."""
    _check_entry(user=user, item=item, month=month)
    if upload.size is None or upload.size > MAX_EVIDENCE_BYTES:
        raise ValidationError(_("Fayl 10 MB dan katta. Kichikroq fayl yuklang."))
    upload.seek(0)
    sniffed = _sniff(upload.read(16))
    if sniffed is None:
        raise ValidationError(
            _(
                "Bu fayl JPEG, PNG yoki PDF emas (turi fayl ichidan tekshiriladi, nomidan emas). "
                "Faqat rasm (JPEG, PNG) yoki PDF yuklang."
            )
        )
    content_type, suffix = sniffed
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    name = (upload.name or "fayl")[-255:]
    stored = ""
    try:
        with transaction.atomic():
            progress, _created = ItemProgress.objects.get_or_create(
                item=item, month=month, defaults={"updated_by": user}
            )
            progress.item = item  # the upload path reads the item's plan without another query
            evidence = Evidence(
                progress=progress,
                original_name=name,
                content_type=content_type,
                size=upload.size,
                sha256=digest.hexdigest(),
                uploaded_by=user,
            )
            evidence.file.save(f"evidence{suffix}", upload, save=False)
            stored = evidence.file.name or ""
            evidence.full_clean()
            evidence.save()
    except Exception:
        if stored:
            evidence.file.storage.delete(stored)
        raise
    return evidence


# --- calendar feed keys ---------------------------------------------------------------------------------


@transaction.atomic
def calendar_token_renew(*, user: User) -> CalendarToken:
    """Revoke the person's feed key (if any) and issue a new one: the old address stops working."""
    calendar_token_revoke(user=user)
    return CalendarToken.objects.create(user=user)


def calendar_token_revoke(*, user: User) -> int:
    return CalendarToken.objects.filter(user=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now(), updated_at=timezone.now()
    )


# --- reminders ------------------------------------------------------------------------------------------


@dataclass
class ReminderRun:
    sent: list[str] = field(default_factory=list)  # addresses e-mailed (or that would be, in a dry run)
    skipped: int = 0  # people already reminded that day


def reminders_send(*, day: dt.date, dry_run: bool = False) -> ReminderRun:
    """E-mail each centre's responsible staff and director the items due in the next 3 days and the
    overdue ones: one e-mail per person per day, recorded so a second run sends nothing."""
    from ishreja.progress.selectors import reminders_due

    run = ReminderRun()
    already = set(ReminderSent.objects.filter(date=day).values_list("user_id", flat=True))
    for person, deadlines in reminders_due(day=day):
        if person.pk in already:
            run.skipped += 1
            continue
        run.sent.append(person.email)
        if dry_run:
            continue
        context = {
            "person": person,
            "day": day,
            "upcoming": [d for d in deadlines if not d.overdue],
            "overdue": [d for d in deadlines if d.overdue],
            "base_url": settings.ISHREJA_BASE_URL.rstrip("/"),
        }
        with transaction.atomic():
            ReminderSent.objects.create(user=person, date=day, items=len(deadlines))
            send_mail(
                subject=_("Ishreja: %(day)s uchun muddatlar eslatmasi") % {"day": day.strftime("%d.%m.%Y")},
                message=render_to_string("progress/reminder_email.txt", context),
                from_email=None,
                recipient_list=[person.email],
            )
    return run
