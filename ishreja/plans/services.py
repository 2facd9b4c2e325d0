"""Writes on plans. Every function is atomic, keyword-only and leaves a history record of what it changed."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TypeVar

from django.db import models, transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from ishreja.accounts import access
from ishreja.accounts.models import User
from ishreja.centres.models import Centre
from ishreja.plandoc import api as plandoc
from ishreja.plandoc import textnorm
from ishreja.plandoc.model import PlanDocument
from ishreja.plans.documents import legal_act_kind, plan_rows_from_document, service_matcher
from ishreja.plans.models import Comment, LegalAct, Plan, PlanEvent, PlanItem, PlanStatus, Section


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
    _require_no_open_plan(centre=centre, year=doc.year)
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


# --- Workflow: draft → submitted → agreed (or returned) → approved; an amendment is a new revision. ---


def _locked(plan: Plan) -> Plan:
    """The plan re-read under a row lock, so two reviewers clicking at once cannot both move it."""
    return Plan.objects.select_for_update(of=("self",)).select_related("centre__parent").get(pk=plan.pk)


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise PlanError(message)


def _require_no_open_plan(*, centre: Centre, year: int, is_template: bool = False, message: str = "") -> None:
    """The rule of the ``plan_one_open_revision`` constraint, checked first so people get a sentence, not an
    integrity error: one revision of a centre's plan for a year is being worked on at a time."""
    open_plans = Plan.objects.filter(centre=centre, year=year, is_template=is_template).exclude(
        status__in=[PlanStatus.APPROVED, PlanStatus.SUPERSEDED]
    )
    _require(
        not open_plans.exists(),
        message or f"{centre} markazining {year}-yil uchun ochiq rejasi allaqachon bor.",
    )


def _step(
    plan: Plan, *, user: User, action: str, status: str, note: str = "", fields: tuple[str, ...] = ()
) -> Plan:
    plan.status = status
    plan.version += 1
    plan._history_user = user  # type: ignore[attr-defined]
    plan.save(update_fields=["status", "version", "updated_at", *fields])
    PlanEvent.objects.create(plan=plan, action=action, actor=user, note=note)
    from ishreja.plans.notifications import plan_event_notify

    transaction.on_commit(lambda: plan_event_notify(plan=plan, action=action, actor=user, note=note))
    return plan


def _signer_title(user: User, centre: Centre) -> str:
    return user.position or f"{centre.name} direktori"


@transaction.atomic
def plan_submit(*, plan: Plan, user: User, note: str = "") -> Plan:
    plan = _locked(plan)
    _require(user.has_perm("plans.submit_plan", plan), "Bu rejani yuborishga huquqingiz yo'q.")
    _require(plan.items.exists(), "Bo'sh rejani yuborib bo'lmaydi: avval bandlarni kiriting.")
    return _step(plan, user=user, action=PlanEvent.Action.SUBMITTED, status=PlanStatus.SUBMITTED, note=note)


@transaction.atomic
def plan_return(*, plan: Plan, user: User, note: str) -> Plan:
    plan = _locked(plan)
    _require(user.has_perm("plans.review_plan", plan), "Bu rejani ko'rib chiqishga huquqingiz yo'q.")
    _require(plan.status == PlanStatus.SUBMITTED, "Faqat kelishish uchun yuborilgan reja qaytariladi.")
    _require(
        bool(note.strip()), "Qaytarish sababini yozing: tuman nimani tuzatishi kerakligini bilishi kerak."
    )
    return _step(plan, user=user, action=PlanEvent.Action.RETURNED, status=PlanStatus.RETURNED, note=note)


@transaction.atomic
def plan_agree(*, plan: Plan, user: User, note: str = "") -> Plan:
    plan = _locked(plan)
    _require(user.has_perm("plans.review_plan", plan), "Bu rejani kelishishga huquqingiz yo'q.")
    _require(plan.status == PlanStatus.SUBMITTED, "Faqat kelishish uchun yuborilgan reja kelishiladi.")
    reviewer_centre = plan.centre.parent
    assert reviewer_centre is not None  # can_review_centre guarantees a parent
    plan.agreed_title = _signer_title(user, reviewer_centre)
    plan.agreed_name = user.display_name
    plan.agreed_date = timezone.localdate()
    return _step(
        plan,
        user=user,
        action=PlanEvent.Action.AGREED,
        status=PlanStatus.AGREED,
        note=note,
        fields=("agreed_title", "agreed_name", "agreed_date"),
    )


