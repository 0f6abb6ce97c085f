"""After the vote: the deadlines of the minutes and of the commune chairman's decision, and the
decisions themselves (recognition, refusal, re-run, acting head), never dated before the meeting
they decide on nor in the future (NĐ 59/2023 Điều 8, TT 04/2012 Điều 12)."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import User
from common.choices import Gender
from common.services import audited_save
from common.workdays import add_months, add_working_days

from ...models import HamletElection
from ..models import (
    HamletHead,
    HeadKind,
    Meeting,
    RerunReason,
)
from .workflow import S, _not_in_future, _require_recorder, hamlet_election_transition


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
