"""The JSON API: same permissions and the same read-only rule as the pages."""

import json

from django.urls import reverse

from ishreja.plans.models import PlanStatus


def _patch(client, plan, item, **body):
    url = reverse("api:item-detail", args=[plan.pk, item.pk])
    return client.patch(url, json.dumps(body), content_type="application/json")


def test_it_gives_the_plan_in_the_json_contract(cast, client, seed_plan):
    client.force_login(cast.buxoro_methodologist)
    data = client.get(reverse("api:plan-detail", args=[seed_plan.pk])).json()
    assert data["format"] == "ishreja.plan/1" and data["year"] == 2026 and data["status"] == "draft"
    assert [s["number"] for s in data["sections"]][:2] == ["I", "II"]


def test_it_updates_an_item_and_refuses_a_stale_version(cast, client, seed_plan):
    item = seed_plan.items.get(number="19")
    client.force_login(cast.jondor_director)
    ok = _patch(client, seed_plan, item, version=item.version, plan_text="410")
    assert ok.status_code == 200 and ok.json()["plan"] == ["410"]
    stale = _patch(client, seed_plan, item, version=item.version, plan_text="999")
    assert stale.status_code == 409 and stale.json()["current"]["plan"] == ["410"]


def test_it_keeps_an_approved_plan_read_only(cast, client, seed_plan):
    seed_plan.status = PlanStatus.APPROVED
    seed_plan.save()
    item = seed_plan.items.get(number="19")
    client.force_login(cast.jondor_director)
    assert _patch(client, seed_plan, item, version=item.version, plan_text="1").status_code == 423
    item.refresh_from_db()
    assert item.plan_values == ["300"]


def test_it_hides_plans_from_strangers_and_refuses_readers(cast, client, seed_plan):
    item = seed_plan.items.get(number="19")
    client.force_login(cast.samarqand_staff)
    assert client.get(reverse("api:plan-detail", args=[seed_plan.pk])).status_code == 404
    assert client.get(reverse("api:plan-list")).json() == {"plans": []}
    client.force_login(cast.buxoro_methodologist)
    assert _patch(client, seed_plan, item, version=item.version, plan_text="1").status_code == 403
