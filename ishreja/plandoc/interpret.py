"""Interpretation: RawDocument (from any reader) -> PlanDocument, the same rules for every file type.

Columns are found by their header words, not their position, so plans with fewer, more or reordered
columns (or Cyrillic headers) read the same. Decisions:
- Continuation rows (page breaks) are merged into the previous row cell by cell; the pieces of a cell are
  joined with a space, without one after a word broken by a hyphen ("chora-" + "tadbirlari"), and a word the
  dump repeats on both sides of the break is kept once ("ko'rsatish" + "ko'rsatish xizmati").
- A continuation piece in the wrong column is put where it belongs: text in the number column goes to the
  name ("ishlash" under item 31 of the 2024 plan), text that is not a quantity in a quantity column goes to
  the mechanism (item 4.3 of the 2026 plan). A "continuation" that carries figures is a new row instead.
- Sub-items ("7.1") become children of their item ("7"); an unnumbered row with figures or other cells
  becomes a child with number "" of the item before it (2026 item 19: 365/300 then 5167/6000).
- A row with only a name and no number ("Shundan,") is ``Item(kind="label")``, kept in place as a child
  of the item before it, ahead of the sub-items it introduces.
- Signature blocks: underscores (blanks left for a hand-written name or date) are dropped; a date that is
  still blank is None. When the title appears twice (a template title and the real one), the last wins.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ishreja.plandoc.errors import PlanReadError
from ishreja.plandoc.fields import (
    MONTH_RE,
    extract_legal_refs,
    find_month_days,
    month_number,
    normalise_unit,
    parse_deadline,
    parse_quantity,
    split_responsible,
)
from ishreja.plandoc.model import Item, PlanDocument, Section, Signature
from ishreja.plandoc.raw import RawDocument
from ishreja.plandoc.read_text import ITEM_NUMBER_RE, SECTION_RE, section_text
from ishreja.plandoc.textnorm import clean, key

NO_TABLE_MESSAGE = (
    'Faylda ish rejasi jadvali topilmadi: "Nomi" ustuni bor sarlavha qatori '
    "va kamida bitta band bo'lishi kerak."
)

# Column roles by header words, most specific first ("Mas'ul bajaruvchilar" before "Bajarilish muddati").
_ROLE_PATTERNS = (
    ("number", re.compile(r"^(?:№|no|n|t/r|#)\.?$")),
    ("deadline", re.compile(r"muddat")),
    ("responsible", re.compile(r"mas'ul|ijrochi|bajaruvchi")),
    ("unit", re.compile(r"o'lchov|birlig")),
    ("fact", re.compile(r"fakt|amalda")),
    ("plan", re.compile(r"reja|prognoz")),
    ("quantity", re.compile(r"miqdor|soni")),
    ("mechanism", re.compile(r"mexanizm|shakl|amalga\s+oshirish")),
    ("name", re.compile(r"nomi|ishlar|tadbir|mazmun")),
)
_YEAR_IN_HEADER_RE = re.compile(r"(?:19|20)\d{2}")
_LEADING_NUMBER_RE = re.compile(r"^(\d{1,3}(?:\.\d{1,3})*)\.?\s+(.*)$", re.DOTALL)
_DASHES = frozenset({"-", "–", "—", "--"})
_WORD_CHARS_RE = re.compile(r"^[\w']{4,}$")
_WORD_EDGES = ",.;:"


@dataclass
class Columns:
    """Index of each column role in the table (absent roles are missing from ``index``)."""

    index: dict[str, int]
    fact_year: int | None = None
    plan_year: int | None = None

    def get(self, cells: list[str], role: str) -> str:
        i = self.index.get(role)
        return cells[i] if i is not None and i < len(cells) else ""


def find_columns(header: list[list[str]]) -> Columns:
    """Column roles from the header rows (the second row holds "2025-yil (fakt)", "2026-yil (reja)")."""
    width = max((len(row) for row in header), default=0)
    index: dict[str, int] = {}
    years: dict[str, int] = {}
    for j in range(width):
        col_key = " ".join(key(row[j]) for row in header if j < len(row) and row[j]).strip()
        for role, pattern in _ROLE_PATTERNS:
            if role not in index and pattern.search(col_key):
                index[role] = j
                if role in {"fact", "plan"} and (year := _YEAR_IN_HEADER_RE.search(col_key)):
                    years[role] = int(year.group(0))
                break
    if "quantity" in index and "plan" not in index and "fact" not in index:
        index["plan"] = index["quantity"]  # a single quantity column is the target
    index.pop("quantity", None)
    return Columns(index=index, fact_year=years.get("fact"), plan_year=years.get("plan"))


# --- merging continuation rows -------------------------------------------------------------------------


@dataclass
class _Row:
    parts: list[list[str]]
    section: str | None = None

    def add(self, column: int, text: str) -> None:
        while len(self.parts) <= column:
            self.parts.append([])
        self.parts[column].append(text)


def _is_quantity(text: str) -> bool:
    return bool(parse_quantity(text)[0]) or clean(text) in _DASHES


def _has_figures(cells: list[str], cols: Columns) -> bool:
    return any(parse_quantity(cols.get(cells, role))[0] for role in ("fact", "plan"))


def _target_column(j: int, text: str, cols: Columns) -> int:
    """Where a continuation piece belongs when the dump put it in a column that cannot hold it."""
    idx = cols.index
    if j == idx.get("number") and not ITEM_NUMBER_RE.match(clean(text)):
        return idx.get("name", j)
    if j in (idx.get("fact"), idx.get("plan")) and not _is_quantity(text):
        return idx.get("mechanism", idx.get("name", j))
    return j


def _merge_rows(raw: RawDocument, cols: Columns) -> list[_Row]:
    rows: list[_Row] = []
    for raw_row in raw.rows:
        cells = raw_row.cells
        title = cells[0] if raw_row.spanning and cells else None
        if title is None and not raw_row.continuation:
            title = section_text(cells)
        if title is not None:
            rows.append(_Row(parts=[], section=title))
            continue
        previous = rows[-1] if rows and rows[-1].section is None else None
        if raw_row.continuation and previous is not None and not _has_figures(cells, cols):
            for j, text in enumerate(cells):
                if text.strip():
                    previous.add(_target_column(j, text, cols), text)
            continue
        row = _Row(parts=[])
        for j, text in enumerate(cells):
            if text.strip():
                row.add(j, text)
        rows.append(row)
    return rows


def join_parts(parts: list[str], multiline: bool = False) -> str:
    """One cell's pieces (split by page breaks) as one text."""
    text = ""
    for part in parts:
        piece = clean(part, multiline=multiline)
        if not piece:
            continue
        if not text:
            text = piece
        elif text.endswith("-") and len(text) > 1 and text[-2].isalpha():
            text += piece  # a word broken at the line end: "chora-" + "tadbirlari"
        else:
            last_word = text.rpartition(" ")[2].strip(_WORD_EDGES)
            first_word, _, rest = piece.partition(" ")
            # The dump now and then repeats the last word of a page on the next one ("etish;" + "etish;").
            first_word = first_word.strip(_WORD_EDGES)
            if _WORD_CHARS_RE.match(first_word) and first_word.casefold() == last_word.casefold():
                piece = rest
            text = f"{text} {piece}" if piece else text
    return text


