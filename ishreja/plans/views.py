"""Plan pages: thin views that parse input, call a selector or service, and render."""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from ishreja.accounts import access
from ishreja.centres.models import Centre
from ishreja.core.http import AuthedRequest
from ishreja.indicators.models import Indicator
from ishreja.plandoc import api as plandoc
from ishreja.plandoc.errors import PlanReadError
from ishreja.plans import services
from ishreja.plans.documents import plan_to_document
from ishreja.plans.forms import (
    BlankPlanForm,
    CommentForm,
    ItemForm,
    NoteForm,
    PlanFilterForm,
    SectionForm,
    UploadForm,
    item_initial,
)
from ishreja.plans.models import LegalAct, Plan, PlanItem, PlanStatus, Section, Unit
from ishreja.plans.pages import LazyPlanPage, plan_history, plan_page_build, plans_compare
from ishreja.plans.selectors import plan_get_for_user, plans_visible_to

PENDING_TTL = 24 * 3600


@login_required
@require_GET
def plan_list(request: AuthedRequest) -> HttpResponse:
    centres = access.centres_visible_to(request.user)
    form = PlanFilterForm(request.GET or None, centres=centres)
    plans = (
        plans_visible_to(request.user)
        .select_related("centre__parent")
        .order_by("-year", "centre__path", "-revision")
    )
    if form.is_valid():
        data = form.cleaned_data
        if data["year"]:
            plans = plans.filter(year=data["year"])
        if data["status"]:
            plans = plans.filter(status=data["status"])
        if data["centre"]:
            plans = plans.filter(centre=data["centre"])
    page = Paginator(plans, 50).get_page(request.GET.get("page"))
    return render(request, "plans/plan_list.html", {"form": form, "page": page})


def _perms(user: access.AnyUser, plan: Plan) -> dict[str, bool]:
    return {
        "can_edit": user.has_perm("plans.change_plan", plan)
        and plan.status in (PlanStatus.DRAFT, PlanStatus.RETURNED),
        "can_submit": user.has_perm("plans.submit_plan", plan),
        "can_review": user.has_perm("plans.review_plan", plan) and plan.status == PlanStatus.SUBMITTED,
        "can_approve": user.has_perm("plans.approve_plan", plan) and plan.status == PlanStatus.AGREED,
        "can_amend": user.has_perm("plans.amend_plan", plan) and plan.status == PlanStatus.APPROVED,
        "can_comment": user.has_perm("plans.comment_plan", plan),
        "can_rollover": access.can_edit_centre(user, plan.centre) and plan.status == PlanStatus.APPROVED,
    }


@login_required
@require_GET
def plan_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    plan = plan_get_for_user(user=request.user, pk=pk)
    page = LazyPlanPage(plan)
    edit_id = request.GET.get("edit")
    perms = _perms(request.user, plan)
    context = {
        **plan_history(plan),
        # The rendered table is cached by the plan's content stamp; editors' copies carry their own CSRF
        # tokens, so they are kept per person, readers share one.
        "cache_owner": request.user.pk if perms["can_edit"] or perms["can_comment"] else 0,
        "page": page,
        "plan": plan,
        "note_form": NoteForm(),
        "comment_form": CommentForm(),
        "edit_id": int(edit_id) if edit_id and edit_id.isdigit() else None,
        "items_url": reverse("plans:detail", args=[plan.pk]) + "items/",
        **perms,
    }
    return render(request, "plans/plan_detail.html", context)


@login_required
@require_GET
def plan_download(request: AuthedRequest, pk: int, fmt: str) -> HttpResponse:
    plan = plan_get_for_user(user=request.user, pk=pk)
    if fmt not in plandoc.FORMATS:
        raise Http404
    doc = plan_to_document(plan)
    data = plandoc.write_plan(doc, fmt)
    response = HttpResponse(data, content_type=plandoc.CONTENT_TYPES[fmt])
    suffix = f"-{plan.revision}-tahrir" if plan.revision > 1 else ""
    code = plan.centre.admin_unit.soato if plan.centre.admin_unit else plan.centre.pk
    response["Content-Disposition"] = (
        f'attachment; filename="ish-rejasi-{code}-{plan.year}{suffix}{plandoc.EXTENSIONS[fmt]}"'
    )
    return response


