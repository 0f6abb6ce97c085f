"""Where each figure of the dashboard leads: the list, owned by its app, that shows the rows behind it,
filtered to the dashboard's unit. A figure gets no link where the user may not open that list (a
commune committee does not open its district's nominee list) or where no such list exists. No query:
everything is read from the report's data and the user's scope."""

from urllib.parse import urlencode

from django.urls import reverse

from accounts.permissions import user_can
from territory.models import Level
from territory.scoping import scope_of

from .selectors import ReportData


def _url(name: str, *args, **query) -> str:
    query = {k: v for k, v in query.items() if v not in (None, "")}
    return reverse(name, args=args) + (f"?{urlencode(query)}" if query else "")


class FigureLinks:
    """The links of one dashboard for one user: `totals` (figure -> url) and `row(row)` for a unit row."""

    def __init__(self, user, data: ReportData):
        self.user, self.data, self.root = user, data, data.root
        self.scope = scope_of(user)
        self.can = {action: user_can(user, action) for action in (
            "territory.view", "nomination.view", "nomination.province_overview", "directive.track",
            "complaint.read", "result.view", "incident.view")}
        self.pages = data.nomination.get("list_pages", {}) if data.nomination.get("available") else {}
        self.campaign = data.election.pk if data.election else None

    def _opens(self, path: str) -> bool:
        return self.scope.everything or (self.scope.unit is not None and path.startswith(self.scope.unit.path))

    def _nominee_list(self, unit_id: int, name: str, level: int, only: str = "") -> str:
        """The nominee list that covers the unit: its own list (a district, or a commune where there is
        none), else the list of the unit above it narrowed to the unit's name."""
        if not self.can["nomination.view"]:
            return ""
        if level == Level.PROVINCE:
            if not self.can["nomination.province_overview"] or self.campaign is None:
                return ""
            return _url("candidates:province", self.campaign) + ("#reasons" if only else "")
        own = self.pages.get(unit_id)
        if own is None:  # below the list's unit: the one covering list is root's or an ancestor's
            own = next((p for p in self.pages.values() if self.root.path.startswith(p["path"])), None)
            if own is None:
                return ""
            return _url("candidates:list", own["id"], q=name, loc=only) if self._opens(own["path"]) else ""
        return _url("candidates:list", own["id"], loc=only) if self._opens(own["path"]) else ""

    def _complaints(self, unit_id: int, level: int, **query) -> str:
        if not self.can["complaint.read"] or level == Level.HAMLET:
            return ""
        return _url("complaints:queue", **query, area=unit_id if level in (Level.DISTRICT, Level.COMMUNE) else None)

    def _results(self, unit_id: int, status: str = "") -> str:
        if not self.can["result.view"] or self.campaign is None:
            return ""
        return _url("elections:results_unit", unit_id, **{"chien-dich": self.campaign, "trang-thai": status})

    def _incidents(self, unit_id: int, **query) -> str:
        """The incident list narrowed to the unit: total (no filter), serious, serious_open, status."""
        if not self.can["incident.view"]:
            return ""
        return _url("elections:incidents", unit=unit_id, **{k: "on" if v is True else v for k, v in query.items()})

    @property
    def totals(self) -> dict[str, str]:
        root = self.root
        at_commune = root.level == Level.COMMUNE
        return {
            "hamlets": _url("territory:unit", root.pk) if self.can["territory.view"] else "",
            "nominees": self._nominee_list(root.pk, root.name, root.level),
            "exceptions": self._nominee_list(root.pk, root.name, root.level, only="ngoai-le-cho"),
            "directives": _url("directives:list") if self.can["directive.track"] else "",
            "complaints": self._complaints(root.pk, root.level, status="open"),
            "complaints_late": self._complaints(root.pk, root.level, due="late"),
            "results": self._results(root.pk),
            "recognised": self._results(root.pk, "recognised" if at_commune else ""),
            "incidents": self._incidents(root.pk),
            "incidents_serious": self._incidents(root.pk, serious=True),
            "incidents_serious_open": self._incidents(root.pk, serious_open=True),
            "incidents_resolved": self._incidents(root.pk, status="resolved"),
        }

    def row(self, row: dict) -> dict[str, str]:
        unit_id, level = row["id"], row["level"]
        return {
            "hamlets": _url("territory:unit", unit_id) if self.can["territory.view"] else "",
            "nominees": self._nominee_list(unit_id, row["name"], level),
            "exceptions": self._nominee_list(unit_id, row["name"], level, only="ngoai-le-cho"),
            "complaints": self._complaints(unit_id, level, status="open"),
            "results": self._results(unit_id),
            "incidents": self._incidents(unit_id),
            "incidents_serious_open": self._incidents(unit_id, serious_open=True),
        }
