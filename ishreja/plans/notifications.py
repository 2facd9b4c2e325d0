"""E-mail for every workflow step, to the people on the other side of it."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mass_mail
from django.urls import reverse

from ishreja.accounts.models import APPROVER_ROLES, EDITOR_ROLES, REVIEWER_ROLES, Membership, User
from ishreja.plans.models import Plan, PlanEvent

_SUBJECTS: dict[str, str] = {
    PlanEvent.Action.SUBMITTED: "{plan}: ish rejasi kelishish uchun yuborildi",
    PlanEvent.Action.RETURNED: "{plan}: ish rejasi izohlar bilan qaytarildi",
    PlanEvent.Action.AGREED: "{plan}: ish rejasi kelishildi (KELISHILDI)",
    PlanEvent.Action.APPROVED: "{plan}: ish rejasi tasdiqlandi (TASDIQLAYMAN)",
}


def recipients(plan: Plan, action: str) -> list[str]:
    """Submitting tells the reviewers above; every answer tells the centre's own editors."""
    centre_id: int | None
    if action == PlanEvent.Action.SUBMITTED:
        centre_id, roles = plan.centre.parent_id, REVIEWER_ROLES
    elif action == PlanEvent.Action.AGREED:
        centre_id, roles = plan.centre_id, APPROVER_ROLES | EDITOR_ROLES
    else:
        centre_id, roles = plan.centre_id, EDITOR_ROLES
    if centre_id is None:
        return []
    members = Membership.objects.filter(centre_id=centre_id, role__in=roles, user__is_active=True)
    return sorted(set(members.exclude(user__email="").values_list("user__email", flat=True)))


def plan_event_notify(*, plan: Plan, action: str, actor: User, note: str = "") -> int:
    subject = _SUBJECTS.get(action)
    to = [email for email in recipients(plan, action) if email != actor.email]
    if subject is None or not to:
        return 0
    link = settings.ISHREJA_BASE_URL.rstrip("/") + reverse("plans:detail", args=[plan.pk])
    body = f"{subject.format(plan=plan)}.\n\n{actor.display_name}"
    if note:
        body += f":\n{note}"
    body += f"\n\nRejani ochish: {link}\n\n— Ishreja"
    return send_mass_mail(
        [(subject.format(plan=plan), body, settings.DEFAULT_FROM_EMAIL, [email]) for email in to]
    )