# --- items and sections --------------------------------------------------------------------------------


def _cell(row: _Row, cols: Columns, role: str, multiline: bool = False) -> str:
    i = cols.index.get(role)
    if i is None or i >= len(row.parts):
        return ""
    return join_parts(row.parts[i], multiline=multiline)


def _item(row: _Row, cols: Columns) -> Item | None:
    number = _cell(row, cols, "number")
    name = _cell(row, cols, "name")
    if "number" not in cols.index and (lead := _LEADING_NUMBER_RE.match(name)):
        number, name = lead.group(1), lead.group(2)
    if number and not ITEM_NUMBER_RE.match(number):
        name, number = f"{number} {name}".strip(), ""
    fact, fact_text = parse_quantity(_cell(row, cols, "fact"))
    plan, plan_text = parse_quantity(_cell(row, cols, "plan"))
    mechanism = _cell(row, cols, "mechanism", multiline=True)
    deadline = parse_deadline(_cell(row, cols, "deadline"))
    deadline.month_days = find_month_days(f"{mechanism}\n{deadline.text}")
    item = Item(
        number=number.rstrip("."),
        name=name,
        unit=normalise_unit(_cell(row, cols, "unit")),
        fact=fact,
        plan=plan,
        fact_text=fact_text,
        plan_text=plan_text,
        mechanism=mechanism,
        deadline=deadline,
        responsible=split_responsible(_cell(row, cols, "responsible", multiline=True)),
        legal_refs=extract_legal_refs(f"{name}\n{mechanism}"),
    )
    others = (item.unit, fact_text, plan_text, mechanism, deadline.text, item.responsible)
    if not item.number and not any(others):
        if not name:
            return None
        item.kind = "label"
    return item


