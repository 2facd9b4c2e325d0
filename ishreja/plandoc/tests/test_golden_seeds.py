"""Golden tests: both seed plans read end to end, every item checked against the seeds as read by eye."""

from __future__ import annotations

import hashlib
import time
from decimal import Decimal
from pathlib import Path

import pytest

from ishreja.plandoc.interpret import interpret
from ishreja.plandoc.model import Item, PlanDocument, Signature
from ishreja.plandoc.read_text import read_text
from ishreja.plandoc.textnorm import clean
from ishreja.plandoc.validate import validate

SEEDS = Path(__file__).resolve().parent / "seeds"
SEED_2024 = "000_a6982a61a53db08a.txt"
SEED_2026 = "001_544bea1e7323bf63.txt"


def read_seed(name: str) -> PlanDocument:
    doc = interpret(read_text((SEEDS / name).read_text(encoding="utf-8")))
    doc.findings = validate(doc)
    return doc


@pytest.fixture(scope="module")
def plan_2024() -> PlanDocument:
    return read_seed(SEED_2024)


@pytest.fixture(scope="module")
def plan_2026() -> PlanDocument:
    return read_seed(SEED_2026)


# Services as each plan writes them.
AB = "Axborot-bibliografiya xizmati"
ABON = "Abonementlar va foydalanuvchilarga xizmat ko'rsatish xizmati"
ABON_GA = "Abonementlar va foydalanuvchilar ga xizmat ko'rsatish xizmati"  # the 2024 plan's own spacing
JAM = "Axborot-kutubxona fondlarini jamlash xizmati"
AKT = "Axborot-kommunikatsiya texnologiya va raqamlashtirish xizmati"
DIR = "Axborot-kutubxona markazi direktori"
FOND = "Fondlarni to'ldirish saqlash va ularga ishlov berish"
ABON26 = "Abonement va foydalanuvchilarga xizmat ko'rsatish xizmati"
AKR = "Axborot-kommunikatsiya va raqamlashtirish xizmati"
KAD = "Kadrlar bo'yicha inspektor"
AKM = "AKM direktori"
ALL = ["Direktor", "barcha xizmatlar"]

# (number, unit, fact, plan, deadline kind, quarters/months/times, responsible, legal refs), document order.
Row = tuple[str, str, list[int], list[int], str | None, object, list[str], list[str]]

ROWS_2024: list[Row] = [
    ("1", "Hujjat", [], [], "year", None, [AB], []),
    ("2", "Dona", [4], [4], "year", None, [AB], []),
    ("3", "Tadbir", [2], [2], "quarters", [1, 2, 3, 4], [ABON], []),
    ("4", "Hujjat", [], [1], "quarters", [1, 2], ALL, []),
    ("5", "Ro'yxat", [1], [1], "quarters", [2], ["Direktor"], []),
    ("6", "Tadbir", [1], [1], "quarters", [4], ALL, []),
    ("7", "Nusxa jami", [581], [600], "year", None, [JAM], ["PQ-380"]),
    ("", "", [], [], None, None, [], []),  # "Shundan," label
    ("7.1", "Nusxa", [], [], "year", None, [JAM], []),
    ("7.2", "Nusxa", [84], [260], "year", None, [JAM], []),
    ("7.3", "Nusxa", [], [], "year", None, [JAM], []),
    ("7.4", "Nusxa", [479, 37, 460], [518, 43, 475], "year", None, [JAM], []),
    ("8", "Dona", [3600], [3700], "year", None, [AB], []),
    ("9", "Dona", [1500], [1600], "year", None, [JAM], []),
    ("10", "Resurs", [], [], "year", None, [JAM], []),
    ("11", "Bibliografik yozuv", [356, 4224], [462, 4620], "monthly", None, ["Mas'ul xodim"], []),
    ("12", "Nafar", [8814, 700, 8114], [8844, 750, 8115], "year", None, [ABON], []),
    ("13", "Nafar", [8360], [8375], "year", None, [ABON], []),
    ("14", "Nusxa", [41090], [41190], "year", None, [ABON], []),
    ("15", "Tadbir", [190], [192], "year", None, [ABON], []),
    ("16", "Tadbir", [], [6], "year", None, [ABON], ["F-79", "MK-70"]),
    ("17", "Tadbir", [6], [7], "year", None, [ABON_GA], []),
    ("18", "Tadbir", [10], [12], "year", None, [ABON_GA], []),
    ("19", "Nusxa", [800], [806], "year", None, [ABON_GA, AKT], []),
    ("20", "Bibliografik yozuvlar", [1400], [1500], "year", None, [AB], []),
    ("21", "Bibliografik yozuvlar", [1500], [1600], "quarterly", None, [AB], []),
    ("22", "Dona", [1], [1], "months", [9, 10, 11, 12], [AB], []),
    ("23", "Nomda", [], [], "year", None, [AB], []),
    ("24", "Resurs", [5], [6], "weekly", None, [ABON], []),
    ("25", "Sahifa", [273], [1200], "year", None, [AKT], []),
    ("25.1", "Hujjat", [], [1], "year", None, [AKT], ["VMQ-646/7", "MK-68"]),
    ("26", "Hujjat", [4], [4], "quarterly", None, [AKT], []),
    ("27", "Tadbir", [2], [2], "year", None, ALL, []),
    ("28", "Hujjat", [], [1], "times", 2, [AKM, "kadrlar bo'yicha inspektor"], ["MK-73"]),
    ("29", "Tadbir", [1, 45, 2, 4, 18], [4, 45, 2, 4, 25], "quarterly", None, ["Barcha xizmatlar"], []),
    ("30", "Dona", [], [1], "year", None, ["Direktor"], []),
    ("31", "Nafar", [], [1], "year", None, ALL, []),
    ("32", "Marotaba", [2], [4], "year", None, ["Barcha xizmatlar"], []),
    ("33", "Marotaba", [104], [160], "year", None, [AKT], []),
]

