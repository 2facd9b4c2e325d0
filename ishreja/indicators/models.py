"""The indicator dictionary: the figures centres count, plan and report."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from ishreja.core.models import TimeStampedModel


class Indicator(TimeStampedModel):
    class Aggregation(models.TextChoices):
        # Summed over periods (loans in a quarter = the months' loans added up).
        SUM = "sum", _("davrlar bo'yicha yig'iladi")
        # A point-in-time stock (registered users, items held): a period takes its last value, never a sum.
        STOCK = "stock", _("davr oxiridagi qiymat")

    code = models.SlugField(_("kodi"), max_length=60, unique=True)
    name = models.CharField(_("nomi"), max_length=300)
    unit = models.CharField(_("o'lchov birligi"), max_length=60)
    aggregation = models.CharField(_("yig'ish usuli"), max_length=10, choices=Aggregation.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="parts",
        verbose_name=_("qaysi ko'rsatkich qismi"),
    )
    order = models.PositiveSmallIntegerField(_("tartibi"), default=0)
    description = models.TextField(_("izoh"), blank=True)
    # Words in a plan item's name that suggest this indicator (the importer proposes, a person confirms).
    keywords = models.CharField(_("kalit so'zlar"), max_length=300, blank=True)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("ko'rsatkich")
        verbose_name_plural = _("ko'rsatkichlar")

    def __str__(self) -> str:
        return self.name