# --- New plans ---


def _own_editable_centres(user: access.AnyUser) -> list[Centre]:
    centres = {
        m.centre_id: m.centre for m in access.memberships_of(user) if access.can_edit_centre(user, m.centre)
    }
    return list(centres.values())


def _chosen_centre(request: AuthedRequest, centres: list[Centre]) -> Centre:
    """The centre a new plan is for: the one picked in the form (only among the person's own), else the
    first; people with one centre never see the choice."""
    wanted = request.POST.get("centre") or request.GET.get("centre")
    return next((c for c in centres if str(c.pk) == wanted), centres[0])


@login_required
def plan_create(request: AuthedRequest) -> HttpResponse:
    """The four ways to start a plan: upload, copy last year's, from the region's template, blank."""
    centres = _own_editable_centres(request.user)
    if not centres:
        raise PermissionDenied
    centre = _chosen_centre(request, centres)
    form = BlankPlanForm(request.POST or None, initial={"year": time.localtime().tm_year + 1})
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.plan_create_blank(
                centre=centre,
                year=form.cleaned_data["year"],
                user=request.user,
                is_template=form.cleaned_data["is_template"] and centre.level == centre.Level.REGIONAL,
            )
        except services.PlanError as exc:
            form.add_error(None, str(exc))
        else:
            return redirect("plans:detail", pk=plan.pk)
    approved = Plan.objects.filter(centre=centre, status=PlanStatus.APPROVED, is_template=False).order_by(
        "-year"
    )[:3]
    templates = Plan.objects.filter(
        centre_id=centre.parent_id or 0, is_template=True, status=PlanStatus.APPROVED
    ).order_by("-year")[:5]
    context = {
        "centre": centre,
        "form": form,
        "upload_form": UploadForm(),
        "approved": approved,
        "templates": templates,
        "can_template": centre.level == centre.Level.REGIONAL,
        "centres": centres,
    }
    return render(request, "plans/plan_create.html", context)


def _pending_dir() -> Path:
    path = Path(settings.VAR_DIR) / "pending-uploads"
    path.mkdir(parents=True, exist_ok=True)
    now = time.time()
    for old in path.glob("*.bin"):  # an abandoned preview is forgotten after a day
        if now - old.stat().st_mtime > PENDING_TTL:
            old.unlink(missing_ok=True)
    return path


@login_required
def plan_upload(request: AuthedRequest) -> HttpResponse:
    """Step 1: read the file and show it with its findings. Nothing is stored in the database; a file that
    could not be read is not kept anywhere."""
    centres = _own_editable_centres(request.user)
    if not centres:
        raise PermissionDenied
    centre = _chosen_centre(request, centres)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > settings.ISHREJA_MAX_UPLOAD_BYTES:
            form.add_error("file", f"Fayl hajmi 10 MB dan katta: {upload.size / 1024 / 1024:.1f} MB.")
        else:
            data = upload.read()
            try:
                doc = plandoc.read_plan(data, upload.name, max_bytes=settings.ISHREJA_MAX_UPLOAD_BYTES)
            except PlanReadError as exc:
                form.add_error("file", str(exc))
            else:
                token = secrets.token_urlsafe(16)
                (_pending_dir() / f"{token}.bin").write_bytes(data)
                request.session[f"upload:{token}"] = {"name": upload.name[:200], "centre": centre.pk}
                context = {"doc": doc, "token": token, "filename": upload.name, "centre": centre}
                return render(request, "plans/plan_upload_preview.html", context)
    context = {"form": form, "centre": centre, "centres": centres}
    return render(request, "plans/plan_upload.html", context)


