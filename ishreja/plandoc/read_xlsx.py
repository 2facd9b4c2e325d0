"""Reads an Excel (.xlsx) plan into a ``RawDocument``: the same plan table, found by its header words.

openpyxl's normal (not read-only) mode is used because only it reports merged ranges; the safety check
has already bounded the workbook's unpacked size, and each sheet part is bounded again here.
"""

from __future__ import annotations

import datetime as dt
import io
import warnings
import zipfile
from decimal import Decimal

import openpyxl
from openpyxl.worksheet.worksheet import Worksheet

from ishreja.plandoc import safety
from ishreja.plandoc.errors import PlanReadError
from ishreja.plandoc.raw import RawDocument, RawRow
from ishreja.plandoc.read_docx import is_column_numbers_row, is_header_row, is_subheader_row

# A plan sheet is under half a megabyte of XML; normal mode holds every cell as an object (~0.5 KB each),
# so a sheet part is bounded well below the zip-wide limit to keep memory under the budget.
MAX_SHEET_XML = 2 * safety.MB
MAX_CELLS = 100_000
DAMAGED_XLSX = "Excel fayli shikastlangan, uni o'qib bo'lmadi."
NO_PLAN_SHEET = "Faylda ish rejasi jadvali topilmadi: birorta varaqda «Nomi» ustuni yo'q."
TOO_BIG_SHEET = "Excel varag'i juda katta, ish rejasi bunday bo'lmaydi."


def cell_text(value: object) -> str:
    """A cell value as the text a person sees: whole numbers without ".0", dates as dd.mm.yyyy."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ha" if value else "yo'q"
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return format(Decimal(repr(value)), "f")
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime("%d.%m.%Y")
    # Excel stores line breaks in a cell as \n (sometimes \r\n); strip each line like a .docx paragraph.
    lines = (ln.strip() for ln in str(value).replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    return "\n".join(ln for ln in lines if ln)


def read_xlsx(data: bytes) -> RawDocument:
    """Read a .xlsx plan; raises ``PlanReadError`` for a damaged, hostile or plan-less file."""
    if safety.check_office(data) != "xlsx":
        raise PlanReadError(safety.NOT_A_PLAN_FILE)
    _check_sheet_sizes(data)
    try:
        with warnings.catch_warnings():
            # openpyxl warns about odd but harmless parts (no stylesheet, unknown extensions); a user
            # cannot act on those, and the reader either reads the plan or refuses it.
            warnings.simplefilter("ignore")
            workbook = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on damaged parts
        raise PlanReadError(DAMAGED_XLSX) from exc
    try:
        sheets = [workbook.active, *workbook.worksheets]
        for sheet in dict.fromkeys(s for s in sheets if isinstance(s, Worksheet)):
            raw = _read_sheet(sheet)
            if raw is not None:
                return raw
    except PlanReadError:
        raise
    except Exception as exc:
        raise PlanReadError(DAMAGED_XLSX) from exc
    finally:
        workbook.close()
    raise PlanReadError(NO_PLAN_SHEET)


def _check_sheet_sizes(data: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for info in zf.infolist():
            if info.filename.startswith("xl/worksheets/") and info.file_size > MAX_SHEET_XML:
                raise PlanReadError(TOO_BIG_SHEET)


def _read_sheet(sheet: Worksheet) -> RawDocument | None:
    if sheet.max_row * sheet.max_column > MAX_CELLS:
        raise PlanReadError(TOO_BIG_SHEET)
    # Cells hidden under a merge read as "" (only the top-left holds the value); remember each merge's width.
    covered: set[tuple[int, int]] = set()
    spans: dict[tuple[int, int], int] = {}
    for rng in sheet.merged_cells.ranges:
        spans[(rng.min_row, rng.min_col)] = rng.max_col - rng.min_col + 1
        for row in range(rng.min_row, rng.max_row + 1):
            for col in range(rng.min_col, rng.max_col + 1):
                if (row, col) != (rng.min_row, rng.min_col):
                    covered.add((row, col))
    grid: list[list[str]] = []
    for r, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        grid.append(["" if (r, c) in covered else cell_text(v) for c, v in enumerate(values, start=1)])
    header_at = next((i for i, cells in enumerate(grid) if is_header_row(cells)), None)
    if header_at is None:
        return None
    header = grid[header_at]
    first = next(i for i, c in enumerate(header) if c.strip())
    last = max(i + spans.get((header_at + 1, i + 1), 1) - 1 for i, c in enumerate(header) if c.strip())
    width = last - first + 1

    def cut(cells: list[str]) -> list[str]:
        return (cells + [""] * width)[first : last + 1]

    raw = RawDocument(before=_before_lines(grid[:header_at], spans, first, width))
    raw.header = [cut(header)]
    body_at = header_at + 1
    if body_at < len(grid):
        nxt = cut(grid[body_at])
        merged = any(spans.get((header_at + 1, c + 1), 1) > 1 for c in range(first, last + 1)) or any(
            (header_at + 2, c + 1) in covered for c in range(first, last + 1)
        )
        if (merged and not nxt[0].strip()) or is_subheader_row(nxt):
            raw.header.append(nxt)
            body_at += 1
    if body_at < len(grid) and is_column_numbers_row(cut(grid[body_at])):
        body_at += 1
    end = _table_end(grid, body_at)
    raw.after = [
        ln.strip() for cells in grid[end:] for text in cells for ln in text.split("\n") if ln.strip()
    ]
    for r in range(body_at, end):
        cells = cut(grid[r])
        if not any(c.strip() for c in cells) or cells in raw.header:
            continue
        filled = [c for c in cells if c.strip()]
        spanning = len(filled) == 1 and bool(cells[0]) and spans.get((r + 1, first + 1), 1) >= width
        raw.rows.append(RawRow(cells=cells, spanning=spanning))
    return raw


def _table_end(grid: list[list[str]], body_at: int) -> int:
    """Where the table stops: trailing one-value rows ("Tekshirildi. ...") after a blank row are not in it."""
    end = len(grid)
    blank_at = None
    for r in range(len(grid) - 1, body_at - 1, -1):
        filled = sum(1 for c in grid[r] if c.strip())
        if filled > 1:
            break
        if filled == 0:
            blank_at = r
    if blank_at is not None:
        end = blank_at
    return end


def _before_lines(
    rows: list[list[str]], spans: dict[tuple[int, int], int], first: int, width: int
) -> list[str]:
    """Lines above the table: signature blocks left then right (as in a two-cell table), then the title.

    A row whose single value spans most of the table (or stands alone in the left half after a signature
    block) is a title line; the rows before it are split into the left and right halves of the page.
    """
    lines: list[str] = []
    left: list[str] = []
    right: list[str] = []
    middle = first + width / 2
    for r, cells in enumerate(rows, start=1):
        filled = [(c, text) for c, text in enumerate(cells) if text.strip()]
        if not filled:
            continue
        wide = len(filled) == 1 and spans.get((r, filled[0][0] + 1), 1) >= width / 2
        if wide:
            lines.extend(left + right)
            left.clear()
            right.clear()
            lines.extend(filled[0][1].split("\n"))
            continue
        for c, text in filled:
            (left if c < middle else right).extend(text.split("\n"))
    lines.extend(left + right)
    return [ln.strip() for ln in lines if ln.strip()]
