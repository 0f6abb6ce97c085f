"""What complaints gives to the registries of the apps below it (registered in `ComplaintsConfig.ready()`,
so those apps never import this one): the election gates (CV 3321-CV/TU: settle every letter about a
nominee before the vote) and its identity-viewing log for the personal-data audit (issue 9); the
letters due for the home page's "Việc cần làm" (issue 20).
"""

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.permissions import user_can
from accounts.registry import PendingItem

from . import selectors
from .forms import hamlet_label
from .models import OPEN_FILTER, Complaint, IdentityAccessLog


def _messages(qs) -> list[str]:
    return [
        _("Letter %(ref)s about %(about)s is not settled yet (%(status)s).") % {
            "ref": c.reference, "about": c.nominee.full_name if c.nominee_id else hamlet_label(c.hamlet),
            "status": c.get_status_display().lower()}
        for c in qs.select_related("nominee", "hamlet__parent").order_by("pk")
    ]


def open_complaints_block_acceptance(nominee_list) -> list[str]:
    """A nominee list cannot be accepted while a letter about one of its active nominees is open."""
    return _messages(Complaint.objects.filter(OPEN_FILTER, nominee__nominee_list=nominee_list,
                                              nominee__status="active"))


def open_complaints_block_decision(hamlet_election) -> list[str]:
    """A hamlet's election cannot be decided (its result recognised, or an acting head appointed)
    while a letter about its active nominees, or about that election itself with no nominee named
    (the vote, the roll, the count), is open. Called by elections through `decision_checks`."""
    about = (Q(nominee__hamlet_election=hamlet_election, nominee__status="active")
             | Q(hamlet_election=hamlet_election, nominee__isnull=True))
    return _messages(Complaint.objects.filter(OPEN_FILTER).filter(about))


def identity_access_rows() -> list[tuple]:
    """Who saw a sender's identity, as rows of the personal-data audit export (`accounts.audit.audit_rows`)."""
    return [(log.at, log.user.username, log.user.get_full_name(), "complaints.complaint", log.complaint_id,
             str(log.complaint), "identity", f"{log.via}: {log.reason}" if log.reason else log.via, "")
            for log in IdentityAccessLog.objects.select_related("user", "complaint")]


def pending_work(user) -> list[PendingItem]:
    """The open letters whose statutory deadline has passed or comes within COMPLAINT_DUE_SOON_DAYS:
    for a leader who approves (`complaint.approve`), every letter of the committee's area; for an
    officer who handles (`complaint.handle`), those they handle or approve. Counted like the
    queue's `due` and `mine` filters (`selectors.complaint_queue`). One query."""
    if user_can(user, "complaint.approve"):
        filters, mine = {}, ""
    elif user_can(user, "complaint.handle"):
        filters, mine = {"mine": True}, "&mine=1"
    else:
        return []
    counts = selectors.due_counts(selectors.complaint_queue(user, selectors.QueueFilters(**filters)))
    queue, soon = reverse("complaints:queue"), settings.COMPLAINT_DUE_SOON_DAYS
    return [
        PendingItem(_("Letters past their deadline"), counts["late"], f"{queue}?due=late{mine}", "late"),
        PendingItem(ngettext("Letters due within %(n)s day", "Letters due within %(n)s days", soon) % {"n": soon},
                    counts["soon"], f"{queue}?due=soon{mine}", "soon"),
    ]
