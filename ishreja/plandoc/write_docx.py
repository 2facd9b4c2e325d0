"""Writes a ``PlanDocument`` as a .docx in the official layout (A4 landscape, Times New Roman, signed blocks).

The layout mirrors the plans centres send: agreed block top left, approved block top right, bold centred
title, the plan table with a two-row header repeated on every page, sections as merged bold rows.
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import Table, _Cell
from lxml import etree

from ishreja.plandoc.fields import MONTHS_UZ
from ishreja.plandoc.model import Item, PlanDocument, Signature

FONT = "Times New Roman"
BODY_PT = 12
TITLE_PT = 14
# Column widths in cm; they add up to the A4 landscape text width with 1.27 cm margins (27.16 cm).
COLUMN_WIDTHS_CM = (1.3, 6.3, 2.4, 2.1, 2.1, 6.5, 2.9, 3.56)


def format_number(value: Decimal) -> str:
    """A quantity as a person writes it: no exponent, no trailing zeros ("1200", "2.5")."""
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def quantity_text(text: str, numbers: list[Decimal]) -> str:
    """The quantity cell: the text as written when there is one, else the numbers joined by spaces."""
    return text if text else " ".join(format_number(n) for n in numbers)


def item_number(item: Item) -> str:
    """Item number as written plus the trailing dot official plans use ("7.1" -> "7.1.")."""
    return item.number.rstrip(".") + "." if item.number.strip() else ""


def plan_title(doc: PlanDocument) -> str:
    if doc.title:
        return doc.title
    year = f"{doc.year}-yil" if doc.year else "____-yil"
    return f"{doc.centre or '____'}ning {year} uchun mo'ljallangan ISH REJASI"


def section_heading(number: str, title: str) -> str:
    return f"{number}. {title}" if number else title


def quantity_headers(doc: PlanDocument) -> tuple[str, str]:
    # Only the years the plan states: an invented fact year would read back as a different plan.
    fact = f"{doc.fact_year}-yil (fakt)" if doc.fact_year else "Fakt"
    return fact, (f"{doc.year}-yil (reja)" if doc.year else "Reja")


COLUMN_TITLES = (
    "№",
    "Nomi",
    "O'lchov birligi",
    "Miqdori",
    "",
    "Amalga oshirish mexanizmi",
    "Bajarilish muddati",
    "Mas'ullar",
)


def signature_lines(label: str, sig: Signature | None, year: int | None) -> list[str]:
    """The lines of a signature block: label, title (may be several lines), "_____ name", date line.

    No lines for a missing block: writing an empty one would read back as a signature with no name.
    """
    if sig is None:
        return []
    lines = [label, *[t for t in sig.title.split("\n") if t.strip()]]
    lines.append(f"_____ {sig.name}".rstrip())
    if sig.date:
        lines.append(_date_line(sig.date))
    elif year:
        lines.append(f"{year}-yil “_____” ________")  # the blank a director fills in by hand
    return lines


def _date_line(date: dt.date) -> str:
    return f"{date.year}-yil “{date.day}” {MONTHS_UZ[date.month - 1]}"


def checked_lines(sig: Signature | None) -> list[str]:
    """ "Tekshirildi. <name>" and, when known, the date on the next line; nothing when unchecked."""
    if sig is None:
        return []
    return [f"Tekshirildi. {sig.name}".rstrip(), *([_date_line(sig.date)] if sig.date else [])]


def item_rows(items: list[Item]) -> list[Item]:
    """Items depth first: each item row followed by its sub-items and measure rows."""
    out: list[Item] = []
    for item in items:
        out.append(item)
        out.extend(item_rows(item.children))
    return out


def _set_fonts(rpr: etree._Element, size_pt: int) -> None:
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    # Theme attributes win over explicit ones in Word, so they go; all four scripts get Times New Roman.
    for attr in list(fonts.attrib):
        if str(attr).lower().endswith("theme"):
            del fonts.attrib[attr]
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    for tag in ("w:sz", "w:szCs"):
        el = rpr.find(qn(tag))
        if el is None:
            el = OxmlElement(tag)
            rpr.append(el)
        el.set(qn("w:val"), str(size_pt * 2))


def _setup(document: docx.document.Document) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.27))
    styles = document.styles.element
    defaults = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    if defaults is not None:
        _set_fonts(defaults, BODY_PT)
    normal = document.styles["Normal"]
    _set_fonts(normal.element.get_or_add_rPr(), BODY_PT)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.line_spacing = 1.0


def _fill(cell: _Cell, lines: list[str], *, bold: bool = False, center: bool = False) -> None:
    """Put each line in its own paragraph (python-docx gives a new cell one empty paragraph)."""
    paragraphs = cell.paragraphs
    for i, line in enumerate(lines or [""]):
        p = paragraphs[0] if i == 0 else cell.add_paragraph()
        if center:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if line:
            run = p.add_run(line)
            run.bold = bold or None


def _lines(text: str) -> list[str]:
    return [ln for ln in text.split("\n") if ln.strip()]


# The order Word's schema requires for w:tblPr children; Word calls a file with them out of order corrupt.
_TBL_PR_ORDER = (
    "tblStyle",
    "tblpPr",
    "tblOverlap",
    "bidiVisual",
    "tblStyleRowBandSize",
    "tblStyleColBandSize",
    "tblW",
    "jc",
    "tblCellSpacing",
    "tblInd",
    "tblBorders",
    "shd",
    "tblLayout",
    "tblCellMar",
    "tblLook",
)


def _insert_in_order(tbl_pr: etree._Element, el: etree._Element) -> None:
    rank = _TBL_PR_ORDER.index(etree.QName(el).localname)
    for child in tbl_pr:
        name = etree.QName(child).localname
        if name in _TBL_PR_ORDER and _TBL_PR_ORDER.index(name) > rank:
            child.addprevious(el)
            return
    tbl_pr.append(el)


def _borders(table: Table, style: str) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:val"), style)
        if style != "nil":
            el.set(qn("w:sz"), "4")
            el.set(qn("w:space"), "0")
            el.set(qn("w:color"), "000000")
        borders.append(el)
    _insert_in_order(tbl_pr, borders)


def _fixed_widths(table: Table, widths_cm: tuple[float, ...]) -> None:
    table.autofit = False  # also writes <w:tblLayout w:type="fixed"/>
    # Narrow cell margins (Word's default is 0.19 cm a side): the quantity and number columns are narrow.
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:w"), "57")  # twentieths of a point: 0.1 cm
        el.set(qn("w:type"), "dxa")
        margins.append(el)
    _insert_in_order(table._tbl.tblPr, margins)
    for col, width in zip(table.columns, widths_cm, strict=True):
        col.width = Cm(width)


def _signature_table(document: docx.document.Document, doc: PlanDocument) -> None:
    agreed = signature_lines("KELISHILDI", doc.agreed, doc.year)
    approved = signature_lines("TASDIQLAYMAN", doc.approved, doc.year)
    if not agreed and not approved:
        return
    table = document.add_table(rows=1, cols=2)
    _borders(table, "nil")
    _fixed_widths(table, (13.58, 13.58))
    left, right = table.rows[0].cells
    for cell, lines in ((left, agreed), (right, approved)):
        _fill(cell, lines)
        if lines:
            cell.paragraphs[0].runs[0].bold = True
    for p in right.paragraphs:
        p.paragraph_format.left_indent = Cm(4.5)


def _mark_header(table: Table, rows: int) -> None:
    for row in table.rows[:rows]:
        tr_pr = row._tr.get_or_add_trPr()
        # A header row split over two pages would be unreadable. (Schema order: cantSplit, tblHeader.)
        tr_pr.append(OxmlElement("w:cantSplit"))
        tr_pr.append(OxmlElement("w:tblHeader"))


def _plan_table(document: docx.document.Document, doc: PlanDocument) -> None:
    table = document.add_table(rows=2, cols=len(COLUMN_TITLES))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _borders(table, "single")
    _fixed_widths(table, COLUMN_WIDTHS_CM)
    top, sub = table.rows[0].cells, table.rows[1].cells
    fact, plan = quantity_headers(doc)
    _fill(sub[3], [fact], bold=True, center=True)
    _fill(sub[4], [plan], bold=True, center=True)
    quantity = top[3].merge(top[4])
    _fill(quantity, ["Miqdori"], bold=True, center=True)
    for col in (0, 1, 2, 5, 6, 7):
        merged = top[col].merge(sub[col])
        _fill(merged, [COLUMN_TITLES[col]], bold=True, center=True)
        merged.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    _mark_header(table, 2)
    width = len(COLUMN_TITLES)
    for section in doc.sections:
        heading = section_heading(section.number, section.title)
        if heading:
            cells = table.add_row().cells
            merged = cells[0].merge(cells[width - 1])
            _fill(merged, [heading], bold=True, center=True)
        for item in item_rows(section.items):
            cells = table.add_row().cells
            _fill(cells[0], [item_number(item)], center=True)
            _fill(cells[1], _lines(item.name))
            _fill(cells[2], _lines(item.unit), center=True)
            _fill(cells[3], [quantity_text(item.fact_text, item.fact)], center=True)
            _fill(cells[4], [quantity_text(item.plan_text, item.plan)], center=True)
            _fill(cells[5], _lines(item.mechanism))
            _fill(cells[6], _lines(item.deadline.text), center=True)
            _fill(cells[7], [r for r in item.responsible if r.strip()])


def write_docx(doc: PlanDocument) -> bytes:
    """The plan as .docx bytes in the official layout."""
    document = docx.Document()
    _setup(document)
    _signature_table(document, doc)
    document.add_paragraph()
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(plan_title(doc))
    run.bold = True
    run.font.size = Pt(TITLE_PT)
    title.paragraph_format.space_after = Pt(6)
    _plan_table(document, doc)
    checked = checked_lines(doc.checked)
    if checked:
        document.add_paragraph()
    for line in checked:
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
