"""Writes on reports: create, refresh, reasons, submit, return, accept, correct; and the year-end rollover
of actuals into next year's fact column. Atomic, keyword-only; every step is recorded and e-mailed."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _t
from simple_history.utils import bulk_update_with_history

from ishreja.accounts import access
from ishreja.accounts.models import Membership, User
from ishreja.centres.models import Centre
from ishreja.plans.models import Plan, PlanItem, PlanStatus
from ishreja.progress.selectors import item_actuals
from ishreja.reports.models import Report, ReportEvent, ReportLine, ReportStatus
from ishreja.reports.periods import Period
from ishreja.reports.selectors import LineFigures, plan_in_force, report_figures, report_items


class ReportError(Exception):
    """A report action that cannot be done; the message is shown to the user as it is."""


def line_from_figures(report: Report, f: LineFigures, reason: str = "") -> ReportLine:
    return ReportLine(
        report=report,
        item_id=f.item_id,
        indicator_id=f.indicator_id,
        order=f.order,
        number=f.number,
        name=f.name,
        unit=f.unit,
        aggregation=f.aggregation,
        annual_target=f.annual_target,
        period_target=f.period_target,
        actual=f.actual,
        actual_values=f.actual_values,
        percent=f.percent,
        status=f.status,
        needs_reason=f.needs_reason,
        reason=reason,
        sources=f.sources,
    )


def _record(report: Report, action: str, user: User | None, note: str = "") -> None:
    ReportEvent.objects.create(report=report, action=action, actor=user, note=note)


def _emails_of(centre: Centre | None, roles: frozenset[str]) -> list[str]:
    if centre is None:
        return []
    people = Membership.objects.filter(centre=centre, role__in=roles).exclude(user__email="")
    emails = {m.user.email for m in people.select_related("user")}
    if centre.email:
        emails.add(centre.email)
    return sorted(emails)


def _notify(report: Report, *, to_reviewers: bool, subject: str, note: str) -> None:
    """E-mail the other side: the regional centre's reviewers, or the centre's director, deputy and staff
    who prepared the report. Sent after the commit, so a rolled-back step sends nothing."""
    if to_reviewers:
        recipients = _emails_of(report.centre.parent, access.REVIEWER_ROLES)
    else:
        recipients = _emails_of(report.centre, access.APPROVER_ROLES)
        if report.created_by and report.created_by.email and report.created_by.email not in recipients:
            recipients.append(report.created_by.email)
    if not recipients:
        return
    link = settings.ISHREJA_BASE_URL.rstrip("/") + reverse("reports:report-detail", args=[report.pk])
    body = "\n\n".join(part for part in (f"{report}", subject, note, link) if part)
    transaction.on_commit(
        lambda: send_mail(f"{subject}: {report}", body, None, recipients, fail_silently=True)
    )


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


@transaction.atomic
def report_create(*, centre: Centre, period: Period, user: User) -> Report:
    """The open version of the centre's report for the period, made (as a draft) when there is none."""
    _require(access.can_edit_centre(user, centre))
    existing = (
        Report.objects.filter(centre=centre, year=period.year, period=period.slug)
        .order_by("-version")
        .first()
    )
    if existing is not None:
        return existing
    plan = plan_in_force(centre=centre, year=period.year)
    if plan is None:
        raise ReportError(_t("Markazning %(year)s-yil uchun ish rejasi yo'q.") % {"year": period.year})
    report = Report(
        centre=centre,
        plan=plan,
        year=period.year,
        period=period.slug,
        due_date=period.due_date,
        director_name=centre.director_name,
        created_by=user,
    )
    report.full_clean()
    report.save()
    ReportLine.objects.bulk_create(
        [line_from_figures(report, f) for f in report_figures(plan=plan, period=period)]
    )
    _record(report, ReportEvent.Action.CREATED, user)
    return report


def _refresh(report: Report) -> None:
    """Copy the current figures into the lines, keeping the reasons written so far (matched by item)."""
    reasons = {
        item_id: reason
        for item_id, reason in report.lines.exclude(reason="").values_list("item_id", "reason")
        if item_id is not None
    }
    report.lines.all().delete()
    fresh = report_figures(plan=report.plan, period=report.period_obj)
    ReportLine.objects.bulk_create([line_from_figures(report, f, reasons.get(f.item_id, "")) for f in fresh])
    report.figures_at = timezone.now()
    report.save(update_fields=["figures_at", "updated_at"])


