"""Pages through the year: indicator links, the plan's monthly progress, the daily diary and its CSV
import, the calendar and its feed. Thin: a form parses, a service writes, a selector reads."""

from __future__ import annotations

import calendar as pycalendar
import datetime as dt
import secrets
from collections import defaultdict
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ishreja.accounts import access
from ishreja.accounts.models import User
from ishreja.centres.models import Centre, Service
from ishreja.indicators.models import Indicator
from ishreja.indicators.services import plan_items_link_indicators
from ishreja.plandoc.fields import MONTHS_UZ
from ishreja.plans.models import Plan, PlanItem, PlanStatus
from ishreja.plans.selectors import plan_get_for_user, plans_visible_to
from ishreja.progress import rules, selectors, services
from ishreja.progress.diary_csv import MAX_CSV_BYTES, DiaryRow, parse_diary_csv
from ishreja.progress.forms import DiaryCsvForm, DiaryForm, EvidenceForm, ProgressForm
from ishreja.progress.ical import centre_calendar
from ishreja.progress.models import CalendarToken, DiaryEntry, Evidence, ProgressStatus

SESSION_SERVICE = "progress_diary_service"
# The parsed CSV waits in the session between preview and confirmation (see diary_import).
SESSION_IMPORT = "progress_diary_import"
# Index 1..12: the month number reads straight into the name.
MONTH_NAMES = ("", *MONTHS_UZ)


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _centre(request: HttpRequest, pk: int) -> Centre:
    centre = access.centres_visible_to(request.user).filter(pk=pk).first()
    if centre is None:
        raise Http404
    return centre


def _approved_plan(request: HttpRequest, pk: int) -> Plan:
    plan = plan_get_for_user(user=request.user, pk=pk)
    if plan.status != PlanStatus.APPROVED:
        raise Http404
    return plan


def _item(request: HttpRequest, pk: int) -> PlanItem:
    item = (
        PlanItem.objects.filter(pk=pk, plan__in=plans_visible_to(request.user))
        .select_related("plan__centre", "indicator")
        .first()
    )
    if item is None:
        raise Http404
    return item


def _month(month: int) -> int:
    if not 1 <= month <= 12:
        raise Http404
    return month


# --- indicator links ------------------------------------------------------------------------------------


@login_required
def plan_indicators(request: HttpRequest, plan_pk: int) -> HttpResponse:
    plan = plan_get_for_user(user=request.user, pk=plan_pk)
    can_confirm = access.can_edit_centre(request.user, plan.centre)
    suggestions = selectors.indicator_suggestions(plan=plan)
    if request.method == "POST":
        if not can_confirm:
            raise PermissionDenied
        if "all" in request.POST:
            links = {s.item.pk: s.indicator.code for s in suggestions if s.indicator}
        else:
            try:
                links = {int(request.POST.get("item", "")): request.POST.get("indicator", "")}
            except ValueError:
                raise Http404 from None
        linked = plan_items_link_indicators(user=_user(request), plan=plan, links=links)
        messages.success(request, _("%(n)s ta band ko'rsatkichga bog'landi.") % {"n": linked})
        return redirect("progress:plan-indicators", plan_pk=plan.pk)
    linked_items = plan.items.filter(indicator__isnull=False).select_related("indicator").order_by("order")
    return render(
        request,
        "progress/plan_indicators.html",
        {
            "plan": plan,
            "suggestions": suggestions,
            "linked_items": linked_items,
            "can_confirm": can_confirm,
            "indicators": Indicator.objects.order_by("order"),
        },
    )


# --- progress on the plan -------------------------------------------------------------------------------


@login_required
def plan_progress_now(request: HttpRequest, plan_pk: int) -> HttpResponse:
    plan = _approved_plan(request, plan_pk)
    today = timezone.localdate()
    month = today.month if today.year == plan.year else (12 if today.year > plan.year else 1)
    return redirect("progress:plan-progress", plan_pk=plan.pk, month=month)


def _progress_context(plan: Plan, month: int, rows: list[selectors.ProgressRow]) -> dict[str, Any]:
    return {
        "plan": plan,
        "month": month,
        "month_name": MONTH_NAMES[month],
        "months": [(m, MONTH_NAMES[m]) for m in range(1, 13)],
        "rows": rows,
        "statuses": ProgressStatus.choices,
    }


