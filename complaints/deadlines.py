"""Statutory deadlines of a letter, from settings.COMPLAINT_DEADLINES (each with its citation).

- Denunciation (Luật Tố cáo 2018): accepted within 7 WORKING days of receipt; resolved within 30
  days of acceptance, plus at most two extensions of 30 days (NĐ 31/2019).
  How many extensions follows the complexity (Luật Tố cáo 2018 Điều 30): none for a simple case,
  one for a complex one, two for an especially complex one.
- Complaint (Luật Khiếu nại 2011): accepted within 10 days; resolved within 30 days, 45 when complex.
- Petition and feedback: configurable, 10 and 30 days by default.

Periods start the day after the event (day 1 is the next day), as in the Civil Code's counting.
Every letter must also be settled before its hamlet votes (Công văn 3321-CV/TU: settle every letter
before the vote): the election deadline is the hamlet's own election date less
settings.COMPLAINT_ELECTION_MARGIN_DAYS, for a letter received by then.
"""

from datetime import date, timedelta

from django.conf import settings
from django.utils import timezone

from common.workdays import add_working_days

from .models import EXTENSIONS_BY_COMPLEXITY, Complaint, Complexity, Status


def rules_for(kind: str) -> dict:
    return settings.COMPLAINT_DEADLINES[kind]


def acceptance_due(kind: str, received_on: date) -> date:
    rule = rules_for(kind)
    if rule["acceptance_working_days"]:
        return add_working_days(received_on, rule["acceptance_days"])
    return received_on + timedelta(days=rule["acceptance_days"])


def resolution_due(kind: str, accepted_on: date, *, complexity: str = Complexity.SIMPLE, extensions: int = 0) -> date:
    """Luật Khiếu nại 2011 Điều 28: 30 days, 45 for a complex (or especially complex) complaint;
    Luật Tố cáo 2018 Điều 30: 30 days plus each extension granted."""
    rule = rules_for(kind)
    days = rule["resolution_days"] if complexity == Complexity.SIMPLE else rule["complex_resolution_days"]
    return accepted_on + timedelta(days=days + extensions * rule["extension_days"])


def allowed_extensions(kind: str, complexity: str) -> int:
    """How many times the resolution deadline may be extended: a denunciation's by its complexity
    (Luật Tố cáo 2018 Điều 30: 0, 1 or 2), never beyond the kind's `max_extensions` (0 for the rest)."""
    return min(rules_for(kind)["max_extensions"], EXTENSIONS_BY_COMPLEXITY[Complexity(complexity)])


def active_hamlet_election(hamlet):
    """The hamlet's election in the active campaign (the latest one), or None."""
    from elections.models import HamletElection

    return (HamletElection.objects.filter(hamlet=hamlet, election__is_active=True)
            .order_by("-election__election_start", "-pk").first())


def election_due_for(complaint: Complaint) -> date | None:
    """The day a letter must be settled by for its hamlet's vote: that hamlet election's date less
    settings.COMPLAINT_ELECTION_MARGIN_DAYS (CV 3321-CV/TU: settle every letter before the vote).
    The hamlet election is the one named, the nominee's, else the hamlet's in the active campaign.
    None when that election has no date yet, or when the letter arrived after that day: it is then
    due by its statutory deadline only, never overdue on arrival."""
    from elections.models import HamletElection

    pk = complaint.hamlet_election_id or (complaint.nominee.hamlet_election_id if complaint.nominee_id else None)
    if pk:  # read afresh: the date is set or moved by the commune while letters are handled
        election_date = HamletElection.objects.filter(pk=pk).values_list("election_date", flat=True).first()
    else:
        hamlet_election = active_hamlet_election(complaint.hamlet_id)
        election_date = hamlet_election.election_date if hamlet_election else None
    if election_date is None:
        return None
    cut_off = election_date - timedelta(days=settings.COMPLAINT_ELECTION_MARGIN_DAYS)
    return cut_off if complaint.received_on <= cut_off else None


ACCEPTANCE_STEP = (Status.RECEIVED, Status.CLASSIFIED, Status.CHECK_REQUESTED)
RESOLUTION_STEP = (Status.ACCEPTED, Status.VERIFYING, Status.EXTENDED)


def current_due(complaint: Complaint) -> date | None:
    """The nearest deadline of the step the letter is at (None once it is settled)."""
    if complaint.status in ACCEPTANCE_STEP:
        statutory = complaint.acceptance_due
    elif complaint.status in RESOLUTION_STEP:
        statutory = complaint.resolution_due
    elif complaint.status in (Status.CONCLUDED, Status.NOTIFIED):
        statutory = None
    else:
        return None
    candidates = [d for d in (statutory, complaint.election_due) if d]
    return min(candidates) if candidates else None


def today() -> date:
    return timezone.localdate()


def urgency(due_on: date | None, *, on: date | None = None) -> str:
    """"late", "soon" (within COMPLAINT_DUE_SOON_DAYS) or "" for a deadline."""
    if due_on is None:
        return ""
    on = on or today()
    if due_on < on:
        return "late"
    if due_on <= on + timedelta(days=settings.COMPLAINT_DUE_SOON_DAYS):
        return "soon"
    return ""