def _section(text: str) -> Section:
    shown = clean(text)
    match = SECTION_RE.match(shown)
    if match:
        return Section(number=match.group(1), title=match.group(2).strip())
    return Section(number="", title=shown)


def _number_key(number: str) -> tuple[int, ...]:
    return tuple(int(part) for part in number.split("."))


def build_sections(rows: list[_Row], cols: Columns) -> list[Section]:
    sections: list[Section] = []
    # Open items by their number, so "7.1" finds "7" and an unnumbered row finds the item just before it.
    stack: list[tuple[tuple[int, ...], Item]] = []
    for row in rows:
        if row.section is not None:
            sections.append(_section(row.section))
            stack = []
            continue
        item = _item(row, cols)
        if item is None:
            continue
        if not sections:
            sections.append(Section())
        if not item.number:
            (stack[-1][1].children if stack else sections[-1].items).append(item)
            continue
        number = _number_key(item.number)
        while stack and stack[-1][0] != number[: len(stack[-1][0])]:
            stack.pop()
        while stack and len(stack[-1][0]) >= len(number):
            stack.pop()
        (stack[-1][1].children if stack else sections[-1].items).append(item)
        stack.append((number, item))
    return sections


# --- header blocks -------------------------------------------------------------------------------------

_AGREED_RE = re.compile(r"^\"?\s*(?:kelishildi|kelishdi|kelishilgan)\s*\"?[:.]?\s*(.*)$")
_APPROVED_RE = re.compile(r"^\"?\s*(?:tasdiqlayman|tasdiqlandi|tasdiqlaman|tasdiqlangan)\s*\"?[:.]?\s*(.*)$")
_CHECKED_RE = re.compile(r"^tekshirildi\b[.:]?\s*(.*)$")
_TITLE_KEY_RE = re.compile(r"ish\s+rejasi")
_CENTRE_RE = re.compile(r"^(.*?\S)ning\s+(?:19|20)\d{2}", re.IGNORECASE)
_TITLE_YEAR_RE = re.compile(r"((?:19|20)\d{2})\s*-?\s*yil", re.IGNORECASE)
_BLANKS_RE = re.compile(r"_{2,}")
_FULL_DATE_RE = re.compile(r"(?<!\d)(\d{1,2})\s*[./-]\s*(\d{1,2})\s*[./-]\s*((?:19|20)\d{2})(?!\d)")
_DATE_NOISE_RE = re.compile(r"(?:19|20)\d{2}|yil\w*|y\.|\d+|[\s\"'_.,:/-]")
_DAY_RE = re.compile(r"(?<![\d.])(\d{1,2})(?![\d.])")
_PERSON_RE = re.compile(
    r"^(?:(?:[A-Z][a-z]?\.\s*){1,2}[A-Z][\w'-]+|[A-Z][\w'-]+(?:\s+(?:[A-Z][a-z]?\.\s*){1,2})?)$"
)
_POSITION_SPLIT_RE = re.compile(
    r"^(.*\b(?:direktor\w*|rahbar\w*|mudir\w*|boshlig'i|inspektor\w*|o'rinbosari|raisi|v\.v\.b\.?))"
    r"\s*:?\s*(.*)$",
    re.IGNORECASE,
)
_MAX_BLOCK_LINES = 6


def _is_date_line(line: str) -> bool:
    low = line.casefold()
    if not _TITLE_YEAR_RE.search(low) and not _FULL_DATE_RE.search(low):
        return False
    rest = _DATE_NOISE_RE.sub("", MONTH_RE.sub("", low))
    return not rest


def parse_date(line: str) -> dt.date | None:
    """A signature date: "10.01.2024", "2024-yil “10” yanvar"; None while the blanks are not filled."""
    low = clean(line).casefold()
    try:
        if full := _FULL_DATE_RE.search(low):
            return dt.date(int(full.group(3)), int(full.group(2)), int(full.group(1)))
        year, month = _TITLE_YEAR_RE.search(low), MONTH_RE.search(low)
        if year and month:
            day = _DAY_RE.search(low[: year.start()] + " " + low[year.end() :])
            if day:
                return dt.date(int(year.group(1)), month_number(month.group(1)), int(day.group(1)))
    except ValueError:  # "31 fevral": a date that does not exist is no date
        return None
    return None