ROWS_2026: list[Row] = [
    ("1", "Tadbir", [], [], "year", None, [DIR], ["O'RQ-280"]),
    ("2", "Tadbir", [], [], "year", None, [DIR], ["PF-158"]),
    ("3", "Tadbir", [], [], "year", None, [DIR], ["PQ-401"]),
    ("4", "Tadbir", [], [], "year", None, [DIR], ["VMQ-552"]),
    ("4.1", "Tadbir", [], [], None, None, [DIR, FOND], []),
    ("4.2", "Tadbir", [], [], "times", 2, [DIR, FOND], []),
    ("4.3", "Tadbir", [], [], "quarters", [4], [DIR, FOND], []),
    ("5", "Tadbir", [], [], "quarterly", None, [DIR], ["VMQ-691", "MK-76"]),
    ("6", "Tadbir", [], [], "quarterly", None, [DIR], ["PQ-9", "MK-2"]),
    ("7", "Tadbir", [], [], "year", None, [DIR], []),
    ("10", "Dona", [], [], "year", None, [AB], []),
    ("12", "Tadbir", [], [], "quarterly", None, ["Barcha xizmatlar"], []),
    ("13", "Tadbir", [], [], "year", None, [ABON26], []),
    ("14", "Nusxa", [], [], "year", None, [FOND], []),
    ("14.1", "Nusxa", [], [], None, None, [], []),
    ("14.2", "Nusxa", [], [], None, None, [], []),
    ("14.3", "Nusxa", [], [], None, None, [], []),
    ("14.4", "Nusxa", [], [], "year", None, [FOND], []),
    ("15", "Nomda", [], [], "year", None, [FOND], []),
    ("19", "Bibliografik yozuv", [365], [300], "monthly", None, [AKR], []),
    ("", "", [5167], [6000], None, None, [FOND], []),  # the unnumbered second measure of item 19
    ("20", "Nafar", [], [], "year", None, [ABON26], []),
    ("20.1", "Nafar", [], [], None, None, [], []),
    ("20.2", "Nafar", [], [], None, None, [], []),
    ("21", "Nafar", [], [], "year", None, [ABON26], []),
    ("22", "Nusxa", [], [], "year", None, [ABON26], []),
    ("23", "Tadbir", [], [], "year", None, [ABON26], []),
    ("24", "Tadbir", [], [], "year", None, [ABON26], []),
    ("25", "Tadbir", [], [], "year", None, [ABON26], []),
    ("26", "Nusxa", [750], [790], "year", None, [AKR], []),
    ("27", "Bibliografik yozuvlar", [], [], "year", None, [AB], []),
    ("28", "Bibliografik yozuvlar (dona)", [], [], "quarterly", None, [AB], []),
    ("29", "Dona", [], [], "year", None, [AB], []),
    ("31", "Ma'lumot", [85], [95], "year", None, [ABON26, AKR], []),
    ("32", "Sahifa", [730], [800], "year", None, [AKR], []),
    ("34", "Tadbir", [4], [4], "quarterly", None, [AKR], []),
    ("35", "Ro'yxat", [], [], "quarters", [2, 3], [AKM], []),
    ("36", "Tadbir", [], [], "quarters", [2], [AKM], []),
    ("37", "Tadbir", [], [], "quarters", [4], [AKM], []),
    ("38", "Tadbir", [], [], "quarters", [4], [AKM], []),
    ("39", "Tadbir", [], [], "year", None, [AKM, KAD], ["VMQ-595"]),
    ("40", "Tadbir", [], [], "year", None, [KAD], []),
    ("41", "Tadbir", [], [], "quarters", [1], [AKM, KAD], []),
    ("42", "Tadbir", [], [], "quarterly", None, [AKM, KAD], ["PQ-210"]),
    ("43", "Tadbir", [], [], "year", None, [AKM, KAD], ["PQ-162"]),
    ("44", "Tadbir", [], [], "quarterly", None, ["Barcha xizmatlar"], []),
    ("45", "Tadbir", [], [], "times", 2, [KAD], []),
    ("47", "Nafar", [], [], "year", None, [ABON26], []),
    ("48", "Marotaba", [], [], "year", None, ["Axborot-kutubxona markazi"], []),
]


