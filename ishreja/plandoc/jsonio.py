"""The JSON contract "ishreja.plan/1" (docs/plan-format.md): PlanDocument <-> dict/JSON, losslessly.

Figures are JSON numbers (int when integral, float otherwise) and come back as Decimal; dates are ISO
strings. Fields beyond the contract ("kind", deadline "years"/"month_days", signature "date" of the checked
block, finding "column") are extras a reader may ignore.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any, cast

from ishreja.plandoc.model import (
    Deadline,
    DeadlineKind,
    Finding,
    Item,
    PlanDocument,
    Section,
    Severity,
    Signature,
)

FORMAT = "ishreja.plan/1"


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def _decimal(value: Any) -> Decimal:
    # Through str so 0.1 stays 0.1 and not 0.1000000000000000055511151231257827.
    return Decimal(str(value))


def _signature(sig: Signature | None, with_date: bool = True) -> dict[str, Any] | None:
    if sig is None:
        return None
    out: dict[str, Any] = {"title": sig.title, "name": sig.name}
    if with_date or sig.date is not None:
        out["date"] = sig.date.isoformat() if sig.date else None
    return out


def _deadline(deadline: Deadline) -> dict[str, Any]:
    return {
        "text": deadline.text,
        "kind": deadline.kind,
        "quarters": list(deadline.quarters),
        "months": list(deadline.months),
        "times": deadline.times,
        "years": list(deadline.years),
        "month_days": list(deadline.month_days),
    }


def _item(item: Item) -> dict[str, Any]:
    return {
        "number": item.number,
        "name": item.name,
        "unit": item.unit,
        "fact": [_number(v) for v in item.fact],
        "plan": [_number(v) for v in item.plan],
        "fact_text": item.fact_text,
        "plan_text": item.plan_text,
        "mechanism": item.mechanism,
        "deadline": _deadline(item.deadline),
        "responsible": list(item.responsible),
        "legal_refs": list(item.legal_refs),
        "children": [_item(child) for child in item.children],
        "kind": item.kind,
    }


def to_dict(doc: PlanDocument) -> dict[str, Any]:
    """The plan as the "ishreja.plan/1" dictionary."""
    return {
        "format": FORMAT,
        "title": doc.title,
        "centre": doc.centre,
        "year": doc.year,
        "fact_year": doc.fact_year,
        "agreed": _signature(doc.agreed),
        "approved": _signature(doc.approved),
        "checked": _signature(doc.checked, with_date=False),
        "sections": [
            {"number": s.number, "title": s.title, "items": [_item(i) for i in s.items]} for s in doc.sections
        ],
        "findings": [
            {
                "severity": f.severity,
                "code": f.code,
                "section": f.section,
                "item": f.item,
                "message": f.message,
                "column": f.column,
            }
            for f in doc.findings
        ],
    }


def to_json(doc: PlanDocument, indent: int | None = 2) -> str:
    """The plan as "ishreja.plan/1" JSON text (UTF-8 letters kept as they are)."""
    return json.dumps(to_dict(doc), ensure_ascii=False, indent=indent)


def _signature_from(d: dict[str, Any] | None) -> Signature | None:
    if d is None:
        return None
    date = d.get("date")
    return Signature(title=d["title"], name=d["name"], date=dt.date.fromisoformat(date) if date else None)


def _deadline_from(d: dict[str, Any]) -> Deadline:
    return Deadline(
        text=d["text"],
        kind=cast(DeadlineKind | None, d["kind"]),
        quarters=list(d["quarters"]),
        months=list(d["months"]),
        times=d["times"],
        years=list(d.get("years", [])),
        month_days=list(d.get("month_days", [])),
    )


def _item_from(d: dict[str, Any]) -> Item:
    return Item(
        number=d["number"],
        name=d["name"],
        unit=d["unit"],
        fact=[_decimal(v) for v in d["fact"]],
        plan=[_decimal(v) for v in d["plan"]],
        fact_text=d["fact_text"],
        plan_text=d["plan_text"],
        mechanism=d["mechanism"],
        deadline=_deadline_from(d["deadline"]),
        responsible=list(d["responsible"]),
        legal_refs=list(d["legal_refs"]),
        children=[_item_from(child) for child in d["children"]],
        kind="label" if d.get("kind") == "label" else "item",
    )


def from_dict(d: dict[str, Any]) -> PlanDocument:
    """The PlanDocument a "ishreja.plan/1" dictionary describes; ValueError for another format."""
    if d.get("format") != FORMAT:
        raise ValueError(f"expected format {FORMAT!r}, got {d.get('format')!r}")
    return PlanDocument(
        title=d["title"],
        centre=d["centre"],
        year=d["year"],
        fact_year=d["fact_year"],
        agreed=_signature_from(d["agreed"]),
        approved=_signature_from(d["approved"]),
        checked=_signature_from(d["checked"]),
        sections=[
            Section(number=s["number"], title=s["title"], items=[_item_from(i) for i in s["items"]])
            for s in d["sections"]
        ],
        findings=[
            Finding(
                severity=cast(Severity, f["severity"]),
                code=f["code"],
                message=f["message"],
                section=f["section"],
                item=f["item"],
                column=f.get("column"),
            )
            for f in d["findings"]
        ],
    )


def from_json(text: str) -> PlanDocument:
    """The PlanDocument in a "ishreja.plan/1" JSON text."""
    return from_dict(json.loads(text))