@transaction.atomic
def plan_approve(*, plan: Plan, user: User, note: str = "") -> Plan:
    plan = _locked(plan)
    _require(user.has_perm("plans.approve_plan", plan), "Rejani faqat markaz direktori tasdiqlaydi.")
    _require(plan.status == PlanStatus.AGREED, "Reja avval viloyat markazi bilan kelishilishi kerak.")
    # The revision in force until now gives way to this one.
    Plan.objects.filter(
        centre=plan.centre, year=plan.year, is_template=plan.is_template, status=PlanStatus.APPROVED
    ).exclude(pk=plan.pk).update(status=PlanStatus.SUPERSEDED)
    plan.approved_title = _signer_title(user, plan.centre)
    plan.approved_name = user.display_name
    plan.approved_date = timezone.localdate()
    return _step(
        plan,
        user=user,
        action=PlanEvent.Action.APPROVED,
        status=PlanStatus.APPROVED,
        note=note,
        fields=("approved_title", "approved_name", "approved_date"),
    )


def _copy(
    *,
    source: Plan,
    centre: Centre,
    year: int,
    user: User,
    revision: int = 1,
    shift_years: int = 0,
    keep_figures: bool = True,
    is_template: bool = False,
) -> Plan:
    """A new draft holding ``source``'s sections and items (and their indicator links)."""
    from ishreja.plans.documents import plan_to_document

    doc = plan_to_document(source, with_findings=False)
    if shift_years:
        _shift_document_years(doc, shift_years)
    if not keep_figures:
        for _, item in doc.iter_items():
            item.fact, item.fact_text, item.plan, item.plan_text = item.plan, item.plan_text, [], ""
    plan = Plan(
        centre=centre,
        year=year,
        revision=revision,
        fact_year=year - 1,
        is_template=is_template,
        title=doc.title.replace(str(source.year), str(year)) if shift_years else doc.title,
        created_by=user,
    )
    if centre == source.centre and not shift_years:
        for field in (
            "agreed_title",
            "agreed_name",
            "approved_title",
            "approved_name",
            "checked_title",
            "checked_name",
        ):
            setattr(plan, field, getattr(source, field))
    plan.full_clean()
    plan._history_user = user  # type: ignore[attr-defined]
    plan.save()
    doc.agreed = doc.approved = None
    _store_document(plan=plan, doc=doc, user=user)
    old = list(source.items.order_by("order").values_list("indicator_id", flat=True))
    new_rows = list(plan.items.order_by("order"))
    for row, indicator_id in zip(new_rows, old, strict=True):
        row.indicator_id = indicator_id
    PlanItem.objects.bulk_update(new_rows, ["indicator_id"])
    return plan


def _shift_document_years(doc: PlanDocument, years: int) -> None:
    """Deadlines written for one year ("2026-yil davomida") now name the next one."""
    from ishreja.plandoc.fields import parse_deadline

    for _, item in doc.iter_items():
        text = item.deadline.text
        for year in sorted(set(item.deadline.years), reverse=True):
            text = text.replace(str(year), str(year + years))
        month_days = item.deadline.month_days
        item.deadline = parse_deadline(text)
        item.deadline.month_days = month_days
    if doc.year:
        doc.year += years


@transaction.atomic
def plan_amend(*, plan: Plan, user: User, note: str = "") -> Plan:
    """Open an amendment of the plan in force: a new revision, a draft going the same way."""
    plan = _locked(plan)
    _require(user.has_perm("plans.amend_plan", plan), "Bu rejaga o'zgartirish kiritishga huquqingiz yo'q.")
    _require(
        plan.status == PlanStatus.APPROVED, "Faqat amaldagi (tasdiqlangan) rejaga o'zgartirish ochiladi."
    )
    _require_no_open_plan(
        centre=plan.centre,
        year=plan.year,
        is_template=plan.is_template,
        message="Bu rejaning ochiq tahriri allaqachon bor.",
    )
    last = Plan.objects.filter(centre=plan.centre, year=plan.year, is_template=plan.is_template).order_by(
        "-revision"
    )
    amendment = _copy(
        source=plan,
        centre=plan.centre,
        year=plan.year,
        user=user,
        revision=last[0].revision + 1,
        is_template=plan.is_template,
    )
    PlanEvent.objects.create(plan=amendment, action=PlanEvent.Action.AMENDED, actor=user, note=note)
    return amendment


def actuals_of_year(plan: Plan) -> dict[int, list[Decimal]]:
    """Each item's actual figures over the whole year, where the year's progress is known."""
    try:
        from ishreja.progress.selectors import item_actuals
    except ImportError:  # the progress app is optional for plans
        return {}
    actuals = item_actuals(items=list(plan.items.select_related("indicator")), months=list(range(1, 13)))
    return {item_id: actual.values for item_id, actual in actuals.items() if actual.values}


