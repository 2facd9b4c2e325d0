"""Year rollover: copy a year's actuals into the fact column of the next year's draft plan."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ishreja.plans.models import Plan
from ishreja.reports.services import ReportError, report_year_actuals_to_fact


class Command(BaseCommand):
    help = "Keyingi yil rejasi loyihasining fakt ustunini shu yilning amaldagi raqamlari bilan to'ldiradi."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("plan_id", type=int, help="Keyingi yil rejasining (loyiha) raqami.")

    def handle(self, *args: Any, **options: Any) -> None:
        plan = Plan.objects.select_related("centre").filter(pk=options["plan_id"]).first()
        if plan is None:
            raise CommandError(f"Reja {options['plan_id']} topilmadi.")
        try:
            count = report_year_actuals_to_fact(plan_next_year=plan)
        except ReportError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"{plan}: {count} ta bandning fakt ustuni to'ldirildi.")
