"""Who may do what: the one permission table (action -> organisation kind -> roles) and the
functions that read it. Rules, services, views and templates ask `user_can(user, action)`,
`require(user, action)`, `permission_required(action)` or `{% if user|can:"action" %}`; nothing
else in the code names organisation kinds or roles to decide access.

Object rules (the list's own district, the dispatch's own organisation, the hamlet inside the
user's territory) stay in each app's rules and add to the table, never replace it.
"""

from django.db.models import Q

from common.permissions import PermissionRequiredMixin, permission_required, require  # noqa: F401  (the guards)
from territory.models import Level

from .models import UNIT_LEVEL_BY_KIND, OrganisationKind, Role

OFFICE = OrganisationKind.PROVINCIAL_OFFICE
STANDING = OrganisationKind.STANDING_COMMITTEE
AGENCY = OrganisationKind.AGENCY
DISTRICT = OrganisationKind.DISTRICT_COMMITTEE
COMMUNE = OrganisationKind.COMMUNE_COMMITTEE
CELL = OrganisationKind.CELL
CENTRAL = OrganisationKind.CENTRAL_COMMITTEE

EVERY_ROLE = frozenset(Role.values)
EDITORS = frozenset({Role.OFFICER, Role.LEADER})  # viewers only read
LEADERS = frozenset({Role.LEADER})


def _grant(kinds, roles: frozenset = EVERY_ROLE) -> dict[str, frozenset]:
    return dict.fromkeys(kinds, roles)


PROVINCE_LEVEL = tuple(k for k, level in UNIT_LEVEL_BY_KIND.items() if level == Level.PROVINCE)  # office, standing
WITH_TERRITORY = tuple(k for k in OrganisationKind.values if k != AGENCY)  # agencies have no territory
TRACKERS = (OFFICE, STANDING, DISTRICT, COMMUNE)  # committees that follow a subtree or the province

# action -> {organisation kind: roles allowed}. A kind that is absent may not do the action.
PERMISSIONS: dict[str, dict[str, frozenset]] = {
    # Territory (domain-rules §3): any unit is browsed by organisations with a territory.
    "territory.view": _grant(WITH_TERRITORY),
    "territory.import_hamlets": _grant((OFFICE, DISTRICT, COMMUNE), EDITORS),
    # Election campaigns: the province reads them, its office creates them.
    "campaign.view": _grant(PROVINCE_LEVEL),
    "campaign.create": _grant((OFFICE,), EDITORS),
    "campaign.sync_hamlets": _grant((OFFICE,), EDITORS),
    # Results (domain-rules §6.4): everyone with a territory reads; the commune or the office records.
    "result.view": _grant(WITH_TERRITORY),
    "result.record": _grant((COMMUNE, OFFICE), EDITORS),
    # Election-period incidents (issue 21): everyone with a territory reads those in it; the cell, the
    # commune and the district log them; the committees above the hamlet and the office handle them.
    "incident.view": _grant(WITH_TERRITORY),
    "incident.log": _grant((DISTRICT, COMMUNE, CELL), EDITORS),
    "incident.handle": _grant((OFFICE, DISTRICT, COMMUNE), EDITORS),
    # Nomination: the owning committee (district, or commune where there is none) prepares the
    # list; the provincial office reviews it; exceptions are requested and decided by the owner.
    "nomination.view": _grant(WITH_TERRITORY),
    "nomination.province_overview": _grant(PROVINCE_LEVEL),
    "nominee_list.prepare": _grant((DISTRICT, COMMUNE), EDITORS),
    "nominee_list.review": _grant((OFFICE,), EDITORS),
    "nominee.withdraw": _grant(OrganisationKind.values, EDITORS),
    "exception.request": _grant((DISTRICT, COMMUNE), EDITORS),
    "exception.decide": _grant((DISTRICT, COMMUNE), LEADERS),
    # The cell's secretary (Đề án 02-ĐA/TU): a fact of the cell, recorded by the cell itself or by
    # the commune committee above it on its behalf; the committees that follow nomination read it.
    "cell.secretary_view": _grant((*TRACKERS, CELL)),
    "cell.secretary_record": _grant((COMMUNE, CELL), EDITORS),
    # Letters: the standing committee reads the register, never writes.
    "complaint.read": _grant(TRACKERS),
    "complaint.register": _grant((OFFICE, DISTRICT, COMMUNE), EDITORS),
    "complaint.handle": _grant((OFFICE, DISTRICT, COMMUNE), EDITORS),
    "complaint.approve": _grant((OFFICE, DISTRICT, COMMUNE), LEADERS),
    # Directives: the office registers and sends; committees track; every recipient acts on its own dispatch.
    "directive.register": _grant((OFFICE,), EDITORS),
    "directive.track": _grant(TRACKERS),
    "dispatch.act": _grant(OrganisationKind.values, EDITORS),
    # Tasks of a directive (3321-CV/TU's five): the office lists them; each recipient reports on its own.
    "directive.tasks_define": _grant((OFFICE,), EDITORS),
    "task.report": _grant(OrganisationKind.values, EDITORS),
    # Progress reports.
    "report.dashboard": _grant((*TRACKERS, CENTRAL)),
    "report.archive": _grant(PROVINCE_LEVEL),
    "report.generate": _grant((OFFICE,), EDITORS),
    "report.national": _grant((CENTRAL,)),
}
# Actions a superuser holds only through an organisation and role like anyone else: a named
# officer of the committee must act (Luật Tố cáo 2018 for letters; a dispatch is its recipient's).
THROUGH_ORGANISATION_ONLY = frozenset({"complaint.handle", "complaint.approve", "dispatch.act"})


def role_allows(kind: str | None, role: str | None, action: str) -> bool:
    """The table itself: may a user of organisation `kind` with `role` do `action`?"""
    return role in PERMISSIONS[action].get(kind, ())


def kinds_for(action: str) -> frozenset[str]:
    """The organisation kinds that may do `action` (with some role)."""
    return frozenset(PERMISSIONS[action])


def holders(action: str) -> Q:
    """A filter on users whose organisation kind and role allow `action` (the table as a query)."""
    query = Q(pk__in=[])
    for kind, roles in PERMISSIONS[action].items():
        query |= Q(organisation__kind=kind, role__in=sorted(roles))
    return query


def holds(user, action: str) -> bool:
    """`user`'s organisation kind and role allow `action` (superusers get nothing extra here)."""
    if not (user.is_authenticated and user.is_active) or user.organisation_id is None:
        return False
    return role_allows(user.organisation.kind, user.role, action)


def user_can(user, action: str) -> bool:
    """May `user` do `action`? Active superusers may do everything but THROUGH_ORGANISATION_ONLY."""
    if action not in PERMISSIONS:
        raise KeyError(f"unknown action {action!r}")
    if user.is_authenticated and user.is_active and user.is_superuser and action not in THROUGH_ORGANISATION_ONLY:
        return True
    return holds(user, action)