@login_required
@require_POST
def plan_upload_confirm(request: AuthedRequest, token: str) -> HttpResponse:
    """Step 2: the person saw the preview and keeps it: store it as a draft of their centre."""
    centres = _own_editable_centres(request.user)
    pending = request.session.get(f"upload:{token}") or {}
    filename = pending.get("name")
    # Checked again: the person may have lost their role in that centre since the preview.
    centre = next((c for c in centres if c.pk == pending.get("centre")), None)
    path = _pending_dir() / f"{token}.bin"
    if (
        centre is None
        or filename is None
        or not token.replace("-", "").replace("_", "").isalnum()
        or not path.exists()
    ):
        messages.error(request, "Yuklash muddati o'tgan yoki topilmadi. Faylni qaytadan yuklang.")
        return redirect("plans:upload")
    try:
        result = services.plan_import_file(
            centre=centre, data=path.read_bytes(), filename=filename, user=request.user
        )
    except (PlanReadError, services.PlanError) as exc:
        messages.error(request, str(exc))
        return redirect("plans:upload")
    finally:
        path.unlink(missing_ok=True)
        request.session.pop(f"upload:{token}", None)
    if not result.created:
        messages.info(request, "Bu fayl avval yuklangan: mavjud reja ochildi.")
    return redirect("plans:detail", pk=result.plan.pk)


@login_required
@require_POST
def plan_rollover(request: AuthedRequest, pk: int) -> HttpResponse:
    plan = plan_get_for_user(user=request.user, pk=pk)
    try:
        new = services.plan_rollover(plan=plan, user=request.user)
    except services.PlanError as exc:
        messages.error(request, str(exc))
        return redirect("plans:detail", pk=plan.pk)
    messages.success(request, f"{new.year}-yil uchun reja loyihasi yaratildi. Reja ustunini to'ldiring.")
    return redirect("plans:detail", pk=new.pk)


@login_required
@require_POST
def plan_from_template(request: AuthedRequest, pk: int) -> HttpResponse:
    template = plan_get_for_user(user=request.user, pk=pk)
    centres = _own_editable_centres(request.user)
    if not centres:
        raise PermissionDenied
    try:
        plan = services.plan_create_from_template(
            template=template, centre=_chosen_centre(request, centres), user=request.user
        )
    except services.PlanError as exc:
        messages.error(request, str(exc))
        return redirect("plans:create")
    return redirect("plans:detail", pk=plan.pk)


# --- Workflow ---

ACTIONS: dict[str, tuple[Callable[..., Plan], str]] = {
    "submit": (services.plan_submit, "Reja kelishish uchun viloyat markaziga yuborildi."),
    "return": (services.plan_return, "Reja izohlar bilan qaytarildi."),
    "agree": (services.plan_agree, "Reja kelishildi."),
    "approve": (services.plan_approve, "Reja tasdiqlandi va kuchga kirdi."),
    "amend": (services.plan_amend, "O'zgartirish uchun yangi tahrir ochildi."),
}


@login_required
@require_POST
def plan_action(request: AuthedRequest, pk: int, action: str) -> HttpResponse:
    if action not in ACTIONS:
        raise Http404
    plan = plan_get_for_user(user=request.user, pk=pk)
    form = NoteForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    service, done = ACTIONS[action]
    try:
        result = service(plan=plan, user=request.user, note=note)
    except services.PlanError as exc:
        messages.error(request, str(exc))
        return redirect("plans:detail", pk=plan.pk)
    messages.success(request, done)
    return redirect("plans:detail", pk=result.pk)


