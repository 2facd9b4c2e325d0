"""Round trips: a plan written as .docx/.xlsx reads back as the same plan, field for field.

Also property tests: generated plans survive the round trip, and damaged files only ever raise
PlanReadError (never an IndexError, KeyError or lxml error reaching the user).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ishreja.plandoc import api, jsonio
from ishreja.plandoc.errors import PlanReadError
from ishreja.plandoc.interpret import interpret
from ishreja.plandoc.model import Deadline, Item, PlanDocument, Section, Signature
from ishreja.plandoc.read_docx import read_docx
from ishreja.plandoc.read_text import read_text
from ishreja.plandoc.read_xlsx import read_xlsx
from ishreja.plandoc.tests import builders
from ishreja.plandoc.write_docx import write_docx
from ishreja.plandoc.write_xlsx import write_xlsx

SEEDS = sorted((Path(__file__).parent / "seeds").glob("*.txt"))
WRITERS = {"docx": write_docx, "xlsx": write_xlsx}


def _plan_dict(doc: PlanDocument) -> dict[str, Any]:
    return jsonio.to_dict(doc)


@pytest.mark.parametrize("fmt", list(WRITERS))
@pytest.mark.parametrize("seed", SEEDS, ids=[p.stem for p in SEEDS])
def test_seed_round_trip(seed: Path, fmt: str) -> None:
    original = api.read_plan(seed.read_bytes(), seed.name)
    back = api.read_plan(api.write_plan(original, fmt), f"plan.{fmt}")  # type: ignore[arg-type]
    assert _plan_dict(back) == _plan_dict(original)
    assert back.findings == original.findings and original.findings  # the seeds' mistakes survive too


def test_seed_round_trip_is_stable_when_repeated() -> None:
    original = api.read_plan(SEEDS[-1].read_bytes(), "plan.txt")
    once = api.write_plan(original, "docx")
    twice = api.write_plan(api.read_plan(once, "plan.docx"), "docx")
    assert _plan_dict(api.read_plan(twice, "plan.docx")) == _plan_dict(original)


def test_typed_docx_reads_into_a_plan() -> None:
    doc = api.read_plan(builders.typed_plan_docx(), "plan.docx")
    items = {item.number: item for _, item in doc.iter_items() if item.number}
    assert doc.year == 2026 and doc.fact_year == 2025
    assert doc.agreed is not None and doc.agreed.name == "H. Qosimov"
    assert items["7"].fact == [Decimal(479), Decimal(37), Decimal(460)]
    measure = items["19"].children[0]
    assert measure.number == "" and measure.fact == [Decimal(5167)] and measure.plan == [Decimal(6000)]
    assert doc.checked is not None and doc.checked.name == "M. Alimova"


def test_cyrillic_docx_reads_into_a_latin_plan() -> None:
    doc = api.read_plan(builders.cyrillic_plan_docx(), "plan.docx")
    (_, item), *_ = doc.iter_items()
    assert item.plan == [Decimal(3)]
    assert doc.sections[0].number == "I"


# --- property tests ------------------------------------------------------------------------------------

_WORDS = st.sampled_from(
    [
        "kitob",
        "fond",
        "Axborot-kutubxona",
        "markazi",
        "xizmati",
        "o'tkazish",
        "tadbir",
        "ko'rgazma",
        "ro'yxat",
    ]
)
_TEXT = st.lists(_WORDS, min_size=1, max_size=6).map(lambda ws: " ".join(ws).capitalize())
_UNITS = st.sampled_from(["Tadbir", "Nusxa", "Dona", "Nafar", "Hujjat", "Sahifa"])
_DEADLINES = st.sampled_from(
    ["2026-yil davomida", "2026-yil har chorakda", "2026-yil IV chorak", "Yil davomida"]
)
_QTY = st.lists(st.integers(min_value=0, max_value=99_999), min_size=0, max_size=3)


@st.composite
def _plans(draw: st.DrawFn) -> PlanDocument:
    sections = []
    number = 0
    for s in range(draw(st.integers(min_value=1, max_value=3))):
        items = []
        for _ in range(draw(st.integers(min_value=1, max_value=4))):
            number += 1
            fact, plan = draw(_QTY), draw(_QTY)
            item = Item(
                number=str(number),
                name=draw(_TEXT),
                unit=draw(_UNITS),
                fact=[Decimal(n) for n in fact],
                plan=[Decimal(n) for n in plan],
                fact_text=" ".join(map(str, fact)),
                plan_text=" ".join(map(str, plan)),
                mechanism=draw(_TEXT),
                deadline=Deadline(text=draw(_DEADLINES)),
                responsible=[draw(_TEXT) + " xizmati"],
            )
            items.append(item)
        sections.append(Section(number=["I", "II", "III"][s], title=draw(_TEXT).upper(), items=items))
    return PlanDocument(
        title="Jondor tuman axborot-kutubxona markazining 2026-yil uchun mo'ljallangan ISH REJASI",
        centre="Jondor tuman axborot-kutubxona markazi",
        year=2026,
        fact_year=draw(st.sampled_from([None, 2025])),
        agreed=Signature(title="Buxoro viloyati axborot-kutubxona markazi direktori", name="H. Qosimov"),
        approved=Signature(
            title="Jondor tuman axborot-kutubxona markazi direktori",
            name="R. Halimov",
            date=draw(st.none() | st.dates(dt.date(2025, 1, 1), dt.date(2026, 12, 31))),
        ),
        sections=sections,
    )


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=_plans(), fmt=st.sampled_from(list(WRITERS)))
def test_generated_plans_round_trip(doc: PlanDocument, fmt: str) -> None:
    # The reference is the plan as interpretation sees it (through the text dump's own rules), so the
    # property is "the writer + reader lose nothing", independent of how the generator spells fields.
    reference = api.read_plan(api.write_plan(doc, fmt), f"plan.{fmt}")  # type: ignore[arg-type]
    again = api.read_plan(api.write_plan(reference, fmt), f"plan.{fmt}")  # type: ignore[arg-type]
    assert _plan_dict(again) == _plan_dict(reference)
    got = {i.number: i for _, i in reference.iter_items()}
    for _, item in doc.iter_items():
        assert got[item.number].fact == item.fact and got[item.number].plan == item.plan
        assert got[item.number].name == item.name
    assert reference.approved is not None and reference.approved.date == doc.approved.date  # type: ignore[union-attr]


_VALID = {"docx": builders.typed_plan_docx(), "xlsx": builders.typed_plan_xlsx()}
_READERS = {"docx": read_docx, "xlsx": read_xlsx}


def _damage(data: bytes, flips: list[tuple[int, int]], cut: int | None) -> bytes:
    damaged = bytearray(data)
    for pos, value in flips:
        damaged[pos % len(damaged)] = value
    return bytes(damaged[:cut] if cut else damaged)


@settings(max_examples=60, deadline=None)
@given(
    fmt=st.sampled_from(["docx", "xlsx"]),
    flips=st.lists(st.tuples(st.integers(min_value=0), st.integers(0, 255)), max_size=8),
    cut=st.none() | st.integers(min_value=0, max_value=20_000),
)
def test_damaged_files_raise_only_plan_read_error(
    fmt: str, flips: list[tuple[int, int]], cut: int | None
) -> None:
    data = _damage(_VALID[fmt], flips, cut)
    for read in (_READERS[fmt], lambda d: api.read_plan(d, f"plan.{fmt}")):
        try:
            read(data)
        except PlanReadError as exc:
            assert str(exc) and str(exc)[-1] == "."


def _rezip_damaged(data: bytes, part: str, flips: list[tuple[int, int]]) -> bytes:
    """Damage inside an XML part but keep the zip valid, so the parsers (not zipfile) meet the damage."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        xml = bytearray(zf.read(part))
    for pos, value in flips:
        xml[pos % len(xml)] = value
    return builders.replace_part(data, part, bytes(xml))


@settings(max_examples=40, deadline=None)
@given(
    fmt=st.sampled_from(["docx", "xlsx"]),
    flips=st.lists(
        st.tuples(st.integers(min_value=0), st.sampled_from(b"<>/\"'=&; wx0")), min_size=1, max_size=6
    ),
)
def test_damaged_xml_inside_a_valid_zip_raises_only_plan_read_error(
    fmt: str, flips: list[tuple[int, int]]
) -> None:
    part = "word/document.xml" if fmt == "docx" else "xl/worksheets/sheet1.xml"
    data = _rezip_damaged(_VALID[fmt], part, flips)
    with contextlib.suppress(PlanReadError):
        api.read_plan(data, f"plan.{fmt}")


def test_text_seed_reads_the_same_through_api_and_reader() -> None:
    seed = SEEDS[0]
    direct = interpret(read_text(seed.read_text(encoding="utf-8")))
    assert (
        _plan_dict(api.read_plan(seed.read_bytes(), seed.name))["sections"] == _plan_dict(direct)["sections"]
    )