def _row(item: Item) -> Row:
    deadline = item.deadline
    schedule: object = None
    if deadline.kind == "quarters":
        schedule = deadline.quarters
    elif deadline.kind == "months":
        schedule = deadline.months
    elif deadline.kind == "times":
        schedule = deadline.times
    return (
        item.number,
        item.unit,
        [int(v) for v in item.fact],
        [int(v) for v in item.plan],
        deadline.kind,
        schedule,
        item.responsible,
        item.legal_refs,
    )


def by_number(doc: PlanDocument, number: str) -> Item:
    return next(item for _, item in doc.iter_items() if item.number == number)


# SHA-256 of the ground-truth seeds as handed over in shared/seeds: the in-repo copies must be those bytes.
SEED_SHA256 = {
    "000_a6982a61a53db08a.txt": "45065eef2cd0bd8b2d686cc0eb51dc47e1f0808b2b42ef76fe383c8eea70b712",
    "001_544bea1e7323bf63.txt": "ebb09b581edc3a416bcbe3c7bc9b5680face6841d3e9aef2f3b69d01cd74ac41",
}


def test_it_keeps_the_in_repo_seeds_identical_to_the_shared_ones() -> None:
    for name in (SEED_2024, SEED_2026):
        assert hashlib.sha256((SEEDS / name).read_bytes()).hexdigest() == SEED_SHA256[name]


@pytest.mark.parametrize(("fixture", "expected"), [("plan_2024", ROWS_2024), ("plan_2026", ROWS_2026)])
def test_it_reads_every_item_of_both_seeds(
    request: pytest.FixtureRequest, fixture: str, expected: list[Row]
) -> None:
    doc: PlanDocument = request.getfixturevalue(fixture)
    got = [_row(item) for _, item in doc.iter_items()]
    assert [row[0] for row in got] == [row[0] for row in expected]
    for got_row, expected_row in zip(got, expected, strict=True):
        assert got_row == expected_row


def test_it_reads_the_2024_header_blocks_title_and_years(plan_2024: PlanDocument) -> None:
    doc = plan_2024
    assert doc.title == "Jondor tuman axborot-kutubxona markazining 2024-yil uchun mo'ljallangan ISH REJASI"
    assert doc.centre == "Jondor tuman axborot-kutubxona markazi"
    assert (doc.year, doc.fact_year) == (2024, 2023)
    assert doc.agreed == Signature("Buxoro viloyati axborot-kutubxona markazi direktori", "Aminova", None)
    assert doc.approved == Signature("Jondor tuman axborot-kutubxona markazi Direktori", "Halimov", None)
    assert doc.checked == Signature("Tekshirildi", "M. Alimova", None)


