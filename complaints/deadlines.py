"""Statutory deadlines of a letter, from settings.COMPLAINT_DEADLINES (each with its citation).

- Denunciation (Luật Tố cáo 2018): accepted within 7 WORKING days of receipt; resolved within 30
  days of acceptance, plus at most two extensions of 30 days (NĐ 31/2019).
- Complaint (Luật Khiếu nại 2011): accepted within 10 days; resolved within 30 days, 45 when complex.
- Petition and feedback: configurable, 10 and 30 days by default.

Periods start the day after the event (day 1 is the next day), as in the Civil Code's counting.
Every letter must also be settled before its hamlet's nominee list is finalised (the campaign's
nomination deadline): the election deadline.
"""

from datetime import date, timedelta

from django.conf import settings
from django.utils import timezone

from common.workdays import add_working_days

from .models import Complaint, Status


def rules_for(kind: str) -> dict:
    return settings.COMPLAINT_DEADLINES[kind]


def acceptance_due(kind: str, received_on: date) -> date:
    rule = rules_for(kind)
    if rule["acceptance_working_days"]:
        return add_working_days(received_on, rule["acceptance_days"])
    return received_on + timedelta(days=rule["acceptance_days"])


def resolution_due(kind: str, accepted_on: date, *, is_complex: bool = False, extensions: int = 0) -> date:
    rule = rules_for(kind)
    days = rule["complex_resolution_days"] if is_complex else rule["resolution_days"]
    return accepted_on + timedelta(days=days + extensions * rule["extension_days"])


def election_due_for(complaint: Complaint) -> date | None:
    """The nomination deadline of the campaign the letter belongs to: the named hamlet election's,
    else the active campaign over the hamlet's province."""
    from elections.models import Election

    if complaint.hamlet_election_id:
        return complaint.hamlet_election.election.nomination_deadline
    if complaint.nominee_id:
        return complaint.nominee.hamlet_election.election.nomination_deadline
    election = (Election.objects.filter(province_id=complaint.hamlet.province_id, is_active=True)
                .order_by("-election_start").first())
    return election.nomination_deadline if election else None


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