@login_required
@require_POST
def comment_create(request: AuthedRequest, pk: int) -> HttpResponse:
    plan = plan_get_for_user(user=request.user, pk=pk)
    form = CommentForm(request.POST)
    if form.is_valid():
        item = plan.items.filter(pk=form.cleaned_data["item"]).first() if form.cleaned_data["item"] else None
        try:
            services.comment_add(plan=plan, user=request.user, text=form.cleaned_data["text"], item=item)
        except services.PlanError as exc:
            messages.error(request, str(exc))
    else:
        messages.error(request, "Izoh bo'sh bo'lmasin.")
    anchor = (
        f"#item-{form.cleaned_data.get('item')}"
        if form.is_valid() and form.cleaned_data.get("item")
        else "#comments"
    )
    return redirect(reverse("plans:detail", args=[plan.pk]) + anchor)


@login_required
@require_GET
def plan_compare(request: AuthedRequest, pk: int, other: int) -> HttpResponse:
    new = plan_get_for_user(user=request.user, pk=pk)
    old = plan_get_for_user(user=request.user, pk=other)
    return render(
        request, "plans/plan_compare.html", {"old": old, "new": new, "changes": plans_compare(old, new)}
    )


# --- Editing in place ---


def _item_for_edit(request: AuthedRequest, pk: int, item_pk: int) -> tuple[Plan, PlanItem]:
    plan = plan_get_for_user(user=request.user, pk=pk)
    item = get_object_or_404(PlanItem, pk=item_pk, plan=plan)
    if not request.user.has_perm("plans.change_plan", plan):
        raise PermissionDenied
    return plan, item


def _item_form_context(plan: Plan, item: PlanItem, form: ItemForm, **extra: object) -> dict[str, object]:
    return {
        "plan": plan,
        "item": item,
        "form": form,
        "units": Unit.objects.values_list("name", flat=True),
        "legal_acts": LegalAct.objects.only("code", "title"),
        "indicators": Indicator.objects.all(),
        **extra,
    }


@login_required
def item_edit(request: AuthedRequest, pk: int, item_pk: int) -> HttpResponse:
    """GET: the row as a form. POST: save (``autosave=1`` keeps the form open and answers with the new
    version, the save time and the findings; a plain save answers with the row)."""
    plan, item = _item_for_edit(request, pk, item_pk)
    services_list = list(plan.centre.services.all())
    names = {s.name: s.pk for s in services_list}
    if request.method != "POST":
        form = ItemForm(initial=item_initial(item, names), services=services_list)
        return render(request, "plans/_item_form.html", _item_form_context(plan, item, form))
    form = ItemForm(request.POST, services=services_list)
    autosave = request.POST.get("autosave") == "1"
    if not request.htmx:  # a plain form post (no JavaScript): save, then back to the page
        return _item_save_plain(request, plan, item, form)
    if not form.is_valid():
        return render(request, "plans/_item_form.html", _item_form_context(plan, item, form), status=422)
    indicator = request.POST.get("indicator")
    indicator_id = int(indicator) if indicator and indicator.isdigit() else None
    try:
        saved = services.item_update(
            item=item,
            user=request.user,
            version=form.cleaned_data["version"],
            data=form.item_data(indicator_id),
        )
    except services.EditConflict as exc:
        current = exc.current
        context = _item_form_context(plan, item, form, conflict=str(exc), current=current, autosave=autosave)
        return render(
            request, "plans/_item_conflict.html" if autosave else "plans/_item_form.html", context, status=409
        )
    except services.PlanError as exc:
        return render(
            request, "plans/_item_form.html", _item_form_context(plan, item, form, error=str(exc)), status=409
        )
    page = plan_page_build(plan)
    row = next(r for b in page.blocks for r in b.rows if r.item.pk == saved.pk)
    template = "plans/_item_saved.html" if autosave else "plans/_item_row_oob.html"
    items_url = reverse("plans:detail", args=[plan.pk]) + "items/"
    context = {"plan": plan, "row": row, "page": page, "item": saved, "can_edit": True}
    context["items_url"] = items_url
    return render(request, template, context)


