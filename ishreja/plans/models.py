"""Work plans: a plan of a centre for a year, its sections and its items, plus the reference vocabularies."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ishreja.centres.models import Centre, Service
from ishreja.core.models import TimeStampedModel
from ishreja.indicators.models import Indicator


class Unit(TimeStampedModel):
    """The units vocabulary ("Tadbir", "Nusxa", ...), with spellings seen in documents as aliases."""

    name = models.CharField(_("nomi"), max_length=60, unique=True)
    aliases = models.CharField(
        _("boshqa yozilishlari"), max_length=300, blank=True, help_text=_("Vergul bilan.")
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("o'lchov birligi")
        verbose_name_plural = _("o'lchov birliklari")

    def __str__(self) -> str:
        return self.name


class LegalAct(TimeStampedModel):
    """A registry of legal acts plan items execute (O'RQ-280, PF-158, PQ-9, ...)."""

    class Kind(models.TextChoices):
        LAW = "law", _("Qonun")
        DECREE = "decree", _("Prezident farmoni")
        RESOLUTION = "resolution", _("Prezident qarori")
        ORDER = "order", _("Farmoyish")
        CABINET = "cabinet", _("Vazirlar Mahkamasi qarori")
        LIBRARY_ORDER = "library_order", _("Milliy kutubxona buyrug'i")
        OTHER = "other", _("Boshqa")

    code = models.CharField(_("kodi"), max_length=40, unique=True)
    kind = models.CharField(_("turi"), max_length=20, choices=Kind.choices)
    date = models.DateField(_("sanasi"), null=True, blank=True)
    title = models.CharField(_("nomi"), max_length=500, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("huquqiy hujjat")
        verbose_name_plural = _("huquqiy hujjatlar")

    def __str__(self) -> str:
        return self.code


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("loyiha")
    SUBMITTED = "submitted", _("kelishish uchun yuborilgan")
    RETURNED = "returned", _("izohlar bilan qaytarilgan")
    AGREED = "agreed", _("kelishilgan")
    APPROVED = "approved", _("tasdiqlangan, amalda")
    SUPERSEDED = "superseded", _("o'zgartirish bilan almashtirilgan")


# Statuses in which nobody may change the plan's content.
LOCKED_STATUSES = frozenset(
    {PlanStatus.SUBMITTED, PlanStatus.AGREED, PlanStatus.APPROVED, PlanStatus.SUPERSEDED}
)


class Plan(TimeStampedModel):
    """The work plan (ish rejasi) of a centre for a year. An amendment is a new revision of the same plan;
    ``version`` is the optimistic-locking counter, raised by every save of the plan's own fields."""

    centre = models.ForeignKey(
        Centre, on_delete=models.PROTECT, related_name="plans", verbose_name=_("markaz")
    )
    year = models.PositiveSmallIntegerField(_("yil"))
    revision = models.PositiveSmallIntegerField(_("tahrir"), default=1)
    status = models.CharField(
        _("holati"), max_length=12, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    title = models.CharField(_("sarlavha"), max_length=500, blank=True)
    fact_year = models.PositiveSmallIntegerField(_("fakt yili"), null=True, blank=True)
    agreed_title = models.CharField(_("kelishuvchi lavozimi"), max_length=300, blank=True)
    agreed_name = models.CharField(_("kelishuvchi"), max_length=200, blank=True)
    agreed_date = models.DateField(_("kelishilgan sana"), null=True, blank=True)
    approved_title = models.CharField(_("tasdiqlovchi lavozimi"), max_length=300, blank=True)
    approved_name = models.CharField(_("tasdiqlovchi"), max_length=200, blank=True)
    approved_date = models.DateField(_("tasdiqlangan sana"), null=True, blank=True)
    checked_title = models.CharField(_("tekshiruvchi lavozimi"), max_length=300, blank=True)
    checked_name = models.CharField(_("tekshiruvchi"), max_length=200, blank=True)
    # A regional centre's template published to its districts as a starting point for their plans.
    is_template = models.BooleanField(_("tumanlar uchun namuna"), default=False)
    source_name = models.CharField(_("manba fayl"), max_length=255, blank=True)
    # SHA-256 of the imported file, so importing the same file again finds the plan instead of copying it.
    source_sha256 = models.CharField(max_length=64, blank=True, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "centre__path", "-revision"]
        verbose_name = _("ish rejasi")
        verbose_name_plural = _("ish rejalari")
        constraints = [
            models.UniqueConstraint(
                fields=["centre", "year", "is_template", "revision"], name="plan_unique_revision"
            ),
            # At most one revision of a centre's plan for a year is open (not yet in force) at a time.
            models.UniqueConstraint(
                fields=["centre", "year", "is_template"],
                condition=~Q(status__in=["approved", "superseded"]),
                name="plan_one_open_revision",
            ),
            models.CheckConstraint(condition=Q(year__gte=2000, year__lte=2100), name="plan_year_sane"),
            models.CheckConstraint(
                condition=Q(fact_year__isnull=True) | Q(fact_year__lt=models.F("year")),
                name="plan_fact_year_before_year",
            ),
        ]

    def __str__(self) -> str:
        suffix = f" ({self.revision}-tahrir)" if self.revision > 1 else ""
        return f"{self.centre} — {self.year}{suffix}"

    @property
    def is_locked(self) -> bool:
        return self.status in LOCKED_STATUSES


class Section(TimeStampedModel):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="sections")
    number = models.CharField(_("raqami"), max_length=10, blank=True)
    title = models.CharField(_("nomi"), max_length=500)
    order = models.PositiveIntegerField(_("tartibi"))
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "order"]
        verbose_name = _("bo'lim")
        verbose_name_plural = _("bo'limlar")
        constraints = [models.UniqueConstraint(fields=["plan", "order"], name="section_unique_order")]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}" if self.number else self.title


