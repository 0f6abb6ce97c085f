"""Writes for election day: milestones, minutes, recognition, re-runs, acting heads.

The status of a hamlet election is a workflow held as data: `TRANSITIONS` says which moves are
allowed, `hamlet_election_transition` is the only function that changes the status, and it writes
a `StatusChange` row with who and when. The decision gate (`registry.check_decision`) runs on the
commune chairman's decisions (recognition, acting head), never on the record of a meeting held.

Dates that cannot be true (a meeting in the future or before the campaign's window opened, a
decision before the meeting it decides on) are refused; dates that are merely late are accepted and
warned about by `selectors.hamlet_warnings`.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
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
from .rules import MIN_AGE, MinutesFigures, age_on, check_minutes, decide, roll_range

S = ResultStatus
TRANSITIONS: dict[str, set[str]] = {
    S.PLANNED: {S.ELECTED, S.RERUN_REQUIRED},
    S.ELECTED: {S.RECOGNISED, S.RERUN_REQUIRED},
    S.RERUN_REQUIRED: {S.RERUN_SCHEDULED, S.ACTING_HEAD},
    S.RERUN_SCHEDULED: {S.ELECTED, S.RERUN_REQUIRED},
    S.ACTING_HEAD: {S.RERUN_SCHEDULED},
    S.RECOGNISED: set(),
}
# The chairman's decisions that an open letter about the hamlet's nominees holds back (CV 3321-CV/TU:
# settle every letter before the decision). The minutes of a meeting already held are always recorded.
GATED = {S.RECOGNISED, S.ACTING_HEAD}


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

    Moving into a state the commune chairman decides (recognised, acting head) first runs every
    decision check (`registry.decision_checks`, e.g. an open letter about the hamlet's nominees, named
    by its reference) and refuses with their messages (CV 3321-CV/TU).
    """
    current = hamlet_election.status
    if to not in TRANSITIONS.get(current, set()):
        raise ValidationError(_("A hamlet election cannot go from “%(from)s” to “%(to)s”.") % {
            "from": ResultStatus(current).label, "to": ResultStatus(to).label})
    if to in GATED:
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
    date_of_birth: datetime.date | None = None


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
    roll_confirmation: str = ""


def _not_in_future(day: datetime.date, message: str) -> list[str]:
    today = timezone.localdate()
    return [message % {"date": date_format(day, "SHORT_DATE_FORMAT"),
                       "today": date_format(today, "SHORT_DATE_FORMAT")}] if day > today else []


def _roll_errors(hamlet_election: HamletElection, data: MinutesData) -> list[str]:
    """The roll against the hamlet's household count: beyond ROLL_HOUSEHOLD_TOLERANCE it needs the
    officer's confirmation with a reason (one representative per household, forms.md §3.6)."""
    households = hamlet_election.hamlet.households
    allowed = roll_range(households, settings.ROLL_HOUSEHOLD_TOLERANCE)
    if allowed is None or allowed[0] <= data.roll <= allowed[1] or data.roll_confirmation.strip():
        return []
    return [_("The roll (%(roll)s) is far from the hamlet's %(households)s households: without a reason it must be "
              "between %(low)s and %(high)s. Check the figure, or confirm it and give the reason.") % {
        "roll": data.roll, "households": households, "low": allowed[0], "high": allowed[1]}]


def _age_errors(candidates: list[CandidateRow], held_on: datetime.date) -> list[str]:
    """A candidate not filled from a nominee record (nominated at the meeting, self-nominated) is
    checked like a nominee: at least MIN_AGE on the day of the meeting (TT 04/2012 Điều 11)."""
    errors = []
    for row in candidates:
        if row.nominee_id is not None:
            continue  # checked when nominated (candidates app)
        if row.date_of_birth is None:
            errors.append(_("Enter the date of birth of %(name)s: candidates not taken from the nominee list are "
                            "checked for age on the election day.") % {"name": row.full_name})
        elif age_on(row.date_of_birth, held_on) < MIN_AGE:
            errors.append(_("%(name)s is not yet %(age)s on the election day (%(date)s): a hamlet head must be at "
                            "least %(age)s (TT 04/2012, Article 11).") % {
                "name": row.full_name, "age": MIN_AGE, "date": date_format(held_on, "SHORT_DATE_FORMAT")})
    return errors


