"""Reads a Word (.docx) plan into a ``RawDocument``: the lines around the plan table and its rows as text.

python-docx opens the package; the table is walked through its ``w:tc`` elements because python-docx's
``rows``/``cells`` repeat merged cells, while interpretation needs one string per grid column.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass

import docx
from docx.oxml.ns import qn
from lxml import etree

from ishreja.plandoc import safety
from ishreja.plandoc.errors import PlanReadError
from ishreja.plandoc.raw import RawDocument, RawRow

_P, _TBL, _TR, _TC, _SDT, _SDT_CONTENT = (
    qn(t) for t in ("w:p", "w:tbl", "w:tr", "w:tc", "w:sdt", "w:sdtContent")
)
_T, _TAB, _BR, _CR = (qn(t) for t in ("w:t", "w:tab", "w:br", "w:cr"))
_NUM_PR, _NUM_ID, _ILVL = qn("w:numPr"), qn("w:numId"), qn("w:ilvl")
_VAL = qn("w:val")
# Text that Word does not show as part of the paragraph: deleted revisions, field codes, and text boxes
# (whose own paragraphs would otherwise be read twice, once through mc:Fallback).
_SKIP = {qn("w:del"), qn("w:instrText"), qn("w:delText"), qn("w:txbxContent"), qn("w:rPr"), qn("w:pPr")}
_SKIP.add("{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback")

NO_PLAN_TABLE = "Faylda ish rejasi jadvali topilmadi: jadval sarlavhasida «Nomi» ustuni yo'q."
DAMAGED_DOCX = "Word fayli shikastlangan, uni o'qib bo'lmadi."

# Header words, Latin and Cyrillic Uzbek. The name column decides which table is the plan; a second header
# word guards against an item row that merely mentions "nomi".
_NAME_WORDS = re.compile(
    r"\b(nomi|номи|bajariladigan ishlar|бажариладиган ишлар|tadbirlar|тадбирлар|наименование)\b"
)
_OTHER_WORDS = re.compile(
    r"(№|\bt/r\b|\bт/р\b|muddat|муддат|mas'ul|масъул|масул|o'lchov|ўлчов|улчов|miqdor|миқдор|микдор|"
    r"birlig|бирлиг|mexanizm|механизм)"
)
_SUBHEADER_WORDS = re.compile(r"(fakt|reja|факт|режа|yil|йил)")
_APOSTROPHES = str.maketrans({c: "'" for c in "‘’ʻʼ`´ʹ"})


def _norm(text: str) -> str:
    return text.translate(_APOSTROPHES).lower()


def is_header_row(cells: list[str]) -> bool:
    """True for the plan table's first header row (shared with the .xlsx reader)."""
    texts = [_norm(c) for c in cells if c.strip()]
    return any(_NAME_WORDS.search(t) for t in texts) and any(_OTHER_WORDS.search(t) for t in texts)


def is_subheader_row(cells: list[str]) -> bool:
    """True for the second header row under "Miqdori": "<year>-yil (fakt)", "<year>-yil (reja)"."""
    texts = [_norm(c) for c in cells if c.strip()]
    return bool(texts) and all(_SUBHEADER_WORDS.search(t) for t in texts)


def is_column_numbers_row(cells: list[str]) -> bool:
    """True for the "1 | 2 | 3 ..." row official forms put under the header."""
    texts = [c.strip().rstrip(".") for c in cells if c.strip()]
    return len(texts) >= 3 and texts == [str(i) for i in range(1, len(texts) + 1)]


@dataclass
class _Cell:
    text: str
    col: int  # first grid column
    span: int
    continues: bool  # a vMerge continuation: its text belongs to the cell above
    restarts: bool = False  # the first cell of a vertical merge


