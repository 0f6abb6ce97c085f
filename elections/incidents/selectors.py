"""Reads for election-period incidents: the scoped list with its filters, one incident, the notices
for the user's organisation, and the figures the dashboard and the progress report read
(`incident_figures`, `incidents_by_unit`, `serious_incidents`), each counted over the same scoped
queryset as the list they link to."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from accounts.permissions import require
from territory.models import Unit
from territory.selectors import grouping_unit

from .models import SERIOUS, Incident, IncidentNotice, IncidentStatus

RESOLVED = IncidentStatus.RESOLVED


def require_viewer(user) -> None:
    require(user, "incident.view")


_RELATED = ("hamlet__commune", "hamlet__district", "reported_by", "handled_by")


def incidents_visible_to(user) -> QuerySet:
    return Incident.objects.visible_to(user).select_related(*_RELATED)


def incidents_filtered(user, *, kind: str = "", severity: str = "", status: str = "", unit: Unit | None = None,
                       serious: bool = False, serious_open: bool = False) -> QuerySet:
    """The list page's rows: the user's incidents narrowed by kind, severity, status, a unit of the
    tree, "serious or very serious", or "serious and not yet resolved" (the home page's count and the
    dashboard's figures open exactly these)."""
    qs = incidents_visible_to(user)
    if kind:
        qs = qs.filter(kind=kind)
    if severity:
        qs = qs.filter(severity=severity)
    if status:
        qs = qs.filter(status=status)
    if unit is not None:
        qs = qs.within(unit)
    if serious or serious_open:
        qs = qs.serious()
    if serious_open:
        qs = qs.unresolved()
    return qs


def incident_for(user, pk) -> Incident:
    return Incident.objects.select_related(*_RELATED, "hamlet_election__election").get_visible_or_404(user, pk=pk)


def notices_for(user, limit: int = 10) -> list[IncidentNotice]:
    """The notices of serious incidents sent to the user's organisation, not yet resolved."""
    if not getattr(user, "organisation_id", None):
        return []
    return list(IncidentNotice.objects.filter(organisation_id=user.organisation_id)
                .exclude(incident__status=RESOLVED)
                .select_related("incident__hamlet__commune")[:limit])


@dataclass(frozen=True)
class IncidentFigures:
    total: int = 0
    serious: int = 0
    open: int = 0
    serious_open: int = 0
    resolved: int = 0


def _as_of(qs: QuerySet, as_of: datetime.datetime | None) -> tuple[QuerySet, Q]:
    """Incidents known at `as_of` and the condition "resolved by then" (now when `as_of` is None)."""
    if as_of is None:
        return qs, Q(status=RESOLVED)
    return qs.filter(reported_at__lte=as_of), Q(status=RESOLVED, resolved_at__lte=as_of)


def _aggregates(resolved: Q) -> dict:
    serious = Q(severity__in=SERIOUS)
    return {"total": Count("pk"), "serious": Count("pk", filter=serious), "resolved": Count("pk", filter=resolved),
            "serious_resolved": Count("pk", filter=serious & resolved)}


def _figures(row: dict) -> IncidentFigures:
    return IncidentFigures(total=row["total"], serious=row["serious"], resolved=row["resolved"],
                           open=row["total"] - row["resolved"],
                           serious_open=row["serious"] - row["serious_resolved"])


def incident_figures(*, within: Unit, user=None, as_of: datetime.datetime | None = None) -> IncidentFigures:
    """Incidents in `within` (those `user` may see, if given): all, serious, not resolved, serious
    and not resolved, resolved; as known at `as_of`. One query."""
    qs, resolved = _as_of(Incident.objects.within(within, user=user), as_of)
    return _figures(qs.aggregate(**_aggregates(resolved)))


def incidents_by_unit(*, within: Unit, user=None, as_of: datetime.datetime | None = None
                      ) -> dict[int | None, IncidentFigures]:
    """`incident_figures` per child unit of `within` (the district, or the commune where there is
    none: `territory.selectors.grouping_unit`). One grouped query."""
    qs, resolved = _as_of(Incident.objects.within(within, user=user), as_of)
    rows = (qs.annotate(group=grouping_unit("hamlet", under=within.level)).values("group")
            .annotate(**_aggregates(resolved)).order_by())
    return {row["group"]: _figures(row) for row in rows}


def serious_incidents(*, within: Unit, user=None, as_of: datetime.datetime | None = None,
                      limit: int = 5) -> list[Incident]:
    """The latest serious incidents in `within`, for the report's sentence and the dashboard."""
    qs, _resolved = _as_of(Incident.objects.within(within, user=user), as_of)
    return list(qs.serious().select_related("hamlet__commune")[:limit])
