"""Builds test .docx/.xlsx plans the way people type them in Word and Excel, and hostile files.

Used by the reader, safety and property tests; nothing here goes through the project's own writers.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Iterator

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.table import Table, _Cell
from openpyxl import Workbook

from ishreja.plandoc.write_docx import COLUMN_TITLES

# The official column titles; the writers use the same words (the readers must accept them).
HEADER = list(COLUMN_TITLES)
SUBHEADER = ["", "", "", "2025-yil (fakt)", "2026-yil (reja)", "", "", ""]


def _fill(cell: _Cell, text: str) -> None:
    """One paragraph per line, as a person pressing Enter in a cell."""
    lines = text.split("\n")
    cell.paragraphs[0].text = lines[0]
    for line in lines[1:]:
        cell.add_paragraph(line)


def _no_borders(table: Table) -> None:
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    table._tbl.tblPr.append(borders)


def _signature_table(document: docx.document.Document, agreed: list[str], approved: list[str]) -> None:
    table = document.add_table(rows=1, cols=2)
    _no_borders(table)
    _fill(table.cell(0, 0), "\n".join(agreed))
    _fill(table.cell(0, 1), "\n".join(approved))


AGREED = [
    "“KELISHILDI”",
    "Abu Ali ibn Sino nomidagi Buxoro viloyati axborot-kutubxona markazi direktori v.v.b.",
    "_____ H. Qosimov",
]
APPROVED = [
    "“TASDIQLAYMAN”",
    "Jondor tuman axborot-kutubxona markazi direktori",
    "_____ R. Halimov",
    "2026-yil",
]
TITLE = ["Jondor tuman axborot-kutubxona markazining", "2026-yil uchun mo'ljallangan ISH REJASI"]


def _title(document: docx.document.Document, lines: list[str]) -> None:
    p = document.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for i, line in enumerate(lines):
        run = p.add_run(line)
        run.bold = True
        if i < len(lines) - 1:
            run.add_break()


# Item 19's second measure (2026 plan): only its own figures, mechanism and responsible are filled.
MEASURE_ROW = [
    "",
    "",
    "",
    "5167",
    "6000",
    "Asosiy yozuvlar bazasida: Nusxa qo'shish",
    "",
    "Fondlarni to'ldirish saqlash va ularga ishlov berish",
]


def typed_plan_docx(*, signatures_in_paragraphs: bool = False, checked: bool = True) -> bytes:
    """The 2026 plan's shape as typed in Word: merged header, merged sections, multi-line cells."""
    document = docx.Document()
    if signatures_in_paragraphs:
        # Agreed block on the left, approved block pushed right with tabs, line by line.
        for left, right in zip([*AGREED, ""], APPROVED, strict=True):
            document.add_paragraph(f"{left}\t\t\t{right}" if left else f"\t\t\t\t{right}")
    else:
        _signature_table(document, AGREED, APPROVED)
    document.add_paragraph()
    _title(document, TITLE)
    table = document.add_table(rows=2, cols=8)
    table.style = "Table Grid"
    for col, text in enumerate(SUBHEADER):
        if text:
            _fill(table.cell(1, col), text)
    table.cell(0, 3).merge(table.cell(0, 4)).text = "Miqdori"
    for col in (0, 1, 2, 5, 6, 7):
        table.cell(0, col).merge(table.cell(1, col)).text = HEADER[col]

    def section(title: str) -> None:
        cells = table.add_row().cells
        merged = cells[0].merge(cells[7])
        merged.text = title
        merged.paragraphs[0].runs[0].bold = True

    def item(*values: str) -> list[_Cell]:
        cells = table.add_row().cells
        for cell, value in zip(cells, values, strict=True):
            if value:
                _fill(cell, value)
        return cells

    section("I. ILMIY-METODIK FAOLIYAT")
    item(
        "1.",
        "O'RQ-280-son \"Axborot-kutubxona faoliyati to'g'risida\"gi Qonun ijrosi",
        "Tadbir",
        "",
        "",
        "1. Birinchi qadam.\n2. Ikkinchi qadam.",
        "2026-yil davomida",
        "Axborot-kutubxona markazi direktori",
    )
    item(
        "7.",
        "Sovg'a tariqasida: Jismoniy shaxslar; Yuridik shaxslar",
        "Nusxa",
        "479\n37\n460",
        "518\n43\n475",
        "Dalolatnoma asosida",
        "2026-yil davomida",
        "Fondlarni to'ldirish xizmati",
    )
    item("", "Shundan,", "", "", "", "", "", "")
    item(
        "7.1.",
        "Majburiy nusxa",
        "Nusxa",
        "-",
        "",
        "Hududda chop etilgan nashrlar asosida",
        "2026-yil davomida",
        "",
    )
    section("IV. ASOSIY ISHLAB CHIQRISH FAOLIYATI")
    first = item(
        "19.",
        "Bibliografik yozuvlarni nazorat qilish",
        "Bibliografik yozuv",
        "365",
        "300",
        "Vaqtinchalik yozuvlar bazasida: Bibliografik yozuv yaratish.",
        "2026-yilning har oyida",
        "Axborot-kommunikatsiya va raqamlashtirish xizmati",
    )
    second = item(*MEASURE_ROW)
    # The measure row: its item's number, name, unit and deadline cells are merged down into it.
    for col in (0, 1, 2, 6):
        first[col].merge(second[col])
    item(
        "20.",
        "Foydalanuvchilarni ro'yxatga olish",
        "Nafar",
        "8814",
        "8844",
        "",
        "2026-yil davomida",
        "Abonement xizmati\nAxborot-bibliografiya xizmati",
    )
    if checked:
        document.add_paragraph()
        document.add_paragraph("Tekshirildi.")
        document.add_paragraph("M. Alimova")
    return _save(document)