@transaction.atomic
def plan_rollover(*, plan: Plan, user: User) -> Plan:
    """Next year's draft from this plan: this year's actuals become the fact column (this year's targets
    where no actual is known), targets are left to fill, deadlines name the next year."""
    _require(access.can_edit_centre(user, plan.centre), "Bu markaz uchun reja yaratishga huquqingiz yo'q.")
    year = plan.year + 1
    _require(
        not Plan.objects.filter(centre=plan.centre, year=year, is_template=False).exists(),
        f"{year}-yil uchun reja allaqachon bor.",
    )
    new = _copy(source=plan, centre=plan.centre, year=year, user=user, shift_years=1, keep_figures=False)
    actuals = actuals_of_year(plan)
    if actuals:
        old_ids = list(plan.items.order_by("order").values_list("pk", flat=True))
        rows = list(new.items.order_by("order"))
        for old_id, row in zip(old_ids, rows, strict=True):
            if old_id in actuals:
                row.fact_values = [str(v) for v in actuals[old_id]]
                row.fact_text = " ".join(_plain(v) for v in actuals[old_id])
        PlanItem.objects.bulk_update(rows, ["fact_values", "fact_text"])
    PlanEvent.objects.create(
        plan=new, action=PlanEvent.Action.CREATED, actor=user, note=f"{plan.year}-yil rejasidan"
    )
    return new


def _plain(value: Decimal) -> str:
    return str(value.quantize(Decimal(1))) if value == value.to_integral_value() else str(value.normalize())


@transaction.atomic
def plan_create_from_template(*, template: Plan, centre: Centre, user: User) -> Plan:
    _require(template.is_template, "Bu namuna emas.")
    _require(centre.parent_id == template.centre_id, "Namuna faqat o'z viloyati tumanlari uchun.")
    _require(access.can_edit_centre(user, centre), "Bu markaz uchun reja yaratishga huquqingiz yo'q.")
    _require_no_open_plan(centre=centre, year=template.year)
    plan = _copy(source=template, centre=centre, year=template.year, user=user)
    plan.title = f"{centre.name}ning {template.year}-yil uchun mo'ljallangan ISH REJASI"
    plan.save(update_fields=["title", "updated_at"])
    PlanEvent.objects.create(
        plan=plan, action=PlanEvent.Action.CREATED, actor=user, note=f"Namunadan: {template}"
    )
    return plan


@transaction.atomic
def plan_create_blank(*, centre: Centre, year: int, user: User, is_template: bool = False) -> Plan:
    _require(access.can_edit_centre(user, centre), "Bu markaz uchun reja yaratishga huquqingiz yo'q.")
    _require_no_open_plan(centre=centre, year=year, is_template=is_template)
    plan = Plan(
        centre=centre,
        year=year,
        fact_year=year - 1,
        is_template=is_template,
        created_by=user,
        title=f"{centre.name}ning {year}-yil uchun mo'ljallangan ISH REJASI",
    )
    plan.full_clean()
    plan._history_user = user  # type: ignore[attr-defined]
    plan.save()
    Section.objects.create(plan=plan, number="I", title="ILMIY-METODIK FAOLIYAT", order=1)
    PlanEvent.objects.create(plan=plan, action=PlanEvent.Action.CREATED, actor=user)
    return plan


@transaction.atomic
def comment_add(*, plan: Plan, user: User, text: str, item: PlanItem | None = None) -> Comment:
    _require(user.has_perm("plans.comment_plan", plan), "Bu rejaga izoh yozishga huquqingiz yo'q.")
    _require(bool(text.strip()), "Izoh bo'sh bo'lmasin.")
    _require(item is None or item.plan_id == plan.pk, "Band shu rejaga tegishli emas.")
    comment = Comment(plan=plan, item=item, author=user, text=text.strip())
    comment.full_clean()
    comment.save()
    plan_touch(plan)
    return comment


# --- Editing items and sections in place, with optimistic locking. ---


class EditConflict(PlanError):
    """Someone saved the same row since the editor loaded it; ``current`` is what they saved."""

    def __init__(self, current: PlanItem | Section) -> None:
        self.current = current
        who = ""
        record = current.history.first()
        if record is not None and record.history_user is not None:
            who = f" ({record.history_user.display_name})"
        super().__init__(
            f"Bu qatorni boshqa foydalanuvchi{who} siz ochganingizdan keyin saqlagan. Uning qiymati quyida "
            "ko'rsatilgan; siz yozgan matn saqlanmadi, lekin formada turibdi: tekshirib, qaytadan saqlang."
        )


