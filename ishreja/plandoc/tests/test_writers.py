"""The writers' layout: what Word, Excel and a PDF reader will show, checked through their own libraries."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zlib
from pathlib import Path

import docx
import openpyxl
import pytest
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Cm

from ishreja.plandoc import api
from ishreja.plandoc.model import PlanDocument
from ishreja.plandoc.write_docx import write_docx
from ishreja.plandoc.write_pdf import render_html, write_pdf
from ishreja.plandoc.write_xlsx import quantity_value, write_xlsx

SEEDS = Path(__file__).parent / "seeds"


@pytest.fixture(scope="module")
def plan_2024() -> PlanDocument:
    return api.read_plan((SEEDS / "000_a6982a61a53db08a.txt").read_bytes(), "plan.txt")


@pytest.fixture(scope="module")
def plan_2026() -> PlanDocument:
    return api.read_plan((SEEDS / "001_544bea1e7323bf63.txt").read_bytes(), "plan.txt")


@pytest.fixture(scope="module")
def word(plan_2024: PlanDocument) -> docx.document.Document:
    return docx.Document(io.BytesIO(write_docx(plan_2024)))


def test_docx_page_is_a4_landscape_with_narrow_margins(word: docx.document.Document) -> None:
    section = word.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert abs(section.page_width - Cm(29.7)) < Cm(0.05) and abs(section.page_height - Cm(21.0)) < Cm(0.05)
    assert section.left_margin <= Cm(1.5) and section.top_margin <= Cm(1.5)


def test_docx_uses_times_new_roman_for_every_script(word: docx.document.Document) -> None:
    normal = word.styles["Normal"]
    fonts = normal.element.rPr.find(qn("w:rFonts"))
    assert {fonts.get(qn(f"w:{a}")) for a in ("ascii", "hAnsi", "cs", "eastAsia")} == {"Times New Roman"}
    assert normal.font.size.pt == 12
    defaults = word.styles.element.find(
        f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:rFonts')}"
    )
    assert not any(str(k).lower().endswith("theme") for k in defaults.attrib)  # themes would override


def test_docx_title_is_bold_centred_14pt(word: docx.document.Document, plan_2024: PlanDocument) -> None:
    title = next(p for p in word.paragraphs if "ISH REJASI" in p.text)
    assert title.text == plan_2024.title
    assert title.alignment == 1  # centre
    assert all(r.bold for r in title.runs) and title.runs[0].font.size.pt == 14


def test_docx_signature_blocks_in_a_borderless_table(word: docx.document.Document) -> None:
    signatures = word.tables[0]
    left, right = signatures.rows[0].cells
    assert left.paragraphs[0].text == "KELISHILDI" and right.paragraphs[0].text == "TASDIQLAYMAN"
    assert "_____ Aminova" in left.text and "_____ Halimov" in right.text
    borders = signatures._tbl.tblPr.find(qn("w:tblBorders"))
    assert {b.get(qn("w:val")) for b in borders} == {"nil"}


def test_docx_two_row_header_merged_and_repeated(word: docx.document.Document) -> None:
    table = word.tables[1]
    first, second = table.rows[0]._tr, table.rows[1]._tr
    spans = [tc.tcPr.find(qn("w:gridSpan")) for tc in first.tc_lst]
    assert [s.get(qn("w:val")) if s is not None else "1" for s in spans] == [
        "1",
        "1",
        "1",
        "2",
        "1",
        "1",
        "1",
    ]
    assert [tc.vMerge for tc in first.tc_lst] == [
        "restart",
        "restart",
        "restart",
        None,
        "restart",
        "restart",
        "restart",
    ]
    assert [tc.vMerge for tc in second.tc_lst] == ["continue"] * 3 + [None, None] + ["continue"] * 3
    assert (
        table.rows[1].cells[3].text == "2023-yil (fakt)" and table.rows[1].cells[4].text == "2024-yil (reja)"
    )
    for tr in (first, second):
        assert tr.trPr.find(qn("w:tblHeader")) is not None


def test_docx_sections_are_one_merged_bold_centred_cell(word: docx.document.Document) -> None:
    table = word.tables[1]
    sections = [tr for tr in table._tbl.tr_lst if len(tr.tc_lst) == 1]
    assert len(sections) == 6
    tc = sections[0].tc_lst[0]
    assert tc.tcPr.find(qn("w:gridSpan")).get(qn("w:val")) == "8"
    p = table.rows[2].cells[0].paragraphs[0]
    assert p.text == "I. ILMIY-METODIK FAOLIYAT" and p.alignment == 1 and p.runs[0].bold


def test_docx_item_cells(word: docx.document.Document) -> None:
    rows = {r.cells[0].text: r.cells for r in word.tables[1].rows[2:]}
    assert "7.1." in rows and "25.1." in rows  # numbers as written, with the trailing dot
    assert rows["7.4."][3].text == "479 37 460"
    responsible = rows["19."][7].paragraphs
    assert len(responsible) >= 2  # one person/service per paragraph
    assert "Tekshirildi. M. Alimova" in [p.text for p in word.paragraphs]


def test_xlsx_numbers_merges_freeze_widths_print(plan_2024: PlanDocument) -> None:
    wb = openpyxl.load_workbook(io.BytesIO(write_xlsx(plan_2024)))
    ws = wb.active
    assert ws is not None
    header = next(r for r in range(1, 20) if ws.cell(r, 2).value == "Nomi")
    merged = {str(m) for m in ws.merged_cells.ranges}
    assert f"D{header}:E{header}" in merged and f"A{header}:A{header + 1}" in merged
    assert ws.freeze_panes == f"A{header + 2}"
    assert ws.column_dimensions["B"].width >= 30
    assert ws.page_setup.orientation == "landscape" and str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    by_number = {ws.cell(r, 1).value: r for r in range(header + 2, ws.max_row + 1)}
    row8 = by_number["8."]
    assert ws.cell(row8, 4).value == 3600 and isinstance(ws.cell(row8, 4).value, int)
    assert ws.cell(by_number["7.4."], 4).value == "479 37 460"  # several numbers stay as written
    section = next(
        r for r in range(header + 2, ws.max_row + 1) if ws.cell(r, 1).value == "I. ILMIY-METODIK FAOLIYAT"
    )
    assert f"A{section}:H{section}" in merged
    assert ws.cell(row8, 2).alignment.wrap_text


def test_quantity_value_keeps_text_unless_it_is_exactly_one_number() -> None:
    from decimal import Decimal

    assert quantity_value("365", [Decimal(365)]) == 365
    assert quantity_value("", [Decimal("2.5")]) == 2.5
    assert quantity_value("-", []) == "-"
    assert quantity_value("1 200", [Decimal(1200)]) == "1 200"
    assert quantity_value("479 37 460", [Decimal(479), Decimal(37), Decimal(460)]) == "479 37 460"


def _media_box(pdf: bytes) -> list[float]:
    """The first page's MediaBox, looking inside compressed object streams (PDF 1.5+) when needed."""
    pattern = re.compile(rb"/MediaBox\s*\[\s*([\d.\s-]+)\]")
    match = pattern.search(pdf)
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.DOTALL):
        if match:
            break
        try:
            match = pattern.search(zlib.decompress(stream))
        except zlib.error:
            continue
    assert match, "no MediaBox"
    return [float(x) for x in match.group(1).split()]