class _Numbering:
    """Renders Word's automatic list numbers ("1.", "7.1.", "II.") that are not in the text itself."""

    _FORMATS = {"decimal", "upperRoman", "lowerRoman", "upperLetter", "lowerLetter"}

    def __init__(self, document: docx.document.Document) -> None:
        self.levels: dict[tuple[str, int], tuple[str, str, int]] = {}
        self.counters: dict[str, list[int]] = {}
        # Paragraph styles such as "List Number" carry their numbering in the style, not the paragraph.
        self.style_num: dict[str, etree._Element] = {}
        for style in document.styles.element.findall(qn("w:style")):
            num_pr = style.find(f"{qn('w:pPr')}/{_NUM_PR}")
            if num_pr is not None:
                self.style_num[style.get(qn("w:styleId"), "")] = num_pr
        try:
            numbering = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for an in numbering.findall(qn("w:abstractNum")):
            lvls: dict[int, tuple[str, str, int]] = {}
            for lvl in an.findall(qn("w:lvl")):
                fmt, text, start = (
                    lvl.find(qn("w:numFmt")),
                    lvl.find(qn("w:lvlText")),
                    lvl.find(qn("w:start")),
                )
                lvls[int(lvl.get(qn("w:ilvl"), "0"))] = (
                    fmt.get(_VAL, "decimal") if fmt is not None else "decimal",
                    text.get(_VAL, "") if text is not None else "",
                    int(start.get(_VAL, "1")) if start is not None else 1,
                )
            abstract[an.get(qn("w:abstractNumId"), "")] = lvls
        for num in numbering.findall(qn("w:num")):
            ref = num.find(qn("w:abstractNumId"))
            if ref is not None:
                for ilvl, spec in abstract.get(ref.get(_VAL, ""), {}).items():
                    self.levels[(num.get(qn("w:numId"), ""), ilvl)] = spec

    def label(self, p: etree._Element) -> str:
        num_pr = p.find(f"{qn('w:pPr')}/{_NUM_PR}")
        if num_pr is None:
            style = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
            num_pr = self.style_num.get(style.get(_VAL, "")) if style is not None else None
        if num_pr is None or not self.levels:
            return ""
        num_id_el, ilvl_el = num_pr.find(_NUM_ID), num_pr.find(_ILVL)
        num_id = num_id_el.get(_VAL, "") if num_id_el is not None else ""
        ilvl = int(ilvl_el.get(_VAL, "0")) if ilvl_el is not None else 0
        if (num_id, ilvl) not in self.levels or ilvl > 8:
            return ""
        counters = self.counters.setdefault(num_id, [0] * 9)
        counters[ilvl] += 1
        counters[ilvl + 1 :] = [0] * (8 - ilvl)
        text = self.levels[(num_id, ilvl)][1]
        for lvl in range(ilvl + 1):
            fmt, _, start = self.levels.get((num_id, lvl), ("decimal", "", 1))
            if fmt not in self._FORMATS:
                return ""
            value = counters[lvl] + start - 1 if lvl == ilvl else max(counters[lvl], 1) + start - 1
            text = text.replace(f"%{lvl + 1}", _format_number(value, fmt))
        return text + " " if text else ""


def _format_number(n: int, fmt: str) -> str:
    if fmt.endswith("Roman"):
        out = ""
        for value, numeral in zip(
            (1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1),
            ("M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"),
            strict=True,
        ):
            while n >= value:
                out, n = out + numeral, n - value
        return out if fmt == "upperRoman" else out.lower()
    if fmt.endswith("Letter"):
        letter = chr(ord("A") + (n - 1) % 26)
        return letter if fmt == "upperLetter" else letter.lower()
    return str(n)


class _Reader:
    def __init__(self, document: docx.document.Document) -> None:
        self.numbering = _Numbering(document)
        self.body = document.element.body

    def paragraph_text(self, p: etree._Element) -> str:
        parts = [self.numbering.label(p)]

        def walk(el: etree._Element) -> None:
            for child in el:
                tag = child.tag
                if tag in _SKIP or not isinstance(tag, str):
                    continue
                if tag == _T:
                    parts.append(child.text or "")
                elif tag == _TAB:
                    parts.append("\t")
                elif tag in (_BR, _CR):
                    parts.append("\n")
                else:
                    walk(child)

        walk(p)
        return "".join(parts)

    def cell_text(self, tc: etree._Element) -> str:
        # Paragraphs of nested tables count as the cell's own lines; empty paragraphs (Word always leaves
        # one) are dropped; a tab inside a cell is only spacing.
        lines = (self.paragraph_text(p).replace("\t", " ").strip() for p in tc.iter(_P))
        return "\n".join(line for line in lines if line)

    def row_cells(self, tr: etree._Element) -> list[_Cell]:
        col = _grid_skip(tr, "w:gridBefore")
        cells = []
        for tc in _children(tr, _TC):
            tc_pr = tc.find(qn("w:tcPr"))
            span, continues, restarts = 1, False, False
            if tc_pr is not None:
                grid_span = tc_pr.find(qn("w:gridSpan"))
                if grid_span is not None:
                    span = max(1, min(_int(grid_span.get(_VAL)), 64))
                v_merge = tc_pr.find(qn("w:vMerge"))
                continues = v_merge is not None and v_merge.get(_VAL, "continue") != "restart"
                restarts = v_merge is not None and not continues
            cells.append(_Cell("" if continues else self.cell_text(tc), col, span, continues, restarts))
            col += span
        return cells

    def table_lines(self, rows: list[list[_Cell]]) -> list[str]:
        # Column by column, so a borderless signature table yields the agreed block, then the approved one.
        lines: list[str] = []
        for col in sorted({c.col for row in rows for c in row}):
            for row in rows:
                lines += [ln for c in row if c.col == col for ln in c.text.split("\n") if ln.strip()]
        return [ln.strip() for ln in lines]


def _children(el: etree._Element, tag: str) -> Iterator[etree._Element]:
    """Direct children with ``tag``, looking through content controls (w:sdt) that wrap them."""
    for child in el:
        if child.tag == tag:
            yield child
        elif child.tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                yield from _children(content, tag)


def _int(value: str | None) -> int:
    try:
        return int(value or "1")
    except ValueError:
        return 1


def _grid_skip(tr: etree._Element, name: str) -> int:
    el = tr.find(f"{qn('w:trPr')}/{qn(name)}")
    return max(0, min(_int(el.get(_VAL)), 64)) if el is not None else 0


