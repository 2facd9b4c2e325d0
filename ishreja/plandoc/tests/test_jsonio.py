"""The "ishreja.plan/1" JSON contract: exact field names and types, and a lossless round trip."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from ishreja.plandoc import jsonio
from ishreja.plandoc.interpret import interpret
from ishreja.plandoc.model import Item, PlanDocument, Section
from ishreja.plandoc.read_text import read_text
from ishreja.plandoc.validate import validate

SEEDS = Path(__file__).resolve().parent / "seeds"
ITEM_KEYS = {
    "number", "name", "unit", "fact", "plan", "fact_text", "plan_text", "mechanism", "deadline",
    "responsible", "legal_refs", "children",
}  # fmt: skip
DEADLINE_KEYS = {"text", "kind", "quarters", "months", "times"}


@pytest.fixture(scope="module", params=sorted(p.name for p in SEEDS.glob("*.txt")))
def seed(request: pytest.FixtureRequest) -> PlanDocument:
    doc = interpret(read_text((SEEDS / request.param).read_text(encoding="utf-8")))
    doc.findings = validate(doc)
    return doc


def test_it_round_trips_both_seeds_through_json(seed: PlanDocument) -> None:
    assert jsonio.from_json(jsonio.to_json(seed)) == seed


def test_it_writes_every_contract_field(seed: PlanDocument) -> None:
    d = json.loads(jsonio.to_json(seed))
    assert d["format"] == "ishreja.plan/1"
    top = {"title", "centre", "year", "fact_year", "agreed", "approved", "checked", "sections", "findings"}
    assert top <= set(d)
    assert isinstance(d["year"], int) and isinstance(d["fact_year"], int)
    for section in d["sections"]:
        assert set(section) == {"number", "title", "items"}
    stack = [i for s in d["sections"] for i in s["items"]]
    while stack:
        item = stack.pop()
        assert set(item) >= ITEM_KEYS and set(item["deadline"]) >= DEADLINE_KEYS
        assert "." not in item["number"][-1:]
        assert all(isinstance(v, int) for v in item["fact"] + item["plan"])
        stack.extend(item["children"])
    for finding in d["findings"]:
        assert {"severity", "code", "section", "item", "message"} <= set(finding)
        assert finding["severity"] in {"error", "warning"}


def test_it_writes_the_2024_gift_item_as_in_the_contract_example() -> None:
    doc = interpret(read_text((SEEDS / "000_a6982a61a53db08a.txt").read_text(encoding="utf-8")))
    gift = next(jsonio.to_dict(doc)["sections"][2]["items"][0]["children"][i] for i in [4])
    assert (gift["number"], gift["fact"], gift["plan"], gift["fact_text"]) == (
        "7.4",
        [479, 37, 460],
        [518, 43, 475],
        "479 37 460",
    )
    assert gift["deadline"]["kind"] == "year" and gift["deadline"]["years"] == [2024]


def test_it_writes_decimals_as_int_or_float_and_reads_them_back_as_decimal() -> None:
    doc = PlanDocument(
        sections=[Section("I", "A", [Item(number="1", fact=[Decimal("1.5")], plan=[Decimal(3)])])]
    )
    d = jsonio.to_dict(doc)
    assert d["sections"][0]["items"][0]["fact"] == [1.5] and d["sections"][0]["items"][0]["plan"] == [3]
    assert jsonio.from_dict(d).sections[0].items[0].fact == [Decimal("1.5")]


def test_it_refuses_another_format() -> None:
    with pytest.raises(ValueError, match=r"ishreja\.plan/1"):
        jsonio.from_dict({"format": "other/1"})
