"""Editing in place: items and sections, moves, and two people editing the same row."""

import pytest

from ishreja.plans import services
from ishreja.plans.models import PlanItem
from ishreja.plans.services import ItemData


def _data(item, **changes):
    values = {
        "number": item.number,
        "name": item.name,
        "unit": item.unit,
        "fact_text": item.fact_text,
        "plan_text": item.plan_text,
        "mechanism": item.mechanism,
        "deadline_text": item.deadline_text,
    }
    return ItemData(**(values | changes))


def test_it_parses_figures_deadline_and_legal_acts_as_typed(cast, seed_plan):
    item = seed_plan.items.get(number="13")
    saved = services.item_update(
        item=item,
        user=cast.jondor_director,
        version=item.version,
        data=_data(
            item,
            plan_text="518 43 475",
            deadline_text="II – III chorak",
            legal_refs_text="PQ-9, O'RQ-280",
            responsible_ids=(cast.jondor.services.get(code="lending").pk,),
            responsible_extra="Tashqi hamkor",
        ),
    )
    assert saved.plan_values == ["518", "43", "475"] and saved.plan_text == "518 43 475"
    assert saved.schedule["kind"] == "quarters" and saved.schedule["quarters"] == [2, 3]
    assert saved.legal_refs == ["PQ-9", "O'RQ-280"]
    assert saved.responsible_text.splitlines() == [
        "Abonement va foydalanuvchilarga xizmat ko'rsatish xizmati",
        "Tashqi hamkor",
    ]
    assert [s.code for s in saved.responsible.all()] == ["lending"]
    assert saved.version == item.version + 1


def test_it_refuses_the_second_save_of_a_stale_row_and_keeps_the_first(cast, seed_plan):
    item = seed_plan.items.get(number="13")
    loaded = item.version
    services.item_update(
        item=item, user=cast.jondor_director, version=loaded, data=_data(item, plan_text="10")
    )
    with pytest.raises(services.EditConflict) as conflict:
        services.item_update(
            item=item, user=cast.jondor_staff, version=loaded, data=_data(item, plan_text="99")
        )
    assert conflict.value.current.plan_values == ["10"]
    assert "R. Halimov" in str(conflict.value)
    item.refresh_from_db()
    assert item.plan_values == ["10"]


def test_it_adds_sub_items_and_measure_rows_under_their_parent(cast, seed_plan):
    parent = seed_plan.items.get(number="14")
    child = services.item_create(
        plan=seed_plan,
        user=cast.jondor_director,
        section=parent.section,
        parent=parent,
        data=ItemData(number="14.5", name="Elektron resurslar"),
    )
    ordered = list(seed_plan.items.order_by("order").values_list("number", flat=True))
    assert ordered.index("14.5") == ordered.index("14.4") + 1
    measure = services.item_create(
        plan=seed_plan,
        user=cast.jondor_director,
        section=parent.section,
        parent=child,
        kind=PlanItem.Kind.MEASURE,
        data=ItemData(plan_text="40"),
    )
    assert measure.number == "" and measure.parent == child


def test_it_moves_an_item_with_its_sub_items(cast, seed_plan):
    item = seed_plan.items.get(number="14")
    services.item_move(item=item, user=cast.jondor_director, up=False)
    ordered = [n for n in seed_plan.items.order_by("order").values_list("number", flat=True) if n]
    assert (
        ordered.index("15")
        < ordered.index("14")
        < ordered.index("14.1")
        < ordered.index("14.4")
        < ordered.index("19")
    )


def test_it_deletes_an_item_with_its_sub_items_and_keeps_history(cast, seed_plan):
    item = seed_plan.items.get(number="14")
    services.item_delete(item=item, user=cast.jondor_director)
    assert not seed_plan.items.filter(number__startswith="14").exists()
    assert PlanItem.history.filter(number="14", history_type="-").exists()


def test_it_edits_and_adds_sections(cast, seed_plan):
    section = seed_plan.sections.get(number="III")
    services.section_save(
        plan=seed_plan,
        user=cast.jondor_director,
        section=section,
        number="III.",
        title="ILMIY-METODIK ISHLAR",
        version=section.version,
    )
    section.refresh_from_db()
    assert (section.number, section.title) == ("III", "ILMIY-METODIK ISHLAR")
    new = services.section_save(plan=seed_plan, user=cast.jondor_director, number="VIII", title="YANGI")
    assert new.order == seed_plan.sections.count()


def test_it_refuses_edits_from_someone_of_another_centre(cast, seed_plan):
    item = seed_plan.items.get(number="13")
    with pytest.raises(services.PlanError, match="huquqingiz"):
        services.item_update(
            item=item, user=cast.gijduvon_director, version=item.version, data=_data(item, name="x")
        )


def test_it_moves_a_section_with_its_items(cast, seed_plan):
    section = seed_plan.sections.get(number="II")
    services.section_move(section=section, user=cast.jondor_director, up=True)
    assert list(seed_plan.sections.order_by("order").values_list("number", flat=True))[:2] == ["II", "I"]
    ordered = [n for n in seed_plan.items.order_by("order").values_list("number", flat=True) if n]
    assert ordered[:3] == ["5", "6", "7"] and ordered.index("1") == 3
