"""Reporting periods of a plan year (month, quarter, half-year, nine months, year): months, Uzbek labels,
due dates and URL slugs. Pure: no Django.

Slugs: ``m01``..``m12`` (month), ``q1``..``q4`` (quarter), ``h1``/``h2`` (half-year), ``9m`` (nine months),
``y`` (year). A report is due ``DUE_DAYS_AFTER_END`` days after its period ends (the 5th of the next
month by default: "hisobot har oyning 5-sanasigacha"), which is when the regional centres ask for it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

from ishreja.plandoc.fields import MONTHS_UZ

Kind = Literal["month", "quarter", "half", "nine", "year"]
ROMAN = ("I", "II", "III", "IV")
DUE_DAYS_AFTER_END = 5
_SLUG = re.compile(r"^(?:m(0[1-9]|1[0-2])|q([1-4])|h([12])|(9m)|(y))$")


class PeriodError(ValueError):
    """A slug or period that does not exist."""


@dataclass(frozen=True, order=True)
class Period:
    year: int
    kind: Kind
    index: int  # month 1..12, quarter 1..4, half 1..2; 1 for nine months and the year

    @property
    def months(self) -> list[int]:
        if self.kind == "month":
            return [self.index]
        if self.kind == "quarter":
            return list(range(3 * self.index - 2, 3 * self.index + 1))
        if self.kind == "half":
            return list(range(6 * self.index - 5, 6 * self.index + 1))
        if self.kind == "nine":
            return list(range(1, 10))
        return list(range(1, 13))

    @property
    def slug(self) -> str:
        return {
            "month": f"m{self.index:02d}",
            "quarter": f"q{self.index}",
            "half": f"h{self.index}",
            "nine": "9m",
            "year": "y",
        }[self.kind]

    @property
    def label(self) -> str:
        """The period as written on an Uzbek report: "2026-yil I chorak", "2026-yil 9 oy"."""
        head = f"{self.year}-yil"
        if self.kind == "month":
            return f"{head} {MONTHS_UZ[self.index - 1]}"
        if self.kind == "quarter":
            return f"{head} {ROMAN[self.index - 1]} chorak"
        if self.kind == "half":
            return f"{head} {ROMAN[self.index - 1]} yarim yillik"
        if self.kind == "nine":
            return f"{head} 9 oy"
        return f"{head} yillik"

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, self.months[0], 1)

    @property
    def end(self) -> dt.date:
        last = self.months[-1]
        return dt.date(self.year, last, calendar.monthrange(self.year, last)[1])

    @property
    def due_date(self) -> dt.date:
        return self.end + dt.timedelta(days=DUE_DAYS_AFTER_END)

    @property
    def is_cumulative(self) -> bool:
        """Half-year, nine months and year reports count from January (as the offices report them)."""
        return self.kind in ("half", "nine", "year")

    def previous_year(self) -> Period:
        return Period(self.year - 1, self.kind, self.index)

    def has_ended(self, today: dt.date) -> bool:
        return today > self.end


def period_from_slug(year: int, slug: str) -> Period:
    match = _SLUG.match(slug)
    if not match or not 2000 <= year <= 2100:
        raise PeriodError(slug)
    month, quarter, half, nine, _year = match.groups()
    if month:
        return Period(year, "month", int(month))
    if quarter:
        return Period(year, "quarter", int(quarter))
    if half:
        return Period(year, "half", int(half))
    if nine:
        return Period(year, "nine", 1)
    return Period(year, "year", 1)


def periods_of_year(year: int) -> list[Period]:
    """Every period of a plan year, in the order a form's selector lists them."""
    return [
        *(Period(year, "quarter", q) for q in range(1, 5)),
        Period(year, "half", 1),
        Period(year, "nine", 1),
        Period(year, "year", 1),
        *(Period(year, "month", m) for m in range(1, 13)),
    ]


def latest_ended_quarter(today: dt.date) -> Period:
    """The quarter a centre is reporting on now (the last one that has ended)."""
    quarter = (today.month - 1) // 3
    if quarter == 0:
        return Period(today.year - 1, "quarter", 4)
    return Period(today.year, "quarter", quarter)
