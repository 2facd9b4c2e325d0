"""Cell parsers and text normalisation, case by case (Latin, Cyrillic, every apostrophe)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ishreja.plandoc.fields import (
    extract_legal_refs,
    find_month_days,
    normalise_unit,
    parse_deadline,
    parse_quantity,
    split_responsible,
)
from ishreja.plandoc.textnorm import clean, key, strip_html, transliterate


@pytest.mark.parametrize(
    ("text", "values", "shown"),
    [
        ("479 37 460", ["479", "37", "460"], "479 37 460"),
        ("-", [], "-"),
        ("", [], ""),
        ("  356   4224 ", ["356", "4224"], "356 4224"),
        ("479\n37\n460", ["479", "37", "460"], "479 37 460"),
        ("1,5", ["1.5"], "1,5"),
        ("2.5", ["2.5"], "2.5"),
        ("12.500", ["12500"], "12.500"),
        ("1.234.567", ["1234567"], "1.234.567"),
        ("1 000", ["1", "0"], "1 000"),  # a space always separates numbers
        ("5 ta", ["5"], "5 ta"),
        ("12%", ["12"], "12%"),
        ("8814; 700; 8114", ["8814", "700", "8114"], "8814; 700; 8114"),
        ("reja bo'yicha", [], "reja bo'yicha"),
    ],
)
def test_it_parses_quantity_cells(text: str, values: list[str], shown: str) -> None:
    assert parse_quantity(text) == ([Decimal(v) for v in values], shown)


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("Maro- taba", "Marotaba"),
        ("Maro-taba", "Marotaba"),
        ("marotaba", "Marotaba"),
        ("Bibliografik   yozuvlar", "Bibliografik yozuvlar"),
        ("Bibliografik yozuv", "Bibliografik yozuv"),
        ("Ro’yxat", "Ro'yxat"),
        ("Roʻyxat", "Ro'yxat"),
        ("nusxa  JAMI", "Nusxa jami"),
        ("Ma`lumot", "Ma'lumot"),
        ("Нусха", "Nusxa"),
        ("Рўйхат", "Ro'yxat"),
        ("Bibliografik yozuvlar (dona)", "Bibliografik yozuvlar (dona)"),
        ("", ""),
    ],
)
def test_it_normalises_units_to_the_vocabulary(text: str, unit: str) -> None:
    assert normalise_unit(text) == unit


@pytest.mark.parametrize(
    ("text", "kind", "quarters", "months", "times", "years"),
    [
        ("2024-yil davomida", "year", [], [], None, [2024]),
        ("Yil davomida", "year", [], [], None, []),
        ("2024-yil", "year", [], [], None, [2024]),
        ("2024-yil I-IV chorak", "quarters", [1, 2, 3, 4], [], None, [2024]),
        ("I–II chorak", "quarters", [1, 2], [], None, []),
        ("2026-yil II – III chorak", "quarters", [2, 3], [], None, [2026]),
        ("IV-chorak", "quarters", [4], [], None, []),
        ("2026-yil IV chorak", "quarters", [4], [], None, [2026]),
        ("I va III chorak", "quarters", [1, 3], [], None, []),
        ("2-chorak", "quarters", [2], [], None, []),
        ("sentyabr-dekabr", "months", [], [9, 10, 11, 12], None, []),
        ("2024-yil sentyabr-dekabr", "months", [], [9, 10, 11, 12], None, [2024]),
        ("noyabr-fevral", "months", [], [11, 12, 1, 2], None, []),
        ("mart, iyun", "months", [], [3, 6], None, []),
        ("har chorakda", "quarterly", [], [], None, []),
        ("2026-yil har chorak", "quarterly", [], [], None, [2026]),
        ("2026-yil davomida Har chorak", "quarterly", [], [], None, [2026]),
        ("2024-yilning har oyida", "monthly", [], [], None, [2024]),
        ("har oy", "monthly", [], [], None, []),
        ("Har oyda bir marotaba", "monthly", [], [], None, []),
        ("2024-yil har haftada", "weekly", [], [], None, [2024]),
        ("ikki marotaba", "times", [], [], 2, []),
        ("2024-yilda ikki marotaba", "times", [], [], 2, [2024]),
        ("2026 yil davomida Ikki marotaba", "times", [], [], 2, [2026]),
        ("bir marotaba", "times", [], [], 1, []),
        ("uch marta", "times", [], [], 3, []),
        ("Har bir AKM muddatini o'zi belgilaydi", None, [], [], None, []),
        ("2026-yil davomida Har bir AKM muddatini o‘zi belgilaydi", "year", [], [], None, [2026]),
        ("2025-2026-yillarda", "year", [], [], None, [2025, 2026]),
        ("", None, [], [], None, []),
        ("2024-йил давомида", "year", [], [], None, [2024]),
        ("IV чорак", "quarters", [4], [], None, []),
        ("ҳар ойда", "monthly", [], [], None, []),
        ("сентябрь-декабрь", "months", [], [9, 10, 11, 12], None, []),
        ("икки маротаба", "times", [], [], 2, []),
    ],
)
def test_it_parses_deadlines(
    text: str, kind: str | None, quarters: list[int], months: list[int], times: int | None, years: list[int]
) -> None:
    deadline = parse_deadline(text)
    assert (deadline.kind, deadline.quarters, deadline.months, deadline.times, deadline.years) == (
        kind,
        quarters,
        months,
        times,
        years,
    )


def test_it_keeps_the_deadline_text_cleaned() -> None:
    assert parse_deadline("  2026-yil  “IV”  chorak ").text == '2026-yil "IV" chorak'


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("har oyning 17-sanasida Kitobxon onalar kuni", [17]),
        ("ma'lumotni har oyning 1-sanasida taqdim etish", [1]),
        ("har oyning 5 va 20-sanalarida", [5, 20]),
        ("har oyning 17-kuni", [17]),
        ("ҳар ойнинг 10-санасида", [10]),
        ("Har oyda bir marotaba", []),
        ("har oyning 45-sanasida", []),
    ],
)
def test_it_finds_fixed_days_of_the_month(text: str, days: list[int]) -> None:
    assert find_month_days(text) == days


@pytest.mark.parametrize(
    ("text", "refs"),
    [
        (
            "O'RQ-280-son 13.04.2011y. \"Axborot-kutubxona faoliyati to'g'risida\"gi Qonun ijrosi",
            ["O'RQ-280"],
        ),
        ("O‘RQ-280", ["O'RQ-280"]),
        ('Prezidentining 11.09.2023-yildagi PF-158-son "O\'ZBEKISTON-2030"', ["PF-158"]),
        ("PQ-401 Qarori ijrosi; PQ-401 yana", ["PQ-401"]),
        ('"Yoshlar uchun 1000 kitob" gi PQ-380 sonli qarori', ["PQ-380"]),
        ('Vazirlar Mahkamasining 2022-yil 30-sentabrdagi "..."gi 552-son Qarori', ["VMQ-552"]),
        (
            'Vazirlar Mahkamasining 4-noyabrda "2025-2026-yillarda ..."gi 691-sonli Qarori, '
            "O'zbekiston Milliy kutubxonasining 10-noyabrdagi 76-sonli buyrug'l ijrosi",
            ["VMQ-691", "MK-76"],
        ),
        (
            '"..."gi F-79-son farmoyishi hamda Milliy kutubxonaning 18-dekabrda 70-son buyrug\'i',
            ["F-79", "MK-70"],
        ),
        (
            'Milliy kutubxonasining "Vazirlar Mahkamasining "..." gi 646/7-sonli qarori ..." '
            "68-sonli buyrug'i",
            ["VMQ-646/7", "MK-68"],
        ),
        ("Vazirlar Mahkamasining 14.10.2022-yildagi 595-son qarorini", ["VMQ-595"]),
        ("PQ-210-sonli qarorining 7-bandida", ["PQ-210"]),
        ("ЎРҚ-280-сон Қонун, ПФ-158, ПҚ-9-сон қарори", ["O'RQ-280", "PF-158", "PQ-9"]),
        ("ЗРУ-280, УП-158, ПП-9", ["O'RQ-280", "PF-158", "PQ-9"]),
        ("viloyat hokimining 12-sonli qarori", ["Q-12"]),
        ("Vazirlikning 5-sonli buyrug'i", ["B-5"]),
        ("2030-yilda 40 millionga etkazish; 7-bandida", []),
    ],
)
def test_it_extracts_legal_references(text: str, refs: list[str]) -> None:
    assert extract_legal_refs(text) == refs


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "Axborot-kutubxona markazi direktori Fondlarni to'ldirish saqlash va ularga ishlov berish",
            ["Axborot-kutubxona markazi direktori", "Fondlarni to'ldirish saqlash va ularga ishlov berish"],
        ),
        (
            "<p>Axborot-kutubxona markazi direktori</p> "
            "<p>Fondlarni to‘ldirish saqlash va ularga ishlov berish</p>",
            ["Axborot-kutubxona markazi direktori", "Fondlarni to'ldirish saqlash va ularga ishlov berish"],
        ),
        ("Direktor barcha xizmatlar", ["Direktor", "barcha xizmatlar"]),
        ("Direktor va barcha xizmatlar", ["Direktor", "barcha xizmatlar"]),
        ("AKM direktori, kadrlar bo'yicha inspektor", ["AKM direktori", "kadrlar bo'yicha inspektor"]),
        ("AKM direktori Kadrlar bo'yicha inspektor", ["AKM direktori", "Kadrlar bo'yicha inspektor"]),
        ("Axborot-bibliografiya xizmati,", ["Axborot-bibliografiya xizmati"]),
        (
            "Fondlarni to'ldirish, saqlash va ularga ishlov berish; Barcha xizmatlar",
            ["Fondlarni to'ldirish, saqlash va ularga ishlov berish", "Barcha xizmatlar"],
        ),
        (
            "Abonement va foydalanuvchilarga xizmat ko'rsatish xizmati Axborot-kommunikatsiya va "
            "raqamlashtirish xizmati",
            [
                "Abonement va foydalanuvchilarga xizmat ko'rsatish xizmati",
                "Axborot-kommunikatsiya va raqamlashtirish xizmati",
            ],
        ),
        ("Ma'naviyat bo'limi direktori", ["Ma'naviyat bo'limi direktori"]),
        ("Metodist\nBosh hisobchi", ["Metodist", "Bosh hisobchi"]),
        ("Axborot-kutubxona markazi", ["Axborot-kutubxona markazi"]),
        (
            "Абонемент ва фойдаланувчиларга хизмат кўрсатиш хизмати",
            ["Abonement va foydalanuvchilarga xizmat ko'rsatish xizmati"],
        ),
        ("", []),
        (" , ; ", []),
    ],
)
def test_it_splits_responsible_services(text: str, names: list[str]) -> None:
    assert split_responsible(text) == names


@pytest.mark.parametrize(
    ("text", "latin"),
    [
        ("Ўзбекистон", "O'zbekiston"),
        ("ИШ РЕЖАСИ", "ISH REJASI"),
        ("Шаҳар", "Shahar"),
        ("Ёшлар", "Yoshlar"),
        ("ёзув", "yozuv"),
        ("Юлдуз", "Yulduz"),
        ("Янги", "Yangi"),
        ("масъул", "mas'ul"),
        ("ғалаба", "g'alaba"),
        ("Қарор", "Qaror"),
        ("ҳисобот", "hisobot"),
        ("ечим", "yechim"),
        ("поезд", "poyezd"),
        ("телевидение", "televideniye"),
        ("цирк", "sirk"),
        ("милиция", "militsiya"),
        ("Ч. Шерматов", "Ch. Shermatov"),
        ("Latin stays", "Latin stays"),
    ],
)
def test_it_transliterates_uzbek_cyrillic(text: str, latin: str) -> None:
    assert transliterate(text) == latin


@pytest.mark.parametrize("mark", ["'", "’", "‘", "ʻ", "ʼ", "`"])
def test_it_reads_every_apostrophe_as_ascii(mark: str) -> None:
    assert clean(f"O{mark}zbekiston Milliy kutubxonasi") == "O'zbekiston Milliy kutubxonasi"
    assert key(f"g{mark}oya") == "g'oya"


def test_it_turns_typographic_quotes_and_markdown_into_plain_text() -> None:
    assert clean("**“Yilning eng yaxshi” «kutubxona»**") == '"Yilning eng yaxshi" "kutubxona"'


def test_it_strips_html_to_lines() -> None:
    html = (
        '<ul style="list-style-type: none"><li>birinchi</li><li><u>ikkinchi</u> qism</li></ul><p>a<br>b</p>'
    )
    assert clean(html, multiline=True) == "birinchi\nikkinchi qism\na\nb"
    assert clean(html) == "birinchi ikkinchi qism a b"
    assert strip_html("5 < 6 va 7 > 3") == "5 < 6 va 7 > 3"
    assert clean("&amp; <p>x &nbsp; y</p>") == "& x y"
