"""Which nominee list covers a hamlet or a unit, who may act on a list now (request or decide an
exception, submit, review, edit), and the querysets of lists and nominees a user sees."""


from django.db.models import QuerySet
from django.utils.translation import gettext as _

from elections.models import HamletElection
from territory.models import Unit
from territory.selectors import grouping_unit_id, grouping_units

from .. import rules
from ..models import (
    ExceptionDecision,
    ListStatus,
    Nominee,
    NomineeList,
    NomineeStatus,
)


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
