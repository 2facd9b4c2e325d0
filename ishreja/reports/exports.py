"""Reports and consolidated tables as .docx, .xlsx and .pdf in the official layout: title, centre, period,
the table, the director's signature line. One neutral ``Sheet`` is built per document and written three
ways; the .docx page set-up and table helpers are the plan exporter's (``ishreja.plandoc.write_docx``)."""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass, field
from decimal import Decimal

import docx
from django.template.loader import render_to_string
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from ishreja.plandoc.write_docx import (
    FONT,
    TITLE_PT,
    _borders,
    _fill,
    _fixed_widths,
    _mark_header,
    _setup,
    format_number,
)
from ishreja.reports.consolidation import Consolidation
from ishreja.reports.figures import STATUS_LABELS, Derived
from ishreja.reports.models import Report, ReportLine

Value = str | Decimal | None
# The text width of A4 landscape with the plan exporter's 1.27 cm margins.
TEXT_WIDTH_CM = 27.16


@dataclass
class Sheet:
    title: str
    subtitle: list[str]
    headers: list[str]
    widths: list[float]  # relative column widths
    rows: list[list[Value]]
    signature: list[str]
    sheet_name: str = "Hisobot"
    bold_rows: set[int] = field(default_factory=set)
    notes: list[str] = field(default_factory=list)
    chart_svg: str = ""

    @property
    def widths_cm(self) -> tuple[float, ...]:
        total = sum(self.widths)
        return tuple(round(TEXT_WIDTH_CM * w / total, 2) for w in self.widths)