def short_plan_docx() -> bytes:
    """Fewer columns and other header words, single header row, no quantities."""
    document = docx.Document()
    _title(document, ["Jondor tuman axborot-kutubxona markazining 2026-yil uchun mo'ljallangan ISH REJASI"])
    table = document.add_table(rows=1, cols=4)
    for col, text in enumerate(["T/r", "Tadbirlar nomi", "Muddati", "Mas'ul bajaruvchilar"]):
        table.cell(0, col).text = text
    for values in (
        ("1", "Kitob ko'rgazmasi", "I chorak", "Abonement xizmati"),
        ("2", "Shoirlar bilan uchrashuv", "har oyda", "Direktor"),
    ):
        cells = table.add_row().cells
        for cell, value in zip(cells, values, strict=True):
            cell.text = value
    return _save(document)


def cyrillic_plan_docx() -> bytes:
    document = docx.Document()
    _signature_table(
        document,
        ["КЕЛИШИЛДИ", "Вилоят АКМ директори", "_____ Ҳ. Қосимов"],
        ["ТАСДИҚЛАЙМАН", "Жондор туман АКМ директори", "_____ Р. Ҳалимов"],
    )
    _title(document, ["Жондор туман ахборот-кутубхона марказининг 2026-йил учун мўлжалланган ИШ РЕЖАСИ"])
    table = document.add_table(rows=2, cols=8)
    header = [
        "№",
        "Номи",
        "Ўлчов бирлиги",
        "Миқдори",
        "",
        "Амалга ошириш механизми",
        "Бажарилиш муддати",
        "Масъуллар",
    ]
    table.cell(1, 3).text = "2025-йил (факт)"
    table.cell(1, 4).text = "2026-йил (режа)"
    table.cell(0, 3).merge(table.cell(0, 4)).text = header[3]
    for col in (0, 1, 2, 5, 6, 7):
        table.cell(0, col).merge(table.cell(1, col)).text = header[col]
    cells = table.add_row().cells
    cells[0].merge(cells[7]).text = "I. ИЛМИЙ-МЕТОДИК ФАОЛИЯТ"
    cells = table.add_row().cells
    for cell, value in zip(
        cells,
        [
            "1.",
            "Фойдаланувчилар ўртасида сўровномалар ўтказиш",
            "Тадбир",
            "2",
            "3",
            "Анкета саволларини тузиш",
            "2026-йил давомида",
            "Абонемент хизмати",
        ],
        strict=True,
    ):
        cell.text = value
    return _save(document)


def split_and_numbered_docx() -> bytes:
    """A plan table broken in two by an empty paragraph, its № column numbered by Word's "List Number"."""
    document = docx.Document()
    document.add_paragraph(
        "Jondor tuman axborot-kutubxona markazining 2026-yil uchun mo'ljallangan ISH REJASI"
    )
    for part, names in enumerate((["Kitob ko'rgazmasi", "Uchrashuv"], ["Davra suhbati"])):
        table = document.add_table(rows=1, cols=4)
        for col, text in enumerate(["№", "Nomi", "Bajarilish muddati", "Mas'ullar"]):
            table.cell(0, col).text = text
        for name in names:
            cells = table.add_row().cells
            cells[0].paragraphs[0].style = document.styles["List Number"]
            cells[1].text, cells[2].text, cells[3].text = name, "I chorak", "Direktor"
        if part == 0:
            document.add_paragraph()
    return _save(document)


def no_plan_docx() -> bytes:
    """A Word file with a table, but not a plan table."""
    document = docx.Document()
    document.add_paragraph("Xodimlar ro'yxati")
    table = document.add_table(rows=2, cols=3)
    for col, text in enumerate(["F.I.Sh.", "Lavozim", "Telefon"]):
        table.cell(0, col).text = text
    return _save(document)


