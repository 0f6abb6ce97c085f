"""Reads of the territory, always through the territorial scope of the acting user.

Roll-ups take a fixed number of queries whatever the size of the tree: the descendants of each
child are grouped in the database by the denormalised ancestor column of the child's level
(district, commune), so a tree without districts works the same way.
"""

from dataclasses import dataclass

from django.db.models import Case, Count, F, IntegerField, Q, QuerySet, Sum, When
from django.db.models.functions import Coalesce
from django.urls import reverse

from common.breadcrumbs import Crumb
from common.text import search_key

from .models import Kind, Level, Unit
from .scoping import scope_of

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


def grouping_unit(path: str = "", *, under: int = Level.PROVINCE) -> Case:
    """Expression giving, for rows related to a unit through `path` ("" for units themselves, e.g.
    "hamlet" or "organisation__unit"), the id of the unit directly below a unit of level `under`
    that contains the row's unit (itself included): the grouping unit of every roll-up. Under a
    province it is the district, or the commune where there is no district (Nghị quyết
    202/2025/QH15: no district level since 1/7/2025); under a district, the commune; under a
    commune, the hamlet (`under` is the level of the unit rolled up). NULL for a unit at or above
    `under`."""
    prefix = f"{path}__" if path else ""
    own = F(f"{path}_id" if path else "pk")
    if under == Level.PROVINCE:
        whens = [When(**{f"{prefix}level": Level.DISTRICT}, then=own),
                 When(**{f"{prefix}district__isnull": False}, then=F(f"{prefix}district_id")),
                 When(**{f"{prefix}level": Level.COMMUNE}, then=own)]
        default = F(f"{prefix}commune_id")
    elif under == Level.DISTRICT:
        whens = [When(**{f"{prefix}level": Level.COMMUNE}, then=own)]
        default = F(f"{prefix}commune_id")
    else:
        whens = [When(**{f"{prefix}level": Level.HAMLET}, then=own)]
        default = None
    return Case(*whens, default=default, output_field=IntegerField())


def grouping_unit_id(unit: Unit, *, under: int = Level.PROVINCE) -> int | None:
    """`grouping_unit` for one unit in Python: e.g. the unit whose nominee list holds a hamlet."""
    if unit.level <= under:
        return None
    if under == Level.PROVINCE:
        if unit.level == Level.DISTRICT or (unit.level == Level.COMMUNE and unit.district_id is None):
            return unit.pk
        return unit.district_id or unit.commune_id
    if under == Level.DISTRICT:
        return unit.pk if unit.level == Level.COMMUNE else unit.commune_id
    return unit.pk if unit.level == Level.HAMLET else None


def grouping_units(path: str = "") -> Q:
    """Units that group a province: its districts, and its communes where there is no district;
    `path` leads from the filtered model to the unit ("" for units themselves, e.g. "unit")."""
    prefix = f"{path}__" if path else ""
    return Q(**{f"{prefix}level": Level.DISTRICT}) | Q(**{f"{prefix}level": Level.COMMUNE,
                                                         f"{prefix}district__isnull": True})


def visible_units(user) -> QuerySet:
    return Unit.objects.visible_to(user)


def top_units(user) -> list[Unit]:
    """The unit(s) a user starts from: their organisation's unit; every province for administrators."""
    scope = scope_of(user)
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


def unit_crumbs(user, unit: Unit, *, url_name: str) -> list[Crumb]:
    """Breadcrumbs from the province down to `unit`, each linked to the page `url_name` (which takes
    the unit's pk); units above the user's scope are named but not linked (their pages would answer
    404). One query."""
    scope = scope_of(user)
    return [(u.name, reverse(url_name, args=[u.pk]) if scope.contains(u) else None)
            for u in [*unit.ancestors(), unit]]


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
        hamlets = hamlets.within(unit)
    return hamlets.select_related("commune", "district").order_by("district__search_name", "commune__search_name",
                                                                  "search_name", "pk")


def communes_in_scope(user) -> QuerySet:
    return visible_units(user).filter(level=Level.COMMUNE, is_active=True).select_related("district").order_by("path")


def hamlets_by_province() -> dict[int, dict]:
    """{province id: {"hamlets", "households"}} over the active hamlets of the country: one query."""
    rows = (Unit.objects.filter(level=Level.HAMLET, is_active=True).values("province")
            .annotate(hamlets=Count("pk"), households=Coalesce(Sum("households"), 0)).order_by())
    return {row.pop("province"): row for row in rows}


def hamlets_by_unit(*, within: Unit, user=None) -> dict[int | None, dict]:
    """Per grouping unit below `within` (those `user` also sees, with a user): its active hamlets,
    rural hamlets (ấp) and urban neighbourhoods (khu phố), and their households. One query."""
    rows = (Unit.objects.filter(level=Level.HAMLET, is_active=True).within(within, user=user)
            .values(group=grouping_unit(under=within.level))
            .annotate(hamlets=Count("pk"), rural=Count("pk", filter=Q(kind=Kind.HAMLET)),
                      urban=Count("pk", filter=Q(kind=Kind.NEIGHBOURHOOD)),
                      households=Coalesce(Sum("households"), 0)).order_by())
    return {row.pop("group"): row for row in rows}


def communes_by_unit(*, within: Unit, user=None) -> dict[int | None, dict]:
    """Per grouping unit below `within` (a province or a district): its active communes. One query."""
    rows = (Unit.objects.filter(level=Level.COMMUNE, is_active=True).within(within, user=user)
            .values(group=grouping_unit(under=within.level)).annotate(communes=Count("pk")).order_by())
    return {row.pop("group"): row for row in rows}
