"""The election gates (CV 3321-CV/TU: settle every letter about a nominee before the vote).

Registered from `ComplaintsConfig.ready()` into the candidates and elections apps' hooks, so those
apps never import this one.
"""

from django.db.models import Q
from django.utils.translation import gettext as _

from .models import OPEN_FILTER, Complaint


def _messages(qs) -> list[str]:
    return [
        _("Letter %(ref)s about %(about)s is not settled yet (%(status)s).") % {
            "ref": c.reference, "about": c.nominee.full_name if c.nominee_id else c.hamlet.name,
            "status": c.get_status_display().lower()}
        for c in qs.select_related("nominee", "hamlet").order_by("pk")
    ]


def open_complaints_block_acceptance(nominee_list) -> list[str]:
    """A nominee list cannot be accepted while a letter about one of its active nominees is open."""
    return _messages(Complaint.objects.filter(OPEN_FILTER, nominee__nominee_list=nominee_list,
                                              nominee__status="active"))


def open_complaints_block_decision(hamlet_election) -> list[str]:
    """A hamlet's election cannot be recorded as decided while a letter about its nominees (or about
    that election itself) is open."""
    about = (Q(nominee__hamlet_election=hamlet_election, nominee__status="active")
             | Q(hamlet_election=hamlet_election, nominee__isnull=True))
    return _messages(Complaint.objects.filter(OPEN_FILTER).filter(about))
