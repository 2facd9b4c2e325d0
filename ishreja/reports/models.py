"""Reports (hisobot) of a centre for a period: plan against actual per item, the workflow up to the regional
centre, and a snapshot of the figures in the report's lines so an accepted report never changes."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ishreja.centres.models import Centre
from ishreja.core.models import TimeStampedModel
from ishreja.indicators.models import Indicator
from ishreja.plans.models import Plan, PlanItem
from ishreja.reports.periods import Period, period_from_slug


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("tayyorlanmoqda")
    SUBMITTED = "submitted", _("viloyat markaziga yuborilgan")
    RETURNED = "returned", _("izohlar bilan qaytarilgan")
    ACCEPTED = "accepted", _("qabul qilingan")
    SUPERSEDED = "superseded", _("tuzatilgan versiya bilan almashtirilgan")


# The statuses in which the centre may still change reasons and refresh figures.
EDITABLE_STATUSES = frozenset({ReportStatus.DRAFT, ReportStatus.RETURNED})


class Report(TimeStampedModel):
    """One version of a centre's report for a period of a plan year. A correction of an accepted report is a
    new version going through the same steps; the accepted one stays as it was until the new one is
    accepted, and is then marked superseded."""

    centre = models.ForeignKey(
        Centre, on_delete=models.PROTECT, related_name="reports", verbose_name=_("markaz")
    )
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="reports", verbose_name=_("reja"))
    year = models.PositiveSmallIntegerField(_("yil"))
    period = models.CharField(_("davr"), max_length=3)
    version = models.PositiveSmallIntegerField(_("versiya"), default=1)
    status = models.CharField(
        _("holati"), max_length=12, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    due_date = models.DateField(_("topshirish muddati"))
    submitted_at = models.DateTimeField(_("yuborilgan vaqt"), null=True, blank=True)
    is_late = models.BooleanField(_("kechikkan"), default=False)
    accepted_at = models.DateTimeField(_("qabul qilingan vaqt"), null=True, blank=True)
    # Figures are copied from the counting side when the report is refreshed; this says when.
    figures_at = models.DateTimeField(_("raqamlar olingan vaqt"), null=True, blank=True)
    director_name = models.CharField(_("direktor"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-year", "period", "centre__path", "-version"]
        verbose_name = _("hisobot")
        verbose_name_plural = _("hisobotlar")
        constraints = [
            models.UniqueConstraint(
                fields=["centre", "year", "period", "version"], name="report_unique_version"
            ),
            # One version in the works at a time for a centre's period.
            models.UniqueConstraint(
                fields=["centre", "year", "period"],
                condition=~Q(status__in=["accepted", "superseded"]),
                name="report_one_open_version",
            ),
            models.CheckConstraint(
                condition=Q(period__regex=r"^(m(0[1-9]|1[0-2])|q[1-4]|h[12]|9m|y)$"),
                name="report_period_slug",
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="report_version_positive"),
        ]
        indexes = [models.Index(fields=["year", "period", "status"], name="report_period_status")]

    def __str__(self) -> str:
        suffix = f" ({self.version}-versiya)" if self.version > 1 else ""
        return f"{self.centre} — {self.period_obj.label}{suffix}"

    @property
    def period_obj(self) -> Period:
        return period_from_slug(self.year, self.period)

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES

    @property
    def is_locked(self) -> bool:
        return self.status in (ReportStatus.ACCEPTED, ReportStatus.SUPERSEDED)


class LineStatus(models.TextChoices):
    DONE = "done", _("bajarildi")
    IN_PROGRESS = "in_progress", _("bajarilmoqda")
    NOT_DONE = "not_done", _("bajarilmadi")
    NOT_DUE = "not_due", _("muddati kelmagan")


class ReportLine(TimeStampedModel):
    """One plan item in a report, with its figures copied in: the plan item may change or go, the line
    keeps what was reported."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="lines")
    item = models.ForeignKey(
        PlanItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="report_lines"
    )
    indicator = models.ForeignKey(
        Indicator, on_delete=models.SET_NULL, null=True, blank=True, related_name="report_lines"
    )
    order = models.PositiveIntegerField(_("tartibi"))
    number = models.CharField(_("raqami"), max_length=20, blank=True)
    name = models.TextField(_("nomi"), blank=True)
    unit = models.CharField(_("o'lchov birligi"), max_length=60, blank=True)
    aggregation = models.CharField(_("yig'ish usuli"), max_length=10, default="sum")
    annual_target = models.DecimalField(_("yillik reja"), max_digits=16, decimal_places=2, null=True)
    period_target = models.DecimalField(_("davr rejasi"), max_digits=16, decimal_places=2, null=True)
    actual = models.DecimalField(_("amalda"), max_digits=16, decimal_places=2, null=True)
    actual_values = models.JSONField(_("amalda (qismlari bilan)"), default=list, blank=True)
    percent = models.DecimalField(_("bajarilish, %"), max_digits=9, decimal_places=1, null=True)
    status = models.CharField(_("holati"), max_length=12, choices=LineStatus.choices)
    needs_reason = models.BooleanField(_("sabab talab qilinadi"), default=False)
    reason = models.TextField(_("sabab"), blank=True)
    sources = models.JSONField(_("manbalar"), default=list, blank=True)

    class Meta:
        ordering = ["report", "order"]
        verbose_name = _("hisobot qatori")
        verbose_name_plural = _("hisobot qatorlari")
        constraints = [models.UniqueConstraint(fields=["report", "order"], name="reportline_unique_order")]

    def __str__(self) -> str:
        return f"{self.number} {self.name[:60]}".strip()


class ReportEvent(TimeStampedModel):
    """One step of a report's workflow: who did what, when, with what note."""

    class Action(models.TextChoices):
        CREATED = "created", _("tayyorlash boshlandi")
        SUBMITTED = "submitted", _("viloyat markaziga yuborildi")
        RETURNED = "returned", _("izohlar bilan qaytarildi")
        RESUBMITTED = "resubmitted", _("tuzatilib qayta yuborildi")
        ACCEPTED = "accepted", _("qabul qilindi")
        CORRECTION = "correction", _("tuzatish versiyasi ochildi")

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("harakat"), max_length=12, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    note = models.TextField(_("izoh"), blank=True)

    class Meta:
        ordering = ["report", "created_at", "pk"]
        verbose_name = _("hisobot hodisasi")
        verbose_name_plural = _("hisobot hodisalari")
