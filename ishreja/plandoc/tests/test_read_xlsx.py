"""The .xlsx reader on a plan typed in Excel."""

from __future__ import annotations

import datetime as dt

import pytest

from ishreja.plandoc.errors import PlanReadError
from ishreja.plandoc.read_xlsx import cell_text, read_xlsx
from ishreja.plandoc.tests import builders


@pytest.fixture(scope="module")
def typed() -> bytes:
    return builders.typed_plan_xlsx()


def test_rows_above_the_header_are_before_lines_left_block_first(typed: bytes) -> None:
    raw = read_xlsx(typed)
    assert raw.before == [
        "KELISHILDI",
        "Buxoro viloyati AKM direktori",
        "_____ H. Qosimov",
        "TASDIQLAYMAN",
        "Jondor tuman AKM direktori",
        "_____ R. Halimov",
        "Jondor tuman axborot-kutubxona markazining 2026-yil uchun mo'ljallangan ISH REJASI",
    ]


def test_merged_two_row_header(typed: bytes) -> None:
    assert read_xlsx(typed).header == [builders.HEADER, builders.SUBHEADER]


def test_rows_sections_and_values(typed: bytes) -> None:
    rows = read_xlsx(typed).rows
    assert rows[0].spanning and rows[0].cells == ["I. ILMIY-METODIK FAOLIYAT"] + [""] * 7
    assert rows[1].cells[3:6] == ["2", "3", "1. Anketa tuzish\n2. Tahlil"]  # numbers without ".0"
    assert rows[2].cells[3] == "479 37 460"
    assert rows[3].cells[3:5] == ["12.5", "-"]
    assert not any(r.spanning for r in rows[1:])
    assert len(rows) == 4


def test_trailing_line_after_a_blank_row_is_after(typed: bytes) -> None:
    assert read_xlsx(typed).after == ["Tekshirildi. M. Alimova"]


def test_sheet_without_a_plan_is_refused() -> None:
    with pytest.raises(PlanReadError, match="jadvali topilmadi"):
        read_xlsx(builders.typed_plan_xlsx(with_table=False))


def test_a_docx_given_to_the_xlsx_reader_is_refused() -> None:
    with pytest.raises(PlanReadError):
        read_xlsx(builders.typed_plan_docx())


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, ""),
        (365.0, "365"),
        (0.1, "0.1"),
        (7, "7"),
        (dt.date(2026, 1, 5), "05.01.2026"),
        (" a \r\n b ", "a\nb"),
    ],
)
def test_cell_text(value: object, text: str) -> None:
    assert cell_text(value) == text
