"""The validator on small plans: each finding code, and no false error on separate measures or lists."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from ishreja.plandoc.model import Deadline, Item, PlanDocument, Section
from ishreja.plandoc.validate import announced_parts, roman_value, validate


def item(number: str, name: str = "Ish", fact: str = "", plan: str = "", **kw: object) -> Item:
    defaults: dict[str, object] = {
        "unit": "Dona",
        "deadline": Deadline(text="2026-yil davomida", kind="year", years=[2026]),
        "responsible": ["Barcha xizmatlar"],
    }
    defaults.update(kw)
    return Item(
        number=number,
        name=name,
        fact=[Decimal(v) for v in fact.split()],
        plan=[Decimal(v) for v in plan.split()],
        **defaults,  # type: ignore[arg-type]
    )


def plan(*sections: Section, year: int = 2026, fact_year: int | None = 2025) -> PlanDocument:
    return PlanDocument(year=year, fact_year=fact_year, sections=list(sections))


def codes(doc: PlanDocument) -> list[tuple[str, str | None, str | None]]:
    return [(f.code, f.item, f.column) for f in validate(doc)]


@pytest.mark.parametrize(
    ("name", "parts"),
    [
        ("Sovg'a tariqasida: Jismoniy shaxslar; Yuridik shaxslar", 2),
        ("Foydalanuvchilarni ro'yxatga olish: - yangi; - qayta", 2),
        ("Foydalanuvchilar (jami, yangi, qayta ro'yxatdan o'tgan)", 2),
        ("Ro'yxatga olish: jami; yangi; qayta", 2),
        (
            "Uchun: - metodik to'garaklar; - ma'naviyat soatlari - AKT bo'yicha o'qishlar "
            "- seminar-treninglar",
            4,
        ),
        ("Yig'ma elektron katalog tizimida bibliografik yozuvlar bilan ishlash.", 0),
        ("Foydalanuvchilarni ro'yxatga olish: Jami foydalanuvchilar (oxirgi uch yillik)", 0),
        ("Nostatsionar xizmat (ko'chma kutubxona, ko'chma o'quv zali)", 0),
    ],
)
def test_it_counts_the_parts_an_item_name_announces(name: str, parts: int) -> None:
    assert announced_parts(name) == parts


def test_it_checks_a_total_against_the_parts_named_in_the_item() -> None:
    doc = plan(
        Section(
            "I", "A", [item("1", "Sovg'a: Jismoniy shaxslar; Yuridik shaxslar", "479 37 460", "518 43 475")]
        )
    )
    assert codes(doc) == [("total_parts_mismatch", "1", "fact")]
    assert validate(doc)[0].message == "1-band, fakt: jami 479, qismlar yig'indisi 497"


@pytest.mark.parametrize(
    ("name", "fact"),
    [
        ("Yig'ma katalogda ishlash", "356 4224"),  # two separate measures
        ("Uchun: - to'garaklar; - soatlar - o'qishlar - treninglar - stajirovkalar", "1 45 2 4 18"),  # a list
        ("Ro'yxatga olish: - yangi; - qayta", "8814 700 8114"),  # a correct total
        ("Nomi hech narsa aytmaydi", "10 3 4"),  # no parts announced: not a total
    ],
)
def test_it_raises_no_false_error_on_measures_lists_and_right_totals(name: str, fact: str) -> None:
    assert codes(plan(Section("I", "A", [item("1", name, fact, fact)]))) == []


def _fund(total: str, gift: str, label: bool = True) -> Item:
    children = [Item(name="Shundan,", kind="label")] if label else []
    parent = item("1", "Fondni to'ldirish", total, total, unit="Nusxa jami", children=children)
    parent.children += [
        item("1.1", "Xarid", "84", "84", unit="Nusxa"),
        item("1.2", "Sovg'a: Jismoniy shaxslar; Yuridik shaxslar", gift, gift, unit="Nusxa"),
    ]
    return parent


def test_it_checks_a_total_against_its_sub_items() -> None:
    assert codes(plan(Section("I", "A", [_fund("600", "100 40 60")]))) == [
        ("total_children_mismatch", "1", "fact"),
        ("total_children_mismatch", "1", "plan"),
    ]
    assert codes(plan(Section("I", "A", [_fund("184", "100 40 60")]))) == []


def test_it_blames_only_the_sub_item_whose_own_total_is_wrong() -> None:
    # 84 + 479 != 581 but 84 + (37 + 460) == 581: the mistake is 1.2's total, reported once, there.
    assert codes(plan(Section("I", "A", [_fund("581", "479 37 460")]))) == [
        ("total_parts_mismatch", "1.2", "fact"),
        ("total_parts_mismatch", "1.2", "plan"),
    ]


def test_it_adds_up_sub_items_only_when_the_plan_announces_a_sum() -> None:
    parent = _fund("600", "100 40 60", label=False)
    parent.unit = "Nusxa"
    assert codes(plan(Section("I", "A", [parent]))) == []


def test_it_ignores_sub_items_in_another_unit() -> None:
    parent = _fund("184", "100 40 60")
    parent.children.append(item("1.3", "Buyruq", "", "1", unit="Hujjat"))
    assert codes(plan(Section("I", "A", [parent]))) == []


def test_it_flags_repeated_and_out_of_order_sections() -> None:
    doc = plan(
        Section("I", "A", [item("1")]),
        Section("III", "B", [item("2")]),
        Section("III", "C", [item("3")]),
        Section("II", "D", [item("4")]),
    )
    found = [(f.severity, f.code, f.section) for f in validate(doc)]
    assert found == [
        ("warning", "section_order", "III"),
        ("error", "section_repeated", "III"),
        ("warning", "section_order", "II"),
    ]


def test_it_flags_numbering_gaps_repeats_and_disorder() -> None:
    doc = plan(
        Section("I", "A", [item("1"), item("2"), item("5"), item("5"), item("4")]),
        Section("II", "B", [item("6", children=[item("6.1"), item("6.3")])]),
    )
    assert codes(doc) == [
        ("numbering_gap", "5", None),
        ("number_repeated", "5", None),
        ("numbering_order", "4", None),
        ("numbering_gap", "6.3", None),
    ]
    assert validate(doc)[0].message == "5-band: 2-banddan keyin 3–4-bandlar yo'q"


def test_it_restarts_numbering_in_plans_that_number_each_section_from_one() -> None:
    doc = plan(Section("I", "A", [item("1"), item("2")]), Section("II", "B", [item("1"), item("2")]))
    assert codes(doc) == []


def test_it_lets_sub_items_and_unnumbered_rows_inherit_unit_deadline_and_responsible() -> None:
    bare: dict[str, Any] = {"unit": "", "deadline": Deadline(), "responsible": []}
    parent = item("1", children=[item("1.1", **bare), item("", "", "5", "6", **bare)])
    assert codes(plan(Section("I", "A", [parent]))) == []
    orphan = item("2", **bare)
    assert codes(plan(Section("I", "A", [item("1"), orphan]))) == [
        ("missing_unit", "2", None),
        ("missing_deadline", "2", None),
        ("missing_responsible", "2", None),
    ]


def test_it_does_not_count_label_rows_as_items() -> None:
    label = Item(name="Shundan,", kind="label")
    assert codes(plan(Section("I", "A", [item("1", children=[label, item("1.1")])]))) == []


def test_it_warns_when_the_target_is_below_last_years_actual() -> None:
    doc = plan(Section("I", "A", [item("1", fact="365", plan="300"), item("2", fact="1 9", plan="2 9")]))
    assert codes(doc) == [("target_below_fact", "1", "plan")]
    assert validate(doc)[0].message == "1-band: reja 300 fakt 365 dan kam (o'tgan yilgi natijadan past reja)"


def test_it_flags_a_deadline_for_another_year_as_an_error() -> None:
    stale = item("1", deadline=Deadline(text="2025-yil davomida", kind="year", years=[2025]))
    span = item("2", deadline=Deadline(text="2025-2026-yillarda", kind="year", years=[2025, 2026]))
    found = validate(plan(Section("I", "A", [stale, span])))
    assert [(f.severity, f.code, f.item) for f in found] == [("error", "deadline_outside_year", "1")]
    assert found[0].message == "1-band: muddatda 2025-yil ko'rsatilgan, reja esa 2026-yil uchun"


def test_it_warns_when_the_fact_column_is_not_last_year() -> None:
    assert codes(plan(Section("I", "A", [item("1")]), fact_year=2024)) == [("fact_year_mismatch", None, None)]


@pytest.mark.parametrize(
    ("numeral", "value"), [("I", 1), ("IV", 4), ("VIII", 8), ("XIV", 14), ("", None), ("A", None)]
)
def test_it_reads_roman_numerals(numeral: str, value: int | None) -> None:
    assert roman_value(numeral) == value
