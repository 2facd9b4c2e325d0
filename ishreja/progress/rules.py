"""Who may enter what through the year, built on the permission layer (accounts.access).

Seeing follows the centre tree (can_view_centre). Entering is for the centre's own people: its director,
deputy and methodologist enter and correct everything; a staff member enters the items and diary counts
of the services they work in, and of items given to "all services".
"""

from __future__ import annotations

from collections.abc import Iterable

from ishreja.accounts import access
from ishreja.accounts.models import Role
from ishreja.centres.models import Centre, Service

MANAGER_ROLES = frozenset({Role.DIRECTOR, Role.DEPUTY, Role.METHODOLOGIST})
ALL_SERVICES = "all"


def manages_centre(user: access.AnyUser, centre: Centre) -> bool:
    return any(m.centre_id == centre.pk and m.role in MANAGER_ROLES for m in access.memberships_of(user))


def can_enter_service(user: access.AnyUser, centre: Centre, service: Service) -> bool:
    if service.centre_id != centre.pk or not access.can_edit_centre(user, centre):
        return False
    return (
        manages_centre(user, centre)
        or service.pk in access.service_ids_of(user, centre)
        or service.code == ALL_SERVICES
    )


def can_enter_item(user: access.AnyUser, centre: Centre, responsible: Iterable[Service]) -> bool:
    """May ``user`` enter the progress of an item of ``centre`` given to the ``responsible`` services?"""
    if not access.can_edit_centre(user, centre):
        return False
    if manages_centre(user, centre):
        return True
    own = access.service_ids_of(user, centre)
    return any(s.pk in own or s.code == ALL_SERVICES for s in responsible)


def services_enterable(user: access.AnyUser, centre: Centre, services: Iterable[Service]) -> list[Service]:
    return [s for s in services if can_enter_service(user, centre, s)]