def cell_text(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format_number(value)
    return value


def _signature(director: str) -> list[str]:
    return [f"Direktor ____________________ {director}".rstrip(), "(imzo)"]


def report_sheet(report: Report, lines: list[ReportLine], derived: Derived, chart_svg: str = "") -> Sheet:
    period = report.period_obj
    rows: list[list[Value]] = [
        [
            line.number,
            line.name,
            line.unit,
            line.annual_target,
            line.period_target,
            line.actual,
            line.percent,
            STATUS_LABELS.get(line.status, line.status),
            line.reason,
        ]
        for line in lines
    ]
    notes = [
        f"Kitobxonlik (bir foydalanuvchiga kitob berilishi): {cell_text(derived.loans_per_user) or '—'}",
        f"Qatnov (bir foydalanuvchiga): {cell_text(derived.visits_per_user) or '—'}",
        f"Fond aylanishi: {cell_text(derived.turnover) or '—'}",
    ]
    version = f", {report.version}-versiya" if report.version > 1 else ""
    return Sheet(
        title=f"{report.centre.name}ning {period.label} ish rejasi bajarilishi to'g'risida HISOBOT",
        subtitle=[f"Markaz: {report.centre.name}", f"Davr: {period.label}{version}"],
        headers=[
            "№",
            "Nomi",
            "O'lchov birligi",
            f"{report.year}-yil rejasi",
            "Davr rejasi",
            "Amalda",
            "Bajarilish, %",
            "Holati",
            "Sabab / izoh",
        ],
        widths=[1.2, 7.5, 2.2, 2.0, 2.0, 2.0, 1.8, 2.4, 6.0],
        rows=rows,
        signature=_signature(report.director_name or report.centre.director_name),
        notes=notes,
        chart_svg=chart_svg,
    )


def consolidation_sheet(cons: Consolidation, director: str = "", chart_svg: str = "") -> Sheet:
    previous = f"{cons.previous_period.year}-yil"
    headers = [
        "Ko'rsatkich",
        "O'lchov birligi",
        *[c.label for c in cons.columns],
        "Jami",
        previous,
        "O'zgarish, %",
    ]
    rows: list[list[Value]] = [
        [
            row.indicator.name,
            row.indicator.unit,
            *[cell.value for cell in row.cells],
            row.total,
            row.previous,
            row.change,
        ]
        for row in cons.rows
    ]
    return Sheet(
        title=f"{cons.root.name}: {cons.period.label} bo'yicha YIG'MA HISOBOT",
        subtitle=[f"Markaz: {cons.root.name}", f"Davr: {cons.period.label}"],
        headers=headers,
        widths=[6.0, 2.2, *[2.0 for _ in cons.columns], 2.2, 2.2, 1.8],
        rows=rows,
        signature=_signature(director or cons.root.director_name),
        sheet_name="Yig'ma",
        chart_svg=chart_svg,
    )


def write_docx(sheet: Sheet) -> bytes:
    document = docx.Document()
    _setup(document)
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(sheet.title)
    run.bold = True
    run.font.size = Pt(TITLE_PT)
    for line in sheet.subtitle:
        document.add_paragraph(line)
    document.add_paragraph()
    table = document.add_table(rows=1, cols=len(sheet.headers))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _borders(table, "single")
    _fixed_widths(table, sheet.widths_cm)
    for cell, text in zip(table.rows[0].cells, sheet.headers, strict=True):
        _fill(cell, [text], bold=True, center=True)
    _mark_header(table, 1)
    for index, values in enumerate(sheet.rows):
        cells = table.add_row().cells
        for cell, value in zip(cells, values, strict=True):
            _fill(cell, [cell_text(value)], bold=index in sheet.bold_rows, center=isinstance(value, Decimal))
    document.add_paragraph()
    for line in sheet.notes:
        document.add_paragraph(line)
    document.add_paragraph()
    for line in sheet.signature:
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


_THIN = Side(style="thin", color="000000")
_GRID = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_BODY = Font(name=FONT, size=12)
_BOLD = Font(name=FONT, size=12, bold=True)


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def write_xlsx(sheet: Sheet) -> bytes:
    """Numbers as numbers (so Excel sums them), a frozen header row, column widths from the layout."""
    wb = Workbook()
    ws = wb.active
    assert isinstance(ws, Worksheet)
    ws.title = sheet.sheet_name[:31]
    width = len(sheet.headers)
    ws.cell(row=1, column=1, value=sheet.title).font = Font(name=FONT, size=14, bold=True)
    ws.cell(row=1, column=1).alignment = Alignment(wrap_text=True, horizontal="center")
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    ws.row_dimensions[1].height = 36
    for i, line in enumerate(sheet.subtitle, start=2):
        ws.cell(row=i, column=1, value=line).font = _BODY
    header = len(sheet.subtitle) + 3
    for col, text in enumerate(sheet.headers, start=1):
        cell = ws.cell(row=header, column=col, value=text)
        cell.font, cell.border = _BOLD, _GRID
        cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
    for col, cm in enumerate(sheet.widths_cm, start=1):
        ws.column_dimensions[get_column_letter(col)].width = max(6, round(cm * 4.4))
    ws.freeze_panes = f"A{header + 1}"
    ws.print_title_rows = f"{header}:{header}"
    row = header + 1
    for index, values in enumerate(sheet.rows):
        for col, value in enumerate(values, start=1):
            cell = ws.cell(
                row=row, column=col, value=_number(value) if isinstance(value, Decimal) else value or None
            )
            cell.font = _BOLD if index in sheet.bold_rows else _BODY
            cell.border = _GRID
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        row += 1
    row += 1
    for line in [*sheet.notes, "", *sheet.signature]:
        ws.cell(row=row, column=2, value=line or None).font = _BODY
        row += 1
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def render_print_html(sheet: Sheet) -> str:
    chart = (
        "data:image/svg+xml;base64," + base64.b64encode(sheet.chart_svg.encode()).decode()
        if sheet.chart_svg
        else ""
    )
    total = sum(sheet.widths)
    return render_to_string(
        "reports/print.html",
        {
            "sheet": sheet,
            "widths": [round(100 * w / total, 2) for w in sheet.widths],
            "rows": [[(cell_text(v), isinstance(v, Decimal)) for v in values] for values in sheet.rows],
            "chart": chart,
        },
    )


def write_pdf(sheet: Sheet) -> bytes:
    """A4 landscape, Times New Roman, header row repeated on every page, the chart under the table."""
    from weasyprint import HTML  # type: ignore[import-untyped, unused-ignore]

    pdf: bytes = HTML(string=render_print_html(sheet)).write_pdf()
    return pdf


WRITERS = {
    "docx": (write_docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "xlsx": (write_xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "pdf": (write_pdf, "application/pdf"),
}
