"""The text-dump reader and interpretation of small hand-made plans (columns by header words, dirt)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from ishreja.plandoc.errors import PlanReadError
from ishreja.plandoc.interpret import interpret, join_parts, parse_date
from ishreja.plandoc.model import Signature
from ishreja.plandoc.raw import RawDocument, RawRow
from ishreja.plandoc.read_text import read_text

HEADER = "№\tNomi\tO'lchov birligi\tMiqdori\t\tAmalga oshirish mexanizmi\tBajarilish muddati\tMas'ullar"
SUBHEADER = "\t\t\t2025-yil (fakt)\t2026-yil (reja)\t\t\t"


def dump(*rows: str, before: str = "", after: str = "") -> str:
    return "\n".join([before, HEADER, SUBHEADER, *rows, after])


def test_it_splits_before_header_rows_and_after() -> None:
    raw = read_text(
        dump(
            "I. BO'LIM\t\t\t\t\t\t\t",
            "1.\tA\tDona\t1\t2\tM\tYil davomida\tX",
            before="T",
            after="Tekshirildi.",
        )
    )
    assert raw.before == ["T"]
    assert raw.header[1][3:5] == ["2025-yil (fakt)", "2026-yil (reja)"]
    assert raw.rows == [
        RawRow(cells=["I. BO'LIM"], spanning=True),
        RawRow(cells=["1.", "A", "Dona", "1", "2", "M", "Yil davomida", "X"]),
    ]
    assert raw.after == ["Tekshirildi."]


def test_it_marks_rows_after_a_blank_line_as_continuations_and_drops_separators() -> None:
    raw = read_text(
        dump("1.\tA\t\t\t\tM1\t\t", "--\t--\t--", "", "\t\t\t\t\tM2\t\t", "-- | --", "2.\tB\t\t\t\t\t\t")
    )
    assert [(r.cells[0], r.continuation) for r in raw.rows] == [("1.", False), ("", True), ("2.", False)]


def test_it_reads_a_bare_section_line_without_tabs() -> None:
    raw = read_text(
        dump("1.\tA\t\t\t\t\t\t", "", "II. O'ZBEKISTON MILLIY KUTUBXONASI", "", "2.\tB\t\t\t\t\t\t")
    )
    assert [r.spanning for r in raw.rows] == [False, True, False]
    doc = interpret(raw)
    assert [(s.number, s.title) for s in doc.sections] == [("", ""), ("II", "O'ZBEKISTON MILLIY KUTUBXONASI")]


def test_it_skips_a_column_numbers_row_under_the_header() -> None:
    raw = read_text(dump("1\t2\t3\t4\t5\t6\t7\t8", "1.\tA\t\t\t\t\t\t"))
    assert len(raw.header) == 2 and [r.cells[0] for r in raw.rows] == ["1."]


def test_it_finds_columns_by_header_words_in_any_order() -> None:
    text = (
        "Mas'ul bajaruvchilar\tMuddati\tBajariladigan ishlar\tT/r\tReja\nX xizmati\tIV chorak\tIsh\t3.\t5\n"
    )
    doc = interpret(read_text(text))
    item = doc.sections[0].items[0]
    assert (item.number, item.name, item.plan, item.deadline.quarters, item.responsible) == (
        "3",
        "Ish",
        [Decimal(5)],
        [4],
        ["X xizmati"],
    )


def test_it_reads_a_cyrillic_plan_as_latin() -> None:
    text = (
        "ТАСДИҚЛАЙМАН\nТуман АКМ директори\n_____ Р. Ҳалимов\n\n"
        "Жондор туман ахборот-кутубхона марказининг 2026-йил учун мўлжалланган ИШ РЕЖАСИ\n"
        "№\tНоми\tЎлчов бирлиги\tМиқдори\t\tАмалга ошириш механизми\tБажарилиш муддати\tМасъуллар\n"
        "\t\t\t2025-йил (факт)\t2026-йил (режа)\t\t\t\n"
        "I. ИЛМИЙ-МЕТОДИК ФАОЛИЯТ\t\t\t\t\t\t\t\n"
        "1.\tЎРҚ-280 ижроси\tТадбир\t2\t3\tҳар ойнинг 17-санасида\t2026-йил II–III чорак\tАКМ директори\n"
    )
    doc = interpret(read_text(text))
    item = doc.sections[0].items[0]
    assert (doc.centre, doc.year, doc.fact_year) == ("Jondor tuman axborot-kutubxona markazi", 2026, 2025)
    assert doc.approved == Signature("Tuman AKM direktori", "R. Halimov", None)
    assert doc.sections[0].title == "ILMIY-METODIK FAOLIYAT"
    assert (item.name, item.unit, item.legal_refs, item.responsible) == (
        "O'RQ-280 ijrosi",
        "Tadbir",
        ["O'RQ-280"],
        ["AKM direktori"],
    )
    assert (item.deadline.quarters, item.deadline.month_days) == ([2, 3], [17])


def test_it_reads_a_plan_with_fewer_columns() -> None:
    doc = interpret(read_text("№\tTadbirlar nomi\tMuddati\n1.\tA\tYil davomida\n1.1\tB\t\n"))
    item = doc.sections[0].items[0]
    assert (item.name, item.deadline.kind, [c.number for c in item.children]) == ("A", "year", ["1.1"])


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Oddiy matn\nhech qanday jadval yo'q",
        "a\tb\tc\n1\t2\t3",
        HEADER + "\n" + SUBHEADER + "\n",
        HEADER + "\nI. BO'LIM\t\t\t\t\t\t\t\n",
    ],
)
def test_it_refuses_text_without_a_plan_table_in_uzbek(text: str) -> None:
    with pytest.raises(PlanReadError, match="jadvali topilmadi"):
        interpret(read_text(text))


def test_it_interprets_raw_documents_from_other_readers() -> None:
    raw = RawDocument(
        before=[
            "KELISHILDI",
            "Viloyat AKM direktori",
            "_____ H. Qosimov",
            "TASDIQLAYMAN",
            "Tuman AKM direktori",
        ],
        header=[HEADER.split("\t"), SUBHEADER.split("\t")],
        rows=[
            RawRow(cells=["I. BO'LIM"] + [""] * 7, spanning=True),
            RawRow(
                cells=["7.", "Sovg'a: A; B", "Nusxa", "479\n37\n460", "5", "1. X\n2. Y", "IV chorak", "Z"]
            ),
            RawRow(cells=["", "davomi", "", "", "", "3. W", "", ""], continuation=True),
        ],
    )
    doc = interpret(raw)
    item = doc.sections[0].items[0]
    assert doc.agreed == Signature("Viloyat AKM direktori", "H. Qosimov", None)
    assert doc.approved == Signature("Tuman AKM direktori", "", None)
    assert (item.name, item.fact, item.mechanism) == (
        "Sovg'a: A; B davomi",
        [Decimal(479), Decimal(37), Decimal(460)],
        "1. X\n2. Y 3. W",
    )


def test_it_treats_a_continuation_with_figures_as_a_new_row() -> None:
    doc = interpret(read_text(dump("19.\tA\tDona\t365\t300\tM1\t\tX", "", "\t\t\t5167\t6000\tM2\t\tY")))
    child = doc.sections[0].items[0].children[0]
    assert (child.number, child.fact, child.responsible) == ("", [Decimal(5167)], ["Y"])


@pytest.mark.parametrize(
    ("parts", "joined"),
    [
        (["chora-", "tadbirlari"], "chora-tadbirlari"),
        (["xizmat ko'rsatish", "ko'rsatish xizmati"], "xizmat ko'rsatish xizmati"),
        (["taqdim etish;", "etish; 3. Natija"], "taqdim etish; 3. Natija"),
        (["bilan", "ishlash"], "bilan ishlash"),
        (["a - ", "b"], "a - b"),
        (["", "b"], "b"),
    ],
)
def test_it_joins_the_pieces_of_a_cell_split_by_a_page_break(parts: list[str], joined: str) -> None:
    assert join_parts(parts) == joined


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("2024-yil “10” yanvar", dt.date(2024, 1, 10)),
        ("10.01.2024", dt.date(2024, 1, 10)),
        ("“5” mart 2026-yil", dt.date(2026, 3, 5)),
        ("2026-yil “ _____ ” _____", None),
        ("2024-yil “ ”", None),
        ("2024-yil", None),
        ("31.02.2024", None),
    ],
)
def test_it_reads_signature_dates_and_leaves_blank_ones_empty(line: str, date: dt.date | None) -> None:
    assert parse_date(line) == date


def test_it_reads_a_filled_signature_date_in_a_block() -> None:
    text = "KELISHILDI\nViloyat AKM direktori\n_____ H. Qosimov\n2026-yil “10” yanvar\n\n" + dump(
        "1.\tA\t\t\t\t\t\t"
    )
    doc = interpret(read_text(text))
    assert doc.agreed == Signature("Viloyat AKM direktori", "H. Qosimov", dt.date(2026, 1, 10))
