from typing import Any

from django.core.management.base import BaseCommand

from ishreja.centres.services import admin_units_load
from ishreja.indicators.services import indicators_load
from ishreja.plans.reference import reference_load


class Command(BaseCommand):
    help = (
        "Load the SOATO administrative units, the units vocabulary, legal acts and indicators (idempotent)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        units = admin_units_load()
        reference_load()
        indicators = indicators_load()
        self.stdout.write(self.style.SUCCESS(f"{units} ma'muriy birlik, {indicators} ko'rsatkich yuklandi."))
