"""One list's progress, hamlet by hamlet: its nominees with what the rules say of each (age,
cell secretary), its exceptions, and what keeps the list from submission and acceptance."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from accounts.models import Organisation, OrganisationKind
from accounts.selectors import secretaries_by_hamlet, secretary_in_office
from common.numbers import percent
from common.text import search_key
from elections.models import HamletElection

from .. import rules
from ..models import (
    ConcurrencyException,
    ExceptionDecision,
    Nominee,
    NomineeStatus,
)
from ..registry import run_acceptance_checks
from .lists import hamlet_elections_of_list, needs_exception


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
