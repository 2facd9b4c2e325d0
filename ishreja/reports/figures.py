"""The arithmetic of a report, kept pure (no Django): period targets, completion, status, derived figures,
medians and outliers.

Period target (documented in README, "Hisobotlar"):
- a SUM item's annual target is spread evenly over the months its schedule makes it due (every month for
  "yil davomida", "har oy", "har chorak", ...; only the named quarters or months otherwise); the target of a
  period is the annual target x (due months in the period) / (due months in the year). A period with no
  due month is "muddati kelmagan" (not due).
- a STOCK item (registered users, items held) is measured at the end of the period, so its period target is
  the annual target itself.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Literal

Status = Literal["done", "in_progress", "not_done", "not_due"]
DONE, IN_PROGRESS, NOT_DONE, NOT_DUE = "done", "in_progress", "not_done", "not_due"
STATUS_LABELS: dict[str, str] = {
    DONE: "bajarildi",
    IN_PROGRESS: "bajarilmoqda",
    NOT_DONE: "bajarilmadi",
    NOT_DUE: "muddati kelmagan",
}
ALL_MONTHS = tuple(range(1, 13))
HUNDRED = Decimal(100)


def due_months(schedule: Mapping[str, Any] | None) -> list[int]:
    """The months of the plan year in which an item is due, read from its parsed schedule."""
    schedule = schedule or {}
    kind = schedule.get("kind")
    if kind == "quarters" and schedule.get("quarters"):
        quarters = sorted({int(q) for q in schedule["quarters"] if 1 <= int(q) <= 4})
        return [m for q in quarters for m in range(3 * q - 2, 3 * q + 1)]
    if kind == "months" and schedule.get("months"):
        return sorted({int(m) for m in schedule["months"] if 1 <= int(m) <= 12})
    return list(ALL_MONTHS)


def period_target(
    annual: Decimal | None, *, aggregation: str, schedule: Mapping[str, Any] | None, months: Sequence[int]
) -> Decimal | None:
    """The target for the months of a period (None when the item has no numeric target)."""
    if annual is None:
        return None
    if aggregation == "stock":
        return annual
    due = due_months(schedule)
    share = len(set(due) & set(months))
    if share == 0:
        return Decimal(0)
    return (annual * share / len(due)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP).normalize()


def is_due(schedule: Mapping[str, Any] | None, months: Sequence[int]) -> bool:
    return bool(set(due_months(schedule)) & set(months))


def percent(actual: Decimal | None, target: Decimal | None) -> Decimal | None:
    """Completion in % with one decimal; None when there is nothing to compare with."""
    if actual is None or target is None or target <= 0:
        return None
    return (actual * HUNDRED / target).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def line_status(
    *, pct: Decimal | None, due: bool, threshold: Decimal, progress_status: str | None = None
) -> str:
    """The status of a report line: numbers decide when there are numbers, else the services' own mark.

    >= 100 % done; from the threshold to 100 % in progress; below the threshold not done (a reason is then
    required). A line not due in the period is "not due" whatever was counted."""
    if not due:
        return NOT_DUE
    if pct is None:
        return progress_status if progress_status in STATUS_LABELS else NOT_DONE
    if pct >= HUNDRED:
        return DONE
    if pct >= threshold:
        return IN_PROGRESS
    return NOT_DONE


def needs_reason(*, pct: Decimal | None, due: bool, threshold: Decimal, status: str) -> bool:
    """A due line below the threshold (or marked not done without numbers) must carry a reason."""
    if not due:
        return False
    if pct is None:
        return status == NOT_DONE
    return pct < threshold


def ratio(numerator: Decimal | None, denominator: Decimal | None) -> Decimal | None:
    if numerator is None or not denominator:
        return None
    return (numerator / denominator).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Derived:
    """Relative figures librarians compute (DOMAIN.md "Derived"): per registered user and per item held."""

    loans_per_user: Decimal | None
    visits_per_user: Decimal | None
    turnover: Decimal | None


def derived_figures(by_indicator: Mapping[str, Decimal | None]) -> Derived:
    users = by_indicator.get("users")
    loans = by_indicator.get("loans")
    return Derived(
        loans_per_user=ratio(loans, users),
        visits_per_user=ratio(by_indicator.get("visits"), users),
        turnover=ratio(loans, by_indicator.get("stock")),
    )


def aggregate_months(values_by_month: Mapping[int, Decimal], *, aggregation: str) -> Decimal | None:
    """A period value from monthly values: summed for SUM, the last month's value for STOCK."""
    if not values_by_month:
        return None
    if aggregation == "stock":
        return values_by_month[max(values_by_month)]
    return sum(values_by_month.values(), Decimal(0))


def median(values: Iterable[Decimal]) -> Decimal | None:
    data = sorted(values)
    return Decimal(statistics.median(data)) if data else None


@dataclass(frozen=True)
class Spread:
    median: Decimal | None
    low: Decimal | None
    high: Decimal | None
    rule: Literal["iqr", "half", "none"]


# Below this many centres quartiles say nothing; the ±50 % band around the median is used instead.
IQR_MIN_COUNT = 5


def spread(values: Sequence[Decimal]) -> Spread:
    """The band outside which a centre is flagged: Tukey's fences (Q1 - 1.5 IQR, Q3 + 1.5 IQR) with at
    least ``IQR_MIN_COUNT`` centres, else median ± 50 %."""
    data = sorted(values)
    if not data:
        return Spread(None, None, None, "none")
    mid = median(data)
    assert mid is not None
    if len(data) >= IQR_MIN_COUNT:
        q1, _, q3 = statistics.quantiles(data, n=4, method="inclusive")
        iqr = Decimal(q3) - Decimal(q1)
        return Spread(mid, Decimal(q1) - iqr * Decimal("1.5"), Decimal(q3) + iqr * Decimal("1.5"), "iqr")
    return Spread(mid, mid * Decimal("0.5"), mid * Decimal("1.5"), "half")


def is_outlier(value: Decimal | None, band: Spread) -> bool:
    if value is None or band.low is None or band.high is None:
        return False
    return value < band.low or value > band.high


def change_percent(current: Decimal | None, previous: Decimal | None) -> Decimal | None:
    """Year-on-year change in % (None when last year had nothing to compare with)."""
    if current is None or not previous:
        return None
    return ((current - previous) * HUNDRED / previous).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
