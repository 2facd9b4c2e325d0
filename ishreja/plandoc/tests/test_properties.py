"""Property tests: arbitrary text never breaks the reader, parsers never crash, JSON round-trips."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ishreja.plandoc import jsonio
from ishreja.plandoc.errors import PlanReadError
from ishreja.plandoc.fields import (
    extract_legal_refs,
    find_month_days,
    normalise_unit,
    parse_deadline,
    parse_quantity,
    split_responsible,
)
from ishreja.plandoc.interpret import interpret
from ishreja.plandoc.model import Deadline, Finding, Item, PlanDocument, Section, Signature
from ishreja.plandoc.read_text import read_text
from ishreja.plandoc.validate import validate

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

HEADER = "№\tNomi\tO'lchov birligi\tMiqdori\t\tAmalga oshirish mexanizmi\tBajarilish muddati\tMas'ullar"
# Pieces a dump is made of, so random text reaches deep into the reader, not only its first check.
FRAGMENTS = st.sampled_from(
    [
        "\t", "\n", "\n\n", "1.", "7.1.", "III.", "II. BO'LIM", "-", "--\t--", "<p>", "</p>",
        "<ul style='x'>", "<u>", "**", "“", "’", "ʻ", "479 37 460", "Shundan,", "2026-yil (reja)",
        "2025-yil (fakt)",
        "I–IV chorak", "har oyda", "ikki marotaba", "552-son Qarori", "PQ-9", "Tekshirildi.", "KELISHILDI",
        "TASDIQLAYMAN", "Жондор", "ISH REJASI", HEADER, "Nusxa", "&amp;", "<", ">", "0", "9999999999",
    ]
)  # fmt: skip
DUMPS = st.lists(st.one_of(FRAGMENTS, st.text(max_size=12)), max_size=40).map("".join)


@FAST
@given(DUMPS)
def test_it_reads_arbitrary_text_or_refuses_it_with_plan_read_error(text: str) -> None:
    try:
        doc = interpret(read_text(text))
    except PlanReadError:
        return
    validate(doc)
    assert jsonio.from_dict(jsonio.to_dict(doc)) == doc


@FAST
@given(st.text(max_size=60))
def test_it_never_crashes_in_the_field_parsers(text: str) -> None:
    values, shown = parse_quantity(text)
    assert all(isinstance(v, Decimal) for v in values) and "\n" not in shown
    deadline = parse_deadline(text)
    assert all(1 <= q <= 4 for q in deadline.quarters) and all(1 <= m <= 12 for m in deadline.months)
    assert all(1 <= d <= 31 for d in find_month_days(text))
    normalise_unit(text)
    extract_legal_refs(text)
    assert all(name for name in split_responsible(text))


@FAST
@given(st.lists(st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False), max_size=5))
def test_it_reads_back_the_numbers_it_is_given(values: list[Decimal]) -> None:
    text = " ".join(format(v, "f").replace(".", ",") for v in values)
    assert parse_quantity(text)[0] == values


TEXT = st.text(alphabet=st.characters(codec="utf-8"), max_size=20)
NUMBERS = st.lists(st.decimals(min_value=-(10**6), max_value=10**6, places=3, allow_nan=False), max_size=4)
DEADLINES = st.builds(
    Deadline,
    text=TEXT,
    kind=st.sampled_from([None, "year", "quarters", "months", "quarterly", "monthly", "weekly", "times"]),
    quarters=st.lists(st.integers(1, 4), max_size=4),
    months=st.lists(st.integers(1, 12), max_size=4),
    times=st.none() | st.integers(1, 12),
    years=st.lists(st.integers(2000, 2100), max_size=2),
    month_days=st.lists(st.integers(1, 31), max_size=2),
)
ITEMS = st.recursive(
    st.builds(
        Item,
        number=st.sampled_from(["1", "7.4", "25.1", ""]),
        name=TEXT,
        unit=TEXT,
        fact=NUMBERS,
        plan=NUMBERS,
        fact_text=TEXT,
        plan_text=TEXT,
        mechanism=TEXT,
        deadline=DEADLINES,
        responsible=st.lists(TEXT, max_size=2),
        legal_refs=st.lists(TEXT, max_size=2),
        kind=st.sampled_from(["item", "label"]),
    ),
    lambda children: st.builds(Item, number=st.just("1"), children=st.lists(children, max_size=3)),
    max_leaves=6,
)
SIGNATURES = st.none() | st.builds(
    Signature, title=TEXT, name=TEXT, date=st.none() | st.dates(dt.date(2000, 1, 1))
)
DOCUMENTS = st.builds(
    PlanDocument,
    title=TEXT,
    centre=TEXT,
    year=st.none() | st.integers(2000, 2100),
    fact_year=st.none() | st.integers(2000, 2100),
    agreed=SIGNATURES,
    approved=SIGNATURES,
    checked=SIGNATURES,
    sections=st.lists(
        st.builds(Section, number=TEXT, title=TEXT, items=st.lists(ITEMS, max_size=3)), max_size=3
    ),
    findings=st.lists(
        st.builds(
            Finding,
            severity=st.sampled_from(["error", "warning"]),
            code=TEXT,
            message=TEXT,
            section=st.none() | TEXT,
            item=st.none() | TEXT,
            column=st.sampled_from([None, "fact", "plan"]),
        ),
        max_size=3,
    ),
)


@FAST
@given(DOCUMENTS)
def test_it_round_trips_generated_documents_through_json(doc: PlanDocument) -> None:
    assert jsonio.from_json(jsonio.to_json(doc)) == doc
    assert jsonio.from_dict(jsonio.to_dict(doc)) == doc