def _expand(cells: list[_Cell], width: int) -> list[str]:
    """One string per grid column: a spanning cell's text, then empty strings for the columns it covers."""
    out = [""] * width
    for c in cells:
        if c.col < width:
            out[c.col] = c.text
    return out


def _split_tabbed(paragraphs: list[str]) -> list[str]:
    """Signature blocks typed as paragraphs with tabs ("KELISHILDI<tab><tab>TASDIQLAYMAN"): left block first.

    Consecutive tabbed paragraphs form one block; a part after the tabs (or a paragraph that starts with a
    tab) belongs to the right-hand block, which is emitted after the left-hand one like a two-cell table.
    """
    lines: list[str] = []
    left: list[str] = []
    right: list[str] = []

    def flush() -> None:
        lines.extend(left + right)
        left.clear()
        right.clear()

    for text in paragraphs:
        for line in text.split("\n"):
            parts = [p.strip() for p in line.split("\t") if p.strip()]
            if "\t" not in line.strip(" ") or not parts:
                flush()
                if line.strip():
                    lines.append(line.strip())
                continue
            if len(parts) == 1 and not line.lstrip(" ").startswith("\t"):
                left.append(parts[0])
            elif len(parts) == 1:
                right.append(parts[0])
            else:
                left.append(parts[0])
                right.append(" ".join(parts[1:]))
    flush()
    return lines


def read_docx(data: bytes) -> RawDocument:
    """Read a .docx plan; raises ``PlanReadError`` for a damaged, hostile or plan-less file."""
    if safety.check_office(data) != "docx":
        raise PlanReadError(safety.NOT_A_PLAN_FILE)
    try:
        document = docx.Document(io.BytesIO(data))
        return _read(_Reader(document))
    except PlanReadError:
        raise
    except Exception as exc:  # python-docx and lxml raise many kinds on damaged parts
        raise PlanReadError(DAMAGED_DOCX) from exc


def _read(reader: _Reader) -> RawDocument:
    raw = RawDocument()
    before: list[str] = []
    after: list[str] = []
    width = 0  # the plan table's grid width, once found
    for el in _children_blocks(reader.body):
        if el.tag == _P:
            (after if width else before).append(reader.paragraph_text(el))
            continue
        rows = [reader.row_cells(tr) for tr in _children(el, _TR)]
        texts = [[c.text for c in row] for row in rows]
        header_at = next((i for i, t in enumerate(texts[:6]) if is_header_row(t)), None)
        if width and not any(ln.strip() for ln in after) and _grid_width(el, rows) == width:
            # A plan table split in two (an accidental paragraph, a table per page): same columns, so
            # its rows continue the plan; a repeated header is dropped by _add_rows.
            _add_rows(raw, rows, width)
        elif width or header_at is None:
            (after if width else before).extend(reader.table_lines(rows))
        else:
            before.extend(reader.table_lines(rows[:header_at]))
            width = _read_plan_table(raw, el, rows[header_at:])
    if not width:
        raise PlanReadError(NO_PLAN_TABLE)
    raw.before = _split_tabbed(before)
    raw.after = _split_tabbed(after)
    return raw


def _children_blocks(body: etree._Element) -> Iterator[etree._Element]:
    for child in body:
        if child.tag in (_P, _TBL):
            yield child
        elif child.tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                yield from _children_blocks(content)


def _grid_width(tbl: etree._Element, rows: list[list[_Cell]]) -> int:
    grid = tbl.find(qn("w:tblGrid"))
    width = len(grid.findall(qn("w:gridCol"))) if grid is not None else 0
    return max([width] + [c.col + c.span for row in rows for c in row])


def _read_plan_table(raw: RawDocument, tbl: etree._Element, rows: list[list[_Cell]]) -> int:
    """Header and rows of the plan table into ``raw``; returns the table's grid width."""
    width = _grid_width(tbl, rows)
    # A second header row: the one under a merged "Miqdori" cell / vertically merged header cells, unless
    # it already is an item (text in the first column), or one that reads "2025-yil (fakt)", "... (reja)".
    header_rows = 1
    if len(rows) > 1:
        merged = any(c.span > 1 or c.restarts for c in rows[0])
        item_like = any(c.text for c in rows[1] if c.col == 0)
        if (merged and not item_like) or is_subheader_row([c.text for c in rows[1]]):
            header_rows = 2
    raw.header = [_expand(row, width) for row in rows[:header_rows]]
    _add_rows(raw, rows[header_rows:], width)
    return width


def _add_rows(raw: RawDocument, rows: list[list[_Cell]], width: int) -> None:
    if rows and is_column_numbers_row([c.text for c in rows[0]]):
        rows = rows[1:]
    for row in rows:
        cells = _expand(row, width)
        if not any(c.strip() for c in cells) or cells in raw.header:
            continue  # empty rows, and the header repeated by hand after a page break
        spanning = width > 1 and len(row) == 1 and row[0].span >= width - row[0].col and bool(row[0].text)
        raw.rows.append(RawRow(cells=cells, spanning=spanning))
