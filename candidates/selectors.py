"""Reads for nomination: scoped querysets, a list's progress and the province-wide roll-up."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from accounts.scoping import restrict
from common.text import search_key
from elections.models import HamletElection
from territory.models import Level, Unit

from .models import (
    ConcurrencyException,
    ExceptionDecision,
    ExceptionReason,
    ListStatus,
    Nominee,
    NomineeList,
    NomineeStatus,
)


def list_unit_id_for_hamlet(hamlet: Unit) -> int:
    """The unit whose list holds this hamlet: its district, or its commune where there is none."""
    return hamlet.district_id or hamlet.commune_id


def nominees_of_hamlet_election(hamlet_election) -> QuerySet:
    """The active nominees of one hamlet election (for other apps: complaints, results)."""
    return Nominee.objects.filter(hamlet_election=hamlet_election, status=NomineeStatus.ACTIVE)


def nominees_of_list(nominee_list) -> QuerySet:
    return Nominee.objects.filter(nominee_list=nominee_list, status=NomineeStatus.ACTIVE)


def hamlet_elections_of_list(nominee_list) -> QuerySet:
    """The active hamlets' elections that the list must cover."""
    return HamletElection.objects.filter(
        election_id=nominee_list.election_id, hamlet__is_active=True,
        hamlet__path__startswith=nominee_list.unit.path,
    )


def list_units(election) -> QuerySet:
    """The units that own lists in a campaign: districts, and communes directly under the province."""
    return Unit.objects.filter(
        Q(level=Level.DISTRICT) | Q(level=Level.COMMUNE, district__isnull=True),
        path__startswith=election.province.path, is_active=True,
    )


def nominee_lists_visible_to(user, election) -> QuerySet:
    return restrict(NomineeList.objects.filter(election=election), user, via="unit")


def nominees_visible_to(user, *, election=None) -> QuerySet:
    qs = Nominee.objects.all()
    if election is not None:
        qs = qs.filter(hamlet_election__election=election)
    return restrict(qs, user, via="hamlet_election__hamlet")


def nominee_search(user, election, query: str) -> QuerySet:
    """Nominees whose name contains `query`, ignoring diacritics and case."""
    return (nominees_visible_to(user, election=election)
            .filter(search_name__contains=search_key(query))
            .select_related("hamlet_election__hamlet__commune", "nominee_list"))


@dataclass
class HamletRow:
    hamlet_election: HamletElection
    nominees: list = field(default_factory=list)
    exceptions: list = field(default_factory=list)

    @property
    def has_secretary(self) -> bool:
        return any(n.is_cell_secretary for n in self.nominees)

    @property
    def needs_exception(self) -> bool:
        return any(not n.is_cell_secretary for n in self.nominees)

    @property
    def approved_exception(self):
        return next((e for e in self.exceptions if e.decision == ExceptionDecision.APPROVED), None)

    @property
    def open_exception(self):
        return next((e for e in self.exceptions if e.decision in (ExceptionDecision.PENDING,
                                                                   ExceptionDecision.APPROVED)), None)


@dataclass
class ListProgress:
    rows: list
    hamlets: int
    covered: int
    secretaries: int
    exceptions_pending: int
    exceptions_approved: int

    @property
    def covered_percent(self) -> int:
        return round(100 * self.covered / self.hamlets) if self.hamlets else 0


def list_progress(nominee_list, *, query: str = "") -> ListProgress:
    """Per hamlet of the list: its nominees and exceptions (three queries)."""
    hamlet_elections = list(hamlet_elections_of_list(nominee_list)
                            .select_related("hamlet__commune", "election").order_by("hamlet__path"))
    rows = {he.pk: HamletRow(he) for he in hamlet_elections}
    for nominee in (Nominee.objects.filter(hamlet_election_id__in=rows, status=NomineeStatus.ACTIVE)
                    .order_by("search_name")):
        rows[nominee.hamlet_election_id].nominees.append(nominee)
    for exception in ConcurrencyException.objects.filter(hamlet_election_id__in=rows).order_by("-requested_at"):
        rows[exception.hamlet_election_id].exceptions.append(exception)
    all_rows = list(rows.values())
    progress = ListProgress(
        rows=all_rows, hamlets=len(all_rows), covered=sum(1 for r in all_rows if r.nominees),
        secretaries=sum(1 for r in all_rows if r.has_secretary),
        exceptions_pending=sum(1 for r in all_rows for e in r.exceptions if e.decision == ExceptionDecision.PENDING),
        exceptions_approved=sum(1 for r in all_rows if r.approved_exception),
    )
    if query:
        key = search_key(query)
        progress.rows = [r for r in all_rows if key in r.hamlet_election.hamlet.search_name
                         or key in r.hamlet_election.hamlet.commune.search_name
                         or any(key in n.search_name for n in r.nominees)]
    return progress