@pytest.fixture(scope="module")
def pdf_2026(plan_2026: PlanDocument) -> bytes:
    return write_pdf(plan_2026)


def test_pdf_is_a4_landscape(pdf_2026: bytes) -> None:
    assert pdf_2026.startswith(b"%PDF")
    x0, y0, x1, y1 = _media_box(pdf_2026)
    assert abs((x1 - x0) - 841.89) < 1 and abs((y1 - y0) - 595.28) < 1


def test_pdf_template_escapes_and_repeats_header(plan_2026: PlanDocument) -> None:
    page = render_html(plan_2026)
    assert "<thead>" in page and 'colspan="8"' in page
    assert "<p>" not in plan_2026.title and "&lt;" not in page.split("<body>")[0]
    plan_2026.sections[0].title = "<script>alert(1)</script>"
    try:
        assert "<script>" not in render_html(plan_2026)
    finally:
        plan_2026.sections[0].title = "O'ZBEKISTON RESPUBLIKASI"


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_pdf_text_repeats_the_header_on_every_page(pdf_2026: bytes, tmp_path: Path) -> None:
    path = tmp_path / "plan.pdf"
    path.write_bytes(pdf_2026)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
    )
    pages = [p for p in text.stdout.split("\f") if p.strip()]
    assert len(pages) > 3
    assert all("Mas'ullar" in p for p in pages)
    assert "KELISHILDI" in pages[0] and "H. Qosimov" in pages[0]


def test_write_plan_formats_and_content_types(plan_2026: PlanDocument) -> None:
    assert api.write_plan(plan_2026, "json").startswith(b"{")
    assert api.write_plan(plan_2026, "docx").startswith(b"PK")
    assert set(api.CONTENT_TYPES) == set(api.FORMATS) == set(api.EXTENSIONS)
    assert api.download_name(plan_2026, "xlsx") == "ish-rejasi-2026.xlsx"
    with pytest.raises(ValueError):
        api.write_plan(plan_2026, "odt")  # type: ignore[arg-type]
