"""The province-wide roll-up of nomination: every district's list side by side, and the
grouped figures (concurrency, exceptions, lists, coverage) the progress and national reports read."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from django.db.models import Count, F, Q, QuerySet

from common.numbers import percent
from elections.models import HamletElection
from territory.models import Level, Unit
from territory.selectors import grouping_unit

from ..models import (
    ConcurrencyException,
    ExceptionDecision,
    ExceptionReason,
    ListStatus,
    Nominee,
    NomineeList,
    NomineeStatus,
)
from .lists import list_units, nominee_lists_visible_to


@dataclass
class DistrictSummary:
    unit: Unit
    nominee_list: NomineeList | None = None
    hamlets: int = 0
    covered: int = 0
    secretaries: int = 0
    exceptions: dict = field(default_factory=dict)  # decision -> count

    @property
    def status(self) -> str:
        return self.nominee_list.status if self.nominee_list else ListStatus.DRAFT

    @property
    def status_label(self) -> str:
        return str(ListStatus(self.status).label)

    @property
    def concurrency_rate(self) -> Decimal | None:
        """Share of the district's hamlets with a nominee whose nominees include the party cell
        secretary (percent; the same definition as the progress report), None before any nominee."""
        return percent(self.secretaries, self.covered)


@dataclass
class ProvinceOverview:
    districts: list
    exceptions_by_reason: list  # (label, pending, approved, refused)
    hamlets: int
    covered: int
    secretaries: int

    @property
    def concurrency_rate(self) -> Decimal | None:
        return percent(self.secretaries, self.covered)

    @property
    def waiting(self) -> list:
        return [d for d in self.districts if d.status == ListStatus.SUBMITTED]


def province_overview(user, election) -> ProvinceOverview:
    """All districts side by side: a fixed number of queries whatever the number of hamlets."""
    units = list(list_units(election).visible_to(user).order_by("code", "path"))
    summaries = {u.pk: DistrictSummary(u) for u in units}
    hamlets = (HamletElection.objects.filter(election=election, hamlet__is_active=True).visible_to(user)
               .values(group=grouping_unit("hamlet")).annotate(n=Count("pk")).order_by())
    for row in hamlets:
        if summary := summaries.get(row["group"]):
            summary.hamlets += row["n"]
    for group, row in concurrency_by_unit(user=user, election=election, within=election.province).items():
        if summary := summaries.get(group):
            summary.covered += row["covered"]
            summary.secretaries += row["secretaries"]
    for nominee_list in nominee_lists_visible_to(user, election):
        if nominee_list.unit_id in summaries:
            summaries[nominee_list.unit_id].nominee_list = nominee_list
    by_reason = defaultdict(lambda: defaultdict(int))
    for row in (ConcurrencyException.objects.filter(nominee_list__election=election).visible_to(user)
                .values("nominee_list__unit_id", "reason", "decision").annotate(n=Count("pk")).order_by()):
        summary = summaries.get(row["nominee_list__unit_id"])
        if summary:
            summary.exceptions[row["decision"]] = summary.exceptions.get(row["decision"], 0) + row["n"]
        by_reason[row["reason"]][row["decision"]] += row["n"]
    reasons = [(str(label), by_reason[value][ExceptionDecision.PENDING], by_reason[value][ExceptionDecision.APPROVED],
                by_reason[value][ExceptionDecision.REFUSED]) for value, label in ExceptionReason.choices]
    rows = list(summaries.values())
    return ProvinceOverview(
        districts=rows, exceptions_by_reason=reasons, hamlets=sum(r.hamlets for r in rows),
        covered=sum(r.covered for r in rows), secretaries=sum(r.secretaries for r in rows),
    )


# --- Figures for the progress report --------------------------------------------------------


def concurrency_by_unit(*, election, within: Unit, user=None, as_of: datetime | None = None
                        ) -> dict[int | None, dict]:
    """Per grouping unit below `within` (`territory.selectors.grouping_unit`), over its hamlets (those
    `user` also sees, with a user): hamlets covered by a nominee, those whose nominees include the party cell
    secretary (the concurrency policy, Đề án 02-ĐA/TU; a hamlet counts once whatever its number of nominees),
    nominees, women and party members. One query. With
    `as_of`, the nominees standing at that moment; without it, the active nominees of active hamlets."""
    via = "hamlet_election__hamlet"
    nominees = Nominee.objects.filter(hamlet_election__election=election).within(within, user=user)
    if as_of is None:
        nominees = nominees.filter(status=NomineeStatus.ACTIVE, hamlet_election__hamlet__is_active=True)
    else:
        nominees = nominees.filter(Q(created_at__lte=as_of), Q(status=NomineeStatus.ACTIVE) | Q(withdrawn_at__gt=as_of))
    rows = nominees.values(group=grouping_unit(via, under=within.level)).annotate(
        covered=Count("hamlet_election", distinct=True),
        secretaries=Count("hamlet_election", distinct=True, filter=Q(is_cell_secretary=True)),
        nominees=Count("pk"),
        women=Count("pk", filter=Q(gender="female")),
        party_members=Count("pk", filter=Q(is_party_member=True)),
    ).order_by()
    return {row.pop("group"): row for row in rows}


def exceptions_by_unit(*, election, within: Unit, as_of: datetime, user=None
                       ) -> tuple[dict[int | None, dict], list[dict]]:
    """Concurrency exceptions requested by `as_of` below `within` (those `user` also sees, with a
    user): per grouping unit (exceptions,
    approved, refused), and per reason (total, approved, refused, pending) in the order of the
    reasons. Two queries."""
    via = "hamlet_election__hamlet"
    exceptions = ConcurrencyException.objects.filter(hamlet_election__election=election,
                                                     requested_at__lte=as_of).within(within, user=user)
    approved = Q(decision=ExceptionDecision.APPROVED, decided_at__lte=as_of)
    refused = Q(decision=ExceptionDecision.REFUSED, decided_at__lte=as_of)
    by_unit = {row.pop("group"): row for row in exceptions.values(group=grouping_unit(via, under=within.level))
               .annotate(exceptions=Count("pk"), approved=Count("pk", filter=approved),
                         refused=Count("pk", filter=refused)).order_by()}
    counts = {row["reason"]: row for row in exceptions.values("reason").annotate(
        total=Count("pk"), approved=Count("pk", filter=approved), refused=Count("pk", filter=refused)).order_by()}
    by_reason = []
    for value, label in ExceptionReason.choices:
        row = counts.get(value, {"total": 0, "approved": 0, "refused": 0})
        by_reason.append({"reason": value, "label": str(label), "total": row["total"], "approved": row["approved"],
                          "refused": row["refused"], "pending": row["total"] - row["approved"] - row["refused"]})
    return by_unit, by_reason


def lists_covering(*, election, within: Unit, user=None) -> list[dict]:
    """(id, unit_id, unit__path, status) of the nominee lists inside `within` or above it: every
    district's (or commune's) list for a province, the one list that covers a smaller unit. One query."""
    ancestor_ids = [int(x) for x in within.path.strip("/").split("/") if x]
    qs = NomineeList.objects.filter(election=election).filter(
        Q(unit__path__startswith=within.path) | Q(unit_id__in=ancestor_ids))
    if within.level == Level.PROVINCE:
        qs = qs.within(within, user=user)
    return list(qs.values("id", "unit_id", "unit__path", "status"))


def covered_by_province(*, elections: QuerySet) -> dict[int, int]:
    """{province id: hamlets with an active nominee} over the campaigns `elections`: one query."""
    rows = (Nominee.objects.filter(status=NomineeStatus.ACTIVE, hamlet_election__election__in=elections)
            .values(province=F("hamlet_election__hamlet__province"))
            .annotate(covered=Count("hamlet_election", distinct=True)).order_by())
    return {row["province"]: row["covered"] for row in rows}
