"""Reading diary counts exported from a circulation system as CSV (no database: services come in as a
lookup table). Every bad row is reported with its line, column and what is wrong; nothing is guessed."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from ishreja.progress.models import DIARY_COLUMNS

MAX_CSV_BYTES = 2 * 1024 * 1024
REQUIRED = ("date", "service", *DIARY_COLUMNS)
# The header may name the service column by code or by name.
SERVICE_HEADERS = ("service", "service_code", "service_name", "xizmat")


@dataclass
class DiaryRow:
    line: int
    date: dt.date
    service_id: int
    counts: dict[str, int]

    def to_json(self) -> dict[str, object]:
        return {"line": self.line, "date": self.date.isoformat(), "service": self.service_id, **self.counts}

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> DiaryRow:
        return cls(
            line=int(str(data["line"])),
            date=dt.date.fromisoformat(str(data["date"])),
            service_id=int(str(data["service"])),
            counts={c: int(str(data[c])) for c in DIARY_COLUMNS},
        )


@dataclass
class RowError:
    line: int
    column: str
    message: str


@dataclass
class ParsedDiary:
    rows: list[DiaryRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    # Every data line as read, for the preview: (line number, cells).
    lines: list[tuple[int, list[str]]] = field(default_factory=list)


def parse_date(text: str) -> dt.date | None:
    for fmt in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    return None


def _decode(data: bytes) -> str | None:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None


def _header_map(header: list[str]) -> tuple[dict[str, int], list[str]]:
    names = [h.strip().lower().lstrip("\ufeff") for h in header]
    index: dict[str, int] = {}
    for position, name in enumerate(names):
        key = "service" if name in SERVICE_HEADERS else name
        index.setdefault(key, position)
    return index, [c for c in REQUIRED if c not in index]


def parse_diary_csv(
    data: bytes, services: Mapping[str, int], *, earliest: dt.date, latest: dt.date
) -> ParsedDiary:
    """Parse ``data``; ``services`` maps a lower-cased service code or name to its id. Dates outside
    ``earliest``..``latest`` are refused: a typo in the year should not land in another plan, and no one
    counts a day that has not come."""
    result = ParsedDiary()
    if len(data) > MAX_CSV_BYTES:
        result.errors.append(RowError(0, "", _("Fayl 2 MB dan katta. Uni bo'lib yuklang.")))
        return result
    text = _decode(data)
    if text is None:
        result.errors.append(RowError(0, "", _("Fayl UTF-8 kodlashda emas. Uni UTF-8 CSV sifatida saqlang.")))
        return result
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = next(reader, None)
    if not header or not any(h.strip() for h in header):
        result.errors.append(RowError(1, "", _("Faylda sarlavha qatori yo'q.")))
        return result
    index, missing = _header_map(header)
    if missing:
        result.errors.append(
            RowError(
                1,
                ", ".join(missing),
                _("Sarlavhada ustun(lar) yetishmaydi: %(cols)s.") % {"cols": ", ".join(missing)},
            )
        )
        return result
    seen: dict[tuple[dt.date, int], int] = {}
    for cells in reader:
        line = reader.line_num
        if not any(c.strip() for c in cells):
            continue
        result.lines.append((line, cells))
        row = _parse_row(line, cells, index, services, (earliest, latest), result.errors)
        if row is None:
            continue
        key = (row.date, row.service_id)
        if key in seen:
            result.errors.append(
                RowError(
                    line,
                    "date",
                    _("Shu sana va xizmat %(other)s-qatorda ham bor.") % {"other": seen[key]},
                )
            )
            continue
        seen[key] = line
        result.rows.append(row)
    if not result.lines:
        result.errors.append(RowError(2, "", _("Faylda ma'lumot qatorlari yo'q.")))
    return result


def _parse_row(
    line: int,
    cells: list[str],
    index: dict[str, int],
    services: Mapping[str, int],
    date_range: tuple[dt.date, dt.date],
    errors: list[RowError],
) -> DiaryRow | None:
    def cell(column: str) -> str:
        position = index[column]
        return cells[position].strip() if position < len(cells) else ""

    found = len(errors)
    date_text = cell("date")
    day = parse_date(date_text)
    if day is None:
        errors.append(
            RowError(
                line,
                "date",
                _("Sana noto'g'ri: \"%(v)s\". YYYY-MM-DD yoki DD.MM.YYYY ko'rinishida yozing.")
                % {"v": date_text},
            )
        )
    elif not date_range[0] <= day <= date_range[1]:
        errors.append(
            RowError(
                line,
                "date",
                _("Sana %(v)s qabul qilinadigan oraliqdan (%(a)s – %(b)s) tashqarida.")
                % {"v": date_text, "a": f"{date_range[0]:%d.%m.%Y}", "b": f"{date_range[1]:%d.%m.%Y}"},
            )
        )
    service_text = cell("service")
    service_id = services.get(service_text.lower())
    if service_id is None:
        errors.append(
            RowError(
                line,
                "service",
                _('Xizmat topilmadi yoki unga kiritish huquqingiz yo\'q: "%(v)s".') % {"v": service_text},
            )
        )
    counts: dict[str, int] = {}
    for column in DIARY_COLUMNS:
        value = cell(column)
        if value == "":
            counts[column] = 0
        elif re.fullmatch(r"[0-9]{1,9}", value):
            counts[column] = int(value)
        else:
            errors.append(
                RowError(
                    line,
                    column,
                    _('"%(v)s" butun musbat son emas (bo\'sh katak 0 deb olinadi).') % {"v": value},
                )
            )
    if len(errors) > found or day is None or service_id is None:
        return None
    return DiaryRow(line=line, date=day, service_id=service_id, counts=counts)
