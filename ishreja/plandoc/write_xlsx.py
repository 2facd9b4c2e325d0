"""Writes a ``PlanDocument`` as an .xlsx sheet laid out like the Word plan, with quantities as numbers.

A quantity cell holding one number is written as a number (so Excel can sum it); a cell with several
numbers ("479 37 460") or other text ("-") is written as the text, exactly as in the plan, so nothing is
lost or reinterpreted. The two-row header is merged and frozen; sections are merged rows.
"""

from __future__ import annotations

import io
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

# The layout (column titles and widths, numbering, signature lines) is shared with the .docx writer.
from ishreja.plandoc import write_docx as layout
from ishreja.plandoc.model import Item, PlanDocument

FONT = "Times New Roman"
# Column widths in characters, proportional to the .docx column widths.
COLUMN_WIDTHS = (7, 40, 14, 13, 13, 42, 17, 25)
_THIN = Side(style="thin", color="000000")
_GRID = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="top")
_CENTER = Alignment(wrap_text=True, horizontal="center", vertical="center")
_BODY = Font(name=FONT, size=12)
_BOLD = Font(name=FONT, size=12, bold=True)


def quantity_value(text: str, numbers: list[Decimal]) -> int | float | str:
    """One number -> a number cell when the text is exactly that number; anything else stays text."""
    written = layout.quantity_text(text, numbers)
    if len(numbers) == 1 and written == layout.quantity_text("", numbers):
        value = numbers[0]
        return int(value) if value == value.to_integral_value() else float(value)
    return written


CellValue = int | float | str


def _put(
    ws: Worksheet, row: int, col: int, value: CellValue, *, bold: bool = False, center: bool = False
) -> None:
    cell = ws.cell(row=row, column=col, value=value if value != "" else None)
    cell.font = _BOLD if bold else _BODY
    cell.alignment = _CENTER if center else _WRAP
    cell.border = _GRID


def _item_row(ws: Worksheet, row: int, item: Item) -> None:
    values: list[CellValue] = [
        layout.item_number(item),
        item.name,
        item.unit,
        quantity_value(item.fact_text, item.fact),
        quantity_value(item.plan_text, item.plan),
        item.mechanism,
        item.deadline.text,
        "\n".join(r for r in item.responsible if r.strip()),
    ]
    for col, value in enumerate(values, start=1):
        _put(ws, row, col, value, center=col in (1, 3, 4, 5, 7))


def write_xlsx(doc: PlanDocument) -> bytes:
    """The plan as .xlsx bytes: one sheet, signature blocks above a bordered table."""
    wb = Workbook()
    ws = wb.active
    assert isinstance(ws, Worksheet)
    ws.title = "Ish rejasi"
    width = len(layout.COLUMN_TITLES)
    for col, chars in enumerate(COLUMN_WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(col)].width = chars
    # Signature blocks: agreed in the left columns, approved in the right ones, one line per row.
    agreed = layout.signature_lines("KELISHILDI", doc.agreed, doc.year)
    approved = layout.signature_lines("TASDIQLAYMAN", doc.approved, doc.year)
    for i in range(max(len(agreed), len(approved))):
        for col, lines in ((1, agreed), (6, approved)):
            if i < len(lines):
                ws.cell(row=i + 1, column=col, value=lines[i]).font = _BOLD if i == 0 else _BODY
                ws.merge_cells(start_row=i + 1, start_column=col, end_row=i + 1, end_column=col + 2)
    row = max(len(agreed), len(approved)) + 2
    title_cell = ws.cell(row=row, column=1, value=layout.plan_title(doc))
    title_cell.font = Font(name=FONT, size=14, bold=True)
    title_cell.alignment = _CENTER
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
    ws.row_dimensions[row].height = 36
    header = row + 2
    fact, plan = layout.quantity_headers(doc)
    for col, text in enumerate(layout.COLUMN_TITLES, start=1):
        _put(ws, header, col, text, bold=True, center=True)
        _put(ws, header + 1, col, {4: fact, 5: plan}.get(col, ""), bold=True, center=True)
        if col not in (4, 5):
            ws.merge_cells(start_row=header, start_column=col, end_row=header + 1, end_column=col)
    ws.merge_cells(start_row=header, start_column=4, end_row=header, end_column=5)
    ws.freeze_panes = f"A{header + 2}"
    ws.print_title_rows = f"{header}:{header + 1}"
    row = header + 2
    for section in doc.sections:
        heading = layout.section_heading(section.number, section.title)
        if heading:
            for col in range(1, width + 1):
                _put(ws, row, col, heading if col == 1 else "", bold=True, center=True)
            ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
            row += 1
        for item in layout.item_rows(section.items):
            _item_row(ws, row, item)
            row += 1
    for i, line in enumerate(layout.checked_lines(doc.checked)):
        ws.cell(row=row + 1 + i, column=2, value=line).font = _BODY
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_margins.left = ws.page_margins.right = 0.5
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