def list_problems(nominee_list, progress: ListProgress | None = None) -> list[str]:
    """What keeps the list from acceptance on its own content (the gates add the rest)."""
    progress = progress or list_progress(nominee_list)
    problems = []
    for row in progress.rows:
        hamlet = row.hamlet_election.hamlet
        label = f"{hamlet.name} ({hamlet.commune.name})" if hamlet.commune_id else hamlet.name
        if not row.nominees:
            problems.append(_("%(hamlet)s has no nominee.") % {"hamlet": label})
        elif row.needs_exception and not row.approved_exception:
            pending = any(e.decision == ExceptionDecision.PENDING for e in row.exceptions)
            problems.append(
                (_("%(hamlet)s: the exception for a nominee who is not the cell secretary is still pending.")
                 if pending else
                 _("%(hamlet)s: the nominee is not the cell secretary and there is no approved exception."))
                % {"hamlet": label})
    return problems


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
    def concurrency_rate(self) -> float | None:
        """Share of the district's hamlets with a nominee whose nominee is the party cell secretary
        (percent; the same definition as the progress report), None before any nominee."""
        return round(100 * self.secretaries / self.covered, 1) if self.covered else None

    @property
    def covered_percent(self) -> int:
        return round(100 * self.covered / self.hamlets) if self.hamlets else 0


@dataclass
class ProvinceOverview:
    districts: list
    exceptions_by_reason: list  # (label, pending, approved, refused)
    hamlets: int
    covered: int
    secretaries: int

    @property
    def concurrency_rate(self) -> float | None:
        return round(100 * self.secretaries / self.covered, 1) if self.covered else None

    @property
    def waiting(self) -> list:
        return [d for d in self.districts if d.status == ListStatus.SUBMITTED]


def province_overview(user, election) -> ProvinceOverview:
    """All districts side by side: a fixed number of queries whatever the number of hamlets."""
    units = list(restrict(list_units(election), user, via=None).order_by("code", "path"))
    summaries = {u.pk: DistrictSummary(u) for u in units}

    def key(district_id, commune_id):
        return district_id or commune_id

    hamlets = (restrict(HamletElection.objects.filter(election=election, hamlet__is_active=True), user,
                        via="hamlet")
               .values("hamlet__district_id", "hamlet__commune_id").annotate(n=Count("pk")).order_by())
    for row in hamlets:
        summary = summaries.get(key(row["hamlet__district_id"], row["hamlet__commune_id"]))
        if summary:
            summary.hamlets += row["n"]
    nominees = (restrict(Nominee.objects.filter(hamlet_election__election=election, status=NomineeStatus.ACTIVE,
                                                hamlet_election__hamlet__is_active=True), user,
                         via="hamlet_election__hamlet")
                .values("hamlet_election__hamlet__district_id", "hamlet_election__hamlet__commune_id")
                .annotate(covered=Count("hamlet_election", distinct=True),
                          secretaries=Count("hamlet_election", distinct=True, filter=Q(is_cell_secretary=True)))
                .order_by())
    for row in nominees:
        summary = summaries.get(key(row["hamlet_election__hamlet__district_id"],
                                    row["hamlet_election__hamlet__commune_id"]))
        if summary:
            summary.covered += row["covered"]
            summary.secretaries += row["secretaries"]
    for nominee_list in nominee_lists_visible_to(user, election):
        if nominee_list.unit_id in summaries:
            summaries[nominee_list.unit_id].nominee_list = nominee_list
    by_reason = defaultdict(lambda: defaultdict(int))
    for row in (restrict(ConcurrencyException.objects.filter(nominee_list__election=election), user,
                         via="nominee_list__unit")
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
