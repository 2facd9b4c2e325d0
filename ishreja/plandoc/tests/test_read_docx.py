"""The .docx reader on plans typed the way people type them in Word."""

from __future__ import annotations

import pytest

from ishreja.plandoc.errors import PlanReadError
from ishreja.plandoc.read_docx import is_column_numbers_row, is_header_row, read_docx
from ishreja.plandoc.tests import builders


@pytest.fixture(scope="module")
def typed() -> bytes:
    return builders.typed_plan_docx()


def test_signature_table_becomes_left_then_right_lines(typed: bytes) -> None:
    raw = read_docx(typed)
    assert raw.before[:3] == builders.AGREED
    assert raw.before[3:7] == builders.APPROVED
    assert raw.before[7:] == builders.TITLE  # the title's line break splits it like the text dump


def test_signatures_typed_as_tabbed_paragraphs_read_like_the_table(typed: bytes) -> None:
    raw = read_docx(builders.typed_plan_docx(signatures_in_paragraphs=True))
    assert raw.before == read_docx(typed).before


def test_two_row_header_with_merges(typed: bytes) -> None:
    raw = read_docx(typed)
    assert raw.header == [builders.HEADER, builders.SUBHEADER]


def test_section_rows_are_spanning(typed: bytes) -> None:
    rows = read_docx(typed).rows
    sections = [r.cells[0] for r in rows if r.spanning]
    assert sections == ["I. ILMIY-METODIK FAOLIYAT", "IV. ASOSIY ISHLAB CHIQRISH FAOLIYATI"]
    assert all(len(r.cells) == 8 for r in rows)
    assert all(r.cells[1:] == [""] * 7 for r in rows if r.spanning)


def test_paragraphs_in_a_cell_join_with_newlines(typed: bytes) -> None:
    rows = {r.cells[0]: r.cells for r in read_docx(typed).rows}
    assert rows["1."][5] == "1. Birinchi qadam.\n2. Ikkinchi qadam."
    assert rows["7."][3:5] == ["479\n37\n460", "518\n43\n475"]
    assert rows["20."][7] == "Abonement xizmati\nAxborot-bibliografiya xizmati"


def test_vertically_merged_measure_row_has_its_own_figures_only(typed: bytes) -> None:
    rows = read_docx(typed).rows
    at = next(i for i, r in enumerate(rows) if r.cells[0] == "19.")
    measure = rows[at + 1]
    assert measure.cells == builders.MEASURE_ROW
    assert not measure.continuation and not measure.spanning


def test_label_row_and_paragraphs_after_the_table(typed: bytes) -> None:
    raw = read_docx(typed)
    assert ["", "Shundan,", "", "", "", "", "", ""] in [r.cells for r in raw.rows]
    assert raw.after == ["Tekshirildi.", "M. Alimova"]


def test_fewer_columns_and_other_header_words() -> None:
    raw = read_docx(builders.short_plan_docx())
    assert raw.header == [["T/r", "Tadbirlar nomi", "Muddati", "Mas'ul bajaruvchilar"]]
    assert [r.cells[1] for r in raw.rows] == ["Kitob ko'rgazmasi", "Shoirlar bilan uchrashuv"]
    assert raw.before == [
        "Jondor tuman axborot-kutubxona markazining 2026-yil uchun mo'ljallangan ISH REJASI"
    ]


def test_cyrillic_plan() -> None:
    raw = read_docx(builders.cyrillic_plan_docx())
    assert raw.header[0][1] == "Номи"
    assert raw.header[1][3:5] == ["2025-йил (факт)", "2026-йил (режа)"]
    assert raw.rows[0].spanning and raw.rows[0].cells[0] == "I. ИЛМИЙ-МЕТОДИК ФАОЛИЯТ"
    assert raw.rows[1].cells[:5] == [
        "1.",
        "Фойдаланувчилар ўртасида сўровномалар ўтказиш",
        "Тадбир",
        "2",
        "3",
    ]
    assert raw.before[0] == "КЕЛИШИЛДИ" and raw.before[3] == "ТАСДИҚЛАЙМАН"


def test_split_table_continues_and_automatic_numbers_are_read() -> None:
    raw = read_docx(builders.split_and_numbered_docx())
    assert raw.header == [["№", "Nomi", "Bajarilish muddati", "Mas'ullar"]]
    assert [r.cells[:2] for r in raw.rows] == [
        ["1.", "Kitob ko'rgazmasi"],
        ["2.", "Uchrashuv"],
        ["3.", "Davra suhbati"],
    ]
    assert raw.after == []


def test_table_without_a_plan_is_refused() -> None:
    with pytest.raises(PlanReadError, match="jadvali topilmadi"):
        read_docx(builders.no_plan_docx())


def test_an_xlsx_given_to_the_docx_reader_is_refused() -> None:
    with pytest.raises(PlanReadError):
        read_docx(builders.typed_plan_xlsx())


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        (["№", "Nomi", "Muddati"], True),
        (["T/r", "Bajariladigan ishlar", "Mas'ul"], True),
        (["1.", "Abu Ali ibn Sino nomidagi kutubxona", "2026-yil davomida"], False),
        (["Nomi"], False),  # one word alone is not a header
    ],
)
def test_header_words(cells: list[str], expected: bool) -> None:
    assert is_header_row(cells) is expected


def test_column_numbers_row() -> None:
    assert is_column_numbers_row(["1", "2", "3", "4", "5", "6", "7", "8"])
    assert not is_column_numbers_row(["1.", "Kitob", "Dona", "2", "3", "", "", ""])