@login_required
def plan_progress(request: HttpRequest, plan_pk: int, month: int) -> HttpResponse:
    plan = _approved_plan(request, plan_pk)
    rows = selectors.plan_progress_rows(user=request.user, plan=plan, month=_month(month))
    return render(request, "progress/plan_progress.html", _progress_context(plan, month, rows))


def _row_response(request: HttpRequest, item: PlanItem, month: int, **extra: Any) -> HttpResponse:
    """The item's row again (htmx), or the whole page with it (a plain form post)."""
    rows = selectors.plan_progress_rows(user=request.user, plan=item.plan, month=month)
    row = next(r for r in rows if r.item.pk == item.pk)
    for key, value in extra.items():
        setattr(row, key, value)
    if request.htmx:  # type: ignore[attr-defined]
        context = {**_progress_context(item.plan, month, rows), "row": row}
        return render(request, "progress/_progress_item.html", context)
    if not extra:
        return redirect(reverse("progress:plan-progress", args=[item.plan_id, month]) + f"#item-{item.pk}")
    return render(request, "progress/plan_progress.html", _progress_context(item.plan, month, rows))


@login_required
@require_POST
def item_progress_save(request: HttpRequest, item_pk: int, month: int) -> HttpResponse:
    item = _item(request, item_pk)
    month = _month(month)
    form = ProgressForm(request.POST)
    typed = request.POST.getlist("values")
    if not form.is_valid():
        return _row_response(request, item, month, errors=[_("Shaklni qayta yuboring.")], typed_values=typed)
    try:
        services.item_progress_save(
            user=_user(request),
            item=item,
            month=month,
            version=form.cleaned_data["version"],
            values=typed,
            status=form.cleaned_data["status"] or None,
            note=form.cleaned_data["note"],
        )
    except services.StaleProgressError as stale:
        return _row_response(
            request,
            item,
            month,
            conflict=stale.current,
            typed_values=typed,
            typed_status=form.cleaned_data["status"],
            typed_note=form.cleaned_data["note"],
        )
    except ValidationError as error:
        return _row_response(request, item, month, errors=error.messages, typed_values=typed)
    if request.htmx:  # type: ignore[attr-defined]
        return _row_response(request, item, month, saved=True)
    messages.success(request, _("Saqlandi."))
    return _row_response(request, item, month)


@login_required
@require_POST
def evidence_upload(request: HttpRequest, item_pk: int, month: int) -> HttpResponse:
    item = _item(request, item_pk)
    month = _month(month)
    form = EvidenceForm(request.POST, request.FILES)
    if not form.is_valid():
        return _row_response(request, item, month, errors=[_("Fayl tanlang.")])
    try:
        services.evidence_add(user=_user(request), item=item, month=month, upload=form.cleaned_data["file"])
    except ValidationError as error:
        return _row_response(request, item, month, errors=error.messages)
    if not request.htmx:  # type: ignore[attr-defined]
        messages.success(request, _("Fayl biriktirildi."))
    return _row_response(request, item, month, saved=bool(request.htmx))  # type: ignore[attr-defined]


@login_required
def evidence_file(request: HttpRequest, pk: int) -> FileResponse:
    evidence = get_object_or_404(
        Evidence.objects.select_related("progress__item__plan__centre"),
        pk=pk,
        progress__item__plan__in=plans_visible_to(request.user),
    )
    response = FileResponse(evidence.file.open("rb"), content_type=evidence.content_type)
    response["Content-Disposition"] = f"inline; filename*=UTF-8''{_quote(evidence.original_name)}"
    return response


def _quote(name: str) -> str:
    from urllib.parse import quote

    return quote(name, safe="")


# --- the daily diary ------------------------------------------------------------------------------------


@login_required
def diary_home(request: HttpRequest) -> HttpResponse:
    for membership in access.memberships_of(request.user):
        if access.can_edit_centre(request.user, membership.centre):
            return redirect("progress:diary", centre_pk=membership.centre_id)
    raise Http404


def _diary_services(request: HttpRequest, centre: Centre) -> list[Service]:
    return rules.services_enterable(request.user, centre, centre.services.all())


