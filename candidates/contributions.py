"""What candidates gives to `elections.registry` (registered in `CandidatesConfig.ready`): the
nominees pre-filled on the minutes form, the concurrency exception shown beside a result whose
elected head is not the party cell secretary, and the age re-check of nominees once the hamlet's
election date is known (TT 04/2012 Điều 11: 21 or older on election day); and to
`accounts.registry.pending_work` the nominee lists and exceptions waiting for the user (issue 20)."""

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.permissions import user_can
from accounts.registry import PendingItem
from elections.selectors import active_election_for

from . import rules, selectors
from .models import ConcurrencyException, ExceptionDecision, ListStatus, Nominee


def ballot_rows(hamlet_election) -> list[dict]:
    """The hamlet's active nominees as candidate rows for the minutes."""
    return [
        {"full_name": n.full_name, "gender": n.gender, "is_party_member": n.is_party_member,
         "is_cell_secretary": n.is_cell_secretary, "nominee_id": n.pk}
        for n in selectors.nominees_of_hamlet_election(hamlet_election).order_by("search_name")
    ]


def exception_line(hamlet_election) -> str | None:
    """The latest concurrency exception of the hamlet, with the district's decision."""
    exception = (ConcurrencyException.objects.filter(hamlet_election=hamlet_election)
                 .order_by("-requested_at", "-pk").first())
    if exception is None:
        return _("No concurrency exception was filed for this hamlet.")
    if exception.decision == "pending":
        return _("Concurrency exception (%(reason)s): awaiting the district's decision.") % {
            "reason": exception.get_reason_display()}
    return _("Concurrency exception (%(reason)s): %(decision)s by decision %(number)s of %(date)s.") % {
        "reason": exception.get_reason_display(), "decision": exception.get_decision_display().lower(),
        "number": exception.decision_number, "date": date_format(exception.decision_date)}


def _under_age(nominees, day) -> list[str]:
    return [_("%(name)s is under %(age)d on the election day %(day)s (born %(born)s), so may not be elected "
              "(TT 04/2012, Article 11).") % {"name": n.full_name, "age": rules.MIN_AGE,
                                              "day": date_format(day, "SHORT_DATE_FORMAT"),
                                              "born": date_format(n.date_of_birth, "SHORT_DATE_FORMAT")}
            for n in nominees if n.date_of_birth and rules.age_on(n.date_of_birth, day) < rules.MIN_AGE]


def under_age_on_new_date(hamlet_election, election_date) -> list[str]:
    """Setting the hamlet's election date re-checks the age of its active nominees on that day (a
    nominee accepted with a warning while there was no date is refused now if under 21)."""
    return _under_age(selectors.nominees_of_hamlet_election(hamlet_election), election_date)


def under_age_winner_blocks_decision(hamlet_election) -> list[str]:
    """The recognition is refused when the elected nominee was under 21 on the day of the meeting."""
    meeting = hamlet_election.current_meeting
    winner = meeting.winner if meeting else None
    if winner is None or winner.nominee_id is None:
        return []
    return _under_age(Nominee.objects.filter(pk=winner.nominee_id), meeting.held_on)


def _own_list_item(nominee_list, election, today) -> PendingItem:
    """The owning committee's list while it is a draft or returned: to complete and submit by the
    campaign's nomination deadline (late once that day has passed)."""
    if nominee_list.pk is None:
        label, url = _("Nominee list to start"), reverse("candidates:index")
    elif nominee_list.status == ListStatus.RETURNED:
        label = _("Nominee list returned by the provincial office, to correct and submit again")
        url = reverse("candidates:list", args=[nominee_list.pk])
    else:
        label, url = _("Nominee list to complete and submit"), reverse("candidates:list", args=[nominee_list.pk])
    deadline = election.nomination_deadline
    note = _("nomination deadline %(date)s") % {"date": date_format(deadline, "SHORT_DATE_FORMAT")} if deadline else ""
    return PendingItem(label, 1, url, "late" if deadline and deadline < today else "soon", note)


def pending_work(user) -> list[PendingItem]:
    """In the active campaign: for the committee that owns a list (a district, or a commune where there
    is none), its list while not submitted, and for its leaders the exceptions awaiting their decision
    (Đề án 02-ĐA/TU: the district standing committee decides case by case); for the provincial office,
    the submitted lists to review. At most four queries."""
    if not (user_can(user, "nominee_list.prepare") or user_can(user, "nominee_list.review")):
        return []
    election = active_election_for(user)
    if election is None:
        return []
    items = []
    unit = selectors.own_list_unit(user, election) if user_can(user, "nominee_list.prepare") else None
    if unit is not None:
        nominee_list = selectors.nominee_list_of_unit(election, unit)
        if nominee_list.is_editable:
            items.append(_own_list_item(nominee_list, election, timezone.localdate()))
        if nominee_list.pk is not None and selectors.exception_decision_open(user, nominee_list):
            pending = (ConcurrencyException.objects.filter(
                decision=ExceptionDecision.PENDING,
                hamlet_election__in=selectors.hamlet_elections_of_list(nominee_list))
                .aggregate(n=Count("hamlet_election", distinct=True))["n"])
            url = reverse("candidates:list", args=[nominee_list.pk])
            items.append(PendingItem(_("Concurrency exceptions awaiting your decision"), pending,
                                     f"{url}?loc=ngoai-le-cho", "progress"))
    if rules.can_review_lists(user, election):
        items.append(PendingItem(_("Nominee lists waiting for your review"),
                                 selectors.lists_to_review(user, election).count(),
                                 reverse("candidates:province", args=[election.pk]), "progress"))
    return items
