"""Demo year: the Buxoro district centres' approved 2026 plans linked to indicators, a believable diary
(weekdays, seasons) from Jan 1 to Nov 21 2026, and monthly progress. Deterministic and idempotent."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.db import transaction

from ishreja.centres.models import Centre
from ishreja.indicators.models import Indicator
from ishreja.indicators.suggest import suggest_indicator
from ishreja.plans.models import PlanItem, PlanStatus
from ishreja.progress.models import COLUMN_OF_INDICATOR, DiaryEntry, ItemProgress, ProgressStatus
from ishreja.progress.schedule import due_dates

SEED = 2026
FIRST_DAY, LAST_DAY = dt.date(2026, 1, 1), dt.date(2026, 11, 21)
LAST_MONTH = 10  # monthly progress is entered after a month closes
# Reading follows the school year: busy in autumn and winter, quiet in the summer holidays.
SEASON = {
    1: 1.0,
    2: 1.05,
    3: 1.0,
    4: 1.05,
    5: 0.95,
    6: 0.75,
    7: 0.55,
    8: 0.6,
    9: 1.1,
    10: 1.15,
    11: 1.1,
    12: 0.9,
}
# (service code, share of the centre's visits, whether it holds events)
DIARY_SERVICES = [("lending", 1.0, False), ("bibliography", 0.35, True), ("digital", 0.2, True)]


def _diary_for(centre: Centre, rng: random.Random) -> list[DiaryEntry]:
    services = {s.code: s for s in centre.services.all()}
    base = rng.randint(25, 70)
    chosen = DIARY_SERVICES[: rng.choice([2, 3])]
    entries = []
    day = FIRST_DAY
    while day <= LAST_DAY:
        if day.weekday() < 6:  # the centres work six days a week; Saturdays are quieter
            weight = SEASON[day.month] * (0.6 if day.weekday() == 5 else 1.0)
            for code, share, holds_events in chosen:
                visits = max(0, round(rng.gauss(base * share * weight, base * share * 0.15)))
                events = 1 if holds_events and rng.random() < 0.12 else 0
                entries.append(
                    DiaryEntry(
                        centre=centre,
                        service=services[code],
                        date=day,
                        visits=visits,
                        loans=round(visits * rng.uniform(1.2, 1.9)) if code == "lending" else visits // 3,
                        users_new=rng.randint(0, 3) if code == "lending" else 0,
                        users_reregistered=rng.randint(0, 5) if code == "lending" else 0,
                        events=events,
                        event_participants=events * rng.randint(12, 45),
                    )
                )
        day += dt.timedelta(days=1)
    return entries


def _monthly_figures(item: PlanItem, rng: random.Random, stock: bool) -> dict[int, list[str]]:
    parts = max(len(item.plan_values), len(item.fact_values), 1)
    targets = [Decimal(v) for v in (item.plan_values or item.fact_values)] or [Decimal(rng.randint(60, 600))]
    targets = [*targets, *[targets[-1]] * (parts - len(targets))]
    by_month = {}
    for month in range(1, LAST_MONTH + 1):
        if stock:  # a stock grows towards its target through the year
            values = [t * Decimal(0.55 + 0.045 * month) for t in targets]
        else:
            values = [t / 12 * Decimal(rng.uniform(0.6, 1.3)) for t in targets]
        by_month[month] = [str(int(v)) for v in values]
    return by_month


def _progress_for(items: list[PlanItem], rng: random.Random) -> list[ItemProgress]:
    rows: list[ItemProgress] = []
    for item in items:
        indicator = item.indicator
        if indicator is not None and indicator.code in COLUMN_OF_INDICATOR:
            continue  # the diary answers for it
        if item.plan_values or item.fact_values or indicator is not None:
            stock = indicator is not None and indicator.aggregation == Indicator.Aggregation.STOCK
            rows.extend(
                ItemProgress(item=item, month=month, values=values)
                for month, values in _monthly_figures(item, rng, stock).items()
            )
            continue
        for month in sorted({d.month for d in due_dates(item.schedule, 2026) if d.month <= LAST_MONTH}):
            status = rng.choices(
                [ProgressStatus.DONE, ProgressStatus.IN_PROGRESS, ProgressStatus.NOT_DONE],
                weights=[85, 10, 5],
            )[0]
            rows.append(ItemProgress(item=item, month=month, status=status))
    return rows


@transaction.atomic
def progress_demo_load() -> int:
    """Returns how many diary entries were made (0 when the demo year is already there)."""
    rng = random.Random(SEED)  # noqa: S311 - demo figures, repeatable on purpose
    indicators = {i.code: i for i in Indicator.objects.all()}
    districts = list(
        Centre.objects.filter(level=Centre.Level.DISTRICT, parent__admin_unit__soato="1706").order_by("path")
    )
    made = 0
    for centre in districts:
        if DiaryEntry.objects.filter(centre=centre, date__year=2026).exists():
            continue
        entries = _diary_for(centre, rng)
        DiaryEntry.objects.bulk_create(entries, batch_size=1000)
        made += len(entries)
        plan = centre.plans.filter(year=2026, status=PlanStatus.APPROVED).first()
        if plan is None:  # Jondor: its 2026 plan is left for the demo user, the diary still counts
            continue
        items = list(
            plan.items.exclude(kind=PlanItem.Kind.LABEL).select_related("indicator").order_by("order")
        )
        linked = []
        for item in items:
            code = suggest_indicator(item.name, item.unit) if item.indicator_id is None else None
            if code in indicators:
                item.indicator = indicators[code]
                linked.append(item)
        PlanItem.objects.bulk_update(linked, ["indicator"])
        ItemProgress.objects.bulk_create(_progress_for(items, rng), batch_size=1000)
    return made
