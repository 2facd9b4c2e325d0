"""Report pages: a centre's period (live figures or its report), the workflow steps, the drill-down to the
records behind a line, the consolidated tables and the exports. Thin: selectors and services do the work."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from ishreja.accounts import access
from ishreja.accounts.models import User
from ishreja.centres.models import Centre
from ishreja.reports import charts, exports, services
from ishreja.reports.consolidation import SOURCES, Consolidation, consolidation_build
from ishreja.reports.figures import STATUS_LABELS
from ishreja.reports.models import Report
from ishreja.reports.periods import (
    Period,
    PeriodError,
    latest_ended_quarter,
    period_from_slug,
    periods_of_year,
)
from ishreja.reports.selectors import (
    centre_get_for_user,
    derived_of_lines,
    line_records,
    plan_in_force,
    reason_threshold,
    report_figures,
    report_get_for_user,
    report_lines,
    report_versions,
    reports_visible_to,
    reports_waiting_for,
)


class NoteForm(forms.Form):
    note = forms.CharField(label=_("Izoh"), required=False, max_length=4000, widget=forms.Textarea)


def _period(year: int, slug: str) -> Period:
    try:
        return period_from_slug(year, slug)
    except PeriodError:
        raise Http404 from None


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


@login_required
def report_list(request: HttpRequest) -> HttpResponse:
    """The person's own centres' reports and the reports waiting for their review."""
    user = _user(request)
    own_ids = [m.centre_id for m in access.memberships_of(user)]
    context = {
        "own": list(
            reports_visible_to(user).filter(centre_id__in=own_ids).order_by("-year", "-updated_at")[:50]
        ),
        "waiting": list(reports_waiting_for(user).order_by("submitted_at")[:100]),
        "current": latest_ended_quarter(timezone.localdate()),
        "own_centres": [m.centre for m in access.memberships_of(user)],
    }
    return render(request, "reports/report_list.html", context)


def _completion_svg(lines: list[Any], threshold: Decimal, title: str) -> str:
    shown = [line for line in lines if line.percent is not None][:40]
    if not shown:
        return ""
    return charts.completion_chart(
        labels=[(line.number or line.name[:18]).strip() for line in shown],
        percents=[line.percent for line in shown],
        threshold=threshold,
        title=title,
    )


@login_required
def centre_period(request: HttpRequest, centre_id: int, year: int, period: str) -> HttpResponse:
    """A centre's period: its latest report version if there is one, else the live figures (a preview)
    with a button to start the report."""
    user = _user(request)
    centre = centre_get_for_user(user=user, pk=centre_id)
    the_period = _period(year, period)
    versions = report_versions(centre=centre, period=the_period)
    if versions:
        return redirect("reports:report-detail", pk=versions[0].pk)
    plan = plan_in_force(centre=centre, year=year)
    lines = report_figures(plan=plan, period=the_period) if plan else []
    threshold = reason_threshold()
    context = {
        "centre": centre,
        "period": the_period,
        "plan": plan,
        "lines": lines,
        "derived": derived_of_lines(lines),
        "threshold": threshold,
        "status_labels": STATUS_LABELS,
        "can_create": plan is not None and access.can_edit_centre(user, centre),
        "periods": periods_of_year(year),
    }
    return render(request, "reports/centre_period.html", context)


@login_required
@require_POST
def report_create(request: HttpRequest, centre_id: int, year: int, period: str) -> HttpResponse:
    user = _user(request)
    centre = centre_get_for_user(user=user, pk=centre_id)
    try:
        report = services.report_create(centre=centre, period=_period(year, period), user=user)
    except services.ReportError as error:
        messages.error(request, str(error))
        return redirect("reports:centre-period", centre_id=centre.pk, year=year, period=period)
    return redirect("reports:report-detail", pk=report.pk)


def _report_context(request: HttpRequest, report: Report) -> dict[str, Any]:
    user = _user(request)
    lines = report_lines(report)
    threshold = reason_threshold()
    centre = report.centre
    return {
        "report": report,
        "centre": centre,
        "period": report.period_obj,
        "lines": lines,
        "derived": derived_of_lines(lines),
        "threshold": threshold,
        "events": list(report.events.select_related("actor")),
        "versions": report_versions(centre=centre, period=report.period_obj),
        "can_edit": report.is_editable and access.can_edit_centre(user, centre),
        "can_submit": report.is_editable and access.can_approve_centre(user, centre),
        "can_review": report.status == "submitted" and access.can_review_centre(user, centre),
        "can_correct": report.status == "accepted" and access.can_edit_centre(user, centre),
        "missing": [line for line in lines if line.needs_reason and not line.reason],
        "note_form": NoteForm(),
    }


@login_required
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = report_get_for_user(user=_user(request), pk=pk)
    return render(request, "reports/report_detail.html", _report_context(request, report))


@login_required
@require_POST
def report_reasons(request: HttpRequest, pk: int) -> HttpResponse:
    """Save the reasons typed into the lines (htmx: the table comes back; else the page)."""
    user = _user(request)
    report = report_get_for_user(user=user, pk=pk)
    reasons: dict[int, str] = {}
    for key in request.POST:
        if key.startswith("reason-") and key[7:].isdigit():
            reasons[int(key[7:])] = request.POST.get(key, "")
    try:
        services.report_save_reasons(report=report, user=user, reasons=reasons)
        if request.POST.get("refresh"):
            services.report_refresh(report=report, user=user)
    except services.ReportError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _t("Saqlandi."))
    if getattr(request, "htmx", False):
        return render(request, "reports/_report_lines.html", _report_context(request, report))
    return redirect("reports:report-detail", pk=report.pk)


def _step(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    user = _user(request)
    report = report_get_for_user(user=user, pk=pk)
    form = NoteForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    done = {
        "submit": (services.report_submit, _("Hisobot viloyat markaziga yuborildi.")),
        "return": (services.report_return, _("Hisobot izoh bilan qaytarildi.")),
        "accept": (services.report_accept, _("Hisobot qabul qilindi.")),
        "correct": (services.report_correct, _("Tuzatish versiyasi ochildi.")),
    }
    service, message = done[action]
    try:
        result = service(report=report, user=user, note=note)
    except services.ReportError as error:
        messages.error(request, str(error))
        return redirect("reports:report-detail", pk=report.pk)
    messages.success(request, message)
    return redirect("reports:report-detail", pk=result.pk)


@login_required
@require_POST
def report_submit(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(request, pk, "submit")


@login_required
@require_POST
def report_return(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(request, pk, "return")


@login_required
@require_POST
def report_accept(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(request, pk, "accept")


@login_required
@require_POST
def report_correct(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(request, pk, "correct")


@login_required
def line_detail(request: HttpRequest, pk: int, line_id: int) -> HttpResponse:
    """The drill-down's last step: the diary days or monthly progress behind one line."""
    report = report_get_for_user(user=_user(request), pk=pk)
    line = get_object_or_404(report.lines.select_related("item", "indicator", "report"), pk=line_id)
    records = line_records(line=line, period=report.period_obj)
    return render(
        request,
        "reports/line_detail.html",
        {"report": report, "line": line, "records": records, "status_labels": STATUS_LABELS},
    )


