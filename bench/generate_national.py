"""A national data set for the reports benchmark: 14 regional centres with 14 district centres each, three
plan years (2024-2026) of approved plans of ~50 items linked to indicators, daily diary counts (two services
per centre, weekdays) and monthly progress of every item the diary does not feed.

Written into the configured database: PostgreSQL through COPY (a few hundred thousand rows in seconds),
any other database through bulk_create. Run it directly or let bench_reports.py call ``generate()``.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BENCH_URL = "postgres://postgres@127.0.0.1:5432/ishreja_bench"
REGIONS, DISTRICTS_PER_REGION, ITEMS_PER_PLAN = 14, 14, 50
YEARS = (2024, 2025, 2026)
MARKER = "Bench: O'zbekiston Milliy kutubxonasi"


def setup_django() -> None:
    """Point Django at the bench database (created when missing) and migrate it."""
    os.environ.setdefault("DATABASE_URL", BENCH_URL)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ishreja.test_settings")
    url = os.environ["DATABASE_URL"]
    if url.startswith("postgres"):
        import psycopg

        base, name = url.rsplit("/", 1)
        with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
            if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
                conn.execute(f'CREATE DATABASE "{name}"')
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def _copy(table: str, columns: list[str], rows: list[tuple[object, ...]]) -> None:
    """Insert rows: COPY on PostgreSQL, executemany elsewhere."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            raw = cursor.cursor  # the psycopg cursor under Django's wrapper
            with raw.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        return
    marks = ", ".join(["%s"] * len(columns))
    with connection.cursor() as cursor:
        # Table and column names are this module's constants, never input.
        cursor.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)  # noqa: S608


def _weekdays(year: int) -> list[dt.date]:
    day, end, out = dt.date(year, 1, 1), dt.date(year, 12, 31), []
    while day <= end:
        if day.weekday() < 5:
            out.append(day)
        day += dt.timedelta(days=1)
    return out


def generate(*, seed: int = 7, out: io.TextIOBase | None = None) -> dict[str, int]:
    """Make the data set unless it is there already; returns the row counts."""
    from django.db import transaction
    from django.utils import timezone

    from ishreja.centres.models import Centre, Service
    from ishreja.centres.services import centre_create
    from ishreja.indicators.models import Indicator
    from ishreja.indicators.services import indicators_load
    from ishreja.plans.models import Plan, PlanItem, PlanStatus, Section
    from ishreja.progress.models import COLUMN_OF_INDICATOR, DIARY_COLUMNS, DiaryEntry, ItemProgress

    national = Centre.objects.filter(name=MARKER).first()
    if national is not None:
        return {
            "centres": Centre.objects.filter(path__startswith=national.path).count(),
            "diary": DiaryEntry.objects.count(),
            "progress": ItemProgress.objects.count(),
        }
    started = time.perf_counter()
    rng = random.Random(seed)
    now = timezone.now()
    with transaction.atomic():
        indicators_load()
        indicators = list(Indicator.objects.order_by("order"))
        national = centre_create(name=MARKER, short_name="Milliy", level=Centre.Level.NATIONAL)
        centres: list[Centre] = [national]
        for r in range(REGIONS):
            region = centre_create(
                name=f"Bench viloyat {r + 1:02d} AKM",
                short_name=f"Viloyat {r + 1:02d}",
                level=1,
                parent=national,
            )
            centres.append(region)
            for d in range(DISTRICTS_PER_REGION):
                centres.append(
                    centre_create(
                        name=f"Bench tuman {r + 1:02d}-{d + 1:02d} AKM",
                        short_name=f"Tuman {r + 1:02d}-{d + 1:02d}",
                        level=2,
                        parent=region,
                    )
                )
        reporting = [c for c in centres if c.level > 0]
        services = {
            (s.centre_id, s.code): s.pk
            for s in Service.objects.filter(centre__in=reporting, code__in=["lending", "bibliography"])
        }
        plans = Plan.objects.bulk_create(
            [
                Plan(centre=c, year=y, fact_year=y - 1, status=PlanStatus.APPROVED)
                for c in reporting
                for y in YEARS
            ]
        )
        sections = Section.objects.bulk_create(
            [Section(plan=p, number="I", title="ASOSIY FAOLIYAT", order=1) for p in plans]
        )
        items: list[PlanItem] = []
        for plan, section in zip(plans, sections, strict=True):
            size = rng.uniform(0.6, 1.6)  # centres differ in size; every item scales with it
            for n in range(ITEMS_PER_PLAN):
                indicator = indicators[n % len(indicators)]
                target = int(rng.uniform(50, 5000) * size)
                items.append(
                    PlanItem(
                        plan=plan,
                        section=section,
                        order=n + 1,
                        number=str(n + 1),
                        name=f"{indicator.name} ({n + 1})",
                        unit=indicator.unit,
                        plan_values=[str(target)],
                        fact_values=[str(int(target * 0.95))],
                        schedule={"kind": "year"},
                        indicator=indicator,
                    )
                )
        PlanItem.objects.bulk_create(items, batch_size=5000)

        diary_rows: list[tuple[object, ...]] = []
        for centre in reporting:
            base = rng.uniform(20, 80)
            for year in YEARS:
                for day in _weekdays(year):
                    for code in ("lending", "bibliography"):
                        visits = int(rng.gauss(base, base * 0.2)) if code == "lending" else int(base * 0.3)
                        counts = {
                            "visits": max(visits, 0),
                            "loans": max(int(visits * 1.5), 0),
                            "users_new": rng.randint(0, 3),
                            "users_reregistered": rng.randint(0, 4),
                            "events": 1 if rng.random() < 0.1 else 0,
                            "event_participants": 25 if rng.random() < 0.1 else 0,
                        }
                        diary_rows.append(
                            (
                                centre.pk,
                                services[(centre.pk, code)],
                                day,
                                *[counts[c] for c in DIARY_COLUMNS],
                                now,
                                now,
                            )
                        )
        _copy(
            DiaryEntry._meta.db_table,
            ["centre_id", "service_id", "date", *DIARY_COLUMNS, "created_at", "updated_at"],
            diary_rows,
        )

        progress_rows: list[tuple[object, ...]] = []
        for item in items:
            assert item.indicator is not None
            if item.indicator.code in COLUMN_OF_INDICATOR:
                continue
            target = int(item.plan_values[0])
            stock = item.indicator.aggregation == Indicator.Aggregation.STOCK
            for month in range(1, 13):
                value = (
                    int(target * (0.5 + month / 24)) if stock else int(target / 12 * rng.uniform(0.6, 1.3))
                )
                progress_rows.append((item.pk, month, f'["{value}"]', None, "", 1, now, now))
        _copy(
            ItemProgress._meta.db_table,
            ["item_id", "month", "values", "status", "note", "version", "created_at", "updated_at"],
            progress_rows,
        )
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    counts = {"centres": len(centres), "diary": len(diary_rows), "progress": len(progress_rows)}
    if out is not None:
        out.write(
            f"generated {counts['centres']} centres, {len(items)} items, {counts['diary']} diary rows, "
            f"{counts['progress']} progress rows in {time.perf_counter() - started:.1f} s\n"
        )
    return counts


if __name__ == "__main__":
    setup_django()
    print(generate(out=sys.stdout))  # type: ignore[arg-type]