def test_it_reads_the_2026_header_blocks_title_and_years(plan_2026: PlanDocument) -> None:
    doc = plan_2026
    assert doc.title == "Jondor tuman axborot-kutubxona markazining 2026-yil uchun mo'ljallangan ISH REJASI"
    assert doc.centre == "Jondor tuman axborot-kutubxona markazi"
    assert (doc.year, doc.fact_year) == (2026, 2025)
    assert doc.agreed == Signature(
        "Abu Ali ibn Sino nomidagi Buxoro viloyati axborot-kutubxona markazi direktori v.v.b.",
        "H. Qosimov",
        None,
    )
    # The blank "2026-yil “ _____ ” _____" is no date; the blank for the district name is dropped.
    assert doc.approved == Signature("tuman axborot-kutubxona markazi direktori", "R. Halimov", None)
    assert doc.checked is None


def test_it_reads_the_section_numerals_and_titles(plan_2024: PlanDocument, plan_2026: PlanDocument) -> None:
    assert [(s.number, s.title, [i.number for i in s.items]) for s in plan_2024.sections] == [
        ("I", "ILMIY-METODIK FAOLIYAT", ["1", "2", "3"]),
        ("II", "AXBOROT-KUTUBXONA SOHASINING XALQARO VA RESPUBLIKA TADBIRLARI", ["4", "5", "6"]),
        ("III", "ASOSIY ISHLAB CHIQRISH FAOLIYATI", [str(n) for n in range(7, 27)]),
        ("III", "KADRLAR MALAKASINI OSHIRISH", ["27", "28", "29"]),
        ("IV", "XALQARO FAOLIYAT", ["30", "31"]),
        ("V", "OAV BILAN ISHLASH", ["32", "33"]),
    ]
    assert [(s.number, [i.number for i in s.items]) for s in plan_2026.sections] == [
        ("I", ["1", "2", "3", "4"]),
        ("II", ["5", "6", "7"]),
        ("III", ["10", "12", "13"]),
        (
            "IV",
            ["14", "15", "19", "20", "21", "22", "23", "24", "25", "26", "27", "28", "29", "31", "32", "34"],
        ),
        ("V", ["35", "36", "37", "38"]),
        ("VI", ["39", "40", "41", "42", "43", "44", "45"]),
        ("VII", ["47"]),
        ("VIII", ["48"]),
    ]
    assert plan_2026.sections[0].title.startswith("O'ZBEKISTON RESPUBLIKASI QONUNLARI, OLIIY MAJLIS")
    assert plan_2026.sections[1].title == "O'ZBEKISTON MILLIY KUTUBXONASINING BUYRUQ VA TOPSHIRIQLARI IJROSI"


def test_it_nests_sub_items_labels_and_unnumbered_rows(
    plan_2024: PlanDocument, plan_2026: PlanDocument
) -> None:
    seven = by_number(plan_2024, "7")
    assert [(c.number, c.kind, c.name) for c in seven.children][:2] == [
        ("", "label", "Shundan,"),
        ("7.1", "item", "Majburiy nusxa"),
    ]
    assert [c.number for c in by_number(plan_2024, "25").children] == ["25.1"]
    nineteen = by_number(plan_2026, "19")
    assert [(c.number, c.fact, c.plan) for c in nineteen.children] == [("", [Decimal(5167)], [Decimal(6000)])]
    assert nineteen.children[0].mechanism == "Asosiy yozuvlar bazasida: Nusxa qo'shish"


