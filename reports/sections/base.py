"""What every section needs: the frame of a report (who asks, as of when, over which unit, broken
down by which child units) and small helpers for grouping and rates."""

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import F, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts.scoping import restrict
from territory.models import Level, Unit


@dataclass
class Frame:
    user: object
    as_of: datetime
    root: Unit
    election: object | None
    groups: list[dict] = field(default_factory=list)  # child units of root: id, name, level, kind

    @property
    def as_of_date(self):
        return timezone.localdate(self.as_of)

    @property
    def group_ids(self) -> list[int]:
        return [g["id"] for g in self.groups]

    def scoped(self, queryset: QuerySet, via: str | None) -> QuerySet:
        """`queryset` narrowed to the user's scope and to the report's unit."""
        lookup = f"{via}__path__startswith" if via else "path__startswith"
        return restrict(queryset, self.user, via=via).filter(**{lookup: self.root.path})

    def hamlets(self) -> QuerySet:
        return self.scoped(Unit.objects.filter(level=Level.HAMLET, is_active=True), None)

    def group_key(self, via: str | None = None):
        """Expression giving, for a row related to a hamlet through `via`, the id of the child unit
        of root that contains the hamlet (district, or commune where there is no district level)."""
        prefix = f"{via}__" if via else ""
        if self.root.level == Level.PROVINCE:
            return Coalesce(F(f"{prefix}district"), F(f"{prefix}commune"))
        if self.root.level == Level.DISTRICT:
            return F(f"{prefix}commune")
        return F(via) if via else F("pk")


def pct(part, whole) -> float | None:
    """Percentage rounded to one decimal, None when there is nothing to divide by."""
    if not whole:
        return None
    return round(100.0 * (part or 0) / whole, 1)


def by_group(rows, key: str = "group") -> dict:
    """{group id: row} from an aggregate `.values(group=...).annotate(...)` result."""
    return {row[key]: row for row in rows}


def missing(reason: str = "") -> dict:
    """What a section returns while its app has not landed: the report says "no data yet"."""
    return {"available": False, "reason": reason}
