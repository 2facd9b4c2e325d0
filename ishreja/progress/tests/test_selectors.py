import datetime as dt
from decimal import Decimal

from ishreja.progress.models import ItemProgress
from ishreja.progress.selectors import diary_monthly_totals, item_actuals


def test_it_sums_the_diary_of_the_items_centre_for_an_item_linked_to_visits(cast, items, diary):
    diary(dt.date(2026, 1, 5), visits=10, loans=3)
    diary(dt.date(2026, 1, 6), service_code="bibliography", visits=5)
    diary(dt.date(2026, 2, 2), visits=7)
    diary(dt.date(2026, 4, 1), visits=1000)  # outside the months asked
    diary(dt.date(2025, 1, 5), visits=1000)  # another year
    diary(dt.date(2026, 1, 5), centre=cast.gijduvon, visits=1000)  # another centre

    actual = item_actuals(items=[items.visits], months=[1, 2, 3])[items.visits.pk]

    assert actual.values == [Decimal(22)]
    assert actual.sources == ["kundalik: 2026-01..2026-02"]


def test_it_sums_monthly_progress_part_by_part_for_an_item_without_indicator(items):
    ItemProgress.objects.create(item=items.trained, month=4, values=["3"])
    ItemProgress.objects.create(item=items.trained, month=6, values=["2.5"])

    actual = item_actuals(items=[items.trained], months=range(4, 7))[items.trained.pk]

    assert actual.values == [Decimal("5.5")]
    assert actual.sources == ["oylik: 2026-04, 2026-06"]


def test_it_takes_the_last_month_with_a_value_for_a_stock_and_never_sums(items):
    ItemProgress.objects.create(item=items.users, month=1, values=["8000", "100", "7900"])
    ItemProgress.objects.create(item=items.users, month=2, values=["8100", "200", "7900"])
    ItemProgress.objects.create(item=items.users, month=3, values=[], status="in_progress")

    actual = item_actuals(items=[items.users], months=[1, 2, 3])[items.users.pk]

    assert actual.values == [Decimal(8100), Decimal(200), Decimal(7900)]
    assert actual.sources == ["oylik: 2026-02"]
    assert actual.status == "in_progress"


def test_it_gives_the_latest_status_of_an_item_without_figures(items):
    ItemProgress.objects.create(item=items.meeting, month=1, status="done")
    ItemProgress.objects.create(item=items.meeting, month=2, status="not_done", note="Xona ta'mirda")

    actual = item_actuals(items=[items.meeting], months=[1, 2])[items.meeting.pk]

    assert actual.values == []
    assert actual.status == "not_done"
    assert actual.sources == []


def test_it_answers_every_item_in_three_queries(items, diary, make_item, django_assert_num_queries):
    for n in range(30):
        extra = make_item(items.plan, name=f"Qo'shimcha {n}", plan_values=["5"])
        ItemProgress.objects.create(item=extra, month=1, values=["1"])
    diary(dt.date(2026, 1, 5), visits=10)
    all_items = list(items.plan.items.all())

    with django_assert_num_queries(3):
        actuals = item_actuals(items=all_items, months=[1, 2, 3])

    assert len(actuals) == 34
    assert actuals[items.visits.pk].values == [Decimal(10)]
    assert actuals[items.meeting.pk].values == []


def test_it_totals_the_diary_per_centre_and_month_in_one_query(cast, diary, django_assert_num_queries):
    diary(dt.date(2026, 3, 2), visits=4, loans=2, events=1, event_participants=30)
    diary(dt.date(2026, 3, 3), service_code="bibliography", visits=6)
    diary(dt.date(2026, 4, 3), visits=9)
    diary(dt.date(2026, 3, 3), centre=cast.gijduvon, users_new=2)

    with django_assert_num_queries(1):
        totals = diary_monthly_totals(centre_ids=[cast.jondor.pk, cast.gijduvon.pk], year=2026, months=[3])

    assert totals[(cast.jondor.pk, 3)] == {
        "visits": 10,
        "loans": 2,
        "users_new": 0,
        "users_reregistered": 0,
        "events": 1,
        "event_participants": 30,
    }
    assert totals[(cast.gijduvon.pk, 3)]["users_new"] == 2
    assert (cast.jondor.pk, 4) not in totals
