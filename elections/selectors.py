"""Reads for campaigns: what a user may see, and per-district counts of hamlet elections."""

from django.db.models import Count, QuerySet

from accounts.scoping import user_scope

from .models import Election, HamletElection


def elections_visible_to(user) -> QuerySet:
    """Campaigns of the province the user's scope lies in (a campaign covers a whole province)."""
    scope = user_scope(user)
    if scope.everything:
        return Election.objects.select_related("province")
    if scope.unit is None:
        return Election.objects.none()
    province_id = scope.unit.province_id or scope.unit.pk
    return Election.objects.filter(province_id=province_id).select_related("province")


def active_election_for(user) -> Election | None:
    return elections_visible_to(user).filter(is_active=True).order_by("-election_start").first()


def hamlet_counts_by_district(election) -> list[tuple[str, int]]:
    """Hamlet elections per district (per commune where there is no district): one query."""
    rows = (HamletElection.objects.filter(election=election)
            .values("hamlet__district__name", "hamlet__commune__name", "hamlet__district__path",
                    "hamlet__commune__path")
            .annotate(n=Count("pk")).order_by("hamlet__district__path", "hamlet__commune__path"))
    counts: dict[str, int] = {}
    for row in rows:
        label = row["hamlet__district__name"] or row["hamlet__commune__name"]
        counts[label] = counts.get(label, 0) + row["n"]
    return list(counts.items())
