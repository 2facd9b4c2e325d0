"""Through the year: the daily diary of counts, each plan item's monthly actual figures or status, and the
evidence files attached to them."""

from __future__ import annotations

import secrets
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ishreja.centres.models import Centre, Service
from ishreja.core.models import TimeStampedModel
from ishreja.plans.models import PlanItem, validate_decimal_list

# The diary's columns and the indicator each one counts. An item linked to one of these indicators takes
# its actual figures from the diary; every other item from its monthly progress.
DIARY_INDICATORS: dict[str, str] = {
    "visits": "visits",
    "loans": "loans",
    "users_new": "users-new",
    "users_reregistered": "users-reregistered",
    "events": "events",
    "event_participants": "event-participants",
}
DIARY_COLUMNS: tuple[str, ...] = tuple(DIARY_INDICATORS)
COLUMN_OF_INDICATOR: dict[str, str] = {code: column for column, code in DIARY_INDICATORS.items()}


class DiaryEntry(TimeStampedModel):
    """One day's counts of one service of a centre (kundalik hisob). A desk without a service of its own
    enters under the centre's "all services" service, so the service is always set and one row per
    (centre, service, day) is a plain unique constraint on every database."""

    centre = models.ForeignKey(
        Centre, on_delete=models.CASCADE, related_name="diary_entries", verbose_name=_("markaz")
    )
    service = models.ForeignKey(
        Service, on_delete=models.PROTECT, related_name="diary_entries", verbose_name=_("xizmat")
    )
    date = models.DateField(_("sana"))
    visits = models.PositiveIntegerField(_("qatnov"), default=0)
    loans = models.PositiveIntegerField(_("kitob berilishi"), default=0)
    users_new = models.PositiveIntegerField(_("yangi foydalanuvchilar"), default=0)
    users_reregistered = models.PositiveIntegerField(_("qayta ro'yxatdan o'tganlar"), default=0)
    events = models.PositiveIntegerField(_("tadbirlar"), default=0)
    event_participants = models.PositiveIntegerField(_("tadbir ishtirokchilari"), default=0)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("kiritgan"),
    )

    class Meta:
        ordering = ["centre", "-date", "service"]
        verbose_name = _("kundalik hisob yozuvi")
        verbose_name_plural = _("kundalik hisob yozuvlari")
        constraints = [
            models.UniqueConstraint(fields=["centre", "service", "date"], name="diaryentry_one_per_day"),
        ]
        indexes = [models.Index(fields=["centre", "date"], name="diaryentry_centre_date")]

    def __str__(self) -> str:
        return f"{self.centre} — {self.service} — {self.date:%Y-%m-%d}"

    def clean(self) -> None:
        if self.service_id and self.centre_id and self.service.centre_id != self.centre_id:
            raise ValidationError({"service": _("Xizmat shu markazga tegishli bo'lishi kerak.")})


class ProgressStatus(models.TextChoices):
    DONE = "done", _("bajarildi")
    IN_PROGRESS = "in_progress", _("bajarilmoqda")
    NOT_DONE = "not_done", _("bajarilmadi")
    NOT_DUE = "not_due", _("muddati kelmagan")


class ItemProgress(TimeStampedModel):
    """A plan item's actual figures (or, for an item without figures, its status) in one month of the plan's
    year. ``values`` are aligned with the item's plan figures (total, then parts); an empty list means not
    entered. ``version`` is the optimistic-locking counter: a save on stale data is refused."""

    item = models.ForeignKey(PlanItem, on_delete=models.CASCADE, related_name="progress")
    month = models.PositiveSmallIntegerField(_("oy"))
    values = models.JSONField(_("amalda"), default=list, blank=True, validators=[validate_decimal_list])
    status = models.CharField(
        _("holati"), max_length=12, choices=ProgressStatus.choices, null=True, blank=True
    )
    note = models.TextField(_("izoh"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("o'zgartirgan"),
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["item", "month"]
        verbose_name = _("bandning oylik ijrosi")
        verbose_name_plural = _("bandlarning oylik ijrosi")
        constraints = [
            models.UniqueConstraint(fields=["item", "month"], name="itemprogress_one_per_month"),
            models.CheckConstraint(condition=Q(month__gte=1, month__lte=12), name="itemprogress_month_1_12"),
        ]

    def __str__(self) -> str:
        return f"{self.item} — {self.month}"


def evidence_upload_to(instance: Evidence, filename: str) -> str:
    """evidence/<centre>/<year>/<random>.<ext>: the name a person gave the file is kept only in the table,
    never in the path, so it can neither collide nor traverse."""
    plan = instance.progress.item.plan
    suffix = PurePath(filename).suffix.lower()[:6]
    return f"evidence/{plan.centre_id}/{plan.year}/{secrets.token_hex(16)}{suffix}"


class Evidence(TimeStampedModel):
    """A file proving an item's progress (a photo of an event, a signed act): JPEG, PNG or PDF only."""

    progress = models.ForeignKey(ItemProgress, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(_("fayl"), upload_to=evidence_upload_to, max_length=255)
    original_name = models.CharField(_("fayl nomi"), max_length=255)
    content_type = models.CharField(_("turi"), max_length=40)
    size = models.PositiveIntegerField(_("hajmi"))
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("yuklagan"),
    )

    class Meta:
        ordering = ["progress", "created_at"]
        verbose_name = _("tasdiqlovchi hujjat")
        verbose_name_plural = _("tasdiqlovchi hujjatlar")

    def __str__(self) -> str:
        return self.original_name

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        # The file goes with its row, so a deleted piece of evidence leaves nothing in MEDIA_ROOT.
        storage, name = self.file.storage, self.file.name
        result = super().delete(*args, **kwargs)
        if name:
            storage.delete(name)
        return result


def new_calendar_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarToken(TimeStampedModel):
    """The secret in a person's calendar feed address: calendar programs cannot log in, so the address
    itself stands for the person. Revoking it (a new link) makes the old address answer 404."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_tokens"
    )
    token = models.CharField(max_length=64, unique=True, default=new_calendar_token, editable=False)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("taqvim kaliti")
        verbose_name_plural = _("taqvim kalitlari")
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(revoked_at__isnull=True),
                name="calendartoken_one_active_per_user",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.created_at:%Y-%m-%d}"


class ReminderSent(TimeStampedModel):
    """One reminder e-mail to a person on a day, so a second run of the daily command sends nothing."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    date = models.DateField(_("sana"))
    items = models.PositiveIntegerField(_("bandlar soni"), default=0)

    class Meta:
        verbose_name = _("yuborilgan eslatma")
        verbose_name_plural = _("yuborilgan eslatmalar")
        constraints = [models.UniqueConstraint(fields=["user", "date"], name="remindersent_one_per_day")]

    def __str__(self) -> str:
        return f"{self.user} — {self.date:%Y-%m-%d}"
