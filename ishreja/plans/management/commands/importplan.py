"""``ishreja importplan FILE --centre SOATO|ID``: store a plan file as a draft of a centre."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ishreja.centres.models import Centre
from ishreja.plandoc import api
from ishreja.plandoc.errors import PlanReadError
from ishreja.plans.services import PlanError, plan_import_file


class Command(BaseCommand):
    help = "Store a plan file (.txt, .docx, .xlsx) as a draft of a centre and print its findings."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--centre", required=True, help="The centre's SOATO code or its id.")

    def handle(self, *args: Any, file: Path, centre: str, **options: Any) -> None:
        target = Centre.objects.filter(admin_unit__soato=centre).first()
        if target is None and centre.isdigit():
            target = Centre.objects.filter(pk=int(centre)).first()
        if target is None:
            raise CommandError(f"Markaz topilmadi: {centre} (SOATO kodi yoki id kutilgan).")
        if not file.exists():
            raise CommandError(f"Fayl topilmadi: {file}")
        try:
            from ishreja.plandoc import safety

            data = safety.read_path(file, api.MAX_BYTES)
            result = plan_import_file(centre=target, data=data, filename=file.name, user=None)
        except FileNotFoundError:
            raise CommandError(f"Fayl topilmadi: {file}") from None
        except (PlanReadError, PlanError) as exc:
            raise CommandError(f"{file}: {exc}") from None
        plan = result.plan
        verb = "saqlandi" if result.created else "avval yuklangan, yangi nusxa yaratilmadi"
        self.stdout.write(f"Reja #{plan.pk} ({plan}) {verb}.")
        for finding in result.document.findings:
            where = " ".join(p for p in (finding.section and f"{finding.section}-bo'lim", finding.item) if p)
            self.stdout.write(f"  [{finding.severity}] {finding.code} {where}: {finding.message}")
        self.stdout.write(f"{len(result.document.findings)} ta topilma.")
