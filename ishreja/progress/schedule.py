"""Due dates of a plan item in its plan year, expanded from the parsed schedule (pure, no Django).

The rules, as the plans' deadlines read:
- "year" ("yil davomida"): December 31.
- "quarterly" ("har chorakda"): the end of every quarter (Mar 31, Jun 30, Sep 30, Dec 31).
- "quarters" ("II–III chorak", "IV chorak"): the end of the LAST listed quarter — a range of quarters is
  one piece of work that is due when the range closes, not a report at each quarter's end.
- "months" ("sentyabr–dekabr"): the end of the last listed month, for the same reason.
- "monthly" ("har oyida"): the end of every month; with fixed days ("har oyning 17-sanasida") those days
  of every month instead (a day past the month's end, 31 in April, falls on its last day).
- "weekly" ("har haftada"): every Friday, the last day of the centres' working week on which a weekly
  summary can be made.
- "times" ("ikki marotaba"): the year split into equal parts, due at each part's end (2 → Jun 30 and
  Dec 31; 3 → Apr 30, Aug 31, Dec 31).
- Fixed days found in the mechanism with no other rhythm ("year" or no kind) recur monthly as above.
- No schedule: no due dates (the item is not on the calendar).
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Mapping
from typing import Any

FRIDAY = 4


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _ints(value: Any, low: int, high: int) -> list[int]:
    """The valid integers of a JSON list (a hand-edited schedule may hold anything)."""
    if not isinstance(value, list):
        return []
    return sorted({v for v in value if isinstance(v, int) and not isinstance(v, bool) and low <= v <= high})


def _month_days(year: int, days: list[int]) -> list[dt.date]:
    return [
        dt.date(year, month, min(day, calendar.monthrange(year, month)[1]))
        for month in range(1, 13)
        for day in days
    ]


def due_dates(schedule: Mapping[str, Any] | None, year: int) -> list[dt.date]:
    """The item's due dates in ``year``, sorted, without repeats."""
    schedule = schedule or {}
    kind = schedule.get("kind")
    days = _ints(schedule.get("month_days"), 1, 31)
    dates: list[dt.date]
    if kind == "quarterly":
        dates = [month_end(year, 3 * q) for q in range(1, 5)]
    elif kind == "quarters":
        quarters = _ints(schedule.get("quarters"), 1, 4)
        dates = [month_end(year, 3 * quarters[-1])] if quarters else [month_end(year, 12)]
    elif kind == "months":
        months = _ints(schedule.get("months"), 1, 12)
        dates = [month_end(year, months[-1])] if months else [month_end(year, 12)]
    elif kind == "monthly" or (days and kind in (None, "year")):
        dates = _month_days(year, days) if days else [month_end(year, m) for m in range(1, 13)]
    elif kind == "weekly":
        first = dt.date(year, 1, 1)
        first_friday = first + dt.timedelta(days=(FRIDAY - first.weekday()) % 7)
        dates = [first_friday + dt.timedelta(weeks=w) for w in range(53)]
    elif kind == "times":
        times = schedule.get("times")
        n = times if isinstance(times, int) and not isinstance(times, bool) and 1 <= times <= 12 else 1
        dates = [month_end(year, -(-12 * k // n)) for k in range(1, n + 1)]
    elif kind == "year":
        dates = [dt.date(year, 12, 31)]
    else:
        dates = []
    return sorted({d for d in dates if d.year == year})


def due_window(dates: list[dt.date], due: dt.date) -> list[int]:
    """The months whose progress answers the due date ``due``: from the month after the previous due date
    to the due date's month (the due month alone when several dates share it, e.g. weekly)."""
    earlier = [d for d in dates if d < due]
    start = earlier[-1].month + 1 if earlier else 1
    return list(range(start, due.month + 1)) if start <= due.month else [due.month]
