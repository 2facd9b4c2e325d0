"""Reads of the year's actual figures: per plan item (diary or monthly progress, aggregated by the
indicator's rule) and the diary's monthly totals per centre for consolidation.

``item_actuals`` and ``diary_monthly_totals`` take items / centres the caller has already obtained through
the permission layer (plans_visible_to, centres_visible_to); they add no rows of their own choosing.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet, Sum
from django.db.models.functions import ExtractMonth, ExtractYear
from django.utils import timezone

from ishreja.accounts import access
from ishreja.accounts.models import Membership, Role, User
from ishreja.centres.models import Centre, Service
from ishreja.indicators.models import Indicator
from ishreja.indicators.suggest import suggest_indicator
from ishreja.plans.models import Plan, PlanItem, PlanStatus
from ishreja.progress import rules
from ishreja.progress.models import (
    COLUMN_OF_INDICATOR,
    DIARY_COLUMNS,
    DiaryEntry,
    ItemProgress,
    ProgressStatus,
)
from ishreja.progress.schedule import due_dates, due_window

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


# --- pages ----------------------------------------------------------------------------------------------


@dataclass
class ProgressRow:
    """One row of the plan's progress page for a month."""

    item: PlanItem
    has_figures: bool
    diary_fed: bool
    parts: int
    progress: ItemProgress | None
    actual: ItemActual
    can_edit: bool
    # After a refused save: the messages, the newer row someone else saved, and what this person typed.
    errors: list[str] = field(default_factory=list)
    conflict: ItemProgress | None = None
    typed_values: list[str] | None = None
    typed_status: str | None = None
    typed_note: str | None = None
    saved: bool = False

    @property
    def version(self) -> int:
        if self.conflict is not None:
            return self.conflict.version
        return self.progress.version if self.progress else 0

    @property
    def typed(self) -> list[str]:
        """The month's figures as the inputs show them, one per part: what was typed after a refusal."""
        if self.typed_values is not None:
            values = list(self.typed_values)
        else:
            values = list(self.progress.values) if self.progress else []
        return [*values, *[""] * (self.parts - len(values))][: self.parts]

    @property
    def status_shown(self) -> str:
        if self.typed_status is not None:
            return self.typed_status
        return (self.progress.status or "") if self.progress else ""

    @property
    def note_shown(self) -> str:
        if self.typed_note is not None:
            return self.typed_note
        return self.progress.note if self.progress else ""


def plan_progress_rows(*, user: access.AnyUser, plan: Plan, month: int) -> list[ProgressRow]:
    """The plan's items with the month's progress, evidence and diary figures, and whether ``user`` may
    enter each. The plan comes from plan_get_for_user; a fixed number of queries for any plan."""
    from ishreja.progress.services import item_has_figures, item_is_diary_fed, item_parts

    items = list(
        plan.items.select_related("indicator", "plan__centre")
        .prefetch_related("responsible")
        .order_by("order")
    )
    progress = {
        p.item_id: p
        for p in ItemProgress.objects.filter(item__plan=plan, month=month)
        .select_related("updated_by")
        .prefetch_related("evidence")
    }
    actuals = item_actuals(items=[i for i in items if item_is_diary_fed(i)], months=[month])
    editable = access.can_edit_centre(user, plan.centre) and plan.status == PlanStatus.APPROVED
    return [
        ProgressRow(
            item=item,
            has_figures=item_has_figures(item),
            diary_fed=item_is_diary_fed(item),
            parts=item_parts(item),
            progress=progress.get(item.pk),
            actual=actuals.get(item.pk, ItemActual()),
            can_edit=editable
            and item.kind != PlanItem.Kind.LABEL
            and rules.can_enter_item(user, plan.centre, item.responsible.all()),
        )
        for item in items
    ]


def diary_recent(
    *, centre: Centre, service: Service | None, today: dt.date, days: int = 14
) -> list[DiaryEntry]:
    """The service's diary over the last ``days`` days, newest first."""
    entries = DiaryEntry.objects.filter(
        centre=centre, date__gt=today - dt.timedelta(days=days), date__lte=today
    )
    if service is not None:
        entries = entries.filter(service=service)
    return list(entries.select_related("service").order_by("-date", "service__order"))


@dataclass
class Suggestion:
    item: PlanItem
    indicator: Indicator | None


def indicator_suggestions(*, plan: Plan) -> list[Suggestion]:
    """The plan's items not yet linked to an indicator, each with the suggested one (or None)."""
    by_code = {i.code: i for i in Indicator.objects.all()}
    items = plan.items.filter(indicator__isnull=True).exclude(kind=PlanItem.Kind.LABEL).order_by("order")
    return [
        Suggestion(item=item, indicator=by_code.get(suggest_indicator(item.name, item.unit) or ""))
        for item in items
    ]


# --- deadlines ------------------------------------------------------------------------------------------


@dataclass
class Deadline:
    """An item's due date: upcoming (within the reminder window) or overdue (passed and not answered)."""

    item: PlanItem
    due: dt.date
    overdue: bool

    @property
    def service_ids(self) -> set[int]:
        return {s.pk for s in self.item.responsible.all()}

    def concerns(self, service_ids: set[int]) -> bool:
        return any(s.pk in service_ids or s.code == rules.ALL_SERVICES for s in self.item.responsible.all())


