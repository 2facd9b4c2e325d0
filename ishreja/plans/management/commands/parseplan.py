"""``ishreja parseplan FILE``: read a plan file and print it as JSON (or write .docx/.xlsx/.pdf)."""

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ishreja.plandoc import api
from ishreja.plandoc.errors import PlanReadError


class Command(BaseCommand):
    help = (
        "Read a plan (.txt dump, .docx or .xlsx) and print it as JSON 'ishreja.plan/1' with its findings, "
        "or write it as .docx/.xlsx/.pdf. Findings do not fail the command; an unreadable file does."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--format", choices=api.FORMATS, default="json")
        parser.add_argument("-o", "--output", type=Path, help="Output file (JSON goes to standard output).")

    def handle(self, *args: Any, file: Path, format: api.Format, output: Path | None, **options: Any) -> None:
        if not file.exists():
            raise CommandError(f"Fayl topilmadi: {file}")
        try:
            doc = api.read_plan_path(file)
        except FileNotFoundError:
            raise CommandError(f"Fayl topilmadi: {file}") from None
        except IsADirectoryError:
            raise CommandError(f"Bu papka, fayl emas: {file}") from None
        except PlanReadError as exc:
            raise CommandError(f"{file}: {exc}") from None
        data = api.write_plan(doc, format)
        if output is not None:
            output.write_bytes(data)
            self.stderr.write(f"{output} yozildi ({len(data)} bayt, {len(doc.findings)} ta topilma).")
        elif format == "json":
            self.stdout.write(data.decode("utf-8"))
        else:
            if sys.stdout.isatty():
                raise CommandError("Ikkilik formatni terminalga chiqarib bo'lmaydi: -o FAYL bering.")
            sys.stdout.buffer.write(data)