@login_required
def diary(request: HttpRequest, centre_pk: int) -> HttpResponse:
    centre = _centre(request, centre_pk)
    enterable = _diary_services(request, centre)
    today = timezone.localdate()
    remembered = request.session.get(SESSION_SERVICE)
    default_service = next((s for s in enterable if s.pk == remembered), enterable[0] if enterable else None)
    saved: DiaryEntry | None = None
    if request.method == "POST":
        if not enterable:
            raise PermissionDenied
        form = DiaryForm(request.POST, services=enterable)
        if form.is_valid():
            service, day = form.cleaned_data["service"], form.cleaned_data["date"]
            try:
                saved, _created = services.diary_entry_save(
                    user=_user(request), centre=centre, service=service, day=day, counts=form.counts()
                )
            except ValidationError as error:
                form.add_error("date", error.message_dict.get("date", error.messages))
            else:
                request.session[SESSION_SERVICE] = service.pk
                if not request.htmx:  # type: ignore[attr-defined]
                    messages.success(request, _("Saqlandi."))
                    next_day = min(day + dt.timedelta(days=1), today)
                    return redirect(
                        reverse("progress:diary", args=[centre.pk]) + f"?date={next_day:%Y-%m-%d}"
                    )
                default_service = service
                form = _next_diary_form(enterable, service, min(day + dt.timedelta(days=1), today))
    else:
        day = _date_param(request.GET.get("date")) or today
        form = _next_diary_form(enterable, default_service, min(day, today))
    shown = form.cleaned_data.get("service") if form.is_bound and hasattr(form, "cleaned_data") else None
    context = {
        "centre": centre,
        "form": form,
        "can_enter": bool(enterable),
        "saved": saved,
        "recent": selectors.diary_recent(centre=centre, service=shown or default_service, today=today),
        "service": shown or default_service,
    }
    template = "progress/_diary.html" if request.htmx else "progress/diary.html"  # type: ignore[attr-defined]
    return render(request, template, context)


def _next_diary_form(services_: list[Service], service: Service | None, day: dt.date) -> DiaryForm:
    return DiaryForm(services=services_, initial={"service": service, "date": day})


