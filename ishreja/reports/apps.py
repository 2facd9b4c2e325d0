from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "ishreja.reports"
    verbose_name = _("Hisobotlar")
    default_auto_field = "django.db.models.BigAutoField"