def _download(sheet: exports.Sheet, fmt: str, name: str) -> HttpResponse:
    if fmt not in exports.WRITERS:
        raise Http404
    writer, content_type = exports.WRITERS[fmt]
    response = HttpResponse(writer(sheet), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@login_required
def report_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    report = report_get_for_user(user=_user(request), pk=pk)
    lines = report_lines(report)
    chart = _completion_svg(lines, reason_threshold(), report.period_obj.label) if fmt == "pdf" else ""
    sheet = exports.report_sheet(report, lines, derived_of_lines(lines), chart)
    return _download(
        sheet, fmt, f"hisobot-{report.centre_id}-{report.year}-{report.period}-v{report.version}"
    )


def _consolidation_chart(cons: Consolidation, code: str) -> tuple[str, str]:
    row = cons.row(code) or (cons.rows[0] if cons.rows else None)
    if row is None:
        return "", ""
    svg = charts.bar_chart(
        title=f"{row.indicator.name} — {cons.period.label}",
        labels=[c.label for c in cons.columns],
        current=[cell.value for cell in row.cells],
        current_label=cons.period.label,
        flagged=[cell.outlier for cell in row.cells],
    )
    return svg, row.indicator.code


@login_required
def consolidation_home(request: HttpRequest) -> HttpResponse:
    """Where a person's consolidation starts: their highest centre, the quarter that has just ended."""
    memberships = access.memberships_of(_user(request))
    if not memberships:
        raise Http404
    top = min((m.centre for m in memberships), key=lambda c: (c.level, c.path))
    period = latest_ended_quarter(timezone.localdate())
    if top.level >= Centre.Level.DISTRICT:
        return redirect("reports:centre-period", centre_id=top.pk, year=period.year, period=period.slug)
    return redirect("reports:consolidation", centre_id=top.pk, year=period.year, period=period.slug)


def _source(request: HttpRequest) -> str:
    """Which figures a consolidation adds up: today's (the default) or the accepted reports'."""
    wanted = request.GET.get("source", "live")
    return wanted if wanted in SOURCES else "live"


@login_required
def consolidation(request: HttpRequest, centre_id: int, year: int, period: str) -> HttpResponse:
    centre = centre_get_for_user(user=_user(request), pk=centre_id)
    the_period = _period(year, period)
    cons = consolidation_build(root=centre, period=the_period, source=_source(request))
    codes = {row.indicator.code for row in cons.rows}
    wanted = request.GET.get("chart", "loans")
    context = {
        "cons": cons,
        "centre": centre,
        "period": the_period,
        "chart_code": wanted if wanted in codes else next(iter(sorted(codes)), ""),
        "periods": periods_of_year(year),
        "years": [year - 1, year, year + 1],
    }
    return render(request, "reports/consolidation.html", context)


@login_required
def consolidation_chart(request: HttpRequest, centre_id: int, year: int, period: str) -> HttpResponse:
    """The chart of one indicator across the columns, loaded by the page after the table (htmx): drawing
    takes longer than the table, so the figures come first."""
    centre = centre_get_for_user(user=_user(request), pk=centre_id)
    cons = consolidation_build(root=centre, period=_period(year, period), source=_source(request))
    chart = _consolidation_chart(cons, request.GET.get("chart", "loans"))[0]
    return render(request, "reports/_chart.html", {"chart": chart})


@login_required
def report_chart(request: HttpRequest, pk: int) -> HttpResponse:
    """The completion chart of a report version (htmx partial of the report page)."""
    report = report_get_for_user(user=_user(request), pk=pk)
    chart = _completion_svg(report_lines(report), reason_threshold(), report.period_obj.label)
    return render(request, "reports/_chart.html", {"chart": chart})


@login_required
def centre_period_chart(request: HttpRequest, centre_id: int, year: int, period: str) -> HttpResponse:
    """The completion chart of a centre's live figures (htmx partial of the preview page)."""
    centre = centre_get_for_user(user=_user(request), pk=centre_id)
    the_period = _period(year, period)
    plan = plan_in_force(centre=centre, year=year)
    lines = report_figures(plan=plan, period=the_period) if plan else []
    chart = _completion_svg(lines, reason_threshold(), the_period.label)
    return render(request, "reports/_chart.html", {"chart": chart})


@login_required
def consolidation_export(
    request: HttpRequest, centre_id: int, year: int, period: str, fmt: str
) -> HttpResponse:
    centre = centre_get_for_user(user=_user(request), pk=centre_id)
    cons = consolidation_build(root=centre, period=_period(year, period), source=_source(request))
    chart = _consolidation_chart(cons, request.GET.get("chart", "loans"))[0] if fmt == "pdf" else ""
    sheet = exports.consolidation_sheet(cons, chart_svg=chart)
    return _download(sheet, fmt, f"yigma-{centre.pk}-{year}-{period}")
