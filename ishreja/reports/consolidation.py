"""Consolidated tables: a centre's children side by side per indicator, with totals, medians, outliers and
the same period last year. Set-based: a fixed number of aggregate queries whatever the number of centres.

Figures are consolidated on indicators (the indicator an item is linked to), so centres whose plans are
numbered differently add up. Each centre's value for a period is computed first (diary counts for the
indicators the diary feeds; otherwise the first figure of the items' monthly progress, summed over the
months for SUM indicators, the last month's value for STOCK ones), and only then added across centres: a
stock is summed across centres, never across months.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import DecimalField, Exists, OuterRef, Q, QuerySet, Sum
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Cast, ExtractYear

from ishreja.centres.models import Centre
from ishreja.indicators.models import Indicator
from ishreja.plans.models import Plan, PlanStatus
from ishreja.progress.models import DIARY_INDICATORS, DiaryEntry, ItemProgress
from ishreja.reports import figures
from ishreja.reports.models import Report, ReportLine, ReportStatus
from ishreja.reports.periods import Period

Key = tuple[int, int]  # (centre id, indicator id)
_FIRST_FIGURE = Cast(KeyTextTransform("0", "values"), DecimalField(max_digits=16, decimal_places=2))


def plans_in_force(*, centre_ids: list[int], year: int) -> QuerySet[Plan]:
    """The plan each of the centres reports against, as one subquery: an approved revision, or the
    open one where none is approved yet (the same rule as ``selectors.plan_in_force``)."""
    approved_sibling = Plan.objects.filter(
        centre_id=OuterRef("centre_id"), year=year, status=PlanStatus.APPROVED
    )
    return (
        Plan.objects.filter(centre_id__in=centre_ids, year=year)
        .exclude(status=PlanStatus.SUPERSEDED)
        .filter(Q(status=PlanStatus.APPROVED) | ~Exists(approved_sibling))
    )


def centre_values(
    *, centre_ids: list[int], periods: list[Period], indicators: dict[str, Indicator]
) -> dict[int, dict[Key, Decimal]]:
    """Every centre's value of every indicator, for the centres ``centre_ids``, per year of ``periods``
    (the same months in different years: this year and last). A fixed number of queries whatever the
    number of centres: the diary, the plans in force (one per year) and the monthly progress."""
    result: dict[int, dict[Key, Decimal]] = {p.year: {} for p in periods}
    months = periods[0].months
    diary_codes = {code: column for column, code in DIARY_INDICATORS.items() if code in indicators}
    in_periods = Q(pk__in=[])
    for p in periods:
        in_periods |= Q(date__gte=p.start, date__lte=p.end)
    diary = (
        # Centre ids, not a path prefix: the ids hit the diary's (centre, date) index directly.
        DiaryEntry.objects.filter(in_periods, centre_id__in=centre_ids)
        .annotate(y=ExtractYear("date"))
        .values("centre_id", "y")
        .annotate(**{f"s_{column}": Sum(column) for column in diary_codes.values()})
        .order_by()
    )
    for row in diary:
        found: dict[str, Any] = dict(row)
        for code, column in diary_codes.items():
            result[found["y"]][(found["centre_id"], indicators[code].pk)] = Decimal(found[f"s_{column}"] or 0)

    # The plans in force first, as a list of ids: an IN list lets PostgreSQL walk the item and progress
    # indexes, where OR-ed subqueries made it scan.
    plan_ids: list[int] = []
    for p in periods:
        plan_ids += plans_in_force(centre_ids=centre_ids, year=p.year).values_list("pk", flat=True)
    progress = (
        ItemProgress.objects.filter(
            item__plan_id__in=plan_ids, item__indicator__isnull=False, month__in=months
        )
        .exclude(item__indicator__code__in=list(diary_codes))
        .annotate(first=_FIRST_FIGURE)
        .filter(first__isnull=False)
    )
    # A stock takes each item's last month with a figure in the period (no later month has one), and
    # only then do items and centres add up.
    later = ItemProgress.objects.filter(
        item_id=OuterRef("item_id"), month__in=months, month__gt=OuterRef("month")
    ).annotate(first=_FIRST_FIGURE)
    sum_or_last = Q(item__indicator__aggregation=Indicator.Aggregation.SUM) | ~Exists(
        later.filter(first__isnull=False)
    )
    rows = (
        progress.filter(sum_or_last)
        .values("item__plan__centre_id", "item__indicator_id", "item__plan__year")
        .annotate(total=Sum("first"))
        .order_by()
        .values_list("item__plan__centre_id", "item__indicator_id", "item__plan__year", "total")
    )
    for centre_id, indicator_id, year, total in rows:
        if total is not None:
            result[year][(centre_id, indicator_id)] = total
    return result


def reported_values(*, centre_ids: list[int], periods: list[Period]) -> dict[int, dict[Key, Decimal]]:
    """Every centre's value of every indicator as its ACCEPTED report for the period says: the lines
    frozen at submission, never today's figures, so a total equals the sum of what the centres reported.
    A centre without an accepted report has no value. One query."""
    result: dict[int, dict[Key, Decimal]] = {p.year: {} for p in periods}
    in_periods = Q(pk__in=[])
    for p in periods:
        in_periods |= Q(report__year=p.year, report__period=p.slug)
    rows = (
        ReportLine.objects.filter(
            in_periods,
            report__centre_id__in=centre_ids,
            report__status=ReportStatus.ACCEPTED,
            indicator__isnull=False,
            actual__isnull=False,
        )
        .values("report__centre_id", "indicator_id", "report__year")
        .annotate(total=Sum("actual"))
        .order_by()
        .values_list("report__centre_id", "indicator_id", "report__year", "total")
    )
    for centre_id, indicator_id, year, total in rows:
        result[year][(centre_id, indicator_id)] = total
    return result


SOURCES = ("live", "reported")


@dataclass
class Column:
    centre_id: int
    label: str
    own: bool  # the root centre's own figures, not a child's subtree
    has_children: bool
    centres: int = 0
    accepted: int = 0
    submitted: int = 0
    late: int = 0


@dataclass
class Cell:
    value: Decimal | None
    outlier: bool = False
    vs_median: Decimal | None = None  # the centre's value as % of the median


@dataclass
class Row:
    indicator: Indicator
    cells: list[Cell]
    total: Decimal | None
    previous: Decimal | None
    change: Decimal | None
    spread: figures.Spread


@dataclass
class Consolidation:
    root: Centre
    period: Period
    columns: list[Column]
    rows: list[Row]
    previous_period: Period
    # "live": today's diary and progress figures; "reported": the accepted reports' frozen lines.
    source: str = "live"
    built_at: dt.datetime | None = None
    notes: list[str] = field(default_factory=list)

    def row(self, code: str) -> Row | None:
        return next((r for r in self.rows if r.indicator.code == code), None)


def _column_of(centre_path: str, root: Centre) -> int:
    """The child of ``root`` whose subtree holds the centre (the root itself for its own figures)."""
    rest = centre_path[len(root.path) :].strip("/")
    return int(rest.split("/", 1)[0]) if rest else root.pk


def _report_counts(root: Centre, period: Period, columns: dict[int, Column], paths: dict[int, str]) -> None:
    """Per column: how many centres have their report for the period accepted / submitted / late."""
    latest: dict[int, tuple[int, str, bool]] = {}
    rows = Report.objects.filter(centre__path__startswith=root.path, year=period.year, period=period.slug)
    for centre_id, version, status, late in rows.values_list("centre_id", "version", "status", "is_late"):
        if centre_id not in latest or version > latest[centre_id][0]:
            latest[centre_id] = (version, status, late)
    for centre_id, (_, status, late) in latest.items():
        column = columns.get(_column_of(paths[centre_id], root)) if centre_id in paths else None
        if column is None:
            continue
        column.accepted += status in (ReportStatus.ACCEPTED, ReportStatus.SUPERSEDED)
        column.submitted += status == ReportStatus.SUBMITTED
        column.late += late


def _roll_up(values: dict[Key, Decimal], root: Centre, paths: dict[int, str]) -> dict[Key, Decimal]:
    """Centre values added up into the root's columns."""
    out: dict[Key, Decimal] = defaultdict(Decimal)
    for (centre_id, indicator_id), value in values.items():
        if centre_id in paths:
            out[(_column_of(paths[centre_id], root), indicator_id)] += value
    return out


