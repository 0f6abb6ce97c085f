"""One commune's hamlets and one hamlet's election: what the commune owes next, what is late, what
would block the chairman's decision, the detail page and the rows of the results spreadsheet."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from common.numbers import percent
from common.workdays import add_months
from territory.models import Unit

from ... import registry
from ...models import Election, HamletElection
from ..models import HeadKind, Meeting, MeetingCandidate, MilestoneKind, ResultStatus
from ..rules import late_warning, milestone_warnings, roll_range
from ..services import can_record, minutes_due, recognition_due
from .scope import hamlet_elections_visible_to

S = ResultStatus


def hamlet_warnings(hamlet_election: HamletElection, *, meetings=None, milestones=None) -> list[str]:
    """What in this hamlet's election is later than the law wants, accepted since records are often
    entered late: preparation milestones after their lead time before the first meeting (NĐ 59/2023,
    domain-rules §1.4); a re-run held, or scheduled, after its limit (RERUN_WITHIN_DAYS, domain-rules
    §1.6; 6 months after an acting head, TT 04/2012 Điều 12); minutes that reached the commune more
    than MINUTES_RECEIPT_WORKING_DAYS after the meeting; a chairman's decision later than
    RECOGNITION_DEADLINE_WORKING_DAYS after the minutes arrived (NĐ 59/2023 Điều 8, forms.md §4.4).

    Reads `milestones` and `meetings` through `.all()` unless given, so a list prefetches them and
    adds no query."""
    he = hamlet_election
    meetings = sorted(he.meetings.all() if meetings is None else meetings, key=lambda m: m.round)
    milestones = {m.kind: m.date for m in (he.milestones.all() if milestones is None else milestones)}
    # Lead times count back from the day the first meeting was actually held, else the planned day.
    election_day = meetings[0].held_on if meetings else he.election_date
    warnings = milestone_warnings(election_day, milestones, settings.ELECTION_LEAD_DAYS)
    late = []
    for meeting in meetings:
        late += [late_warning("rerun", done=meeting.held_on, due=meeting.rerun_due_by),
                 late_warning("receipt", done=meeting.minutes_received_on, due=minutes_due(meeting)),
                 late_warning("decision", done=meeting.recognition_date, due=recognition_due(meeting))]
    if he.status == S.RERUN_SCHEDULED:
        late.append(late_warning("rerun", done=he.rerun_date, due=he.rerun_due_by))
    return warnings + [w for w in late if w]


def decision_blockers(hamlet_election: HamletElection) -> list[str]:
    """Why the commune chairman's next decision (recognition; an acting head after a failed re-run)
    would be refused now: the messages of `registry.decision_checks`, e.g. an open letter about the
    hamlet's nominees named by its reference (CV 3321-CV/TU). Empty when no such decision is due."""
    he = hamlet_election
    due = he.status == S.ELECTED or (he.status == S.RERUN_REQUIRED and he.current_meeting_id
                                     and he.current_meeting.round > 1)
    return registry.run_decision_checks(he) if due else []


@dataclass
class HamletLine:
    hamlet_election: HamletElection
    missing: list[str]
    recognition_overdue: bool
    recognition_due: datetime.date | None
    warnings: list[str]


# The commune's next work on a hamlet's election, as filters of its page (`?trang-thai=`) besides the statuses.
WORK_FILTERS = ("minutes", "recognition", "recognition-late")
WORK_STATUSES = (S.PLANNED, S.RERUN_SCHEDULED, S.ELECTED)


def hamlet_work(hamlet_election: HamletElection, today: datetime.date) -> str:
    """What the commune owes next for one hamlet's election (a key of WORK_FILTERS, or ""): "minutes"
    once the day of the meeting (or of the re-run) has passed with no minutes of it recorded;
    "recognition" for an elected head awaiting the chairman's decision, "recognition-late" once that
    decision is overdue (`services.recognition_due`, NĐ 59/2023 Điều 8)."""
    he = hamlet_election
    if he.status == S.PLANNED and he.election_date and he.election_date < today:
        return "minutes"
    if he.status == S.RERUN_SCHEDULED and he.rerun_date and he.rerun_date < today:
        return "minutes"
    if he.status == S.ELECTED:
        return "recognition-late" if today > recognition_due(he.current_meeting) else "recognition"
    return ""


def commune_work(user, election: Election, commune: Unit, today: datetime.date | None = None) -> dict[str, int]:
    """How many of the commune's hamlets wait for each of WORK_FILTERS, and for a re-run to be
    scheduled (status RERUN_REQUIRED), over the same hamlets as `commune_hamlets`. One query."""
    today = today or timezone.localdate()
    counts = dict.fromkeys((*WORK_FILTERS, S.RERUN_REQUIRED), 0)
    for he in (hamlet_elections_visible_to(user, election).filter(hamlet__commune=commune)
               .filter(status__in=(*WORK_STATUSES, S.RERUN_REQUIRED)).select_related("current_meeting")):
        key = S.RERUN_REQUIRED if he.status == S.RERUN_REQUIRED else hamlet_work(he, today)
        if key:
            counts[key] += 1
    return counts


