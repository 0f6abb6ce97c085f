"""What candidates gives to `elections.registry` (registered in `CandidatesConfig.ready`): the
nominees pre-filled on the minutes form, and the concurrency exception shown beside a result whose
elected head is not the party cell secretary."""

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .models import ConcurrencyException
from .selectors import nominees_of_hamlet_election


def ballot_rows(hamlet_election) -> list[dict]:
    """The hamlet's active nominees as candidate rows for the minutes."""
    return [
        {"full_name": n.full_name, "gender": n.gender, "is_party_member": n.is_party_member,
         "is_cell_secretary": n.is_cell_secretary, "nominee_id": n.pk}
        for n in nominees_of_hamlet_election(hamlet_election).order_by("search_name")
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