def consolidation_build(*, root: Centre, period: Period, source: str = "live") -> Consolidation:
    """The consolidated table of ``root``'s children for ``period``; the caller has checked that the user
    may see ``root`` (everything below a visible centre is visible)."""
    indicators = {i.code: i for i in Indicator.objects.all()}
    by_id = {i.pk: i for i in indicators.values()}
    centres = list(
        Centre.objects.filter(path__startswith=root.path, is_active=True).values_list(
            "pk", "path", "parent_id", "name", "short_name"
        )
    )
    paths = {pk: path for pk, path, _, _, _ in centres}
    parents = {parent for _, _, parent, _, _ in centres if parent}
    columns: dict[int, Column] = {
        root.pk: Column(root.pk, str(root.short_name or root.name), own=True, has_children=False)
    }
    for pk, _, parent, name, short in sorted(centres, key=lambda c: c[4] or c[3]):
        if parent == root.pk:
            columns[pk] = Column(pk, short or name, own=False, has_children=pk in parents)
    for _pk, path, _, _, _ in centres:
        column = columns.get(_column_of(path, root))
        if column is not None:
            column.centres += 1
    _report_counts(root, period, columns, paths)

    previous_period = period.previous_year()
    if source == "reported":
        values = reported_values(centre_ids=list(paths), periods=[period, previous_period])
    else:
        values = centre_values(
            centre_ids=list(paths), periods=[period, previous_period], indicators=indicators
        )
    current = _roll_up(values[period.year], root, paths)
    previous = _roll_up(values[previous_period.year], root, paths)

    previous_totals: dict[int, Decimal] = defaultdict(Decimal)
    for (_, indicator_id), value in previous.items():
        previous_totals[indicator_id] += value
    ordered = list(columns.values())
    used = sorted(
        {ind for _, ind in current} | {ind for _, ind in previous},
        key=lambda i: (
            by_id[i].order,
            by_id[i].code,
        ),
    )
    rows: list[Row] = []
    for indicator_id in used:
        cells = [Cell(current.get((c.centre_id, indicator_id))) for c in ordered]
        compared = [
            cell.value for c, cell in zip(ordered, cells, strict=True) if not c.own and cell.value is not None
        ]
        band = figures.spread(compared)
        for c, cell in zip(ordered, cells, strict=True):
            if c.own or cell.value is None:
                continue
            cell.outlier = figures.is_outlier(cell.value, band)
            cell.vs_median = figures.percent(cell.value, band.median)
        present = [cell.value for cell in cells if cell.value is not None]
        total = sum(present, Decimal(0)) if present else None
        previous_total = previous_totals.get(indicator_id)
        rows.append(
            Row(
                indicator=by_id[indicator_id],
                cells=cells,
                total=total,
                previous=previous_total,
                change=figures.change_percent(total, previous_total),
                spread=band,
            )
        )
    # The root's own column is shown only when the root has figures of its own.
    if not any(row.cells[0].value is not None for row in rows):
        ordered = ordered[1:]
        for row in rows:
            row.cells = row.cells[1:]
    return Consolidation(
        root=root, period=period, columns=ordered, rows=rows, previous_period=previous_period, source=source
    )
