"""Writes on plans. Every function is atomic, keyword-only and leaves a history record of what it changed."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from ishreja.accounts.models import User
from ishreja.centres.models import Centre
from ishreja.plandoc import api as plandoc
from ishreja.plandoc import textnorm
from ishreja.plandoc.model import PlanDocument
from ishreja.plans.documents import legal_act_kind, plan_rows_from_document, service_matcher
from ishreja.plans.models import LegalAct, Plan, PlanEvent, PlanItem, PlanStatus, Section


class PlanError(Exception):
    """A plan action that cannot be done; the message is shown to the user as it is."""


@dataclass
class ImportResult:
    plan: Plan
    created: bool
    document: PlanDocument


def _store_document(*, plan: Plan, doc: PlanDocument, user: User | None) -> None:
    sections, rows = plan_rows_from_document(plan, doc)
    bulk_create_with_history(sections, Section, default_user=user)
    # Parents must have ids before their children are inserted: insert the tree level by level.
    level: dict[int, int] = {}
    for item, _, _ in rows:
        level[id(item)] = 0 if item.parent is None else level[id(item.parent)] + 1
    for depth in sorted(set(level.values())):
        batch = [item for item, _, _ in rows if level[id(item)] == depth]
        for item in batch:
            item.section_id = item.section.pk
            item.parent_id = item.parent.pk if item.parent else None
        bulk_create_with_history(batch, PlanItem, default_user=user)
    _link_many_to_many(plan=plan, rows=rows)


def _link_many_to_many(*, plan: Plan, rows: list[tuple[PlanItem, list[str], list[str]]]) -> None:
    services = service_matcher(plan.centre)
    codes = sorted({code for _, _, refs in rows for code in refs})
    acts = {act.code: act for act in LegalAct.objects.filter(code__in=codes)}
    missing = [LegalAct(code=code, kind=legal_act_kind(code)) for code in codes if code not in acts]
    for act in LegalAct.objects.bulk_create(missing) if missing else []:
        acts[act.code] = act
    if missing and not all(a.pk for a in missing):
        acts = {act.code: act for act in LegalAct.objects.filter(code__in=codes)}
    responsible_links, act_links = [], []
    for item, names, refs in rows:
        linked = {services[k].pk for k in (textnorm.key(n) for n in names) if services.get(k)}
        responsible_links += [PlanItem.responsible.through(planitem_id=item.pk, service_id=s) for s in linked]
        act_links += [PlanItem.legal_acts.through(planitem_id=item.pk, legalact_id=acts[c].pk) for c in refs]
    PlanItem.responsible.through.objects.bulk_create(responsible_links)
    PlanItem.legal_acts.through.objects.bulk_create(act_links)


@transaction.atomic
def plan_create_from_document(
    *, centre: Centre, doc: PlanDocument, user: User | None, source_name: str = "", source_sha256: str = ""
) -> Plan:
    """A new draft plan of ``centre`` holding everything ``doc`` says."""
    if doc.year is None:
        raise PlanError("Rejaning yili aniqlanmadi: sarlavhada yil ko'rsatilishi kerak.")
    if (
        Plan.objects.filter(centre=centre, year=doc.year)
        .exclude(status__in=["approved", "superseded"])
        .exists()
    ):
        raise PlanError(f"{centre} markazining {doc.year}-yil uchun ochiq rejasi allaqachon bor.")
    plan = Plan(
        centre=centre,
        year=doc.year,
        fact_year=doc.fact_year if doc.fact_year and doc.fact_year < doc.year else None,
        title=doc.title,
        agreed_title=doc.agreed.title if doc.agreed else "",
        agreed_name=doc.agreed.name if doc.agreed else "",
        agreed_date=doc.agreed.date if doc.agreed else None,
        approved_title=doc.approved.title if doc.approved else "",
        approved_name=doc.approved.name if doc.approved else "",
        approved_date=doc.approved.date if doc.approved else None,
        checked_title=doc.checked.title if doc.checked else "",
        checked_name=doc.checked.name if doc.checked else "",
        source_name=source_name[:255],
        source_sha256=source_sha256,
        created_by=user,
    )
    plan.full_clean()
    plan._history_user = user  # type: ignore[attr-defined]
    plan.save()
    _store_document(plan=plan, doc=doc, user=user)
    PlanEvent.objects.create(
        plan=plan,
        action=PlanEvent.Action.IMPORTED if source_name else PlanEvent.Action.CREATED,
        actor=user,
        note=source_name,
    )
    return plan


def plan_import_file(*, centre: Centre, data: bytes, filename: str, user: User | None) -> ImportResult:
    """Read an uploaded file and store it as a draft; the same file again returns the plan it made.

    Raises ``PlanReadError`` (unreadable or hostile file) or ``PlanError`` (cannot be stored)."""
    sha = hashlib.sha256(data).hexdigest()
    doc = plandoc.read_plan(data, filename)
    existing = Plan.objects.filter(centre=centre, source_sha256=sha).order_by("-revision").first()
    if existing is not None:
        return ImportResult(plan=existing, created=False, document=doc)
    plan = plan_create_from_document(
        centre=centre, doc=doc, user=user, source_name=filename, source_sha256=sha
    )
    return ImportResult(plan=plan, created=True, document=doc)


def plan_status_check_editable(plan: Plan) -> None:
    """The guard every content change passes: only drafts and returned plans change, whoever asks."""
    if plan.status not in (PlanStatus.DRAFT, PlanStatus.RETURNED):
        raise PlanError(
            f"Reja holati: {plan.get_status_display()}. Uni o'zgartirib bo'lmaydi; "
            "o'zgartirish kiritish uchun yangi tahrir oching."
        )
