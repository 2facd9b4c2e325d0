import io

import docx
import openpyxl
import pytest

from ishreja.reports import exports
from ishreja.reports.consolidation import consolidation_build
from ishreja.reports.periods import period_from_slug
from ishreja.reports.selectors import derived_of_lines, report_lines
from ishreja.reports.services import report_create

Q1 = period_from_slug(2026, "q1")


@pytest.fixture
def report_sheet(cast, world):
    report = report_create(centre=cast.jondor, period=Q1, user=cast.jondor_director)
    lines = report_lines(report)
    return exports.report_sheet(report, lines, derived_of_lines(lines))


def test_it_writes_a_report_as_docx_in_the_official_layout(report_sheet):
    document = docx.Document(io.BytesIO(exports.write_docx(report_sheet)))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "2026-yil I chorak ish rejasi bajarilishi to'g'risida HISOBOT" in text
    assert "Direktor ____" in text
    table = document.tables[0]
    assert table.rows[0].cells[6].text == "Bajarilish, %"
    loans = next(r for r in table.rows if r.cells[1].text == "Kitob berilishi")
    assert [c.text for c in loans.cells[3:8]] == ["12000", "3000", "2200", "73.3", "bajarilmadi"]
    assert document.sections[0].page_width > document.sections[0].page_height


def test_it_writes_numbers_as_numbers_with_a_frozen_header_in_xlsx(report_sheet):
    book = openpyxl.load_workbook(io.BytesIO(exports.write_xlsx(report_sheet)))
    sheet = book.active
    header = next(r for r in range(1, 10) if sheet.cell(r, 1).value == "№")
    assert sheet.freeze_panes == f"A{header + 1}"
    row = next(r for r in range(header, header + 10) if sheet.cell(r, 2).value == "Kitob berilishi")
    assert sheet.cell(row, 6).value == 2200 and isinstance(sheet.cell(row, 6).value, int)
    assert sheet.cell(row, 7).value == pytest.approx(73.3)
    assert sheet.column_dimensions["B"].width > sheet.column_dimensions["A"].width


def test_it_writes_a_pdf(report_sheet):
    assert exports.write_pdf(report_sheet).startswith(b"%PDF")


def test_it_exports_the_consolidated_table_in_all_three_formats(cast, world):
    sheet = exports.consolidation_sheet(consolidation_build(root=cast.buxoro, period=Q1))
    document = docx.Document(io.BytesIO(exports.write_docx(sheet)))
    header = [c.text for c in document.tables[0].rows[0].cells]
    assert header[2:5] == ["G'ijduvon", "Jondor", "Jami"]
    visits = next(r for r in document.tables[0].rows if r.cells[0].text == "Qatnov")
    assert [c.text for c in visits.cells[2:5]] == ["300", "1200", "1500"]
    book = openpyxl.load_workbook(io.BytesIO(exports.write_xlsx(sheet)))
    assert book.active.title == "Yig'ma"
    assert exports.write_pdf(sheet).startswith(b"%PDF")


def test_it_puts_the_chart_into_the_print_html(report_sheet):
    report_sheet.chart_svg = "<svg xmlns='http://www.w3.org/2000/svg'></svg>"
    html = exports.render_print_html(report_sheet)
    assert "data:image/svg+xml;base64," in html
    assert "A4 landscape" in html and "Times New Roman" in html