def typed_plan_xlsx(*, with_table: bool = True) -> bytes:
    """The plan typed in Excel: signature blocks in the corners, merged title, header and section rows."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws["A1"], ws["F1"] = "KELISHILDI", "TASDIQLAYMAN"
    ws["A2"], ws["F2"] = "Buxoro viloyati AKM direktori", "Jondor tuman AKM direktori"
    ws["A3"], ws["F3"] = "_____ H. Qosimov", "_____ R. Halimov"
    ws["A5"] = "Jondor tuman axborot-kutubxona markazining 2026-yil uchun mo'ljallangan ISH REJASI"
    ws.merge_cells("A5:H5")
    if not with_table:
        ws["A7"], ws["B7"] = "Ism", "Familiya"
        return _save_xlsx(wb)
    for col, text in enumerate(HEADER, start=1):
        ws.cell(row=7, column=col, value=text or None)
        ws.cell(row=8, column=col, value=SUBHEADER[col - 1] or None)
    ws.merge_cells("D7:E7")
    for letter in "ABCFGH":
        ws.merge_cells(f"{letter}7:{letter}8")
    ws["A9"] = "I. ILMIY-METODIK FAOLIYAT"
    ws.merge_cells("A9:H9")
    rows = [
        [
            "1.",
            "So'rovnomalar o'tkazish",
            "Tadbir",
            2,
            3,
            "1. Anketa tuzish\n2. Tahlil",
            "I-IV chorak",
            "Abonement",
        ],
        [
            "2.",
            "Sovg'a tariqasida",
            "Nusxa",
            "479 37 460",
            "518 43 475",
            "Dalolatnoma",
            "Yil davomida",
            "Fond",
        ],
        ["2.1.", "Kitob almashinuvi", "Nusxa", 12.5, "-", "Shartnoma", "Yil davomida", "Fond"],
    ]
    for r, values in enumerate(rows, start=10):
        for c, value in enumerate(values, start=1):
            ws.cell(row=r, column=c, value=value)
    ws["B15"] = "Tekshirildi. M. Alimova"
    return _save_xlsx(wb)


def _save(document: docx.document.Document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _save_xlsx(wb: Workbook) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


# --- hostile files -------------------------------------------------------------------------------------


def _zeros(total: int, chunk: int = 1 << 20) -> Iterator[bytes]:
    block = b"\0" * chunk
    for _ in range(total // chunk):
        yield block


def _deflate_stream(chunks: Iterator[bytes]) -> tuple[bytes, int, int]:
    """Compress a stream without holding it: returns (compressed bytes, crc32, uncompressed size)."""
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    out, crc, size = [], 0, 0
    for chunk in chunks:
        crc = zlib.crc32(chunk, crc)
        size += len(chunk)
        out.append(comp.compress(chunk))
    out.append(comp.flush())
    return b"".join(out), crc, size


def replace_part(data: bytes, name: str, content: bytes) -> bytes:
    """A copy of an Office file with one part replaced (or added)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename != name:
                dst.writestr(info.filename, src.read(info))
        dst.writestr(name, content)
    return out.getvalue()


def zip_bomb(base: bytes, part: str, gigabytes: float = 1.2) -> bytes:
    """``base`` with ``part`` replaced by a deflated stream of zeros inflating to ``gigabytes`` GB.

    The zip is assembled by hand (zipfile cannot take pre-compressed data) so a gigabyte is never held in
    memory: only its ~1 MB deflated form is.
    """
    compressed, crc, size = _deflate_stream(_zeros(int(gigabytes * (1 << 30))))
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(base)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename != part:
                dst.writestr(info.filename, src.read(info))
    # Rebuild: existing members via zipfile, then append the bomb member by writing raw records.
    members = out.getvalue()
    with zipfile.ZipFile(io.BytesIO(members)) as zf:
        infos = zf.infolist()
        cd_offset = zf.start_dir
    body = bytearray(members[:cd_offset])
    name = part.encode()
    local_offset = len(body)
    # Local file header and central directory record (APPNOTE 4.3.7 / 4.3.12): deflate, no flags.
    fields = struct.pack("<HHHIIIIH", 20, 0, 8, 0, crc, len(compressed), size, len(name))
    body += b"PK\x03\x04" + fields + struct.pack("<H", 0) + name + compressed
    central = bytearray(members[cd_offset : members.rfind(b"PK\x05\x06")])
    # Central record: version made by, the shared fields, then extra/comment/disk/attributes and offset.
    central += b"PK\x01\x02" + struct.pack("<H", 20) + fields
    central += struct.pack("<HHHHII", 0, 0, 0, 0, 0, local_offset) + name
    count = len(infos) + 1
    end = b"PK\x05\x06" + struct.pack("<HHHHIIH", 0, 0, count, count, len(central), len(body), 0)
    return bytes(body + central + end)


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r>
<w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>
"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">
<c r="A1" t="inlineStr"><is><t>&xxe;</t></is></c></row></sheetData></worksheet>
"""
