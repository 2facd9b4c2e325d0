"""Shared model pieces: timestamps on every table."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("yaratilgan"), auto_now_add=True)
    updated_at = models.DateTimeField(_("o'zgartirilgan"), auto_now=True)

    class Meta:
        abstract = True