def _answered(
    item: PlanItem,
    months: list[int],
    progress: dict[int, dict[int, tuple[list[str], str | None]]],
    diary: dict[tuple[int, int], dict[str, int]],
) -> bool:
    """Has the item's work for the due date been reported: diary counts, figures or the status "done"
    in one of the months the due date answers for?"""
    from ishreja.progress.services import item_has_figures, item_is_diary_fed

    if item_is_diary_fed(item):
        column = COLUMN_OF_INDICATOR[item.indicator.code]  # type: ignore[union-attr]
        return any(diary.get((item.plan.centre_id, m), {}).get(column, 0) > 0 for m in months)
    entries = progress.get(item.pk, {})
    figures = item_has_figures(item)
    return any(
        m in entries and (entries[m][1] == ProgressStatus.DONE or (figures and bool(entries[m][0])))
        for m in months
    )


def centre_deadlines(*, centre_ids: Iterable[int], today: dt.date, ahead_days: int = 3) -> list[Deadline]:
    """Items of the centres' approved plans for today's year that fall due within ``ahead_days`` or are
    overdue. An item is overdue when its LATEST passed due date went unanswered: one line per item, not a
    line for every missed week. Four queries for any number of centres."""
    items = list(
        PlanItem.objects.filter(
            plan__centre_id__in=list(centre_ids), plan__year=today.year, plan__status=PlanStatus.APPROVED
        )
        .exclude(kind=PlanItem.Kind.LABEL)
        .select_related("plan__centre", "indicator")
        .prefetch_related("responsible")
        .order_by("plan__centre__path", "order")
    )
    if not items:
        return []
    progress: dict[int, dict[int, tuple[list[str], str | None]]] = defaultdict(dict)
    for item_id, month, values, status in ItemProgress.objects.filter(item__in=items).values_list(
        "item_id", "month", "values", "status"
    ):
        progress[item_id][month] = (values, status)
    diary = {
        (key[0], key[1]): totals
        for key, totals in _diary_sums(
            DiaryEntry.objects.filter(centre_id__in={i.plan.centre_id for i in items}, date__year=today.year)
        )
    }
    horizon = today + dt.timedelta(days=ahead_days)
    found: list[Deadline] = []
    for item in items:
        dates = due_dates(item.schedule, today.year)
        found.extend(Deadline(item=item, due=d, overdue=False) for d in dates if today <= d <= horizon)
        passed = [d for d in dates if d < today]
        if passed and not _answered(item, due_window(dates, passed[-1]), progress, diary):
            found.append(Deadline(item=item, due=passed[-1], overdue=True))
    return sorted(found, key=lambda d: (d.due, d.item.plan.centre.path, d.item.order))


def overdue_for_user(user: access.AnyUser, today: dt.date | None = None) -> list[Deadline]:
    """Overdue items of the person's own centres: all of them for the director, deputy and methodologist,
    those of their services for staff."""
    today = today or timezone.localdate()
    own = [m for m in access.memberships_of(user) if m.role in access.EDITOR_ROLES]
    if not own:
        return []
    centres = {m.centre_id: m.centre for m in own}
    result = []
    for deadline in centre_deadlines(centre_ids=centres, today=today, ahead_days=-1):
        centre = centres[deadline.item.plan.centre_id]
        if not deadline.overdue:
            continue
        if rules.manages_centre(user, centre) or deadline.concerns(access.service_ids_of(user, centre)):
            result.append(deadline)
    return result


def reminders_due(*, day: dt.date) -> list[tuple[User, list[Deadline]]]:
    """Who gets a reminder on ``day`` and about what: a centre's directors get all its due and overdue
    items, its staff those of their services. People without an e-mail address are left out."""
    deadlines = centre_deadlines(
        centre_ids=Plan.objects.filter(year=day.year, status=PlanStatus.APPROVED).values_list(
            "centre_id", flat=True
        ),
        today=day,
    )
    if not deadlines:
        return []
    by_centre: dict[int, list[Deadline]] = defaultdict(list)
    for deadline in deadlines:
        by_centre[deadline.item.plan.centre_id].append(deadline)
    people: dict[int, tuple[User, list[Deadline]]] = {}
    memberships = Membership.objects.filter(
        centre_id__in=by_centre, role__in=[Role.DIRECTOR, Role.STAFF], user__is_active=True
    ).select_related("user")
    for membership in memberships.order_by("user__username"):
        user = membership.user
        if not user.email:
            continue
        mine = by_centre[membership.centre_id]
        if membership.role == Role.STAFF:
            service_ids = {membership.service_id} if membership.service_id else set()
            mine = [d for d in mine if d.concerns(service_ids)]
        if mine:
            entry = people.setdefault(user.pk, (user, []))
            entry[1].extend(d for d in mine if d not in entry[1])
    return list(people.values())


# --- calendar -------------------------------------------------------------------------------------------


def centre_due_items(
    *, centre: Centre, years: Iterable[int], service_id: int | None = None
) -> list[tuple[dt.date, PlanItem]]:
    """Every due date of the centre's plans in force for ``years`` (approved, latest revision), with its
    item, sorted by date; only items of ``service_id`` (or of all services) when given. Two queries."""
    items = (
        PlanItem.objects.filter(
            plan__centre=centre, plan__year__in=list(years), plan__status=PlanStatus.APPROVED
        )
        .exclude(kind=PlanItem.Kind.LABEL)
        .select_related("plan")
        .prefetch_related("responsible")
        .order_by("plan__year", "order")
    )
    due: list[tuple[dt.date, PlanItem]] = []
    for item in items:
        if service_id is not None and not any(
            s.pk == service_id or s.code == rules.ALL_SERVICES for s in item.responsible.all()
        ):
            continue
        due.extend((day, item) for day in due_dates(item.schedule, item.plan.year))
    return sorted(due, key=lambda pair: (pair[0], pair[1].order))