@transaction.atomic
def minutes_record(*, hamlet_election: HamletElection, data: MinutesData, candidates: list[CandidateRow],
                   by: User) -> Meeting:
    """Record the minutes of a meeting (the first election or a re-run), check them, decide the
    outcome by law (`results.decide`) and move the workflow: elected, or re-run required. Nothing is
    saved if any check fails. The minutes of a meeting held are always recordable, whatever letters
    are open: those hold back the recognition (CV 3321-CV/TU).

    Refused: arithmetic that does not add up (domain-rules §6.3); a meeting in the future or before
    the campaign's election window opened; minutes received before the meeting or in the future; a
    re-run not after the previous meeting; a roll beyond ROLL_HOUSEHOLD_TOLERANCE of the hamlet's
    households without a confirmed reason (forms.md §3.6); a counting-board member who stands; a
    candidate under 21 on the day (TT 04/2012 Điều 11). A re-run held after its limit is recorded
    and warned about (`selectors.hamlet_warnings`)."""
    # Lock this hamlet's row only: the campaign and the hamlet are read, and shared with the others.
    hamlet_election = HamletElection.objects.select_for_update(of=("self",)).select_related(
        "election", "hamlet").get(pk=hamlet_election.pk)
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
    errors += _not_in_future(data.held_on, _("The meeting cannot be held in the future (%(date)s; today is "
                                             "%(today)s)."))
    opened = hamlet_election.election.election_start
    if data.held_on < opened:
        errors.append(_("The meeting (%(date)s) cannot be held before the campaign's election window opened "
                        "(%(opened)s).") % {"date": date_format(data.held_on, "SHORT_DATE_FORMAT"),
                                            "opened": date_format(opened, "SHORT_DATE_FORMAT")})
    if data.minutes_received_on < data.held_on:
        errors.append(_("The minutes cannot be received before the meeting was held."))
    errors += _not_in_future(data.minutes_received_on, _("The minutes cannot be received in the future "
                                                         "(%(date)s; today is %(today)s)."))
    previous = hamlet_election.current_meeting
    if hamlet_election.status == S.RERUN_SCHEDULED and previous and data.held_on <= previous.held_on:
        errors.append(_("A re-run must be held after the previous meeting (%(date)s).") % {
            "date": date_format(previous.held_on, "SHORT_DATE_FORMAT")})
    errors += _age_errors(candidates, data.held_on)
    roll_errors = _roll_errors(hamlet_election, data)
    if roll_errors:  # on the roll field, beside the reason that would confirm it
        raise ValidationError({"roll": roll_errors, **({NON_FIELD_ERRORS: errors} if errors else {})})
    if errors:
        raise ValidationError(errors)

    outcome = decide(roll=data.roll, attending=data.attending, votes=[c.votes for c in candidates])
    meeting = Meeting(
        hamlet_election=hamlet_election, round=hamlet_election.meetings.count() + 1, held_on=data.held_on,
        voting_method=data.voting_method, counting_board="\n".join(data.counting_board), roll=data.roll,
        attending=data.attending, ballots_issued=data.ballots_issued, ballots_returned=data.ballots_returned,
        ballots_valid=data.ballots_valid, ballots_invalid=data.ballots_invalid,
        minutes_received_on=data.minutes_received_on, outcome="" if outcome.is_elected else outcome.kind,
        roll_confirmation=data.roll_confirmation.strip(),
        rerun_due_by=hamlet_election.rerun_due_by if hamlet_election.status == S.RERUN_SCHEDULED else None,
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
    """The chairman's decision is due RECOGNITION_DEADLINE_WORKING_DAYS (5) working days after the
    minutes were received (NĐ 59/2023 Điều 8, as reported in forms.md §4.4)."""
    return add_working_days(meeting.minutes_received_on, settings.RECOGNITION_DEADLINE_WORKING_DAYS)


def minutes_due(meeting: Meeting) -> datetime.date:
    """The minutes are due at the commune MINUTES_RECEIPT_WORKING_DAYS working days after the meeting
    (forms.md §3.3-3.4: 05 working days for a community decision sent to UBND xã)."""
    return add_working_days(meeting.held_on, settings.MINUTES_RECEIPT_WORKING_DAYS)


def _decision_date_errors(decision_date: datetime.date, meeting: Meeting | None, what: str) -> list[str]:
    """A decision of the commune chairman cannot be dated before the meeting it decides on, nor in the
    future."""
    errors = _not_in_future(decision_date, _("The decision cannot be dated in the future (%(date)s; today is "
                                             "%(today)s)."))
    if meeting and decision_date < meeting.held_on:
        errors.append(what % {"date": date_format(meeting.held_on, "SHORT_DATE_FORMAT")})
    return errors


# --- After the vote ---------------------------------------------------------------------------


@transaction.atomic
def result_recognise(*, hamlet_election: HamletElection, decision_number: str, decision_date: datetime.date,
                     by: User) -> HamletHead:
    """Record the commune chairman's recognition decision; the head's term starts on its date and
    lasts the campaign's term (TT 04/2012 Điều 12). Refused while a registered decision check objects
    (an open letter about the hamlet's nominees, CV 3321-CV/TU), or when dated before the meeting or
    in the future; a decision later than `recognition_due` is recorded and warned about."""
    hamlet_election = HamletElection.objects.select_for_update().select_related("election").get(
        pk=hamlet_election.pk)
    _require_recorder(by, hamlet_election)
    meeting = hamlet_election.current_meeting
    errors = []
    if not decision_number.strip():
        errors.append(_("Enter the number of the recognition decision."))
    errors += _decision_date_errors(decision_date, meeting, _("The recognition decision cannot be dated before "
                                                              "the election (%(date)s)."))
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
    due within RERUN_WITHIN_DAYS of the refusal (domain-rules §1.6). Refused when dated before the
    meeting or in the future (forms.md §4.4: the same decision as a recognition)."""
    hamlet_election = HamletElection.objects.select_for_update().get(pk=hamlet_election.pk)
    _require_recorder(by, hamlet_election)
    meeting = hamlet_election.current_meeting
    errors = []
    if not reasons.strip():
        errors.append(_("Give the reasons for refusing recognition."))
    if hamlet_election.status != S.ELECTED or meeting is None:
        errors.append(_("Only an elected head awaiting recognition can be refused."))
    errors += _decision_date_errors(decision_date, meeting, _("The refusal cannot be dated before the election "
                                                              "(%(date)s)."))
    if errors:
        raise ValidationError(errors)
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
    """Schedule the re-run after the failed meeting. Its limit (RERUN_WITHIN_DAYS after a failed
    meeting, domain-rules §1.6; 6 months after an acting head's appointment, TT 04/2012 Điều 12) is
    warned about when passed, not refused: a late re-run is still the way to elect a head."""
    hamlet_election = HamletElection.objects.select_for_update().get(pk=hamlet_election.pk)
    _require_recorder(by, hamlet_election)
    if hamlet_election.status not in (S.RERUN_REQUIRED, S.ACTING_HEAD):
        raise ValidationError(_("A re-run can be scheduled only after a failed election or an acting head's "
                                "appointment."))
    last = hamlet_election.current_meeting
    if last and date <= last.held_on:
        raise ValidationError(_("The re-run must be after the previous meeting (%(date)s).") % {
            "date": date_format(last.held_on, "SHORT_DATE_FORMAT")})
    hamlet_election.rerun_date = date
    hamlet_election_transition(hamlet_election=hamlet_election, to=S.RERUN_SCHEDULED, by=by,
                               note=_("Re-run on %(date)s") % {"date": date_format(date, "SHORT_DATE_FORMAT")})
    return hamlet_election


@transaction.atomic
def acting_head_appoint(*, hamlet_election: HamletElection, full_name: str, gender: str, decision_number: str,
                        decision_date: datetime.date, is_party_member: bool = False,
                        is_cell_secretary: bool = False, by: User) -> HamletHead:
    """When a re-run has failed too, the commune chairman appoints an acting head; an election is
    then due within 6 months of the decision (TT 04/2012 Điều 12 khoản 2 điểm a). Refused when dated
    before the failed re-run or in the future, and while a registered decision check objects (an open
    letter about the hamlet's nominees, CV 3321-CV/TU)."""
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
    errors += _decision_date_errors(decision_date, last, _("The appointment cannot be dated before the failed "
                                                           "re-run (%(date)s)."))
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
