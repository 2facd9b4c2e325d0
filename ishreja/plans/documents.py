"""Between the database and the document core: a stored plan as a ``PlanDocument`` and back.

Import (file → draft plan) and export (plan → .docx/.xlsx/.pdf/JSON) both go through these two functions,
so the web pages, the command line and the API store and print plans the same way.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from ishreja.centres.models import Centre, Service
from ishreja.plandoc import textnorm
from ishreja.plandoc.model import Deadline, Item, PlanDocument, Section, Signature
from ishreja.plans.models import LegalAct, Plan, PlanItem
from ishreja.plans.models import Section as SectionRow

_KIND_BY_PREFIX = {
    "O'RQ": LegalAct.Kind.LAW,
    "PF": LegalAct.Kind.DECREE,
    "PQ": LegalAct.Kind.RESOLUTION,
    "F": LegalAct.Kind.ORDER,
    "VMQ": LegalAct.Kind.CABINET,
    "MK": LegalAct.Kind.LIBRARY_ORDER,
}


def legal_act_kind(code: str) -> str:
    prefix = re.split(r"-\d", code, maxsplit=1)[0]
    return _KIND_BY_PREFIX.get(prefix, LegalAct.Kind.OTHER)


def schedule_of(deadline: Deadline) -> dict[str, object]:
    return {
        "kind": deadline.kind,
        "quarters": deadline.quarters,
        "months": deadline.months,
        "times": deadline.times,
        "years": deadline.years,
        "month_days": deadline.month_days,
    }


def deadline_of(text: str, schedule: dict[str, object]) -> Deadline:
    def ints(key: str) -> list[int]:
        value = schedule.get(key) or []
        return [int(v) for v in value] if isinstance(value, list) else []

    times = schedule.get("times")
    return Deadline(
        text=text,
        kind=schedule.get("kind"),  # type: ignore[arg-type]
        quarters=ints("quarters"),
        months=ints("months"),
        times=int(times) if isinstance(times, int) else None,
        years=ints("years"),
        month_days=ints("month_days"),
    )


def service_matcher(centre: Centre) -> dict[str, Service]:
    """The centre's services by matching key, with and without commas (documents write both)."""
    out: dict[str, Service] = {}
    for service in centre.services.all():
        out[textnorm.key(service.name)] = service
        out[textnorm.key(service.name.replace(",", ""))] = service
    out.setdefault(textnorm.key("AKM direktori"), out.get(textnorm.key(Service.STANDARD[0][1])))  # type: ignore[arg-type]
    return out


def _item_kind(item: Item) -> str:
    if item.kind == "label":
        return PlanItem.Kind.LABEL
    return PlanItem.Kind.MEASURE if item.number == "" else PlanItem.Kind.ITEM


def _numbers(values: list[Decimal]) -> list[str]:
    return [str(v) for v in values]


def plan_rows_from_document(
    plan: Plan, doc: PlanDocument
) -> tuple[list[SectionRow], list[tuple[PlanItem, list[str], list[str]]]]:
    """Unsaved section and item rows for ``doc`` (items carry their parent object, not yet its id), plus
    each item's responsible names and legal-act codes for the many-to-many links."""
    sections: list[SectionRow] = []
    items: list[tuple[PlanItem, list[str], list[str]]] = []
    order = 0

    def walk(section_row: SectionRow, entries: list[Item], parent: PlanItem | None) -> None:
        nonlocal order
        for entry in entries:
            order += 1
            row = PlanItem(
                plan=plan,
                section=section_row,
                parent=parent,
                order=order,
                kind=_item_kind(entry),
                number=entry.number,
                name=entry.name,
                unit=entry.unit,
                fact_values=_numbers(entry.fact),
                fact_text=entry.fact_text,
                plan_values=_numbers(entry.plan),
                plan_text=entry.plan_text,
                mechanism=entry.mechanism,
                deadline_text=entry.deadline.text,
                schedule=schedule_of(entry.deadline),
                responsible_text="\n".join(entry.responsible),
                legal_refs=list(entry.legal_refs),
            )
            items.append((row, entry.responsible, entry.legal_refs))
            walk(section_row, entry.children, row)

    for position, section in enumerate(doc.sections, start=1):
        section_row = SectionRow(plan=plan, number=section.number, title=section.title, order=position)
        sections.append(section_row)
        walk(section_row, section.items, None)
    return sections, items


def _signature(title: str, name: str, date: object = None) -> Signature | None:
    if not (title or name or date):
        return None
    return Signature(title=title, name=name, date=date)  # type: ignore[arg-type]


def plan_to_document(
    plan: Plan,
    *,
    with_findings: bool = True,
    items: list[PlanItem] | None = None,
    sections: list[SectionRow] | None = None,
) -> PlanDocument:
    """The stored plan as a document, with its signature blocks, ready for a writer or the validator.

    Two queries whatever the plan's size (none when the caller already has the sections and items)."""
    from ishreja.plandoc.validate import validate

    if items is None:
        items = list(plan.items.order_by("order"))
    if sections is None:
        sections = list(plan.sections.order_by("order"))
    children: dict[int | None, list[PlanItem]] = {}
    for row in items:
        children.setdefault(row.parent_id, []).append(row)

    def build(rows: list[PlanItem]) -> Iterator[Item]:
        for row in rows:
            yield Item(
                number=row.number,
                name=row.name,
                unit=row.unit,
                fact=row.fact,
                plan=row.planned,
                fact_text=row.fact_text,
                plan_text=row.plan_text,
                mechanism=row.mechanism,
                deadline=deadline_of(row.deadline_text, row.schedule or {}),
                responsible=[line for line in row.responsible_text.splitlines() if line.strip()],
                legal_refs=list(row.legal_refs),
                children=list(build(children.get(row.pk, []))),
                kind="label" if row.kind == PlanItem.Kind.LABEL else "item",
            )

    top_by_section: dict[int, list[PlanItem]] = {}
    for row in children.get(None, []):
        top_by_section.setdefault(row.section_id, []).append(row)
    doc = PlanDocument(
        title=plan.title,
        centre=plan.centre.name,
        year=plan.year,
        fact_year=plan.fact_year,
        agreed=_signature(plan.agreed_title, plan.agreed_name, plan.agreed_date),
        approved=_signature(plan.approved_title, plan.approved_name, plan.approved_date),
        checked=_signature(plan.checked_title, plan.checked_name),
        sections=[
            Section(number=s.number, title=s.title, items=list(build(top_by_section.get(s.pk, []))))
            for s in sections
        ],
    )
    if with_findings:
        doc.findings = validate(doc)
    return doc