@transaction.atomic
def report_refresh(*, report: Report, user: User) -> Report:
    _require(access.can_edit_centre(user, report.centre))
    if not report.is_editable:
        raise ReportError(_t("Yuborilgan yoki qabul qilingan hisobot raqamlari o'zgarmaydi."))
    _refresh(report)
    return report


@transaction.atomic
def report_save_reasons(*, report: Report, user: User, reasons: dict[int, str]) -> int:
    """Store the reasons written for lines (by line id); returns how many lines changed."""
    _require(access.can_edit_centre(user, report.centre))
    if not report.is_editable:
        raise ReportError(_t("Yuborilgan yoki qabul qilingan hisobotni o'zgartirib bo'lmaydi."))
    lines = list(report.lines.filter(pk__in=list(reasons)))
    changed = [line for line in lines if line.reason != reasons[line.pk].strip()]
    for line in changed:
        line.reason = reasons[line.pk].strip()[:4000]
    if changed:
        ReportLine.objects.bulk_update(changed, ["reason", "updated_at"])
    return len(changed)


def missing_reasons(report: Report) -> list[ReportLine]:
    return list(report.lines.filter(needs_reason=True, reason="").order_by("order"))


@transaction.atomic
def report_submit(*, report: Report, user: User, note: str = "", now: dt.datetime | None = None) -> Report:
    """Send the report up to the regional centre: figures are taken as they are now, every line below the
    threshold must have a reason. Lateness is judged on the version's first submission."""
    _require(access.can_approve_centre(user, report.centre))
    report = Report.objects.select_for_update().get(pk=report.pk)
    if not report.is_editable:
        raise ReportError(_t("Bu hisobot allaqachon yuborilgan."))
    _refresh(report)
    missing = missing_reasons(report)
    if missing:
        numbers = ", ".join(line.number or line.name[:30] for line in missing[:10])
        raise ReportError(
            _t("Bajarilishi past bo'lgan bandlar uchun sabab yozing: %(numbers)s.") % {"numbers": numbers}
        )
    now = now or timezone.now()
    first = report.submitted_at is None
    if first:
        report.is_late = report.version == 1 and timezone.localdate(now) > report.due_date
    action = (
        ReportEvent.Action.SUBMITTED
        if report.status == ReportStatus.DRAFT
        else ReportEvent.Action.RESUBMITTED
    )
    report.status = ReportStatus.SUBMITTED
    report.submitted_at = now
    report.full_clean()
    report.save(update_fields=["status", "submitted_at", "is_late", "updated_at"])
    _record(report, action, user, note)
    _notify(report, to_reviewers=True, subject=str(ReportEvent.Action(action).label), note=note)
    return report


@transaction.atomic
def report_return(*, report: Report, user: User, note: str) -> Report:
    _require(access.can_review_centre(user, report.centre))
    report = Report.objects.select_for_update().get(pk=report.pk)
    if report.status != ReportStatus.SUBMITTED:
        raise ReportError(_t("Faqat yuborilgan hisobotni qaytarish mumkin."))
    if not note.strip():
        raise ReportError(_t("Qaytarishda izoh yozilishi shart."))
    report.status = ReportStatus.RETURNED
    report.save(update_fields=["status", "updated_at"])
    _record(report, ReportEvent.Action.RETURNED, user, note.strip())
    _notify(report, to_reviewers=False, subject=str(ReportEvent.Action.RETURNED.label), note=note)
    return report


