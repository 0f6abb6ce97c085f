"""Reads for nomination: scoped querysets, a list's progress and the province-wide roll-up."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from django.db.models import Count, F, Q, QuerySet
from django.utils.translation import gettext as _

from accounts.models import Organisation, OrganisationKind
from accounts.selectors import secretaries_by_hamlet, secretary_in_office
from common.numbers import percent
from common.text import search_key
from elections.models import HamletElection
from territory.models import Level, Unit
from territory.selectors import grouping_unit, grouping_unit_id, grouping_units

from . import rules
from .models import (
    ConcurrencyException,
    ExceptionDecision,
    ExceptionReason,
    ListStatus,
    Nominee,
    NomineeList,
    NomineeStatus,
)
from .registry import run_acceptance_checks


def list_unit_id_for_hamlet(hamlet: Unit) -> int:
    """The unit whose list holds this hamlet: its grouping unit (district, or commune where there is none)."""
    return grouping_unit_id(hamlet)


def nominee_list_of_hamlet_election(hamlet_election: HamletElection) -> NomineeList:
    """The list that covers this hamlet election, read without writing: the saved list, or an unsaved
    draft when nothing has been written to it yet (the services create it on the first write)."""
    unit_id = list_unit_id_for_hamlet(hamlet_election.hamlet)
    found = NomineeList.objects.select_related("election", "unit").filter(
        election_id=hamlet_election.election_id, unit_id=unit_id).first()
    return found or NomineeList(election=hamlet_election.election, unit_id=unit_id)


def needs_exception(nominees) -> bool:
    """A hamlet needs a concurrency exception only when it has active nominees and none of them is
    the party cell secretary (Đề án 02-ĐA/TU): a hamlet that nominates the secretary and a second
    candidate meets the policy."""
    active = [n for n in nominees if n.is_active]
    return bool(active) and not any(n.is_cell_secretary for n in active)


def exception_request_open(user, nominee_list: NomineeList, *, nominees, exceptions) -> bool:
    """Whether `user` may ask for a concurrency exception in this hamlet now: the list is editable,
    the user's district owns it, the hamlet's nominees do not include the party cell secretary,
    and no request is pending or approved (Đề án 02-ĐA/TU; `services.exception_request` enforces
    the same)."""
    return (nominee_list.is_editable
            and rules.can_request_exception(user, nominee_list)
            and needs_exception(nominees)
            and not any(e.decision in (ExceptionDecision.PENDING, ExceptionDecision.APPROVED) for e in exceptions))


def exception_decision_open(user, nominee_list: NomineeList) -> bool:
    """Whether `user` may record the district's decision on a request: the list is editable and the
    user is a leader of the district that owns it."""
    return nominee_list.is_editable and rules.can_decide_exception(user, nominee_list)


def list_locked_message(nominee_list: NomineeList, *, what: str) -> str:
    """Why an exception cannot be requested or decided (`what`: "request" or "decide") while the
    list is not a draft nor returned, and the way forward (`services.exception_request` and
    `services.exception_decide` refuse with this message)."""
    if nominee_list.status == ListStatus.SUBMITTED:
        if what == "decide":
            return _("The list has been submitted to the provincial office, so the district standing committee's "
                     "decision on this exception cannot be recorded now. Ask the provincial office to return the "
                     "list, record the decision, then submit the list again.")
        return _("The list has been submitted to the provincial office, so an exception cannot be requested now. "
                 "Ask the provincial office to return the list, request the exception, then submit the list again.")
    if nominee_list.status == ListStatus.ACCEPTED:
        return _("The provincial office has accepted the list: its exceptions can no longer be requested or "
                 "decided.")
    return ""


def exception_decision_blocked(user, nominee_list: NomineeList, exceptions) -> str:
    """For a leader who could decide the hamlet's pending exception but for the list's state: why,
    and what to do; empty otherwise."""
    if nominee_list.is_editable or not rules.can_decide_exception(user, nominee_list):
        return ""
    if not any(e.decision == ExceptionDecision.PENDING for e in exceptions):
        return ""
    return list_locked_message(nominee_list, what="decide")


def list_submission_open(user, nominee_list: NomineeList) -> bool:
    """Whether `user` may submit the list now: its district (the owner) while it is a draft or
    returned (`services.nominee_list_submit` enforces the same)."""
    return (user.is_superuser or rules.is_owner(user, nominee_list)) and nominee_list.is_editable


def list_review_open(user, nominee_list: NomineeList) -> bool:
    """Whether `user` may accept or return the list now: the provincial office, once submitted."""
    return rules.can_review_lists(user, nominee_list.election) and nominee_list.status == ListStatus.SUBMITTED


def list_editing_open(user, nominee_list: NomineeList) -> bool:
    """Whether `user` may change the list's nominees now: an editor of the list while it is a draft
    or returned (`services._require_editable` enforces the same)."""
    return nominee_list.is_editable and rules.can_edit_list(user, nominee_list)


def nominees_of_hamlet_election(hamlet_election) -> QuerySet:
    """The active nominees of one hamlet election (for other apps: complaints, results)."""
    return Nominee.objects.filter(hamlet_election=hamlet_election, status=NomineeStatus.ACTIVE)


def hamlet_elections_of_list(nominee_list) -> QuerySet:
    """The active hamlets' elections that the list must cover."""
    return HamletElection.objects.filter(election_id=nominee_list.election_id, hamlet__is_active=True).within(
        nominee_list.unit)


