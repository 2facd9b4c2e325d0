"""Validation: the mistakes a plan's reader would want pointed out, as Findings with Uzbek messages.

Codes (stable) and severities:
- error   ``total_parts_mismatch``: a cell "total part part" whose total is not the sum of its parts;
- error   ``total_children_mismatch``: an item's total is not the sum of its sub-items;
- error   ``section_repeated``: a section numeral used twice (the 2024 plan has two sections III);
- warning ``section_order``: a section numeral lower than, or skipping past, the one before it;
- error   ``number_repeated``: an item number used twice;
- warning ``numbering_gap``: numbers skipped (items dropped from the template), on the item after the gap;
- warning ``numbering_order``: an item number lower than the one before it;
- warning ``missing_unit`` / ``missing_deadline`` / ``missing_responsible``: nothing written, not even on
  the item a sub-item or an unnumbered row belongs to (sub-items inherit from their parent, so a blank
  deadline under an item that has one is no finding);
- warning ``target_below_fact``: the target is lower than last year's actual figure;
- error   ``deadline_outside_year``: the deadline names years and none is the plan year (a leftover from
  copying last year's plan);
- warning ``fact_year_mismatch``: the fact column is not for the year before the plan year.

Totals are only checked where the plan says there is a total, so separate measures in one cell ("356 4224")
or a list of activities ("1 45 2 4 18") never raise a false error. A cell is "total, then parts" when the
item's name announces one part fewer than the cell has numbers ("Sovg'a tariqasida: Jismoniy shaxslar;
Yuridik shaxslar" with "479 37 460"); a name that announces as many parts as there are numbers is a list.
Sub-items are parts of their item when the plan says so: a "Shundan,"/"jumladan" label row among them, or
a unit such as "Nusxa jami"; and only sub-items with a compatible unit count. When a sub-item's own total
is wrong and the sum of its parts makes the parent add up, only the sub-item is reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from ishreja.plandoc.model import Finding, Item, PlanDocument, Section, Severity
from ishreja.plandoc.textnorm import key

_COLUMNS = (("fact", "fakt"), ("plan", "reja"))
_PART_SPLIT_RE = re.compile(r";|(?:^|\s)[-–—•]\s+")
_SUM_LABEL_RE = re.compile(r"\b(?:shundan|shu\s+jumladan|jumladan|shulardan|ulardan)\b")
# Fields every item needs, itself or through the item it belongs to.
_REQUIRED = (
    ("missing_unit", "o'lchov birligi ko'rsatilmagan", "unit"),
    ("missing_deadline", "bajarilish muddati ko'rsatilmagan", "deadline"),
    ("missing_responsible", "mas'ul ko'rsatilmagan", "responsible"),
)
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


def roman_value(numeral: str) -> int | None:
    """The value of a Roman numeral ("IV" -> 4); None for anything else."""
    values = [_ROMAN.get(ch) for ch in numeral.upper()]
    if not numeral or None in values:
        return None
    digits = [v for v in values if v is not None]
    total = 0
    for i, value in enumerate(digits):
        total += -value if i + 1 < len(digits) and value < digits[i + 1] else value
    return total


def fmt(value: Decimal) -> str:
    """A figure as people write it: 479, 12.5."""
    return str(int(value)) if value == value.to_integral_value() else format(value.normalize(), "f")


def announced_parts(name: str) -> int:
    """How many parts an item's name lists for its figures, not counting a named total ("jami")."""
    text = key(name)
    if ":" in text:
        segment = text.rsplit(":", 1)[1]
    elif "(" in text and "jami" in text.rsplit("(", 1)[1]:
        segment = text.rsplit("(", 1)[1].rstrip(")")
    else:
        return 0
    parts = [p for p in _PART_SPLIT_RE.split(segment) if p.strip(" ,.")]
    if len(parts) == 1 and "," in parts[0]:
        parts = [p for p in parts[0].split(",") if p.strip(" .")]
    if len(parts) < 2:
        return 0
    return len(parts) - 1 if "jami" in parts[0] else len(parts)


def cell_total(item: Item, column: str) -> Decimal | None:
    """The total a quantity cell states: its only number, or the first of "total part part"."""
    values: list[Decimal] = getattr(item, column)
    if len(values) == 1:
        return values[0]
    if len(values) >= 3 and announced_parts(item.name) == len(values) - 1:
        return values[0]
    return None


