"""Writes for election day: milestones, minutes, recognition, re-runs, acting heads.

The status of a hamlet election is a workflow held as data: `TRANSITIONS` says which moves are
allowed, `hamlet_election_transition` is the only function that changes the status, and it writes
a `StatusChange` row with who and when. The decision gate (`registry.check_decision`) runs on every
move into a decided state.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.permissions import require, user_can
from common.choices import Gender
from common.services import audited_delete, audited_save
from common.workdays import add_months, add_working_days
from territory.scoping import scope_of

from .. import registry
from ..models import HamletElection
from .models import (
    HamletHead,
    HeadKind,
    Meeting,
    MeetingCandidate,
    Milestone,
    MilestoneKind,
    RerunReason,
    ResultStatus,
    StatusChange,
    VotingMethod,
)
from .rules import MinutesFigures, check_minutes, decide

S = ResultStatus
TRANSITIONS: dict[str, set[str]] = {
    S.PLANNED: {S.ELECTED, S.RERUN_REQUIRED},
    S.ELECTED: {S.RECOGNISED, S.RERUN_REQUIRED},
    S.RERUN_REQUIRED: {S.RERUN_SCHEDULED, S.ACTING_HEAD},
    S.RERUN_SCHEDULED: {S.ELECTED, S.RERUN_REQUIRED},
    S.ACTING_HEAD: {S.RERUN_SCHEDULED},
    S.RECOGNISED: set(),
}
DECIDED = {S.ELECTED, S.RECOGNISED}


def can_record(user, hamlet_election: HamletElection) -> bool:
    """The user may write this hamlet's results: commune or provincial-office editors, in scope
    (domain-rules §6.4; the permission table's "result.record")."""
    if not user_can(user, "result.record"):
        return False
    return user.is_superuser or scope_of(user).contains(hamlet_election.hamlet)


def _require_recorder(user, hamlet_election: HamletElection) -> None:
    require(user, "result.record")
    if not can_record(user, hamlet_election):
        raise ValidationError(_("This hamlet is outside your area."))


def hamlet_election_transition(*, hamlet_election: HamletElection, to: str, by: User, note: str = "") -> StatusChange:
    """Move the result workflow to `to` if `TRANSITIONS` allows it; log who and when.

    Moving into a decided state (elected, recognised) first runs every decision check
    (`registry.decision_checks`, e.g. an open complaint about the hamlet's nominees) and refuses with
    their messages.
    """
    current = hamlet_election.status
    if to not in TRANSITIONS.get(current, set()):
        raise ValidationError(_("A hamlet election cannot go from “%(from)s” to “%(to)s”.") % {
            "from": ResultStatus(current).label, "to": ResultStatus(to).label})
    if to in DECIDED:
        registry.check_decision(hamlet_election)
    hamlet_election.status = to
    hamlet_election.status_changed_at = timezone.now()
    audited_save(hamlet_election, by=by, clean=False)
    return StatusChange.objects.create(hamlet_election=hamlet_election, from_status=current, to_status=to,
                                       note=note[:500], by=by)


# --- Milestones -------------------------------------------------------------------------------


@transaction.atomic
def milestones_record(*, hamlet_election: HamletElection, values: dict[str, tuple[datetime.date | None, str]],
                      by: User) -> list[Milestone]:
    """Record (or clear) the preparation milestones: {kind: (date, document number)}. Late dates
    are accepted; `selectors.milestone_warnings_for` warns about them."""
    _require_recorder(by, hamlet_election)
    saved = []
    for kind in MilestoneKind:
        date, number = values.get(kind.value, (None, ""))
        existing = hamlet_election.milestones.filter(kind=kind).first()
        if date is None:
            if existing:
                audited_delete(existing, by=by)
            continue
        milestone = existing or Milestone(hamlet_election=hamlet_election, kind=kind)
        milestone.date, milestone.document_number, milestone.recorded_by = date, (number or "").strip(), by
        audited_save(milestone, by=by)
        saved.append(milestone)
    return saved


# --- Minutes ----------------------------------------------------------------------------------


@dataclass
class CandidateRow:
    full_name: str
    gender: str
    votes: int
    is_party_member: bool = False
    is_cell_secretary: bool = False
    is_incumbent: bool = False
    origin: str = "front"
    nominee_id: int | None = None


@dataclass
class MinutesData:
    held_on: datetime.date
    voting_method: str
    roll: int
    attending: int
    minutes_received_on: datetime.date
    ballots_issued: int | None = None
    ballots_returned: int | None = None
    ballots_valid: int | None = None
    ballots_invalid: int | None = None
    counting_board: tuple[str, ...] = ()


@transaction.atomic
def minutes_record(*, hamlet_election: HamletElection, data: MinutesData, candidates: list[CandidateRow],
                   by: User) -> Meeting:
    """Record the minutes of a meeting (the first election or a re-run), check their arithmetic,
    decide the outcome by law (`results.decide`) and move the workflow: elected, or re-run required.
    Nothing is saved if any check fails."""
    hamlet_election = HamletElection.objects.select_for_update().get(pk=hamlet_election.pk)
    _require_recorder(by, hamlet_election)
    if hamlet_election.status not in (S.PLANNED, S.RERUN_SCHEDULED):
        raise ValidationError(_("Minutes can be recorded only for a planned election or a scheduled re-run "
                                "(now: %(status)s).") % {"status": hamlet_election.get_status_display()})
    is_ballot = data.voting_method == VotingMethod.SECRET_BALLOT
    if not is_ballot:
        data.ballots_issued = data.ballots_returned = data.ballots_valid = data.ballots_invalid = None
        data.counting_board = ()
    figures = MinutesFigures(
        voting_method=data.voting_method, roll=data.roll, attending=data.attending,
        ballots_issued=data.ballots_issued, ballots_returned=data.ballots_returned,
        ballots_valid=data.ballots_valid, ballots_invalid=data.ballots_invalid,
        counting_board=tuple(data.counting_board),
    )
    errors = check_minutes(figures, [(c.full_name, c.votes) for c in candidates])
    if data.minutes_received_on < data.held_on:
        errors.append(_("The minutes cannot be received before the meeting was held."))
    previous = hamlet_election.current_meeting
    if hamlet_election.status == S.RERUN_SCHEDULED and previous and data.held_on <= previous.held_on:
        errors.append(_("A re-run must be held after the previous meeting (%(date)s).") % {
            "date": date_format(previous.held_on, "SHORT_DATE_FORMAT")})
    if errors:
        raise ValidationError(errors)

    outcome = decide(roll=data.roll, attending=data.attending, votes=[c.votes for c in candidates])
    meeting = Meeting(
        hamlet_election=hamlet_election, round=hamlet_election.meetings.count() + 1, held_on=data.held_on,
        voting_method=data.voting_method, counting_board="\n".join(data.counting_board), roll=data.roll,
        attending=data.attending, ballots_issued=data.ballots_issued, ballots_returned=data.ballots_returned,
        ballots_valid=data.ballots_valid, ballots_invalid=data.ballots_invalid,
        minutes_received_on=data.minutes_received_on, outcome="" if outcome.is_elected else outcome.kind,
        recorded_by=by,
    )
    audited_save(meeting, by=by)
    rows = []
    for position, row in enumerate(candidates, start=1):
        candidate = MeetingCandidate(meeting=meeting, position=position, **row.__dict__)
        candidate.full_name = " ".join(candidate.full_name.split())
        audited_save(candidate, by=by)
        rows.append(candidate)
    if outcome.is_elected:
        meeting.winner = rows[outcome.winner]
        meeting.save(update_fields=["winner"])
    hamlet_election.current_meeting = meeting
    hamlet_election.rerun_date = None
    if meeting.round == 1:
        hamlet_election.election_date = meeting.held_on  # the actual day replaces the planned one
    if outcome.is_elected:
        hamlet_election.rerun_reason, hamlet_election.rerun_due_by = "", None
        note = _("Elected: %(name)s") % {"name": meeting.winner.full_name}
        hamlet_election_transition(hamlet_election=hamlet_election, to=S.ELECTED, by=by, note=note)
    else:
        hamlet_election.rerun_reason = outcome.kind
        hamlet_election.rerun_due_by = data.held_on + datetime.timedelta(days=settings.RERUN_WITHIN_DAYS)
        hamlet_election_transition(hamlet_election=hamlet_election, to=S.RERUN_REQUIRED, by=by,
                                   note=str(RerunReason(outcome.kind).label))
    return meeting


def recognition_due(meeting: Meeting) -> datetime.date:
    """The chairman's decision is due N working days after the minutes were received."""
    return add_working_days(meeting.minutes_received_on, settings.RECOGNITION_DEADLINE_WORKING_DAYS)


# --- After the vote ---------------------------------------------------------------------------


@transaction.atomic
def result_recognise(*, hamlet_election: HamletElection, decision_number: str, decision_date: datetime.date,
                     by: User) -> HamletHead:
    """Record the commune chairman's recognition decision; the head's term starts on its date and
    lasts the campaign's term (TT 04/2012 Điều 12)."""
    hamlet_election = HamletElection.objects.select_for_update().select_related("election").get(
        pk=hamlet_election.pk)
    _require_recorder(by, hamlet_election)
    meeting = hamlet_election.current_meeting
    errors = []
    if not decision_number.strip():
        errors.append(_("Enter the number of the recognition decision."))
    if meeting and decision_date < meeting.held_on:
        errors.append(_("The recognition decision cannot be dated before the election (%(date)s).") % {
            "date": date_format(meeting.held_on, "SHORT_DATE_FORMAT")})
    if hamlet_election.status != S.ELECTED or meeting is None or meeting.winner is None:
        errors.append(_("Only an elected head awaiting recognition can be recognised."))
    if errors:
        raise ValidationError(errors)
    meeting.recognition_number, meeting.recognition_date = decision_number.strip(), decision_date
    audited_save(meeting, by=by, clean=False)
    winner = meeting.winner
    head = HamletHead(
        hamlet_election=hamlet_election, kind=HeadKind.ELECTED, full_name=winner.full_name, gender=winner.gender,
        is_party_member=winner.is_party_member, is_cell_secretary=winner.is_cell_secretary,
        is_reelected=winner.is_incumbent, decision_number=meeting.recognition_number, decision_date=decision_date,
        term_start=decision_date, term_end=add_months(decision_date, hamlet_election.election.term_months),
        meeting=meeting, recorded_by=by,
    )
    audited_save(head, by=by)
    hamlet_election_transition(hamlet_election=hamlet_election, to=S.RECOGNISED, by=by,
                               note=_("Recognition decision %(number)s") % {"number": head.decision_number})
    return head


@transaction.atomic
def result_refuse(*, hamlet_election: HamletElection, reasons: str, decision_date: datetime.date,
                  decision_number: str = "", by: User) -> Meeting:
    """The commune chairman refuses to recognise the result: reasons are required and a re-run is
    due within RERUN_WITHIN_DAYS of the refusal (domain-rules §1.6)."""
    hamlet_election = HamletElection.objects.select_for_update().get(pk=hamlet_election.pk)
    _require_recorder(by, hamlet_election)
    meeting = hamlet_election.current_meeting
    if not reasons.strip():
        raise ValidationError(_("Give the reasons for refusing recognition."))
    if hamlet_election.status != S.ELECTED or meeting is None:
        raise ValidationError(_("Only an elected head awaiting recognition can be refused."))
    meeting.refusal_reasons = reasons.strip()
    meeting.recognition_number, meeting.recognition_date = decision_number.strip(), decision_date
    audited_save(meeting, by=by, clean=False)
    hamlet_election.rerun_reason = RerunReason.REFUSED
    hamlet_election.rerun_due_by = decision_date + datetime.timedelta(days=settings.RERUN_WITHIN_DAYS)
    hamlet_election_transition(hamlet_election=hamlet_election, to=S.RERUN_REQUIRED, by=by,
                               note=meeting.refusal_reasons)
    return meeting


@transaction.atomic
def rerun_schedule(*, hamlet_election: HamletElection, date: datetime.date, by: User) -> HamletElection:
    """Schedule the re-run: after the failed meeting and no later than its due date (RERUN_WITHIN_DAYS
    after a failed meeting; 6 months after an acting head's appointment)."""
    hamlet_election = HamletElection.objects.select_for_update().get(pk=hamlet_election.pk)
    _require_recorder(by, hamlet_election)
    if hamlet_election.status not in (S.RERUN_REQUIRED, S.ACTING_HEAD):
        raise ValidationError(_("A re-run can be scheduled only after a failed election or an acting head's "
                                "appointment."))
    last = hamlet_election.current_meeting
    if last and date <= last.held_on:
        raise ValidationError(_("The re-run must be after the previous meeting (%(date)s).") % {
            "date": date_format(last.held_on, "SHORT_DATE_FORMAT")})
    due = hamlet_election.rerun_due_by
    if due and date > due:
        raise ValidationError(_("The re-run must be held by %(due)s.") % {"due": date_format(due, "SHORT_DATE_FORMAT")})
    hamlet_election.rerun_date = date
    hamlet_election_transition(hamlet_election=hamlet_election, to=S.RERUN_SCHEDULED, by=by,
                               note=_("Re-run on %(date)s") % {"date": date_format(date, "SHORT_DATE_FORMAT")})
    return hamlet_election


@transaction.atomic
def acting_head_appoint(*, hamlet_election: HamletElection, full_name: str, gender: str, decision_number: str,
                        decision_date: datetime.date, is_party_member: bool = False,
                        is_cell_secretary: bool = False, by: User) -> HamletHead:
    """When a re-run has failed too, the commune chairman appoints an acting head; an election is
    then due within 6 months of the decision (TT 04/2012 Điều 12 khoản 2 điểm a)."""
    hamlet_election = HamletElection.objects.select_for_update().get(pk=hamlet_election.pk)
    _require_recorder(by, hamlet_election)
    last = hamlet_election.current_meeting
    errors = []
    if hamlet_election.status != S.RERUN_REQUIRED or last is None or last.round < 2:
        errors.append(_("An acting head is appointed only after a re-run has failed as well."))
    if not full_name.strip():
        errors.append(_("Enter the acting head's full name."))
    if not decision_number.strip():
        errors.append(_("Enter the number of the appointment decision."))
    if gender not in Gender.values:
        errors.append(_("Choose the acting head's gender."))
    if errors:
        raise ValidationError(errors)
    due = add_months(decision_date, settings.ACTING_HEAD_ELECTION_MONTHS)
    head = HamletHead(
        hamlet_election=hamlet_election, kind=HeadKind.ACTING, full_name=" ".join(full_name.split()), gender=gender,
        is_party_member=is_party_member, is_cell_secretary=is_cell_secretary,
        decision_number=decision_number.strip(), decision_date=decision_date, next_election_due=due,
        meeting=last, recorded_by=by,
    )
    audited_save(head, by=by)
    hamlet_election.rerun_due_by = due
    hamlet_election_transition(hamlet_election=hamlet_election, to=S.ACTING_HEAD, by=by,
                               note=_("Acting head: %(name)s") % {"name": head.full_name})
    return head
