"""The permission layer: who may see and do what, decided over the centre hierarchy in one place.

A membership at centre C lets its holder *see* C and everything below it (a region sees its districts,
the National Library sees all). *Writing* is only ever to the member's own centre. Reviewing (agreeing a
plan, accepting a report) is done by the centre directly above. Views, services and the API ask these
functions (or ``user.has_perm`` with the rules registered in ``rules.py``); nothing else decides access.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet

from ishreja.accounts.models import APPROVER_ROLES, EDITOR_ROLES, REVIEWER_ROLES, Membership, Role, User

__all__ = ["APPROVER_ROLES", "EDITOR_ROLES", "REVIEWER_ROLES"]
from ishreja.centres.models import Centre

AnyUser = User | AnonymousUser


def memberships_of(user: AnyUser) -> list[Membership]:
    """The user's memberships, loaded once per user object (one query per request)."""
    if not user.is_authenticated or not user.is_active:
        return []
    cached: list[Membership] | None = getattr(user, "_ishreja_memberships", None)
    if cached is None:
        cached = list(Membership.objects.filter(user=user).select_related("centre", "service"))
        user.__dict__["_ishreja_memberships"] = cached
    return cached


def forget_memberships(user: AnyUser) -> None:
    user.__dict__.pop("_ishreja_memberships", None)


def is_national(user: AnyUser) -> bool:
    return bool(user.is_authenticated and user.is_superuser) or any(
        m.centre.level == Centre.Level.NATIONAL for m in memberships_of(user)
    )


def centres_visible_to(user: AnyUser) -> QuerySet[Centre]:
    if user.is_authenticated and user.is_superuser:
        return Centre.objects.all()
    query = Q(pk__in=[])
    for membership in memberships_of(user):
        query |= Q(path__startswith=membership.centre.path)
    return Centre.objects.filter(query)


def centre_filter(user: AnyUser, field: str = "centre") -> Q:
    """A filter for any model with a centre foreign key: rows of the centres the user may see."""
    if user.is_authenticated and user.is_superuser:
        return Q()
    query = Q(pk__in=[])
    for membership in memberships_of(user):
        query |= Q(**{f"{field}__path__startswith": membership.centre.path})
    return query


def can_view_centre(user: AnyUser, centre: Centre) -> bool:
    if user.is_authenticated and user.is_superuser:
        return True
    return any(centre.path.startswith(m.centre.path) for m in memberships_of(user))


def can_edit_centre(user: AnyUser, centre: Centre) -> bool:
    return any(m.centre_id == centre.pk and m.role in EDITOR_ROLES for m in memberships_of(user))


def can_approve_centre(user: AnyUser, centre: Centre) -> bool:
    return any(m.centre_id == centre.pk and m.role in APPROVER_ROLES for m in memberships_of(user))


def can_review_centre(user: AnyUser, centre: Centre) -> bool:
    """Agree plans / accept reports of ``centre``: the reviewer sits at the centre directly above it."""
    return centre.parent_id is not None and any(
        m.centre_id == centre.parent_id and m.role in REVIEWER_ROLES for m in memberships_of(user)
    )


def can_administer_reference(user: AnyUser) -> bool:
    return bool(user.is_authenticated and user.is_superuser) or any(
        m.role == Role.NATIONAL_ADMIN for m in memberships_of(user)
    )


def service_ids_of(user: AnyUser, centre: Centre) -> set[int]:
    """The services a staff member works in at ``centre`` (empty for roles not tied to a service)."""
    return {
        m.service_id for m in memberships_of(user) if m.centre_id == centre.pk and m.service_id is not None
    }
