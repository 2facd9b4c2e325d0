"""Benchmark of the reports side on PostgreSQL with a national data set (bench/generate_national.py).

Measures medians of: the national quarterly consolidation page (full render through the Django test client
as the national admin) against a hand-written SQL query answering the same question over the same tables
in the same run; the consolidation selector alone; one region against the whole country; a district's
quarterly report page (stored lines) and its live preview; the charts, which the pages load afterwards
(htmx), on their own. Prints a table and writes bench/out/reports.json.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate_national import MARKER, generate, setup_django

RUNS = 9
OUT = Path(__file__).resolve().parent / "out" / "reports.json"

# The same question as consolidation_build: per column (region) and indicator, the period's value for this
# year and last year; diary columns from the diary, other indicators from the monthly progress of the plans
# in force (SUM: months added; STOCK: each item's last month, then added across items and centres).
SQL = """
WITH c AS (
  SELECT id,
    COALESCE(NULLIF(split_part(substr(path, length(%(root)s) + 1), '/', 1), '')::bigint, %(root_id)s) AS col
  FROM centres_centre WHERE path LIKE %(root)s || '%%' AND is_active
), inforce AS (
  SELECT p.id, p.centre_id FROM plans_plan p JOIN c ON c.id = p.centre_id
  WHERE p.year = %(year)s AND p.status <> 'superseded' AND (p.status = 'approved' OR NOT EXISTS (
    SELECT 1 FROM plans_plan a WHERE a.centre_id = p.centre_id AND a.year = p.year AND a.status = 'approved'))
), diary AS (
  SELECT c.col, SUM(visits) AS visits, SUM(loans) AS loans, SUM(users_new) AS users_new,
         SUM(users_reregistered) AS users_rereg, SUM(events) AS events,
         SUM(event_participants) AS participants
  FROM progress_diaryentry d JOIN c ON c.id = d.centre_id
  WHERE d.date BETWEEN %(start)s AND %(end)s GROUP BY c.col
), prog AS (
  SELECT c.col, i.indicator_id, ind.aggregation, ip.item_id, ip.month, (ip."values" ->> 0)::numeric AS v
  FROM progress_itemprogress ip
  JOIN plans_planitem i ON i.id = ip.item_id
  JOIN inforce ON inforce.id = i.plan_id
  JOIN c ON c.id = inforce.centre_id
  JOIN indicators_indicator ind ON ind.id = i.indicator_id
  WHERE ip.month = ANY(%(months)s) AND ind.code <> ALL(%(diary_codes)s)
)
SELECT col, 'diary:' || k AS indicator, v FROM diary,
  LATERAL (VALUES ('visits', visits), ('loans', loans), ('users-new', users_new),
                  ('users-reregistered', users_rereg), ('events', events),
                  ('event-participants', participants))
  AS x(k, v)