def commune_hamlets(user, election: Election, commune: Unit, *, status: str = "") -> list[HamletLine]:
    """The commune's hamlets with their status, what is missing (milestones, minutes, recognition)
    and the warnings of `hamlet_warnings`: three queries, whatever the number of hamlets. `status`
    narrows them to a result status or to one of WORK_FILTERS (`hamlet_work`)."""
    qs = hamlet_elections_visible_to(user, election).filter(hamlet__commune=commune)
    if status in ResultStatus.values:
        qs = qs.filter(status=status)
    elif status in WORK_FILTERS:
        qs = qs.filter(status__in=WORK_STATUSES)
    qs = (qs
          .select_related("hamlet", "current_meeting__winner")
          .prefetch_related("milestones", "meetings")
          .order_by("hamlet__name"))
    today = timezone.localdate()
    lines = []
    for he in qs:
        if status in WORK_FILTERS and hamlet_work(he, today) != status:
            continue
        missing = []
        if len(he.milestones.all()) < len(MilestoneKind):
            missing.append("milestones")
        if he.current_meeting is None:
            missing.append("minutes")
        due = None
        if he.status == S.ELECTED:
            missing.append("recognition")
            due = recognition_due(he.current_meeting)
        lines.append(HamletLine(he, missing, bool(due and today > due), due, hamlet_warnings(he)))
    return lines


def roll_range_for(hamlet_election: HamletElection) -> tuple[int, int] | None:
    """The roll the minutes may give without a reason (`rules.roll_range`), or None without a count."""
    return roll_range(hamlet_election.hamlet.households, settings.ROLL_HOUSEHOLD_TOLERANCE)


def hamlet_election_for(user, pk: int) -> HamletElection:
    qs = HamletElection.objects.select_related(
        "election", "hamlet", "hamlet__commune", "hamlet__district", "current_meeting__winner")
    return qs.get_visible_or_404(user, pk=pk)


@dataclass
class MeetingView:
    meeting: Meeting
    rows: list[tuple[MeetingCandidate, Decimal]]
    turnout: Decimal
    winner_percent: Decimal | None


@dataclass
class ResultDetail:
    hamlet_election: HamletElection
    milestones: dict
    warnings: list[str]
    meetings: list[MeetingView]
    heads: list
    changes: list
    can_record: bool
    recognition_due: datetime.date | None
    recognition_overdue: bool
    acting_alert: datetime.date | None
    acting_overdue: bool
    exception_lines: list[str]
    blockers: list[str]


def result_detail(user, hamlet_election: HamletElection) -> ResultDetail:
    he = hamlet_election
    milestones = {m.kind: m for m in he.milestones.all()}
    meetings = []
    all_meetings = list(he.meetings.prefetch_related(
        Prefetch("candidates", MeetingCandidate.objects.order_by("position"))))
    warnings = hamlet_warnings(he, meetings=all_meetings, milestones=milestones.values())
    for meeting in all_meetings:
        rows = [(c, percent(c.votes, meeting.roll)) for c in meeting.candidates.all()]
        winner_percent = percent(meeting.winner.votes, meeting.roll) if meeting.winner_id else None
        meetings.append(MeetingView(meeting, rows, percent(meeting.attending, meeting.roll), winner_percent))
    heads = list(he.heads.all())
    today = timezone.localdate()
    due = recognition_due(he.current_meeting) if he.status == S.ELECTED else None
    acting = next((h for h in reversed(heads) if h.kind == HeadKind.ACTING), None)
    acting_alert = None
    if acting and he.status == S.ACTING_HEAD:
        acting_alert = add_months(acting.decision_date, settings.ACTING_HEAD_ALERT_MONTHS)
    winner = he.current_meeting.winner if he.current_meeting_id else None
    exception = registry.exception_lines(he) if winner and not winner.is_cell_secretary else []
    return ResultDetail(
        hamlet_election=he, milestones=milestones, warnings=warnings, meetings=meetings, heads=heads,
        changes=list(he.status_changes.select_related("by")), can_record=can_record(user, he),
        recognition_due=due, recognition_overdue=bool(due and today > due),
        acting_alert=acting_alert if acting_alert and today >= acting_alert else None,
        acting_overdue=bool(acting and he.status == S.ACTING_HEAD and today > acting.next_election_due),
        exception_lines=exception, blockers=decision_blockers(he),
    )


def export_rows(user, election: Election, unit: Unit) -> QuerySet:
    """One row per hamlet under `unit`, for the results summary spreadsheet: one query."""
    return (hamlet_elections_visible_to(user, election).within(unit)
            .select_related("hamlet", "hamlet__district", "hamlet__commune", "current_meeting__winner")
            .order_by("hamlet__path"))


def previous_candidates(hamlet_election: HamletElection) -> list[dict]:
    """A re-run starts from the candidates of the failed meeting (votes left empty)."""
    if not hamlet_election.current_meeting_id:
        return []
    fields = ("full_name", "gender", "is_party_member", "is_cell_secretary", "is_incumbent", "origin", "nominee_id",
              "date_of_birth")
    return list(MeetingCandidate.objects.filter(meeting_id=hamlet_election.current_meeting_id)
                .order_by("position").values(*fields))