@dataclass
class ItemData:
    number: str = ""
    name: str = ""
    unit: str = ""
    fact_text: str = ""
    plan_text: str = ""
    mechanism: str = ""
    deadline_text: str = ""
    responsible_ids: tuple[int, ...] = ()
    responsible_extra: str = ""
    legal_refs_text: str = ""
    indicator_id: int | None = None


def _apply_item_data(item: PlanItem, data: ItemData) -> list[int]:
    from ishreja.plandoc import fields as docfields
    from ishreja.plans.documents import schedule_of

    item.number = data.number.strip().rstrip(".")
    item.name = data.name.strip()
    item.unit = docfields.normalise_unit(data.unit) if data.unit.strip() else ""
    fact, item.fact_text = docfields.parse_quantity(data.fact_text)
    plan, item.plan_text = docfields.parse_quantity(data.plan_text)
    item.fact_values, item.plan_values = [str(v) for v in fact], [str(v) for v in plan]
    item.mechanism = data.mechanism.strip()
    item.deadline_text = data.deadline_text.strip()
    deadline = docfields.parse_deadline(item.deadline_text)
    deadline.month_days = docfields.find_month_days(item.mechanism)
    item.schedule = schedule_of(deadline)
    services = {s.pk: s for s in item.plan.centre.services.filter(pk__in=data.responsible_ids)}
    names = [services[pk].name for pk in data.responsible_ids if pk in services]
    names += [line.strip() for line in data.responsible_extra.splitlines() if line.strip()]
    item.responsible_text = "\n".join(names)
    typed = docfields.extract_legal_refs(data.legal_refs_text) or [
        code.strip() for code in data.legal_refs_text.replace(";", ",").split(",") if code.strip()
    ]
    item.legal_refs = list(dict.fromkeys([*typed, *docfields.extract_legal_refs(item.name)]))
    item.indicator_id = data.indicator_id
    return list(services)


def _link_item(item: PlanItem, service_ids: list[int]) -> None:
    item.responsible.set(service_ids)
    acts = []
    for code in item.legal_refs:
        act, _ = LegalAct.objects.get_or_create(code=code, defaults={"kind": legal_act_kind(code)})
        acts.append(act)
    item.legal_acts.set(acts)


ITEM_FIELDS = [
    "number",
    "name",
    "unit",
    "fact_values",
    "fact_text",
    "plan_values",
    "plan_text",
    "mechanism",
    "deadline_text",
    "schedule",
    "responsible_text",
    "legal_refs",
    "indicator_id",
    "version",
    "updated_at",
]


def plan_touch(plan: Plan) -> None:
    """Mark the plan's content as changed: its ``updated_at`` is the key of the cached plan page, so
    every write to its sections, items or comments calls this in the same transaction."""
    plan.updated_at = timezone.now()
    Plan.objects.filter(pk=plan.pk).update(updated_at=plan.updated_at)


def _editable_locked(plan: Plan, user: User) -> Plan:
    plan = _locked(plan)
    plan_status_check_editable(plan)
    _require(user.has_perm("plans.change_plan", plan), "Bu rejani o'zgartirishga huquqingiz yo'q.")
    plan_touch(plan)
    return plan


@transaction.atomic
def item_update(*, item: PlanItem, user: User, version: int, data: ItemData) -> PlanItem:
    """Save an item edited in place. Refused with ``EditConflict`` when someone saved it meanwhile."""
    plan = _editable_locked(item.plan, user)
    current = PlanItem.objects.select_for_update().get(pk=item.pk)
    current.plan = plan
    if current.version != version:
        raise EditConflict(current)
    service_ids = _apply_item_data(current, data)
    current.version += 1
    current._history_user = user  # type: ignore[attr-defined]
    current.full_clean()
    current.save(update_fields=ITEM_FIELDS)
    _link_item(current, service_ids)
    return current


Ordered = TypeVar("Ordered", PlanItem, Section)


def _tree_order(plan: Plan) -> list[PlanItem]:
    """The plan's items in document order: sections in order, each item followed by its subtree."""
    items = list(plan.items.order_by("order"))
    children: dict[int | None, list[PlanItem]] = {}
    for row in items:
        children.setdefault(row.parent_id, []).append(row)
    out: list[PlanItem] = []

    def walk(rows: list[PlanItem]) -> None:
        for row in rows:
            out.append(row)
            walk(children.get(row.pk, []))

    for section in plan.sections.order_by("order"):
        walk([row for row in children.get(None, []) if row.section_id == section.pk])
    return out