UNION ALL
SELECT col, indicator_id::text, SUM(v) FROM prog WHERE aggregation = 'sum' GROUP BY col, indicator_id
UNION ALL
SELECT col, indicator_id::text, SUM(v) FROM (
  SELECT DISTINCT ON (item_id) col, indicator_id, v FROM prog
  WHERE aggregation = 'stock' AND v IS NOT NULL ORDER BY item_id, month DESC
) s GROUP BY col, indicator_id
"""


def median_ms(fn: Callable[[], object], runs: int = RUNS) -> float:
    fn()  # warm: connections, templates, the session's "last seen"
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(times), 1)


def main() -> None:
    setup_django()
    counts = generate(out=sys.stdout)  # type: ignore[arg-type]

    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from ishreja.accounts.models import Membership, Role, User
    from ishreja.centres.models import Centre
    from ishreja.progress.models import DIARY_INDICATORS
    from ishreja.reports import charts
    from ishreja.reports.consolidation import consolidation_build
    from ishreja.reports.periods import period_from_slug
    from ishreja.reports.services import report_create

    if connection.vendor != "postgresql":
        sys.exit("bench_reports: set DATABASE_URL to a PostgreSQL database (default: the local server)")
    national = Centre.objects.get(name=MARKER)
    region = national.children.order_by("name").first()
    assert region is not None
    district = region.children.order_by("name").first()
    assert district is not None
    period = period_from_slug(2026, "q3")

    def person(username: str, centre: Centre, role: str) -> User:
        user, _ = User.objects.get_or_create(username=username)
        Membership.objects.get_or_create(user=user, centre=centre, role=role)
        return user

    admin = person("bench-milliy", national, Role.NATIONAL_ADMIN)
    director = person("bench-direktor", district, Role.DIRECTOR)
    report = report_create(centre=district, period=period, user=director)

    def page(user: User, url: str) -> Callable[[], object]:
        client = Client()
        client.force_login(user)

        def get() -> object:
            charts._bars.cache_clear()  # charts drawn every time, as on a first visit
            charts._completion.cache_clear()
            response = client.get(url)
            assert response.status_code == 200, response.status_code
            return response

        return get

    def sql_rows(root: Centre, p: object) -> list[tuple[int, str, object]]:
        assert isinstance(p, type(period))
        with connection.cursor() as cursor:
            cursor.execute(
                SQL,
                {
                    "root": root.path,
                    "root_id": root.pk,
                    "year": p.year,
                    "start": p.start,
                    "end": p.end,
                    "months": p.months,
                    "diary_codes": list(DIARY_INDICATORS.values()),
                },
            )
            return list(cursor.fetchall())

    def sql(root: Centre) -> Callable[[], object]:
        return lambda: [sql_rows(root, p) for p in (period, period.previous_year())]

    def consolidation_url(root: Centre) -> str:
        return reverse("reports:consolidation", args=[root.pk, period.year, period.slug])

    results = {
        "national_page_ms": median_ms(page(admin, consolidation_url(national))),
        "national_selector_ms": median_ms(lambda: consolidation_build(root=national, period=period)),
        "national_sql_ms": median_ms(sql(national)),
        "region_page_ms": median_ms(page(admin, consolidation_url(region))),
        "region_selector_ms": median_ms(lambda: consolidation_build(root=region, period=period)),
        "region_sql_ms": median_ms(sql(region)),
        "district_report_page_ms": median_ms(
            page(director, reverse("reports:report-detail", args=[report.pk]))
        ),
        "national_chart_partial_ms": median_ms(
            page(admin, reverse("reports:consolidation-chart", args=[national.pk, period.year, period.slug]))
        ),
        "district_report_chart_partial_ms": median_ms(
            page(director, reverse("reports:report-chart", args=[report.pk]))
        ),
        "district_live_preview_ms": median_ms(
            page(
                director,
                reverse("reports:centre-period", args=[district.pk, period.year, "q2"]),
            )
        ),
    }
    # The selector and the SQL must agree (a benchmark of a wrong answer is no use): a diary indicator and a
    # stock, national totals.
    cons = consolidation_build(root=national, period=period)
    answer = sql_rows(national, period)
    for code, key in (("visits", "diary:visits"), ("users", "")):
        row = cons.row(code)
        assert row is not None
        key = key or str(row.indicator.pk)
        assert row.total == sum(v for _, k, v in answer if k == key), f"selector and SQL disagree on {code}"
    results["ratio_national_page_to_sql"] = round(results["national_page_ms"] / results["national_sql_ms"], 2)
    results["ratio_national_selector_to_sql"] = round(
        results["national_selector_ms"] / results["national_sql_ms"], 2
    )
    results["ratio_country_to_region_page"] = round(
        results["national_page_ms"] / results["region_page_ms"], 2
    )
    results["ratio_country_to_region_selector"] = round(
        results["national_selector_ms"] / results["region_selector_ms"], 2
    )
    results["centres_country"] = counts["centres"]
    results["centres_region"] = region.children.count() + 1
    results["diary_rows"] = counts["diary"]
    results["progress_rows"] = counts["progress"]

    width = max(len(k) for k in results)
    print(f"{'measure':<{width}}  value")
    for key, value in results.items():
        print(f"{key:<{width}}  {value}")
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
