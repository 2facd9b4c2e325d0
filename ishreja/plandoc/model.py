"""The plan document model: what a work plan says, independent of the file it came from.

Plain dataclasses so the same object serves the readers, the validator, the writers, the JSON contract
("ishreja.plan/1", see docs/plan-format.md) and the Django importer.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

DeadlineKind = Literal["year", "quarters", "months", "quarterly", "monthly", "weekly", "times"]
Severity = Literal["error", "warning"]


@dataclass
class Signature:
    """A signature block: "KELISHILDI" (agreed), "TASDIQLAYMAN" (approved) or "Tekshirildi" (checked)."""

    title: str = ""
    name: str = ""
    date: dt.date | None = None


@dataclass
class Deadline:
    """A deadline as written plus the schedule read from it."""

    text: str = ""
    kind: DeadlineKind | None = None
    quarters: list[int] = field(default_factory=list)
    months: list[int] = field(default_factory=list)
    times: int | None = None
    # Years named in the text ("2026-yil davomida" -> [2026]); used to flag a deadline outside the plan year.
    years: list[int] = field(default_factory=list)
    # Fixed days of the month found in the mechanism ("har oyning 17-sanasida" -> [17]).
    month_days: list[int] = field(default_factory=list)


@dataclass
class Item:
    """A numbered item, a sub-item (in ``children``) or an unnumbered measure row (number "")."""

    number: str = ""
    name: str = ""
    unit: str = ""
    fact: list[Decimal] = field(default_factory=list)
    plan: list[Decimal] = field(default_factory=list)
    fact_text: str = ""
    plan_text: str = ""
    mechanism: str = ""
    deadline: Deadline = field(default_factory=Deadline)
    responsible: list[str] = field(default_factory=list)
    legal_refs: list[str] = field(default_factory=list)
    children: list[Item] = field(default_factory=list)
    # "item" for an ordinary row, "label" for a row such as "Shundan," that only introduces the next rows.
    kind: Literal["item", "label"] = "item"


@dataclass
class Section:
    number: str = ""  # the Roman numeral as written ("III"); "" when the plan has none
    title: str = ""
    items: list[Item] = field(default_factory=list)


@dataclass
class Finding:
    severity: Severity
    code: str
    message: str
    section: str | None = None
    item: str | None = None
    # "fact" or "plan" when the finding concerns one quantity column.
    column: str | None = None


@dataclass
class PlanDocument:
    title: str = ""
    centre: str = ""
    year: int | None = None
    fact_year: int | None = None
    agreed: Signature | None = None
    approved: Signature | None = None
    checked: Signature | None = None
    sections: list[Section] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    def iter_items(self) -> list[tuple[Section, Item]]:
        """Every item of the plan, depth first, with its section."""
        out: list[tuple[Section, Item]] = []

        def walk(section: Section, items: list[Item]) -> None:
            for item in items:
                out.append((section, item))
                walk(section, item.children)

        for section in self.sections:
            walk(section, section.items)
        return out