def _date_param(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None


@login_required
def diary_import(request: HttpRequest, centre_pk: int) -> HttpResponse:
    """Upload → preview of every row and every fault → confirm. The file itself is kept nowhere: its
    parsed rows wait in the person's session under a one-time key, and only a file without a single bad
    row can be confirmed; the confirmation saves all rows in one transaction."""
    centre = _centre(request, centre_pk)
    enterable = _diary_services(request, centre)
    if not enterable:
        raise PermissionDenied
    today = timezone.localdate()
    context: dict[str, Any] = {
        "centre": centre,
        "form": DiaryCsvForm(),
        "max_mb": MAX_CSV_BYTES // (1024 * 1024),
    }
    if request.method == "POST" and "confirm" in request.POST:
        pending = request.session.get(SESSION_IMPORT) or {}
        if pending.get("centre") != centre.pk or pending.get("key") != request.POST.get("key"):
            messages.error(request, _("Bu yuklash eskirgan. Faylni qaytadan yuklang."))
            return redirect("progress:diary-import", centre_pk=centre.pk)
        rows = [DiaryRow.from_json(r) for r in pending["rows"]]
        result = services.diary_rows_import(user=_user(request), centre=centre, rows=rows)
        del request.session[SESSION_IMPORT]
        messages.success(
            request,
            _("Import tugadi: %(new)s ta yangi kun qo'shildi, %(upd)s ta kun yangilandi.")
            % {"new": result.created, "upd": result.updated},
        )
        return redirect("progress:diary", centre_pk=centre.pk)
    if request.method == "POST":
        form = DiaryCsvForm(request.POST, request.FILES)
        context["form"] = form
        request.session.pop(SESSION_IMPORT, None)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            if upload.size > MAX_CSV_BYTES:
                form.add_error("file", _("Fayl 2 MB dan katta. Uni bo'lib yuklang."))
            else:
                lookup = {s.code.lower(): s.pk for s in enterable} | {s.name.lower(): s.pk for s in enterable}
                parsed = parse_diary_csv(
                    upload.read(), lookup, earliest=dt.date(today.year - 1, 1, 1), latest=today
                )
                context.update(_preview(centre, parsed))
                if parsed.rows and not parsed.errors:
                    key = secrets.token_urlsafe(16)
                    request.session[SESSION_IMPORT] = {
                        "centre": centre.pk,
                        "key": key,
                        "rows": [r.to_json() for r in parsed.rows],
                    }
                    context["key"] = key
    return render(request, "progress/diary_import.html", context)


def _preview(centre: Centre, parsed: Any) -> dict[str, Any]:
    errors_by_line: dict[int, list[Any]] = defaultdict(list)
    for error in parsed.errors:
        errors_by_line[error.line].append(error)
    existing = set(
        DiaryEntry.objects.filter(centre=centre, date__in={r.date for r in parsed.rows}).values_list(
            "service_id", "date"
        )
    )
    updates = sum(1 for r in parsed.rows if (r.service_id, r.date) in existing)
    return {
        "parsed": parsed,
        "preview_lines": [(line, cells, errors_by_line.get(line, [])) for line, cells in parsed.lines],
        "file_errors": [e for e in parsed.errors if e.line not in {line for line, _c in parsed.lines}],
        "will_create": len(parsed.rows) - updates,
        "will_update": updates,
    }


# --- calendar -------------------------------------------------------------------------------------------


@login_required
def centre_calendar_page(request: HttpRequest, centre_pk: int) -> HttpResponse:
    centre = _centre(request, centre_pk)
    today = timezone.localdate()
    try:
        year, month = (int(p) for p in request.GET.get("month", "").split("-"))
        first = dt.date(year, month, 1)
    except ValueError:
        first = today.replace(day=1)
    service_id = _int_param(request.GET.get("service"))
    due = selectors.centre_due_items(centre=centre, years=[first.year], service_id=service_id)
    by_day: dict[dt.date, list[PlanItem]] = defaultdict(list)
    for day, item in due:
        if (day.year, day.month) == (first.year, first.month):
            by_day[day].append(item)
    weeks = [
        [(day, by_day.get(day, [])) for day in week]
        for week in pycalendar.Calendar().monthdatescalendar(first.year, first.month)
    ]
    previous = (first - dt.timedelta(days=1)).replace(day=1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    token = CalendarToken.objects.filter(user=request.user, revoked_at__isnull=True).first()  # type: ignore[misc]
    feed_url = (
        request.build_absolute_uri(reverse("progress:calendar-feed", args=[token.token, centre.pk]))
        if token
        else ""
    )
    return render(
        request,
        "progress/calendar.html",
        {
            "centre": centre,
            "first": first,
            "month_name": MONTH_NAMES[first.month],
            "weeks": weeks,
            "due_list": sorted(by_day.items()),
            "previous": previous,
            "following": following,
            "services": centre.services.all(),
            "service_id": service_id,
            "feed_url": feed_url,
            "today": today,
        },
    )


def _int_param(text: str | None) -> int | None:
    return int(text) if text and text.isdigit() else None


@login_required
@require_POST
def calendar_token(request: HttpRequest) -> HttpResponse:
    if request.POST.get("action") == "revoke":
        services.calendar_token_revoke(user=_user(request))
        messages.success(request, _("Taqvim havolasi bekor qilindi."))
    else:
        services.calendar_token_renew(user=_user(request))
        messages.success(request, _("Yangi taqvim havolasi yaratildi; eskisi endi ishlamaydi."))
    back = request.POST.get("next", "")
    return redirect(back if back.startswith("/") and not back.startswith("//") else "core:home")


def calendar_feed(request: HttpRequest, token: str, centre_pk: int) -> HttpResponse:
    """No login: the secret token stands for its person, whose permissions still decide what is shown."""
    found = (
        CalendarToken.objects.filter(token=token, revoked_at__isnull=True, user__is_active=True)
        .select_related("user")
        .first()
    )
    if found is None:
        raise Http404
    centre = access.centres_visible_to(found.user).filter(pk=centre_pk).first()
    if centre is None:
        raise Http404
    CalendarToken.objects.filter(pk=found.pk).update(last_used_at=timezone.now())
    today = timezone.localdate()
    due = selectors.centre_due_items(centre=centre, years=[today.year - 1, today.year, today.year + 1])
    urls = {
        item.plan_id: request.build_absolute_uri(reverse("progress:plan-progress-now", args=[item.plan_id]))
        for _day, item in due
    }
    body = centre_calendar(centre=centre, due=due, url_of=urls)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="ishreja-{centre.pk}.ics"'
    return response


def overdue_panel(request: HttpRequest) -> HttpResponse:
    """The overdue list alone (for an htmx refresh of the home page's panel)."""
    if not request.user.is_authenticated:
        raise Http404
    return render(request, "progress/_overdue.html", {"overdue": selectors.overdue_for_user(request.user)})
