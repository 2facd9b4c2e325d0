"""Read models of the plan pages: the plan as rows of the official table with findings beside their items,
and two revisions compared. A fixed number of queries whatever the plan's size."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from ishreja.plandoc.model import Finding
from ishreja.plans.documents import plan_to_document
from ishreja.plans.models import Comment, Plan, PlanEvent, PlanItem, Section


@dataclass
class Row:
    item: PlanItem
    depth: int
    section_number: str = ""
    findings: list[Finding] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)


@dataclass
class SectionBlock:
    section: Section
    rows: list[Row]
    findings: list[Finding] = field(default_factory=list)


@dataclass
class PlanPage:
    plan: Plan
    blocks: list[SectionBlock]
    findings: list[Finding]
    plan_findings: list[Finding]
    comments: list[Comment]

    @property
    def error_count(self) -> int:
        return sum(1 for f in self.findings if f.severity == "error")

    @property
    def warning_count(self) -> int:
        return sum(1 for f in self.findings if f.severity == "warning")


class LazyPlanPage:
    """The page's table, findings and comments, built only when a template fragment is not in the cache."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan

    @cached_property
    def built(self) -> PlanPage:
        return plan_page_build(self.plan)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self.built, name)


def plan_history(plan: Plan) -> dict[str, list[Any]]:
    """The workflow events and the plan's revisions: two queries, never cached (they are short)."""
    same_plan = Plan.objects.filter(centre_id=plan.centre_id, year=plan.year, is_template=plan.is_template)
    return {
        "events": list(PlanEvent.objects.filter(plan=plan).select_related("actor").order_by("-created_at")),
        "revisions": list(same_plan.order_by("revision")),
    }


def plan_page_build(plan: Plan) -> PlanPage:
    """Three queries: sections, items, comments (the plan itself is the caller's)."""
    sections = list(plan.sections.order_by("order"))
    items = list(plan.items.order_by("order"))
    comments = list(Comment.objects.filter(plan=plan).select_related("author", "item"))
    doc = plan_to_document(plan, items=items, sections=sections)

    by_item: dict[tuple[str, str], list[Finding]] = {}
    by_section: dict[str, list[Finding]] = {}
    plan_findings: list[Finding] = []
    for finding in doc.findings:
        if finding.item is not None:
            by_item.setdefault((finding.section or "", finding.item), []).append(finding)
        elif finding.section is not None:
            by_section.setdefault(finding.section, []).append(finding)
        else:
            plan_findings.append(finding)
    comments_by_item: dict[int, list[Comment]] = {}
    for comment in comments:
        if comment.item_id:
            comments_by_item.setdefault(comment.item_id, []).append(comment)

    children: dict[int | None, list[PlanItem]] = {}
    for row in items:
        children.setdefault(row.parent_id, []).append(row)
    blocks: list[SectionBlock] = []
    for section in sections:
        rows: list[Row] = []

        def walk(
            level: list[PlanItem], depth: int, section: Section = section, rows: list[Row] = rows
        ) -> None:
            for row in level:
                found = by_item.get((section.number, row.number), []) if row.number else []
                rows.append(Row(row, depth, section.number, found, comments_by_item.get(row.pk, [])))
                walk(children.get(row.pk, []), depth + 1)

        walk([r for r in children.get(None, []) if r.section_id == section.pk], 0)
        blocks.append(SectionBlock(section, rows, by_section.get(section.number, [])))
    return PlanPage(plan, blocks, doc.findings, plan_findings, comments)


@dataclass
class Change:
    kind: str  # "added", "removed", "changed"
    section: str
    number: str
    name: str
    fields: list[tuple[str, Any, Any]] = field(default_factory=list)


COMPARED = [
    ("name", "Nomi"),
    ("unit", "O'lchov birligi"),
    ("fact_text", "Fakt"),
    ("plan_text", "Reja"),
    ("mechanism", "Mexanizm"),
    ("deadline_text", "Muddat"),
    ("responsible_text", "Mas'ullar"),
]


def plans_compare(old: Plan, new: Plan) -> list[Change]:
    """What changed from ``old`` to ``new``, item by item (matched by section numeral and item number)."""

    def keyed(plan: Plan) -> dict[tuple[str, str, int], PlanItem]:
        out: dict[tuple[str, str, int], PlanItem] = {}
        for item in plan.items.select_related("section", "parent").order_by("order"):
            base = (item.section.number, item.number or f"{item.parent.number if item.parent else ''}/")
            n = sum(1 for k in out if k[:2] == base)
            out[(*base, n)] = item
        return out

    before, after = keyed(old), keyed(new)
    changes: list[Change] = []
    for key, item in after.items():
        previous = before.get(key)
        if previous is None:
            changes.append(Change("added", key[0], item.number, item.name))
            continue
        diffs = [
            (label, getattr(previous, name), getattr(item, name))
            for name, label in COMPARED
            if getattr(previous, name) != getattr(item, name)
        ]
        if diffs:
            changes.append(Change("changed", key[0], item.number, item.name, diffs))
    changes += [Change("removed", k[0], i.number, i.name) for k, i in before.items() if k not in after]
    return changes