def list_units(election) -> QuerySet:
    """The units that own lists in a campaign: districts, and communes directly under the province."""
    return Unit.objects.filter(grouping_units(), path__startswith=election.province.path, is_active=True)


def own_list_unit(user, election) -> Unit | None:
    """The unit whose list `user` works on in the campaign: their organisation's unit when it owns
    lists there (a district, or a commune directly under the province); None otherwise."""
    unit = user.organisation.unit if user.organisation_id else None
    if unit is None or not list_units(election).filter(pk=unit.pk).exists():
        return None
    return unit


def nominee_list_of_unit(election, unit) -> NomineeList:
    """The list of `unit` in the campaign, read without writing: the saved list, or an unsaved draft
    when it has not been started (`services.nominee_list_start` creates it)."""
    return NomineeList.objects.filter(election=election, unit=unit).first() or NomineeList(election=election,
                                                                                          unit=unit)


def nominee_lists_visible_to(user, election) -> QuerySet:
    return NomineeList.objects.filter(election=election).visible_to(user)


def lists_to_review(user, election) -> QuerySet:
    """The submitted lists of the campaign's list units the user sees: the province page's "waiting
    for review" table (`ProvinceOverview.waiting`)."""
    return nominee_lists_visible_to(user, election).filter(status=ListStatus.SUBMITTED,
                                                           unit__in=list_units(election).visible_to(user))


def nominees_visible_to(user, *, election=None) -> QuerySet:
    qs = Nominee.objects.all()
    if election is not None:
        qs = qs.filter(hamlet_election__election=election)
    return qs.visible_to(user)


@dataclass
class NomineeCheck:
    """What the rules say of one active nominee now: `problems` keep the list from submission and
    acceptance; `warnings` are accepted but not yet verified."""
    problems: list = field(default_factory=list)
    warnings: list = field(default_factory=list)


def nominee_checks(nominees) -> dict[int, NomineeCheck]:
    """{nominee pk: NomineeCheck} for nominees whose `hamlet_election.election` is loaded: the age on
    the hamlet's election date as it is now (TT 04/2012 Điều 11; `rules.age_verdict`) and the
    secretary the hamlet's cell recorded (Đề án 02-ĐA/TU; `rules.secretary_problem`). One query."""
    nominees = list(nominees)
    terms = secretaries_by_hamlet({n.hamlet_election.hamlet_id for n in nominees})
    checks = {}
    for nominee in nominees:
        he = nominee.hamlet_election
        election = he.election
        age = rules.age_verdict(nominee.date_of_birth, election_date=he.election_date,
                                window_start=election.election_start, window_end=election.election_end)
        day = rules.secretary_day(he.election_date, election.election_end)
        secretary = secretary_in_office(terms.get(he.hamlet_id, []), day)
        problem = rules.secretary_problem(is_cell_secretary=nominee.is_cell_secretary,
                                          search_name=nominee.search_name, secretary=secretary, day=day)
        warning = rules.secretary_warning(is_cell_secretary=nominee.is_cell_secretary, secretary=secretary, day=day)
        checks[nominee.pk] = NomineeCheck(problems=[m for m in (age.problem, problem) if m],
                                          warnings=[m for m in (age.warning, warning) if m])
    return checks


@dataclass
class CellSecretaryFact:
    """The hamlet's party cell and the secretary it recorded for `day` (the day nomination is judged on)."""
    cell: Organisation | None
    secretary: object | None
    day: object