def _decimals(values: list[str]) -> list[Decimal]:
    return [Decimal(v) for v in values]


def validate_decimal_list(value: object) -> None:
    if not isinstance(value, list):
        raise ValidationError(_("Raqamlar ro'yxati kutilgan."))
    for v in value:
        try:
            Decimal(str(v))
        except (InvalidOperation, ValueError):
            raise ValidationError(_("%(v)s raqam emas."), params={"v": v}) from None


class PlanItem(TimeStampedModel):
    """An item, sub-item, unnumbered measure row or label row of a plan, kept as a tree under a section.

    Figures are lists because one quantity cell may hold several numbers ("479 37 460"); they are stored
    as decimal strings so no precision is lost, next to the text as written."""

    class Kind(models.TextChoices):
        ITEM = "item", _("band")
        MEASURE = "measure", _("qo'shimcha o'lchov qatori")
        LABEL = "label", _("yorliq qatori")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="items")
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="items")
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children"
    )
    order = models.PositiveIntegerField(_("tartibi"))
    kind = models.CharField(_("turi"), max_length=10, choices=Kind.choices, default=Kind.ITEM)
    number = models.CharField(_("raqami"), max_length=20, blank=True)
    name = models.TextField(_("nomi"), blank=True)
    unit = models.CharField(_("o'lchov birligi"), max_length=60, blank=True)
    fact_values = models.JSONField(_("fakt"), default=list, blank=True, validators=[validate_decimal_list])
    fact_text = models.CharField(_("fakt (yozilganicha)"), max_length=200, blank=True)
    plan_values = models.JSONField(_("reja"), default=list, blank=True, validators=[validate_decimal_list])
    plan_text = models.CharField(_("reja (yozilganicha)"), max_length=200, blank=True)
    mechanism = models.TextField(_("amalga oshirish mexanizmi"), blank=True)
    deadline_text = models.CharField(_("bajarilish muddati"), max_length=300, blank=True)
    # The parsed schedule: {"kind", "quarters", "months", "times", "years", "month_days"} (see plandoc.model).
    schedule = models.JSONField(_("jadval"), default=dict, blank=True)
    responsible_text = models.TextField(_("mas'ullar (yozilganicha)"), blank=True)
    responsible = models.ManyToManyField(
        Service, blank=True, related_name="plan_items", verbose_name=_("mas'ul xizmatlar")
    )
    # The codes in the document's order; ``legal_acts`` links the same codes to the registry.
    legal_refs = models.JSONField(_("huquqiy hujjatlar kodlari"), default=list, blank=True)
    legal_acts = models.ManyToManyField(
        LegalAct, blank=True, related_name="plan_items", verbose_name=_("huquqiy hujjatlar")
    )
    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="plan_items",
        verbose_name=_("ko'rsatkich"),
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(m2m_fields=[responsible, legal_acts])

    class Meta:
        ordering = ["plan", "order"]
        verbose_name = _("reja bandi")
        verbose_name_plural = _("reja bandlari")
        constraints = [
            models.UniqueConstraint(fields=["plan", "order"], name="planitem_unique_order"),
            models.CheckConstraint(
                condition=~Q(kind="measure") | Q(number="", parent__isnull=False),
                name="planitem_measure_row_unnumbered_child",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.name[:60]}" if self.number else self.name[:60]

    @property
    def fact(self) -> list[Decimal]:
        return _decimals(self.fact_values)

    @property
    def planned(self) -> list[Decimal]:
        return _decimals(self.plan_values)

    def clean(self) -> None:
        if self.section_id and self.plan_id and self.section.plan_id != self.plan_id:
            raise ValidationError({"section": _("Bo'lim shu rejaga tegishli bo'lishi kerak.")})
        if self.parent_id and self.parent and self.parent.plan_id != self.plan_id:
            raise ValidationError({"parent": _("Yuqori band shu rejaga tegishli bo'lishi kerak.")})


class PlanEvent(TimeStampedModel):
    """One step of a plan's workflow: who did what, when, with what note."""

    class Action(models.TextChoices):
        CREATED = "created", _("yaratildi")
        IMPORTED = "imported", _("fayldan yuklandi")
        SUBMITTED = "submitted", _("kelishish uchun yuborildi")
        RETURNED = "returned", _("izohlar bilan qaytarildi")
        AGREED = "agreed", _("kelishildi")
        APPROVED = "approved", _("tasdiqlandi")
        AMENDED = "amended", _("o'zgartirish ochildi")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("harakat"), max_length=12, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    note = models.TextField(_("izoh"), blank=True)

    class Meta:
        ordering = ["plan", "created_at"]
        verbose_name = _("reja hodisasi")
        verbose_name_plural = _("reja hodisalari")


class Comment(TimeStampedModel):
    """A remark on a plan or on one of its items, visible to the centre and to its reviewers."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="comments")
    item = models.ForeignKey(
        PlanItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    text = models.TextField(_("izoh"))
    resolved = models.BooleanField(_("hal qilingan"), default=False)

    class Meta:
        ordering = ["plan", "created_at"]
        verbose_name = _("izoh")
        verbose_name_plural = _("izohlar")
        constraints = [models.CheckConstraint(condition=~Q(text=""), name="comment_not_empty")]

    def __str__(self) -> str:
        return self.text[:60]