def _item_save_plain(request: AuthedRequest, plan: Plan, item: PlanItem, form: ItemForm) -> HttpResponse:
    if form.is_valid():
        try:
            services.item_update(
                item=item,
                user=request.user,
                version=form.cleaned_data["version"],
                data=form.item_data(item.indicator_id),
            )
        except services.PlanError as exc:
            messages.error(request, str(exc))
    else:
        messages.error(request, "Formada xato bor.")
    return redirect(reverse("plans:detail", args=[plan.pk]) + f"#item-{item.pk}")


def _editable_plan(request: AuthedRequest, pk: int) -> Plan:
    plan = plan_get_for_user(user=request.user, pk=pk)
    if not request.user.has_perm("plans.change_plan", plan):
        raise PermissionDenied
    return plan


@login_required
@require_POST
def item_create(request: AuthedRequest, pk: int) -> HttpResponse:
    plan = _editable_plan(request, pk)
    section = get_object_or_404(Section, pk=request.POST.get("section"), plan=plan)
    parent_id = request.POST.get("parent")
    parent = get_object_or_404(PlanItem, pk=parent_id, plan=plan) if parent_id else None
    kind = request.POST.get("kind", PlanItem.Kind.ITEM)
    if kind not in PlanItem.Kind.values or (kind == PlanItem.Kind.MEASURE and parent is None):
        kind = PlanItem.Kind.ITEM
    try:
        item = services.item_create(plan=plan, user=request.user, section=section, parent=parent, kind=kind)
    except services.PlanError as exc:
        messages.error(request, str(exc))
        return redirect("plans:detail", pk=plan.pk)
    return redirect(reverse("plans:detail", args=[plan.pk]) + f"?edit={item.pk}#item-{item.pk}")


@login_required
@require_POST
def item_delete(request: AuthedRequest, pk: int, item_pk: int) -> HttpResponse:
    plan, item = _item_for_edit(request, pk, item_pk)
    try:
        services.item_delete(item=item, user=request.user)
    except services.PlanError as exc:
        messages.error(request, str(exc))
    return redirect("plans:detail", pk=plan.pk)


@login_required
@require_POST
def item_move(request: AuthedRequest, pk: int, item_pk: int) -> HttpResponse:
    plan, item = _item_for_edit(request, pk, item_pk)
    try:
        services.item_move(item=item, user=request.user, up=request.POST.get("direction") == "up")
    except services.PlanError as exc:
        messages.error(request, str(exc))
    return redirect(reverse("plans:detail", args=[plan.pk]) + f"#item-{item.pk}")


@login_required
@require_POST
def section_save(request: AuthedRequest, pk: int, section_pk: int | None = None) -> HttpResponse:
    plan = _editable_plan(request, pk)
    section = get_object_or_404(Section, pk=section_pk, plan=plan) if section_pk else None
    form = SectionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Bo'lim nomini yozing.")
        return redirect("plans:detail", pk=plan.pk)
    try:
        services.section_save(
            plan=plan,
            user=request.user,
            section=section,
            number=form.cleaned_data["number"],
            title=form.cleaned_data["title"],
            version=form.cleaned_data["version"],
        )
    except services.PlanError as exc:
        messages.error(request, str(exc))
    return redirect("plans:detail", pk=plan.pk)


@login_required
@require_POST
def section_delete(request: AuthedRequest, pk: int, section_pk: int) -> HttpResponse:
    plan = _editable_plan(request, pk)
    section = get_object_or_404(Section, pk=section_pk, plan=plan)
    try:
        services.section_delete(section=section, user=request.user)
    except services.PlanError as exc:
        messages.error(request, str(exc))
    return redirect("plans:detail", pk=plan.pk)


@login_required
@require_POST
def section_move(request: AuthedRequest, pk: int, section_pk: int) -> HttpResponse:
    plan = _editable_plan(request, pk)
    section = get_object_or_404(Section, pk=section_pk, plan=plan)
    try:
        services.section_move(section=section, user=request.user, up=request.POST.get("direction") == "up")
    except services.PlanError as exc:
        messages.error(request, str(exc))
    return redirect(reverse("plans:detail", args=[plan.pk]) + f"#section-{section.pk}")
