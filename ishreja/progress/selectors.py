"""Reads of the year's actual figures: per plan item (diary or monthly progress, aggregated by the
indicator's rule) and the diary's monthly totals per centre for consolidation.

``item_actuals`` and ``diary_monthly_totals`` take items / centres the caller has already obtained through
the permission layer (plans_visible_to, centres_visible_to); they add no rows of their own choosing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet, Sum
from django.db.models.functions import ExtractMonth, ExtractYear

from ishreja.indicators.models import Indicator
from ishreja.plans.models import PlanItem
from ishreja.progress.models import COLUMN_OF_INDICATOR, DIARY_COLUMNS, DiaryEntry, ItemProgress

SUM, STOCK = Indicator.Aggregation.SUM, Indicator.Aggregation.STOCK


@dataclass
class ItemActual:
    """An item's actual figures over some months: ``values`` aligned with its plan figures (empty when
    nothing was entered), the latest status set in those months, and where the numbers came from."""

    values: list[Decimal] = field(default_factory=list)
    status: str | None = None
    sources: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _ItemInfo:
    pk: int
    centre_id: int
    year: int
    column: str | None  # the diary column feeding the item, None when its progress is entered monthly
    aggregation: str


def _add(total: list[Decimal], values: Sequence[Decimal]) -> list[Decimal]:
    """Part-by-part sum; a missing part counts as nothing."""
    width = max(len(total), len(values))
    return [
        (total[i] if i < len(total) else Decimal(0)) + (values[i] if i < len(values) else Decimal(0))
        for i in range(width)
    ]


def _aggregate(by_month: dict[int, list[Decimal]], aggregation: str) -> tuple[list[Decimal], list[int]]:
    """The months' values combined: SUM adds them, STOCK takes the last month that has a value."""
    months = sorted(m for m, v in by_month.items() if v)
    if not months:
        return [], []
    if aggregation == STOCK:
        return list(by_month[months[-1]]), [months[-1]]
    total: list[Decimal] = []
    for month in months:
        total = _add(total, by_month[month])
    return total, months


def _month_label(year: int, months: list[int]) -> str:
    if len(months) > 1 and months == list(range(months[0], months[-1] + 1)):
        return f"{year}-{months[0]:02d}..{year}-{months[-1]:02d}"
    return ", ".join(f"{year}-{m:02d}" for m in months)


def _diary_sums(
    entries: QuerySet[DiaryEntry], *group: str
) -> Iterator[tuple[tuple[int, ...], dict[str, int]]]:
    """One aggregate query: the columns' sums per (centre, *group, month)."""
    rows: Iterable[dict[str, Any]] = (
        entries.annotate(m=ExtractMonth("date"))
        .values("centre_id", *group, "m")
        .annotate(**{f"sum_{c}": Sum(c) for c in DIARY_COLUMNS})
        .order_by()
    )
    for row in rows:
        key = (row["centre_id"], *(row[g] for g in group), row["m"])
        yield key, {c: int(row[f"sum_{c}"] or 0) for c in DIARY_COLUMNS}


def _item_infos(item_ids: list[int]) -> list[_ItemInfo]:
    rows = PlanItem.objects.filter(pk__in=item_ids).values_list(
        "pk", "plan__centre_id", "plan__year", "indicator__code", "indicator__aggregation"
    )
    return [
        _ItemInfo(
            pk=pk,
            centre_id=centre_id,
            year=year,
            column=COLUMN_OF_INDICATOR.get(code or ""),
            aggregation=aggregation or SUM,
        )
        for pk, centre_id, year, code, aggregation in rows
    ]


def item_actuals(*, items: Iterable[PlanItem], months: Sequence[int]) -> dict[int, ItemActual]:
    """Each item's actual figures over ``months`` of its plan's year, keyed by item pk.

    An item linked to an indicator the diary counts takes the diary totals of its centre; any other item
    takes its monthly progress. Three queries for any number of items: the items' plan and indicator, the
    diary totals, the monthly progress."""
    month_list = sorted({int(m) for m in months})
    item_ids = [item.pk for item in items]
    if not item_ids or not month_list:
        return {pk: ItemActual() for pk in item_ids}
    infos = _item_infos(item_ids)

    diary: dict[tuple[int, int, int], dict[str, int]] = {}
    fed = [info for info in infos if info.column]
    if fed:
        fed_rows = DiaryEntry.objects.filter(
            centre_id__in={i.centre_id for i in fed},
            date__year__in={i.year for i in fed},
            date__month__in=month_list,
        )
        for key, totals in _diary_sums(fed_rows.annotate(y=ExtractYear("date")), "y"):
            diary[(key[0], key[1], key[2])] = totals

    progress: dict[int, dict[int, ItemProgress]] = defaultdict(dict)
    for p in ItemProgress.objects.filter(item_id__in=item_ids, month__in=month_list).only(
        "item_id", "month", "values", "status"
    ):
        progress[p.item_id][p.month] = p

    result: dict[int, ItemActual] = {}
    for info in infos:
        entries = progress.get(info.pk, {})
        actual = ItemActual()
        if info.column:
            by_month = {
                m: [Decimal(diary[(info.centre_id, info.year, m)][info.column])]
                for m in month_list
                if (info.centre_id, info.year, m) in diary
            }
            kind = "kundalik"
        else:
            by_month = {m: [Decimal(v) for v in p.values] for m, p in entries.items()}
            kind = "oylik"
        actual.values, used = _aggregate(by_month, info.aggregation)
        if used:
            actual.sources.append(f"{kind}: {_month_label(info.year, used)}")
        statuses = [entries[m].status for m in sorted(entries) if entries[m].status]
        actual.status = statuses[-1] if statuses else None
        result[info.pk] = actual
    for pk in item_ids:
        result.setdefault(pk, ItemActual())
    return result


def diary_monthly_totals(
    *, centre_ids: Iterable[int], year: int, months: Sequence[int]
) -> dict[tuple[int, int], dict[str, int]]:
    """The diary's totals per (centre, month) of ``year``, every column, in one aggregate query. A
    (centre, month) without any diary entry is absent."""
    entries = DiaryEntry.objects.filter(
        centre_id__in=list(centre_ids), date__year=year, date__month__in=[int(m) for m in months]
    )
    return {(key[0], key[1]): totals for key, totals in _diary_sums(entries)}