def _parts_sum(item: Item, column: str) -> Decimal | None:
    values: list[Decimal] = getattr(item, column)
    if len(values) >= 3 and announced_parts(item.name) == len(values) - 1:
        return sum(values[1:], Decimal(0))
    return None


class _Checker:
    def __init__(self, doc: PlanDocument) -> None:
        self.doc = doc
        self.findings: list[Finding] = []

    def add(
        self, severity: Severity, code: str, message: str, section: Section | None = None, **kw: str
    ) -> None:
        self.findings.append(
            Finding(
                severity=severity,
                code=code,
                message=message,
                section=section.number if section is not None else None,
                item=kw.get("item"),
                column=kw.get("column"),
            )
        )

    # --- document and sections ---------------------------------------------------------------------

    def years(self) -> None:
        doc = self.doc
        if doc.year is not None and doc.fact_year is not None and doc.fact_year != doc.year - 1:
            self.add(
                "warning",
                "fact_year_mismatch",
                f"Fakt ustuni {doc.fact_year}-yil uchun, reja esa {doc.year}-yil uchun: "
                f"fakt {doc.year - 1}-yil uchun bo'lishi kerak",
            )

    def sections(self) -> None:
        seen: set[int] = set()
        previous: int | None = None
        for section in self.doc.sections:
            value = roman_value(section.number)
            if value is None:
                continue
            if value in seen:
                self.add(
                    "error",
                    "section_repeated",
                    f"{section.number}-bo'lim raqami takrorlangan: \"{section.title}\" bo'limi ham "
                    f"{section.number} deb raqamlangan",
                    section,
                )
            elif previous is not None and value != previous + 1:
                self.add(
                    "warning",
                    "section_order",
                    f"{section.number}-bo'lim {_roman_text(previous)}-bo'limdan keyin keladi: "
                    "bo'limlar tartibi buzilgan",
                    section,
                )
            seen.add(value)
            previous = value

    # --- numbering ---------------------------------------------------------------------------------

    def numbering(self) -> None:
        seen: set[str] = set()
        previous: int | None = None
        for index, section in enumerate(self.doc.sections):
            numbered = [item for item in section.items if item.number]
            # A plan that numbers every section from 1 starts a new sequence in each section.
            if index and numbered and numbered[0].number == "1":
                seen, previous = set(), None
            previous = self._sequence(section, numbered, "", seen, previous)

    def _sequence(
        self, section: Section, items: list[Item], prefix: str, seen: set[str], previous: int | None
    ) -> int | None:
        for item in items:
            last = item.number.rsplit(".", 1)[-1]
            if not last.isdigit() or not item.number.startswith(prefix):
                continue
            value = int(last)
            label = f"{item.number}-band"
            if item.number in seen:
                self.add(
                    "error",
                    "number_repeated",
                    f"{label}: band raqami takrorlangan",
                    section,
                    item=item.number,
                )
            elif previous is not None and value < previous:
                self.add(
                    "warning",
                    "numbering_order",
                    f"{label} {prefix}{previous}-banddan keyin keladi: raqamlar tartibi buzilgan",
                    section,
                    item=item.number,
                )
            elif value > (previous or 0) + 1:
                first, end = (previous or 0) + 1, value - 1
                missing = (
                    f"{prefix}{first}-band" if first == end else f"{prefix}{first}–{prefix}{end}-bandlar"
                )
                after = f"{prefix}{previous}-banddan keyin " if previous is not None else ""
                self.add(
                    "warning", "numbering_gap", f"{label}: {after}{missing} yo'q", section, item=item.number
                )
            seen.add(item.number)
            previous = value if previous is None else max(previous, value)
            children = [child for child in item.children if child.number]
            self._sequence(section, children, f"{item.number}.", seen, None)
        return previous

    # --- items -------------------------------------------------------------------------------------

    def items(self) -> None:
        for section in self.doc.sections:
            for item, ancestors in _walk(section.items, ()):
                if item.kind == "label":
                    continue
                owner = next((a for a in reversed(ancestors) if a.number), None) if not item.number else item
                ref = item.number or (owner.number if owner else "")
                label = f"{ref}-band" + ("" if item.number else " (raqamsiz qator)")
                self._missing(section, item, ancestors, ref, label)
                self._totals(section, item, ref, label)
                self._target(section, item, ref, label)
                self._deadline_year(section, item, ref, label)

    def _missing(
        self, section: Section, item: Item, ancestors: tuple[Item, ...], ref: str, label: str
    ) -> None:
        chain = (item, *reversed(ancestors))
        for code, what, field in _REQUIRED:
            if not any(_filled(i, field) for i in chain):
                self.add("warning", code, f"{label}: {what}", section, item=ref)

    def _totals(self, section: Section, item: Item, ref: str, label: str) -> None:
        for column, column_uz in _COLUMNS:
            values: list[Decimal] = getattr(item, column)
            parts = _parts_sum(item, column)
            if parts is not None and parts != values[0]:
                self.add(
                    "error",
                    "total_parts_mismatch",
                    f"{label}, {column_uz}: jami {fmt(values[0])}, qismlar yig'indisi {fmt(parts)}",
                    section,
                    item=ref,
                    column=column,
                )
            self._children_total(section, item, column, column_uz, ref, label)

    def _children_total(
        self, section: Section, item: Item, column: str, column_uz: str, ref: str, label: str
    ) -> None:
        if not _announces_sum(item):
            return
        total = cell_total(item, column)
        parts = [c for c in item.children if c.kind == "item" and c.number and _same_unit(item, c)]
        if total is None or not parts or not any(getattr(c, column) for c in parts):
            return
        stated: list[Decimal] = []
        corrected: list[Decimal] = []
        for child in parts:
            if not getattr(child, column):
                stated.append(Decimal(0))
                corrected.append(Decimal(0))
                continue
            child_total = cell_total(child, column)
            if child_total is None:
                return  # a sub-item whose figures are a list: no single number to add up
            stated.append(child_total)
            child_parts = _parts_sum(child, column)
            corrected.append(child_parts if child_parts is not None else child_total)
        got = sum(stated, Decimal(0))
        if got == total or sum(corrected, Decimal(0)) == total:
            return
        self.add(
            "error",
            "total_children_mismatch",
            f"{label}, {column_uz}: jami {fmt(total)}, kichik bandlar yig'indisi {fmt(got)} "
            f"({parts[0].number}–{parts[-1].number})",
            section,
            item=ref,
            column=column,
        )

    def _target(self, section: Section, item: Item, ref: str, label: str) -> None:
        if not item.fact or len(item.fact) != len(item.plan):
            return
        lower = [(p, f) for p, f in zip(item.plan, item.fact, strict=True) if p < f]
        if lower:
            said = ", ".join(f"reja {fmt(p)} fakt {fmt(f)} dan kam" for p, f in lower)
            self.add(
                "warning",
                "target_below_fact",
                f"{label}: {said} (o'tgan yilgi natijadan past reja)",
                section,
                item=ref,
                column="plan",
            )

    def _deadline_year(self, section: Section, item: Item, ref: str, label: str) -> None:
        year, named = self.doc.year, item.deadline.years
        if year is not None and named and year not in named:
            years = ", ".join(str(y) for y in named)
            self.add(
                "error",
                "deadline_outside_year",
                f"{label}: muddatda {years}-yil ko'rsatilgan, reja esa {year}-yil uchun",
                section,
                item=ref,
            )