def test_it_merges_page_break_continuations(plan_2024: PlanDocument, plan_2026: PlanDocument) -> None:
    three = by_number(plan_2024, "3")
    assert three.mechanism == (
        "1. Anketa savollarini tuzish; 2. So'rovnomani foydalanuvchilarga taqdim etish; "
        "3. So'rovnoma natijalarini tahlil qilish va Milliy kutubxonaga taqdim etish"
    )
    assert by_number(plan_2024, "9").deadline.text == "2024-yil davomida"
    assert by_number(plan_2024, "31").name.endswith("xorijiy delegatsiyalar va kitobxonlar bilan ishlash")
    assert "chora-tadbirlari to'g'risida\"gi PQ-9-son" in by_number(plan_2026, "6").name
    assert by_number(plan_2026, "36").mechanism.startswith(
        "1. Axborot-kutubxona markazlaridan ishtirok etuvchi rahbar-mutaxassislar ro'yxati"
    )
    assert by_number(plan_2026, "14.3").mechanism == "Shartnoma asosida; Hamkorlik shartnomasi asosida."
    assert by_number(plan_2026, "21").responsible == [ABON26]


def test_it_puts_a_continuation_in_a_quantity_column_into_the_mechanism(plan_2026: PlanDocument) -> None:
    item = by_number(plan_2026, "4.3")
    assert (item.fact, item.plan, item.plan_text) == ([], [], "")
    assert "faqat o'z hududidagi Axborot-kutubxona markazi bilan kelishgan holda" in item.mechanism
    assert item.mechanism.endswith("markazlari rahbarlari tomonidan tuziladi.")
    assert "resurslarini fond hisobidan chiqarish yoki chiqarmaslik" in item.mechanism


def test_it_cleans_html_and_finds_fixed_month_days(plan_2026: PlanDocument) -> None:
    three = by_number(plan_2026, "3")
    assert "<p>" not in three.mechanism
    assert three.mechanism.split("\n")[1].startswith("- o'tkazilgan tadbir")
    assert three.deadline.month_days == [17, 1]
    assert by_number(plan_2026, "4.2").deadline.years == [2026]


def test_it_keeps_dashes_and_blanks_apart_in_quantities(plan_2024: PlanDocument) -> None:
    one, ten = by_number(plan_2024, "1"), by_number(plan_2024, "10")
    assert (one.fact, one.fact_text, one.plan_text) == ([], "-", "-")
    assert (ten.fact, ten.fact_text, ten.plan_text) == ([], "", "")


def findings(doc: PlanDocument) -> set[tuple[str, str, str | None, str | None, str | None]]:
    return {(f.severity, f.code, f.section, f.item, f.column) for f in doc.findings}


def test_it_finds_exactly_the_mistakes_of_the_2024_plan(plan_2024: PlanDocument) -> None:
    assert findings(plan_2024) == {
        ("error", "section_repeated", "III", None, None),
        ("error", "total_parts_mismatch", "III", "7.4", "fact"),  # 37 + 460 = 497, not 479
        ("error", "total_children_mismatch", "III", "7", "plan"),  # 260 + 518 = 778, not 600
        ("error", "total_parts_mismatch", "III", "12", "plan"),  # 750 + 8115 = 8865, not 8844
    }
    messages = {f.message for f in plan_2024.findings}
    assert "7.4-band, fakt: jami 479, qismlar yig'indisi 497" in messages
    assert "12-band, reja: jami 8844, qismlar yig'indisi 8865" in messages
    assert "7-band, reja: jami 600, kichik bandlar yig'indisi 778 (7.1–7.4)" in messages


def test_it_finds_exactly_the_warnings_of_the_2026_plan(plan_2026: PlanDocument) -> None:
    gaps = {("warning", "numbering_gap", s, n, None) for s, n in [("III", "10"), ("III", "12")]}
    gaps |= {("warning", "numbering_gap", s, n, None) for s, n in [("IV", "19"), ("IV", "31"), ("IV", "34")]}
    gaps |= {("warning", "numbering_gap", "VII", "47", None)}
    assert findings(plan_2026) == gaps | {("warning", "target_below_fact", "IV", "19", "plan")}
    assert "10-band: 7-banddan keyin 8–9-bandlar yo'q" in {f.message for f in plan_2026.findings}


def test_it_reads_and_validates_the_2026_seed_in_under_50_ms() -> None:
    text = (SEEDS / SEED_2026).read_text(encoding="utf-8")
    timings = []
    for _ in range(5):
        clean.cache_clear()  # time the real work, not the cache
        start = time.perf_counter()
        validate(interpret(read_text(text)))
        timings.append(time.perf_counter() - start)
    assert min(timings) < 0.05
