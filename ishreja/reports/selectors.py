"""Reads of reports, always scoped to what the asking user may see, and the figures of a centre's period
(plan against actual per item) computed from the counting side (``ishreja.progress``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db.models import Q, QuerySet
from django.http import Http404

from ishreja.accounts import access
from ishreja.centres.models import Centre
from ishreja.indicators.models import Indicator
from ishreja.plans.models import Plan, PlanItem, PlanStatus
from ishreja.progress.models import COLUMN_OF_INDICATOR, DiaryEntry, ItemProgress
from ishreja.progress.selectors import item_actuals
from ishreja.reports import figures
from ishreja.reports.models import Report, ReportLine, ReportStatus
from ishreja.reports.periods import Period


def reason_threshold() -> Decimal:
    """Completion (in %) below which a due line needs a reason; setting ISHREJA_REPORT_REASON_THRESHOLD."""
    return Decimal(str(getattr(settings, "ISHREJA_REPORT_REASON_THRESHOLD", 80)))


def centre_get_for_user(*, user: access.AnyUser, pk: int) -> Centre:
    centre = access.centres_visible_to(user).select_related("parent").filter(pk=pk).first()
    if centre is None:
        raise Http404
    return centre


def reports_visible_to(user: access.AnyUser) -> QuerySet[Report]:
    return Report.objects.filter(access.centre_filter(user)).select_related("centre", "centre__parent")


def report_get_for_user(*, user: access.AnyUser, pk: int) -> Report:
    """The report ``pk`` if ``user`` may see it, else 404 (a stranger learns nothing of its existence)."""
    report = reports_visible_to(user).select_related("plan").filter(pk=pk).first()
    if report is None:
        raise Http404
    return report


def report_versions(*, centre: Centre, period: Period) -> list[Report]:
    return list(
        Report.objects.filter(centre=centre, year=period.year, period=period.slug).order_by("-version")
    )


def plan_in_force(*, centre: Centre, year: int) -> Plan | None:
    """The plan a centre reports against: its latest approved revision, else its latest open one."""
    plans = Plan.objects.filter(centre=centre, year=year).exclude(status=PlanStatus.SUPERSEDED)
    approved = plans.filter(status=PlanStatus.APPROVED).order_by("-revision").first()
    return approved or plans.order_by("-revision").first()


@dataclass
class LineFigures:
    """A report line before it is stored: the figures of one plan item for a period."""

    item_id: int
    indicator_id: int | None
    indicator_code: str
    order: int
    number: str
    name: str
    unit: str
    aggregation: str
    annual_target: Decimal | None
    period_target: Decimal | None
    actual: Decimal | None
    actual_values: list[str]
    percent: Decimal | None
    status: str
    needs_reason: bool
    sources: list[str] = field(default_factory=list)

    @property
    def status_label(self) -> str:
        return figures.STATUS_LABELS.get(self.status, self.status)


def report_items(plan: Plan) -> list[PlanItem]:
    """The plan's rows a report lists: items and measure rows, not the "Shundan," labels."""
    return list(
        plan.items.exclude(kind=PlanItem.Kind.LABEL)
        .select_related("indicator")
        .only(
            "pk",
            "plan",
            "order",
            "number",
            "name",
            "unit",
            "plan_values",
            "schedule",
            "indicator__id",
            "indicator__code",
            "indicator__aggregation",
        )
        .order_by("order")
    )


def report_figures(*, plan: Plan, period: Period, threshold: Decimal | None = None) -> list[LineFigures]:
    """Plan against actual for every item of ``plan`` over ``period`` (a fixed number of queries)."""
    threshold = reason_threshold() if threshold is None else threshold
    items = report_items(plan)
    actuals = item_actuals(items=items, months=period.months)
    lines: list[LineFigures] = []
    for item in items:
        indicator = item.indicator
        aggregation = indicator.aggregation if indicator else Indicator.Aggregation.SUM
        planned = item.planned
        annual = planned[0] if planned else None
        target = figures.period_target(
            annual, aggregation=aggregation, schedule=item.schedule, months=period.months
        )
        actual_obj = actuals.get(item.pk)
        values = actual_obj.values if actual_obj else []
        actual = values[0] if values else (Decimal(0) if annual is not None else None)
        due = figures.is_due(item.schedule, period.months)
        pct = figures.percent(actual, target)
        status = figures.line_status(
            pct=pct, due=due, threshold=threshold, progress_status=actual_obj.status if actual_obj else None
        )
        lines.append(
            LineFigures(
                item_id=item.pk,
                indicator_id=indicator.pk if indicator else None,
                indicator_code=indicator.code if indicator else "",
                order=item.order,
                number=item.number,
                name=item.name,
                unit=item.unit,
                aggregation=aggregation,
                annual_target=annual,
                period_target=target,
                actual=actual,
                actual_values=[str(v) for v in values],
                percent=pct,
                status=status,
                needs_reason=figures.needs_reason(pct=pct, due=due, threshold=threshold, status=status),
                sources=list(actual_obj.sources) if actual_obj else [],
            )
        )
    return lines


def derived_of_lines(lines: list[ReportLine] | list[LineFigures]) -> figures.Derived:
    """Loans and visits per registered user and turnover, from the lines linked to those indicators."""
    by_code: dict[str, Decimal | None] = {}
    for line in lines:
        code = line.indicator.code if isinstance(line, ReportLine) and line.indicator else ""
        if isinstance(line, LineFigures):
            code = line.indicator_code
        if code and code not in by_code:
            by_code[code] = line.actual
    return figures.derived_figures(by_code)


def report_lines(report: Report) -> list[ReportLine]:
    return list(report.lines.select_related("indicator").order_by("order"))


@dataclass
class LineRecords:
    """What is behind one line: the diary days or the monthly progress rows of its item in the period."""

    kind: str  # "diary", "progress" or ""
    column: str
    diary: list[tuple[DiaryEntry, int]]  # each day's entry and its count of the line's column
    progress: list[ItemProgress]


def line_records(*, line: ReportLine, period: Period) -> LineRecords:
    """The records the line's figures were read from (``sources`` names them), for the drill-down."""
    item = line.item
    if item is None:
        return LineRecords("", "", [], [])
    code = line.indicator.code if line.indicator else ""
    column = COLUMN_OF_INDICATOR.get(code, "")
    if column:
        diary = list(
            DiaryEntry.objects.filter(
                centre_id=line.report.centre_id, date__gte=period.start, date__lte=period.end
            )
            .filter(~Q(**{column: 0}))
            .select_related("service")
            .order_by("date", "service__order")
        )
        return LineRecords("diary", column, [(e, getattr(e, column)) for e in diary], [])
    progress = list(
        ItemProgress.objects.filter(item=item, month__in=period.months)
        .select_related("updated_by")
        .order_by("month")
    )
    return LineRecords("progress", "", [], progress)


def reports_waiting_for(user: access.AnyUser) -> QuerySet[Report]:
    """Submitted reports of the centres the user reviews (the regional centre's inbox)."""
    review_ids = [m.centre_id for m in access.memberships_of(user) if m.role in access.REVIEWER_ROLES]
    return reports_visible_to(user).filter(centre__parent_id__in=review_ids, status=ReportStatus.SUBMITTED)
