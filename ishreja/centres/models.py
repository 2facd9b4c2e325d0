"""Administrative units, information-library centres (a tree) and the services inside a centre."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ishreja.core.models import TimeStampedModel


class AdminUnit(TimeStampedModel):
    """A unit of the SOATO classifier: a region (or the republic, or Tashkent city) or a district/city."""

    class Kind(models.TextChoices):
        REGION = "region", _("viloyat")
        REPUBLIC = "republic", _("respublika")
        CITY = "city", _("shahar")
        DISTRICT = "district", _("tuman")

    soato = models.CharField(_("SOATO kodi"), max_length=10, unique=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("yuqori"),
    )
    kind = models.CharField(_("turi"), max_length=10, choices=Kind.choices)
    name_uz_latn = models.CharField(_("nomi (lotin)"), max_length=200)
    name_uz_cyrl = models.CharField(_("nomi (kirill)"), max_length=200)
    name_ru = models.CharField(_("nomi (rus)"), max_length=200)

    class Meta:
        ordering = ["soato"]
        verbose_name = _("ma'muriy birlik")
        verbose_name_plural = _("ma'muriy birliklar")
        constraints = [
            models.CheckConstraint(
                condition=Q(soato__regex=r"^[0-9]{4}([0-9]{3})?$"), name="adminunit_soato_4_or_7_digits"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name_uz_latn} ({self.soato})"


class Centre(TimeStampedModel):
    """An information-library centre. ``path`` ("/1/5/37/") makes "this centre and everything below it" one
    indexed prefix query, which is what every permission check asks."""

    class Level(models.IntegerChoices):
        NATIONAL = 0, _("Milliy kutubxona")
        REGIONAL = 1, _("viloyat AKM")
        DISTRICT = 2, _("tuman (shahar) AKM")
        BRANCH = 3, _("mahalla kutubxonasi")

    name = models.CharField(_("nomi"), max_length=300)
    short_name = models.CharField(_("qisqa nomi"), max_length=120, blank=True)
    level = models.PositiveSmallIntegerField(_("darajasi"), choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("yuqori markaz"),
    )
    admin_unit = models.ForeignKey(
        AdminUnit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="centres",
        verbose_name=_("hudud"),
    )
    path = models.CharField(max_length=255, editable=False, db_index=True, default="")
    director_name = models.CharField(_("direktor"), max_length=200, blank=True)
    email = models.EmailField(_("e-pochta"), blank=True)
    is_active = models.BooleanField(_("faol"), default=True)

    class Meta:
        ordering = ["path"]
        verbose_name = _("markaz")
        verbose_name_plural = _("markazlar")
        constraints = [
            models.CheckConstraint(
                condition=Q(level=0, parent__isnull=True) | Q(level__gt=0, parent__isnull=False),
                name="centre_only_national_has_no_parent",
            ),
        ]

    def __str__(self) -> str:
        return self.short_name or self.name

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.parent is not None and self.parent.level != self.level - 1:
            raise ValidationError({"parent": _("Yuqori markaz bir daraja yuqorida bo'lishi kerak.")})

    def save(self, *args: object, **kwargs: object) -> None:
        if not self.pk:
            super().save(*args, **kwargs)  # type: ignore[arg-type]
            kwargs = {}
        self.path = (self.parent.path if self.parent else "/") + f"{self.pk}/"
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    @property
    def regional_centre(self) -> Centre | None:
        """The regional centre this centre belongs to (itself for a regional centre)."""
        node: Centre | None = self
        while node is not None and node.level > self.Level.REGIONAL:
            node = node.parent
        return node if node is not None and node.level == self.Level.REGIONAL else None


class Service(TimeStampedModel):
    """A service (xizmat) inside a centre; plan items name the services responsible for them."""

    STANDARD = [
        ("director", "Axborot-kutubxona markazi direktori"),
        ("bibliography", "Axborot-bibliografiya xizmati"),
        ("lending", "Abonement va foydalanuvchilarga xizmat ko'rsatish xizmati"),
        ("collections", "Fondlarni to'ldirish, saqlash va ularga ishlov berish"),
        ("digital", "Axborot-kommunikatsiya va raqamlashtirish xizmati"),
        ("personnel", "Kadrlar bo'yicha inspektor"),
        ("all", "Barcha xizmatlar"),
    ]

    centre = models.ForeignKey(
        Centre, on_delete=models.CASCADE, related_name="services", verbose_name=_("markaz")
    )
    code = models.SlugField(_("kodi"), max_length=40)
    name = models.CharField(_("nomi"), max_length=200)
    order = models.PositiveSmallIntegerField(_("tartibi"), default=0)

    class Meta:
        ordering = ["centre", "order", "name"]
        verbose_name = _("xizmat")
        verbose_name_plural = _("xizmatlar")
        constraints = [
            models.UniqueConstraint(fields=["centre", "code"], name="service_code_unique_in_centre"),
            models.UniqueConstraint(fields=["centre", "name"], name="service_name_unique_in_centre"),
        ]

    def __str__(self) -> str:
        return self.name
