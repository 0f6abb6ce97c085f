"""Reads of the territory, always through the territorial scope of the acting user.

Roll-ups take a fixed number of queries whatever the size of the tree: the descendants of each
child are grouped in the database by the denormalised ancestor column of the child's level
(district, commune), so a tree without districts works the same way.
"""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet, Sum

from accounts.scoping import restrict, user_scope
from common.text import search_key

from .models import Level, Unit

_ANCESTOR_COLUMN = {Level.PROVINCE: "province", Level.DISTRICT: "district", Level.COMMUNE: "commune"}


@dataclass
class ChildRow:
    unit: Unit
    districts: int = 0
    communes: int = 0
    hamlets: int = 0
    households: int = 0


@dataclass
class Totals:
    districts: int = 0
    communes: int = 0
    hamlets: int = 0
    households: int = 0


def visible_units(user) -> QuerySet:
    return restrict(Unit.objects.all(), user, via=None)


def top_units(user) -> list[Unit]:
    """The unit(s) a user starts from: their organisation's unit; every province for administrators."""
    scope = user_scope(user)
    if scope.everything:
        return list(Unit.objects.filter(level=Level.PROVINCE, is_active=True).order_by("name"))
    return [scope.unit] if scope.unit is not None else []


def children_with_counts(units: list[Unit]) -> tuple[list[ChildRow], Totals]:
    """The active children of `units` (usually one unit) with, for each, the number of districts,
    communes and hamlets below it and their households; and the totals. Two queries."""
    children = list(Unit.objects.filter(parent__in=units, is_active=True)
                    .order_by("level", "search_name").only("id", "level", "kind", "code", "name", "households",
                                                            "parent_id"))
    return rows_with_counts(children)


def rows_with_counts(children: list[Unit]) -> tuple[list[ChildRow], Totals]:
    """`children` (units of any levels) with the counts below each and the totals: one query per
    level present, grouped by the denormalised ancestor column."""
    rows = {child.pk: ChildRow(child) for child in children}
    for level, column in _ANCESTOR_COLUMN.items():
        ids = [c.pk for c in children if c.level == level]
        if not ids:
            continue
        rollup = (Unit.objects.filter(**{f"{column}__in": ids}, is_active=True)
                  .values(column)
                  .annotate(districts=Count("id", filter=Q(level=Level.DISTRICT)),
                            communes=Count("id", filter=Q(level=Level.COMMUNE)),
                            hamlets=Count("id", filter=Q(level=Level.HAMLET)),
                            households=Sum("households", filter=Q(level=Level.HAMLET))))
        for item in rollup:
            row = rows[item[column]]
            row.districts, row.communes, row.hamlets = item["districts"], item["communes"], item["hamlets"]
            row.households = item["households"] or 0
    totals = Totals()
    for row in rows.values():
        totals.districts += row.districts + (row.unit.level == Level.DISTRICT)
        totals.communes += row.communes + (row.unit.level == Level.COMMUNE)
        totals.hamlets += row.hamlets + (row.unit.level == Level.HAMLET)
        if row.unit.level == Level.HAMLET:
            row.households = row.unit.households or 0
        totals.households += row.households
    return list(rows.values()), totals


def breadcrumbs(user, unit: Unit) -> list[tuple[str, Unit | None]]:
    """(label, unit or None) from the province down to `unit`; units above the user's scope are
    named but not linked (their pages would answer 404). One query."""
    scope = user_scope(user)
    return [(u.name, u if scope.contains(u) else None) for u in [*unit.ancestors(), unit]]


def units_search(user, query: str) -> QuerySet:
    """Units in the user's scope whose name contains `query`, ignoring case and diacritics."""
    key = search_key(query)
    if not key:
        return Unit.objects.none()
    return (visible_units(user).filter(search_name__contains=key, is_active=True)
            .select_related("parent", "district", "commune").order_by("level", "search_name", "pk"))


def hamlets_in_scope(user, unit: Unit | None = None) -> QuerySet:
    """Active hamlets the user sees, optionally under `unit` (which must itself be visible)."""
    hamlets = visible_units(user).filter(level=Level.HAMLET, is_active=True)
    if unit is not None:
        hamlets = hamlets.filter(path__startswith=unit.path)
    return hamlets.select_related("commune", "district").order_by("district__search_name", "commune__search_name",
                                                                  "search_name", "pk")


def communes_in_scope(user) -> QuerySet:
    return visible_units(user).filter(level=Level.COMMUNE, is_active=True).select_related("district").order_by("path")