def _renumber(rows: Sequence[Ordered]) -> None:
    """Store ``rows``' list order as their ``order`` (items or sections of one plan), without tripping the
    unique (plan, order) index mid-update: move everything out of the way first."""
    if not rows:
        return
    model = type(rows[0])
    model.objects.filter(pk__in=[r.pk for r in rows]).update(order=models.F("order") + 1_000_000)
    for position, row in enumerate(rows, start=1):
        row.order = position
    model.objects.bulk_update(rows, ["order"])


def _in_subtree(row: PlanItem, root: PlanItem, by_id: dict[int, PlanItem]) -> bool:
    node: PlanItem | None = row
    while node is not None:
        if node.pk == root.pk:
            return True
        node = by_id.get(node.parent_id) if node.parent_id else None
    return False


@transaction.atomic
def item_create(
    *,
    plan: Plan,
    user: User,
    section: Section,
    parent: PlanItem | None = None,
    kind: str = PlanItem.Kind.ITEM,
    data: ItemData | None = None,
) -> PlanItem:
    """A new item (or sub-item, measure or label row) at the end of its section or of its parent's subtree."""
    plan = _editable_locked(plan, user)
    _require(section.plan_id == plan.pk and (parent is None or parent.plan_id == plan.pk), "Noto'g'ri joy.")
    rows = _tree_order(plan)
    by_id = {r.pk: r for r in rows}
    item = PlanItem(plan=plan, section=section, parent=parent, kind=kind, order=len(rows) + 2_000_000)
    service_ids = _apply_item_data(item, data or ItemData())
    item._history_user = user  # type: ignore[attr-defined]
    item.full_clean()
    item.save()
    _link_item(item, service_ids)
    if parent is not None:
        family = [i for i, r in enumerate(rows) if _in_subtree(r, parent, by_id)]
    else:
        family = [i for i, r in enumerate(rows) if r.section_id == section.pk]
    # In an empty section: after every item of the sections before it.
    index = family[-1] + 1 if family else sum(1 for r in rows if r.section.order < section.order)
    rows.insert(index, item)
    _renumber(rows)
    return item


@transaction.atomic
def item_delete(*, item: PlanItem, user: User) -> None:
    plan = _editable_locked(item.plan, user)
    item._history_user = user  # type: ignore[attr-defined]
    item.delete()
    _renumber(_tree_order(plan))


@transaction.atomic
def item_move(*, item: PlanItem, user: User, up: bool) -> None:
    """Swap an item (with its sub-items) with its previous or next sibling."""
    plan = _editable_locked(item.plan, user)
    rows = _tree_order(plan)
    by_id = {r.pk: r for r in rows}
    siblings = [r for r in rows if r.parent_id == item.parent_id and r.section_id == item.section_id]
    index = next(i for i, r in enumerate(siblings) if r.pk == item.pk)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(siblings):
        return
    first, second = sorted([siblings[index], siblings[other]], key=rows.index)
    block_a = [r for r in rows if _in_subtree(r, first, by_id)]
    block_b = [r for r in rows if _in_subtree(r, second, by_id)]
    start = rows.index(block_a[0])
    rows[start : start + len(block_a) + len(block_b)] = block_b + block_a
    _renumber(rows)


@transaction.atomic
def section_save(
    *,
    plan: Plan,
    user: User,
    number: str,
    title: str,
    section: Section | None = None,
    version: int | None = None,
) -> Section:
    plan = _editable_locked(plan, user)
    if section is None:
        last = plan.sections.order_by("-order").first()
        section = Section(plan=plan, order=(last.order + 1) if last else 1)
    elif version is not None and section.version != version:
        raise EditConflict(section)
    else:
        section.version += 1
    section.number, section.title = number.strip().rstrip("."), title.strip()
    _require(bool(section.title), "Bo'lim nomini yozing.")
    section._history_user = user  # type: ignore[attr-defined]
    section.full_clean()
    section.save()
    return section


@transaction.atomic
def section_delete(*, section: Section, user: User) -> None:
    plan = _editable_locked(section.plan, user)
    section._history_user = user  # type: ignore[attr-defined]
    section.delete()
    _renumber(_tree_order(plan))


@transaction.atomic
def section_move(*, section: Section, user: User, up: bool) -> None:
    """Swap a section with the one before or after it; its items go with it."""
    plan = _editable_locked(section.plan, user)
    sections = list(plan.sections.order_by("order"))
    index = next(i for i, s in enumerate(sections) if s.pk == section.pk)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(sections):
        return
    sections[index], sections[other] = sections[other], sections[index]
    _renumber(sections)
    _renumber(_tree_order(plan))
