"""Daily (cron): e-mail the items due in the next three days and the overdue ones."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from ishreja.progress.services import reminders_send


class Command(BaseCommand):
    help = (
        "Markazlarning mas'ul xodimlari va direktorlariga yaqin 3 kunda muddati keladigan va muddati o'tgan "
        "bandlar haqida e-pochta yuboradi (kuniga bir kishiga bitta xat; ikkinchi ishga tushirish hech narsa "
        "yubormaydi)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", help="YYYY-MM-DD (standart: bugun)")
        parser.add_argument(
            "--dry-run", action="store_true", help="Kimga yuborilishini ko'rsatadi, yubormaydi"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            day = dt.date.fromisoformat(options["date"]) if options["date"] else timezone.localdate()
        except ValueError:
            raise CommandError("--date YYYY-MM-DD ko'rinishida bo'lsin.") from None
        run = reminders_send(day=day, dry_run=options["dry_run"])
        verb = "yuboriladi" if options["dry_run"] else "yuborildi"
        for address in run.sent:
            self.stdout.write(f"{address}: {verb}")
        self.stdout.write(
            f"{day:%Y-%m-%d}: {len(run.sent)} ta xat {verb}; {run.skipped} kishiga bugun yuborilgan edi."
        )
