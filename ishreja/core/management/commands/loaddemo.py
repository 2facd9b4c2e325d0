from typing import Any

from django.core.management.base import BaseCommand

from ishreja.core.demo import DEMO_PASSWORD, demo_load


class Command(BaseCommand):
    help = "Load reference data and the demo centres, people and plans; print the demo logins."

    def handle(self, *args: Any, **options: Any) -> None:
        logins = demo_load()
        self.stdout.write(
            self.style.SUCCESS("Demo ma'lumotlari yuklandi. Kirish uchun (parol hammasiga bir xil):")
        )
        for login in logins:
            self.stdout.write(f"  {login.describe()}")
        self.stdout.write(f"  {'admin':<20} {'superuser (Django admin)':<28}")
        self.stdout.write(f"  parol: {DEMO_PASSWORD}")
