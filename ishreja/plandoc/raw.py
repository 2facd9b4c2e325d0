"""The intermediate form every reader produces: the lines around the table and the table's rows as text.

Readers (text dump, .docx, .xlsx) only turn a file into a ``RawDocument``; ``interpret.interpret`` turns a
``RawDocument`` into a ``PlanDocument``. So column detection, numbering, quantities and deadlines are
interpreted once, the same way for every file type.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class RawRow:
    cells: list[str]
    # True when the reader knows this row continues the previous one (a page break in the dump, a
    # vertically merged continuation in Word). Interpretation appends its cells to the previous row.
    continuation: bool = False
    # True when the row is one cell spanning the table (a section title row in Word or Excel).
    spanning: bool = False


@dataclass
class RawDocument:
    before: list[str] = field(default_factory=list)  # paragraphs before the table (signature blocks, title)
    header: list[list[str]] = field(default_factory=list)  # the table's header rows (one or two)
    rows: list[RawRow] = field(default_factory=list)
    after: list[str] = field(default_factory=list)  # paragraphs after the table ("Tekshirildi. ...")
