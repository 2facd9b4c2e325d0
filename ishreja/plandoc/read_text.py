"""Reader for the text-dump form of a plan (one table row a line, cells separated by tabs) -> RawDocument.

Layout of a dump: paragraphs (signature blocks, title), the header row ("№ Nomi ...") and an optional
second header row ("2025-yil (fakt)" "2026-yil (reja)"), the body, then paragraphs after the table
("Tekshirildi. <name>"). The body's dirt is resolved here only as far as the text shows it:
- a line that follows a blank line and has no item number continues the previous row across a page break
  (``continuation=True``); which cell each piece belongs to is decided by ``interpret``, which knows the
  columns (a piece can sit in the wrong column);
- separator rows (``--\t--``, ``-- | --``) are dropped;
- a section row (a Roman numeral title with empty cells, or a bare line "II. O'ZBEKISTON ..." without tabs)
  becomes one spanning cell;
- a line without tabs between table rows that is not a section title is a continuation of the first cell.
The table ends at the last line that has a tab; what follows is ``after``.
"""

from __future__ import annotations

import re

from ishreja.plandoc.raw import RawDocument, RawRow
from ishreja.plandoc.textnorm import clean, key

ITEM_NUMBER_RE = re.compile(r"^\d{1,3}(?:\.\d{1,3})*\.?$")
# A Roman numeral followed by "." or ")" and a title: "III. KADRLAR MALAKASINI OSHIRISH".
SECTION_RE = re.compile(
    r"^(?=[IVXLC])(M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3}))\s*[.)]\s*(\S.*)$"
)
ROMAN_ONLY_RE = re.compile(r"^(?=[IVXLC])M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})\.?$")
_SEPARATOR_RE = re.compile(r"^[\s|:\-–—+]*$")
_HEADER_WORD_RE = re.compile(
    r"^(?:№|no|n|t/r|#)\.?$|nomi|o'lchov|miqdor|muddat|mas'ul|mexanizm|ijrochi|birlig"
)
_NAME_WORD_RE = re.compile(r"nomi|bajariladigan\s+ishlar|tadbirlar|mazmuni")
_SUBHEADER_RE = re.compile(r"fakt|reja|amalda|prognoz|(?:19|20)\d{2}")
_COLUMN_NUMBERS_RE = re.compile(r"^\d{1,2}$")


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.split("\t")]


def is_header_row(cells: list[str]) -> bool:
    """A table header: a name column and at least one other known column title."""
    keys = [key(cell) for cell in cells if len(cell) < 80]
    return sum(1 for k in keys if _HEADER_WORD_RE.search(k)) >= 2 and any(
        _NAME_WORD_RE.search(k) for k in keys
    )


def _is_subheader(cells: list[str]) -> bool:
    filled = [c for c in cells if c]
    return (
        bool(filled)
        and not ITEM_NUMBER_RE.match(cells[0])
        and all(_SUBHEADER_RE.search(key(c)) for c in filled)
    )


def _is_column_numbers(cells: list[str]) -> bool:
    """The row "1 2 3 4 5 6 7 8" some plans put under the header."""
    filled = [c for c in cells if c]
    return len(filled) >= 3 and all(_COLUMN_NUMBERS_RE.match(c) for c in filled) and filled[0] == "1"


def is_separator(line: str) -> bool:
    return "--" in line and bool(_SEPARATOR_RE.match(line))


def section_text(cells: list[str]) -> str | None:
    """The section title of a row that is one, e.g. "III. KADRLAR ..."; None for an ordinary row."""
    filled = [(i, c) for i, c in enumerate(cells) if c]
    if len(filled) == 1 and filled[0][0] <= 1 and SECTION_RE.match(clean(filled[0][1])):
        return filled[0][1]
    # "I." in the number cell and the title in the name cell, everything else empty.
    if len(filled) == 2 and [i for i, _ in filled] == [0, 1] and ROMAN_ONLY_RE.match(clean(cells[0])):
        return f"{cells[0].rstrip('.')}. {cells[1]}"
    return None


def read_text(text: str) -> RawDocument:
    """Split a text dump into the paragraphs before and after the table, the header rows and body rows."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    header_at = next(
        (i for i, line in enumerate(lines) if "\t" in line and is_header_row(_cells(line))), None
    )
    if header_at is None:
        return RawDocument(before=[line.strip() for line in lines])
    doc = RawDocument(before=[line.strip() for line in lines[:header_at]], header=[_cells(lines[header_at])])
    body_start = header_at + 1
    while body_start < len(lines) and "\t" in lines[body_start]:
        cells = _cells(lines[body_start])
        if _is_column_numbers(cells):
            pass
        elif len(doc.header) < 2 and _is_subheader(cells):
            doc.header.append(cells)
        else:
            break
        body_start += 1
    table_end = max((i for i in range(body_start, len(lines)) if "\t" in lines[i]), default=body_start - 1)
    after_blank = False
    for line in lines[body_start : table_end + 1]:
        stripped = line.strip()
        if not stripped:
            after_blank = True
            continue
        if is_separator(stripped):
            continue
        cells = _cells(line)
        title = section_text(cells)
        if title is not None:
            doc.rows.append(RawRow(cells=[title], spanning=True))
        elif "\t" not in line or (after_blank and doc.rows and not ITEM_NUMBER_RE.match(cells[0])):
            doc.rows.append(RawRow(cells=cells, continuation=bool(doc.rows)))
        else:
            doc.rows.append(RawRow(cells=cells))
        after_blank = False
    doc.after = [line.strip() for line in lines[table_end + 1 :]]
    return doc
