"""Demo reports of the Buxoro districts for 2026: the first two quarters accepted, the third in every state
(submitted, returned with a comment, accepted, still a draft), one late, and correction versions.
Deterministic and idempotent: a centre's period that already has a report is left alone."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from ishreja.accounts.models import Membership, User
from ishreja.centres.models import Centre
from ishreja.plans.models import Plan, PlanStatus
from ishreja.reports.models import Report, ReportEvent, ReportLine, ReportStatus
from ishreja.reports.periods import Period
from ishreja.reports.selectors import report_figures
from ishreja.reports.services import line_from_figures

YEAR = 2026
A = ReportEvent.Action
REASON = "Xona ta'mirlangani sababli foydalanuvchilar qabuli vaqtincha cheklandi."


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def _events(report: Report, steps: list[tuple[str, User | None, str, dt.datetime]]) -> None:
    for action, actor, note, at in steps:
        event = ReportEvent.objects.create(report=report, action=action, actor=actor, note=note)
        # The demo's history is dated as it would have happened, not at loading time.
        ReportEvent.objects.filter(pk=event.pk).update(created_at=at, updated_at=at)


def _report(
    *, centre: Centre, plan: Plan, period: Period, version: int, status: str, director: User | None
) -> Report:
    report = Report.objects.create(
        centre=centre,
        plan=plan,
        year=YEAR,
        period=period.slug,
        version=version,
        status=status,
        due_date=period.due_date,
        director_name=centre.director_name,
        created_by=director,
        figures_at=_at(period.due_date - dt.timedelta(days=3)),
    )
    lines = report_figures(plan=plan, period=period)
    ReportLine.objects.bulk_create(
        [line_from_figures(report, f, REASON if f.needs_reason else "") for f in lines], batch_size=500
    )
    return report


def _walk(
    *, centre: Centre, plan: Plan, period: Period, story: str, director: User | None, reviewer: User | None
) -> None:
    """One centre's period told as a story: accepted, submitted, returned, draft, late, corrected."""
    due = period.due_date
    opened = _at(due - dt.timedelta(days=4), 9)
    sent = _at(due - dt.timedelta(days=2)) if story != "late" else _at(due + dt.timedelta(days=4))
    status = {
        "accepted": ReportStatus.ACCEPTED,
        "late": ReportStatus.SUBMITTED,
        "submitted": ReportStatus.SUBMITTED,
        "returned": ReportStatus.RETURNED,
        "draft": ReportStatus.DRAFT,
        "corrected": ReportStatus.SUPERSEDED,
        "correcting": ReportStatus.ACCEPTED,
    }[story]
    report = _report(centre=centre, plan=plan, period=period, version=1, status=status, director=director)
    steps: list[tuple[str, User | None, str, dt.datetime]] = [(A.CREATED, director, "", opened)]
    if story != "draft":
        steps.append((A.SUBMITTED, director, "", sent))
        report.submitted_at, report.is_late = sent, story == "late"
    if story == "returned":
        steps.append(
            (
                A.RETURNED,
                reviewer,
                "Qatnov ko'rsatkichini kundalik bilan solishtiring.",
                sent + dt.timedelta(days=1),
            )
        )
    if story in ("accepted", "corrected", "correcting"):
        report.accepted_at = sent + dt.timedelta(days=1)
        steps.append((A.ACCEPTED, reviewer, "", report.accepted_at))
    report.save(update_fields=["submitted_at", "is_late", "accepted_at", "updated_at"])
    _events(report, steps)
    if story not in ("corrected", "correcting"):
        return
    # A correction: version 2, accepted (superseding version 1) or still being prepared.
    fixed = sent + dt.timedelta(days=12)
    second_status = ReportStatus.ACCEPTED if story == "corrected" else ReportStatus.DRAFT
    second = _report(
        centre=centre, plan=plan, period=period, version=2, status=second_status, director=director
    )
    steps = [(A.CORRECTION, director, "Mart oyi kundaligi to'liq kiritilmagan edi.", fixed)]
    if story == "corrected":
        second.submitted_at, second.accepted_at = fixed + dt.timedelta(hours=2), fixed + dt.timedelta(days=1)
        second.save(update_fields=["submitted_at", "accepted_at", "updated_at"])
        steps += [
            (A.SUBMITTED, director, "", second.submitted_at),
            (A.ACCEPTED, reviewer, "", second.accepted_at),
        ]
    _events(second, steps)


THIRD_QUARTER = ["submitted", "returned", "accepted", "late", "draft", "accepted"]


@transaction.atomic
def reports_demo_load() -> int:
    """Returns how many reports were made."""
    region = Centre.objects.filter(level=Centre.Level.REGIONAL, admin_unit__soato="1706").first()
    if region is None:
        return 0
    reviewer = User.objects.filter(username="buxoro-metodist").first()
    plans = {
        p.centre_id: p
        for p in Plan.objects.filter(centre__parent=region, year=YEAR, status=PlanStatus.APPROVED).order_by(
            "revision"
        )
    }
    directors = {
        m.centre_id: m.user
        for m in Membership.objects.filter(centre_id__in=list(plans), role="director").select_related("user")
    }
    done = set(Report.objects.filter(centre_id__in=list(plans), year=YEAR).values_list("centre_id", "period"))
    made = 0
    districts = Centre.objects.filter(pk__in=list(plans)).order_by("name")
    for index, centre in enumerate(districts):
        stories = {
            "q1": "correcting" if index == 5 else "accepted",
            "q2": "corrected" if index == 2 else "accepted",
            "q3": THIRD_QUARTER[index % len(THIRD_QUARTER)],
        }
        for slug, story in stories.items():
            if (centre.pk, slug) in done:
                continue
            period = Period(YEAR, "quarter", int(slug[1]))
            _walk(
                centre=centre,
                plan=plans[centre.pk],
                period=period,
                story=story,
                director=directors.get(centre.pk),
                reviewer=reviewer,
            )
            made += 1
    return made
