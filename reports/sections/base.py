"""What every section needs: the frame of a report (who asks, as of when, over which unit, broken
down by which child units) and small helpers. The figures themselves are asked of the apps that own
them, grouped by `territory.selectors.grouping_unit`."""

from dataclasses import dataclass, field
from datetime import datetime

from django.utils import timezone

from territory.models import Unit


@dataclass
class Frame:
    user: object | None  # the person reading; None for a report job, which reads all of root
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

    def figures_of(self, group_id: int | None, *by_group: dict) -> dict:
        """One group's figures merged from several {group id: row} results; for a report with no
        child units (a hamlet: group None), the one row each result holds."""
        merged = {}
        for rows in by_group:
            merged.update(rows.get(group_id, {}) if group_id is not None else next(iter(rows.values()), {}))
        return merged


def missing(reason: str = "") -> dict:
    """What a section returns when it has nothing to count (no campaign yet): the report says "no data yet"."""
    return {"available": False, "reason": reason}