def _filled(item: Item, field: str) -> bool:
    if field == "deadline":
        return bool(item.deadline.text)
    return bool(getattr(item, field))


def _roman_text(value: int) -> str:
    table = (
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    )
    out = ""
    for amount, letters in table:
        while value >= amount:
            out, value = out + letters, value - amount
    return out


def _walk(items: list[Item], ancestors: tuple[Item, ...]) -> Iterator[tuple[Item, tuple[Item, ...]]]:
    for item in items:
        yield item, ancestors
        yield from _walk(item.children, (*ancestors, item))


def _announces_sum(item: Item) -> bool:
    """Whether the plan says the item's figure is the sum of its sub-items."""
    if "jami" in key(item.unit) or _SUM_LABEL_RE.search(key(item.name).rsplit(" ", 2)[-1]):
        return True
    return any(child.kind == "label" and _SUM_LABEL_RE.search(key(child.name)) for child in item.children)


def _same_unit(parent: Item, child: Item) -> bool:
    if not child.unit or not parent.unit:
        return True
    return key(child.unit).split()[0] == key(parent.unit).split()[0]


def validate(doc: PlanDocument) -> list[Finding]:
    """All findings for a plan, document-level first, then in the order of the plan."""
    checker = _Checker(doc)
    checker.years()
    checker.sections()
    checker.numbering()
    checker.items()
    return checker.findings
