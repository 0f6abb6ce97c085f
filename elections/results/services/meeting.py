"""Before and at the meeting: the preparation milestones and the minutes of a meeting, checked
(roll, ages, dates that cannot be true) before they decide the outcome (elected or a re-run)."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import User
from common.services import audited_delete, audited_save

from ...models import HamletElection
from ..models import (
    Meeting,
    MeetingCandidate,
    Milestone,
    MilestoneKind,
    RerunReason,
    VotingMethod,
)
from ..rules import MIN_AGE, MinutesFigures, age_on, check_minutes, decide, roll_range
from .workflow import S, _not_in_future, _require_recorder, hamlet_election_transition


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