@transaction.atomic
def report_accept(*, report: Report, user: User, note: str = "") -> Report:
    """Accept the report: its lines become the record. An earlier accepted version is superseded."""
    _require(access.can_review_centre(user, report.centre))
    report = Report.objects.select_for_update().get(pk=report.pk)
    if report.status != ReportStatus.SUBMITTED:
        raise ReportError(_t("Faqat yuborilgan hisobotni qabul qilish mumkin."))
    Report.objects.filter(
        centre_id=report.centre_id,
        year=report.year,
        period=report.period,
        status=ReportStatus.ACCEPTED,
        version__lt=report.version,
    ).update(status=ReportStatus.SUPERSEDED, updated_at=timezone.now())
    report.status = ReportStatus.ACCEPTED
    report.accepted_at = timezone.now()
    report.save(update_fields=["status", "accepted_at", "updated_at"])
    _record(report, ReportEvent.Action.ACCEPTED, user, note)
    _notify(report, to_reviewers=False, subject=str(ReportEvent.Action.ACCEPTED.label), note=note)
    return report


@transaction.atomic
def report_correct(*, report: Report, user: User, note: str = "") -> Report:
    """Open a correction of an accepted report: a new version, a draft with the same reasons and today's
    figures. The accepted version stays in force until the correction is accepted."""
    _require(access.can_edit_centre(user, report.centre))
    if report.status != ReportStatus.ACCEPTED:
        raise ReportError(_t("Faqat qabul qilingan hisobotga tuzatish kiritiladi."))
    if Report.objects.filter(
        centre_id=report.centre_id, year=report.year, period=report.period, version__gt=report.version
    ).exists():
        raise ReportError(_t("Bu hisobotning yangiroq versiyasi bor."))
    new = Report(
        centre=report.centre,
        plan=report.plan,
        year=report.year,
        period=report.period,
        version=report.version + 1,
        due_date=report.due_date,
        director_name=report.director_name,
        created_by=user,
    )
    new.full_clean()
    new.save()
    reasons = {line.item_id: line.reason for line in report.lines.exclude(reason="")}
    fresh = report_figures(plan=report.plan, period=report.period_obj)
    ReportLine.objects.bulk_create([line_from_figures(new, f, reasons.get(f.item_id, "")) for f in fresh])
    _record(new, ReportEvent.Action.CORRECTION, user, note)
    _notify(new, to_reviewers=True, subject=str(ReportEvent.Action.CORRECTION.label), note=note)
    return new


def _match_key(item: PlanItem) -> str:
    return item.number.strip().rstrip(".")


@transaction.atomic
def report_year_actuals_to_fact(*, plan_next_year: Plan, user: User | None = None) -> int:
    """Fill the fact column of next year's DRAFT plan with this year's actuals. An item is matched to this
    year's item linked to the same indicator (when exactly one is), else to the item with the same number.
    Returns the number of items filled."""
    if plan_next_year.status != PlanStatus.DRAFT:
        raise ReportError(_t("Fakt ustuni faqat loyiha holatidagi rejaga yoziladi."))
    year = plan_next_year.year - 1
    previous = plan_in_force(centre=plan_next_year.centre, year=year)
    if previous is None:
        raise ReportError(_t("Markazning %(year)s-yil uchun ish rejasi yo'q.") % {"year": year})
    old_items = report_items(previous)
    actuals = item_actuals(items=old_items, months=list(range(1, 13)))
    by_indicator: dict[int, list[PlanItem]] = {}
    by_number: dict[str, PlanItem] = {}
    for item in old_items:
        if item.indicator_id:
            by_indicator.setdefault(item.indicator_id, []).append(item)
        if _match_key(item):
            by_number.setdefault(_match_key(item), item)
    changed: list[PlanItem] = []
    # Whole rows (not report_items' narrow ones): the history records copy every field.
    for item in plan_next_year.items.exclude(kind=PlanItem.Kind.LABEL).order_by("order"):
        same = by_indicator.get(item.indicator_id or 0, [])
        source = same[0] if len(same) == 1 else by_number.get(_match_key(item)) if _match_key(item) else None
        values = actuals[source.pk].values if source is not None else []
        if not values:
            continue
        item.fact_values = [_plain(v) for v in values]
        item.fact_text = ""
        item.version += 1
        changed.append(item)
    if changed:
        bulk_update_with_history(
            changed, PlanItem, ["fact_values", "fact_text", "version", "updated_at"], default_user=user
        )
    if plan_next_year.fact_year != year:
        plan_next_year.fact_year = year
        plan_next_year.version += 1
        plan_next_year.save(update_fields=["fact_year", "version", "updated_at"])
    return len(changed)


def _plain(value: Decimal) -> str:
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text
