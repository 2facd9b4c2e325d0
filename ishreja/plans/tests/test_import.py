"""Importing plan files into the database, from the service and from the command line."""

from importlib import resources

import pytest
from django.core.management import CommandError, call_command

from ishreja.plans.documents import plan_to_document
from ishreja.plans.models import LegalAct, Plan, PlanItem
from ishreja.plans.services import PlanError, plan_import_file

SEED_2026 = resources.files("ishreja.plans").joinpath("demo_data/jondor-2026.txt")


def _import(cast, user=None):
    return plan_import_file(centre=cast.jondor, data=SEED_2026.read_bytes(), filename="reja.txt", user=user)


def test_it_stores_the_2026_seed_as_a_draft_with_every_item(cast):
    result = _import(cast, cast.jondor_director)
    plan = result.plan
    assert result.created and plan.status == "draft" and (plan.year, plan.fact_year) == (2026, 2025)
    assert plan.agreed_name == "H. Qosimov" and plan.approved_name == "R. Halimov"
    assert plan.items.filter(number="4.1", parent__number="4").exists()
    measure = plan.items.get(kind=PlanItem.Kind.MEASURE, parent__number="19")
    assert measure.plan_values == ["6000"]
    assert plan.history.first().history_user == cast.jondor_director


def test_it_links_legal_acts_and_the_centres_services(cast):
    plan = _import(cast).plan
    first = plan.items.get(number="1")
    assert [a.code for a in first.legal_acts.all()] == ["O'RQ-280"]
    assert LegalAct.objects.get(code="O'RQ-280").kind == LegalAct.Kind.LAW
    item = plan.items.get(number="4.1")
    assert {s.code for s in item.responsible.all()} == {"director", "collections"}


def test_it_gives_back_the_same_document_it_stored(cast):
    result = _import(cast)
    stored = plan_to_document(result.plan)
    original = result.document
    assert stored.sections == original.sections
    assert stored.findings == original.findings


def test_it_does_not_duplicate_a_file_imported_twice(cast):
    first, second = _import(cast), _import(cast)
    assert not second.created and second.plan == first.plan
    assert Plan.objects.count() == 1


def test_it_refuses_a_second_open_plan_for_the_same_year(cast):
    _import(cast)
    text = SEED_2026.read_bytes() + b"\n"
    with pytest.raises(PlanError, match="ochiq rejasi allaqachon bor"):
        plan_import_file(centre=cast.jondor, data=text, filename="b.txt", user=None)


def test_it_imports_from_the_command_line_and_prints_findings(cast, capsys, tmp_path):
    path = tmp_path / "reja.txt"
    path.write_bytes(SEED_2026.read_bytes())
    call_command("importplan", str(path), "--centre", "1706246")
    out = capsys.readouterr().out
    assert "saqlandi" in out and "numbering_gap" in out
    call_command("importplan", str(path), "--centre", str(cast.jondor.pk))
    assert "yangi nusxa yaratilmadi" in capsys.readouterr().out


def test_it_refuses_a_non_plan_file_with_one_clear_line_and_stores_nothing(cast, tmp_path):
    path = tmp_path / "x.txt"
    path.write_text("salom dunyo\n")
    with pytest.raises(CommandError, match="topilmadi"):
        call_command("importplan", str(path), "--centre", "1706246")
    with pytest.raises(CommandError, match="Markaz topilmadi"):
        call_command("importplan", str(path), "--centre", "9999999")
    assert not Plan.objects.exists()


def test_it_records_history_for_every_row_an_import_creates_in_bulk(cast):
    plan = _import(cast, cast.jondor_director).plan
    items = plan.items.count()
    assert items > 40
    assert PlanItem.history.filter(plan_id=plan.pk, history_type="+").count() == items
    assert set(PlanItem.history.filter(plan_id=plan.pk).values_list("history_user", flat=True)) == {
        cast.jondor_director.pk
    }
