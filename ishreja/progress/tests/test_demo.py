import datetime as dt

from ishreja.plans.models import PlanStatus
from ishreja.progress.demo import progress_demo_load
from ishreja.progress.models import DiaryEntry, ItemProgress


def test_it_loads_a_repeatable_demo_year_once(cast, plan_of, indicators, make_item):
    plan = plan_of(cast.gijduvon, status=PlanStatus.APPROVED)
    visits = make_item(plan, name="Kitobxonlar qatnovining hisobini olib borish", unit="Nafar")
    trained = make_item(plan, name="Xodimlar bilan ishlash", unit="Nafar", plan_values=["24"])
    meeting = make_item(plan, name="Kengash yig'ilishi", schedule={"kind": "quarterly"})

    made = progress_demo_load()

    assert made > 0 and progress_demo_load() == 0
    # Jondor has no 2026 plan in the demo, yet its desk counted the year.
    for centre in (cast.jondor, cast.gijduvon):
        days = DiaryEntry.objects.filter(centre=centre).dates("date", "day")
        assert days.first() == dt.date(2026, 1, 1) and days.last() == dt.date(2026, 11, 21)
    assert not DiaryEntry.objects.filter(centre=cast.samarqand_city).exists()
    assert not DiaryEntry.objects.filter(date__week_day=1).exists()  # no Sundays
    visits.refresh_from_db()
    assert visits.indicator.code == "visits"
    assert not ItemProgress.objects.filter(item=visits).exists()  # the diary answers for it
    assert ItemProgress.objects.filter(item=trained).count() == 10
    assert sorted(ItemProgress.objects.filter(item=meeting).values_list("month", flat=True)) == [3, 6, 9]
