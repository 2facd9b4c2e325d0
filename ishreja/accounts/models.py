"""People and their roles: a user belongs to one or more centres, each membership with a role."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ishreja.centres.models import Centre, Service
from ishreja.core.models import TimeStampedModel


class User(AbstractUser):
    """The project's user from the first migration, so fields can be added later without pain."""

    patronymic = models.CharField(_("otasining ismi"), max_length=150, blank=True)
    position = models.CharField(_("lavozimi"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("foydalanuvchi")
        verbose_name_plural = _("foydalanuvchilar")

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username


class Role(models.TextChoices):
    DIRECTOR = "director", _("direktor")
    DEPUTY = "deputy", _("direktor o'rinbosari")
    METHODOLOGIST = "methodologist", _("metodist")
    STAFF = "staff", _("xizmat xodimi")
    PERSONNEL = "personnel", _("kadrlar bo'yicha inspektor")
    NATIONAL_ADMIN = "national_admin", _("milliy administrator")
    VIEWER = "viewer", _("kuzatuvchi")


# Roles that may change their own centre's plans and figures.
EDITOR_ROLES = frozenset({Role.DIRECTOR, Role.DEPUTY, Role.METHODOLOGIST, Role.STAFF, Role.PERSONNEL})
# Roles of a regional centre that may agree (or return) a district's plan and accept its reports.
REVIEWER_ROLES = frozenset({Role.DIRECTOR, Role.DEPUTY, Role.METHODOLOGIST})
# Roles that may approve (TASDIQLAYMAN) their own centre's plan and submit its reports.
APPROVER_ROLES = frozenset({Role.DIRECTOR, Role.DEPUTY})


class Membership(TimeStampedModel):
    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("foydalanuvchi")
    )
    centre = models.ForeignKey(
        Centre, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("markaz")
    )
    role = models.CharField(_("roli"), max_length=20, choices=Role.choices)
    service = models.ForeignKey(
        Service,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
        verbose_name=_("xizmat"),
    )

    class Meta:
        ordering = ["centre__path", "user__username"]
        verbose_name = _("a'zolik")
        verbose_name_plural = _("a'zoliklar")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "centre", "role"], name="membership_unique_role_in_centre"
            ),
            models.CheckConstraint(
                condition=~Q(role="staff") | Q(service__isnull=False), name="membership_staff_has_service"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.centre}"

    def clean(self) -> None:
        if self.service_id and self.service and self.service.centre_id != self.centre_id:
            raise ValidationError({"service": _("Xizmat shu markazga tegishli bo'lishi kerak.")})
        if self.role == Role.STAFF and not self.service_id:
            raise ValidationError({"service": _("Xizmat xodimi uchun xizmat tanlanishi kerak.")})
        if self.role == Role.NATIONAL_ADMIN and self.centre_id and self.centre.level != Centre.Level.NATIONAL:
            raise ValidationError({"role": _("Milliy administrator faqat Milliy kutubxonada bo'ladi.")})
