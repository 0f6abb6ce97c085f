"""Reads for campaigns: what a user may see, and per-district counts of hamlet elections."""

import datetime

from django.db.models import Count, Q, QuerySet

from territory.models import Unit
from territory.scoping import scope_of
from territory.selectors import grouping_unit

from .models import Election, HamletElection


def elections_visible_to(user) -> QuerySet:
    """Campaigns of the province the user's scope lies in (a campaign covers a whole province)."""
    scope = scope_of(user)
    if scope.everything:
        return Election.objects.select_related("province")
    if scope.unit is None:
        return Election.objects.none()
    province_id = scope.unit.province_id or scope.unit.pk
    return Election.objects.filter(province_id=province_id).select_related("province")


def active_election_for(user) -> Election | None:
    return elections_visible_to(user).filter(is_active=True).order_by("-election_start").first()


def hamlet_counts_by_district(election) -> list[tuple[str, int]]:
    """Hamlet elections per grouping unit (district, or commune where there is no district), in
    the order of the tree: two queries."""
    counts = dict(HamletElection.objects.filter(election=election).values_list(grouping_unit("hamlet"))
                  .annotate(n=Count("pk")).order_by())
    units = sorted(Unit.objects.in_bulk([pk for pk in counts if pk]).values(), key=lambda unit: unit.path)
    return [(unit.name, counts[unit.pk]) for unit in units]


def schedule_by_unit(*, election: Election, within: Unit, day: datetime.date, user=None) -> dict[int | None, dict]:
    """Per grouping unit below `within` (those hamlets `user` also sees, with a user): hamlet
    elections with a date set, and those whose date is on or before `day`. One query."""
    rows = (HamletElection.objects.filter(election=election).within(within, user=user)
            .values(group=grouping_unit("hamlet", under=within.level))
            .annotate(scheduled=Count("pk", filter=Q(election_date__isnull=False)),
                      held=Count("pk", filter=Q(election_date__lte=day))).order_by())
    return {row.pop("group"): row for row in rows}