def hamlet_cell_secretary(hamlet_election) -> CellSecretaryFact:
    """The hamlet's party cell and its secretary on the hamlet's election date, else on the campaign's
    last day (`rules.secretary_day`): two queries."""
    election = hamlet_election.election
    day = rules.secretary_day(hamlet_election.election_date, election.election_end)
    cell = Organisation.objects.filter(kind=OrganisationKind.CELL, unit_id=hamlet_election.hamlet_id).first()
    terms = secretaries_by_hamlet([hamlet_election.hamlet_id]).get(hamlet_election.hamlet_id, [])
    return CellSecretaryFact(cell=cell, secretary=secretary_in_office(terms, day), day=day)


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
        return needs_exception(self.nominees)

    @property
    def label(self) -> str:
        hamlet = self.hamlet_election.hamlet
        return f"{hamlet.name} ({hamlet.commune.name})" if hamlet.commune_id else hamlet.name

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
    def covered_percent(self) -> Decimal | None:
        return percent(self.covered, self.hamlets)


def _pending_exception(row: HamletRow) -> bool:
    return any(e.decision == ExceptionDecision.PENDING for e in row.exceptions)


# The list page's row filters (`?loc=`): what a figure on the home page or the dashboard counts.
ROW_FILTERS = {
    "ngoai-le-cho": _pending_exception,  # an exception awaits the district standing committee's decision
    "chua-co-nguoi": lambda row: not row.nominees,  # no nominee yet
}


def list_progress(nominee_list, *, query: str = "", only: str = "") -> ListProgress:
    """Per hamlet of the list: its nominees (each with its `rule_check`, a `NomineeCheck`) and exceptions
    (four queries); with `query` or `only` (a key of ROW_FILTERS) the rows are narrowed, not the figures."""
    hamlet_elections = list(hamlet_elections_of_list(nominee_list)
                            .select_related("hamlet__commune", "election").order_by("hamlet__path"))
    rows = {he.pk: HamletRow(he) for he in hamlet_elections}
    for nominee in (Nominee.objects.filter(hamlet_election_id__in=rows, status=NomineeStatus.ACTIVE)
                    .order_by("search_name")):
        nominee.hamlet_election = rows[nominee.hamlet_election_id].hamlet_election
        rows[nominee.hamlet_election_id].nominees.append(nominee)
    checks = nominee_checks(n for row in rows.values() for n in row.nominees)
    for row in rows.values():
        for nominee in row.nominees:
            nominee.rule_check = checks[nominee.pk]
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
    if only in ROW_FILTERS:
        progress.rows = [r for r in progress.rows if ROW_FILTERS[only](r)]
    return progress


def nominee_problems(progress: ListProgress) -> list[str]:
    """The active nominees the rules refuse now (under age on the hamlet's election date, not the
    secretary the cell recorded): they keep the list from submission and acceptance."""
    return [_("%(hamlet)s, %(name)s: %(problem)s") % {"hamlet": row.label, "name": n.full_name, "problem": p}
            for row in progress.rows for n in row.nominees for p in n.rule_check.problems]


def list_warnings(progress: ListProgress) -> list[str]:
    """What is accepted but not verified yet (an age to check once the date is set, a secretary the
    cell has not recorded): shown on the list page and when the list is submitted."""
    return [_("%(hamlet)s, %(name)s: %(problem)s") % {"hamlet": row.label, "name": n.full_name, "problem": w}
            for row in progress.rows for n in row.nominees for w in n.rule_check.warnings]


def list_problems(nominee_list, progress: ListProgress | None = None) -> list[str]:
    """What keeps the list from acceptance on its own content: hamlets without a nominee, hamlets
    whose nominees do not include the cell secretary without an approved exception (Đề án
    02-ĐA/TU), nominees the rules refuse now (the registered acceptance checks add the rest)."""
    progress = progress or list_progress(nominee_list)
    problems = []
    for row in progress.rows:
        if not row.nominees:
            problems.append(_("%(hamlet)s has no nominee.") % {"hamlet": row.label})
        elif row.needs_exception and not row.approved_exception:
            pending = any(e.decision == ExceptionDecision.PENDING for e in row.exceptions)
            problems.append(
                (_("%(hamlet)s: the exception for nominees who do not include the cell secretary is still pending.")
                 if pending else
                 _("%(hamlet)s: the nominees do not include the cell secretary and there is no approved exception."))
                % {"hamlet": row.label})
    return problems + nominee_problems(progress)


def acceptance_blockers(nominee_list, progress: ListProgress | None = None) -> list[str]:
    """Everything that keeps the list from acceptance, as the provincial office would be told on
    clicking "accept": its own content (`list_problems`) and the registered gates, such as letters
    about its nominees still open (CV 3321-CV/TU)."""
    return list_problems(nominee_list, progress) + run_acceptance_checks(nominee_list)


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