def _signature(lines: list[str], date_line: str | None) -> Signature:
    lines = [text for line in lines if (text := " ".join(_BLANKS_RE.sub(" ", line).split()))]
    date = parse_date(date_line) if date_line else None
    if not lines:
        return Signature(date=date)
    last = lines[-1]
    if len(lines) > 1 and _PERSON_RE.match(last) and not _POSITION_SPLIT_RE.match(last):
        return Signature(title=" ".join(lines[:-1]), name=last, date=date)
    split = _POSITION_SPLIT_RE.match(last)
    if split and split.group(2):
        title = " ".join([*lines[:-1], split.group(1)])
        return Signature(title=title.strip(" :"), name=split.group(2).strip(), date=date)
    return Signature(title=" ".join(lines), date=date)


def _signature_blocks(lines: list[str]) -> dict[str, Signature]:
    found: dict[str, Signature] = {}
    current: str | None = None
    block: list[str] = []

    def close(date_line: str | None = None) -> None:
        nonlocal current
        if current is not None and current not in found:
            found[current] = _signature(block, date_line)
        current = None

    for line in lines:
        low = line.casefold()
        agreed, approved = _AGREED_RE.match(low), _APPROVED_RE.match(low)
        keyword = agreed or approved
        if keyword:
            close()
            current, block = ("agreed" if agreed else "approved"), []
            if keyword.group(1):  # text on the keyword's own line starts the block
                block.append(line[keyword.start(1) :] if len(low) == len(line) else keyword.group(1))
        elif current is None or not line:
            continue
        elif _TITLE_KEY_RE.search(low):
            close()
        elif _is_date_line(line):
            close(line)
        elif len(block) < _MAX_BLOCK_LINES:
            block.append(line)
    close()
    return found


def _title(lines: list[str]) -> str:
    title = ""
    for i, line in enumerate(lines):
        low = line.casefold()
        if not _TITLE_KEY_RE.search(low):
            continue
        candidate = line
        if "ning " not in low:
            previous = next((p for p in reversed(lines[:i]) if p), "")
            if previous and not _TITLE_KEY_RE.search(previous.casefold()):
                candidate = f"{previous} {line}"
        title = candidate  # the title closest to the table wins over a template title above it
    return title


def _checked(lines: list[str]) -> Signature | None:
    for i, line in enumerate(lines):
        match = _CHECKED_RE.match(line.casefold())
        if not match:
            continue
        own = line[match.start(1) :] if len(line) == len(line.casefold()) else match.group(1)
        name = " ".join(_BLANKS_RE.sub(" ", own).split())
        rest = [p for p in lines[i + 1 :] if p]
        date = None
        for following in rest[:2]:
            if _is_date_line(following):
                date = parse_date(following)
            elif not name:
                name = " ".join(_BLANKS_RE.sub(" ", following).split())
        return Signature(title="Tekshirildi", name=name, date=date)
    return None


def interpret(raw: RawDocument) -> PlanDocument:
    """The plan a raw document holds; PlanReadError (Uzbek message) when it holds no plan table."""
    cols = find_columns(raw.header)
    if "name" not in cols.index:
        raise PlanReadError(NO_TABLE_MESSAGE)
    sections = build_sections(_merge_rows(raw, cols), cols)
    doc = PlanDocument(sections=sections, fact_year=cols.fact_year)
    if not any(item.kind == "item" for _, item in doc.iter_items()):
        raise PlanReadError(NO_TABLE_MESSAGE)
    before = [clean(line) for line in raw.before]
    after = [clean(line) for line in raw.after]
    blocks = _signature_blocks(before)
    doc.agreed, doc.approved = blocks.get("agreed"), blocks.get("approved")
    doc.checked = _checked(after) or _checked(before)
    doc.title = " ".join(_title(before).split())
    if centre := _CENTRE_RE.match(doc.title):
        doc.centre = centre.group(1)
    title_year = _TITLE_YEAR_RE.search(doc.title)
    doc.year = int(title_year.group(1)) if title_year else cols.plan_year
    return doc
