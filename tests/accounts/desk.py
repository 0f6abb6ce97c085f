"""A province on a working day, with work waiting on every desk (issue 20): directives to acknowledge
and plans due (some overdue), an answered difficulty, nominee lists and an exception to decide,
hamlets whose minutes or recognition are due, letters near or past their deadline. Every date is
relative to today, so each rule is met at its boundary: due today is not overdue, due yesterday is.

    desk = build_desk()
    desk.tree.user("cell", 0, "officer")    # a cell with directives to acknowledge, one overdue
"""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from candidates.models import ConcurrencyException, ListStatus, Nominee, NomineeList
from complaints.models import Complaint
from directives import services as directive_services
from directives.models import DifficultyReport, DifficultyStatus, Directive, DirectiveType, Dispatch, Duties
from elections.models import Election, HamletElection
from elections.results.models import Meeting, MeetingCandidate, ResultStatus
from elections.results.services import recognition_due
from territory.models import Kind, Level, Unit
from tests.trees import Tree, build_tree

DAY = datetime.timedelta(days=1)


@dataclass
class Desk:
    tree: Tree
    today: datetime.date
    election: Election
    directives: dict = field(default_factory=dict)  # number -> Directive
    extra_hamlets: list = field(default_factory=list)  # three more hamlets of commune 0

    def dispatch(self, number: str, key: str, index: int = 0) -> Dispatch:
        return Dispatch.objects.get(directive=self.directives[number], organisation=self.tree.org(key, index))

    def hamlet_election(self, hamlet: Unit) -> HamletElection:
        return HamletElection.objects.get(election=self.election, hamlet=hamlet)


def _directive(desk: Desk, number: str, *, plan_due: datetime.date, agency: bool) -> Directive:
    """A plan-and-report directive of the office, owed by every level and sent down to the cells."""
    tree = desk.tree
    office = tree.user("office", 0, "officer")
    directive = directive_services.directive_register(
        by=office, recipients=[tree.org("agency")] if agency else [], number=number, kind=DirectiveType.PLAN,
        issued_on=desk.today - 20 * DAY, issuer="Tỉnh ủy Thử Nghiệm", summary=f"Triển khai bầu cử ({number})",
        body="Nội dung kế hoạch.",
        depth="cells", duties=Duties.EVERYONE, plan_required=True, plan_due=plan_due, report_required=True,
        report_due=desk.today + 30 * DAY)
    directive_services.directive_fan_out(directive=directive, by=office)
    desk.directives[number] = directive
    return directive


def _directives(desk: Desk) -> None:
    """12-KH/TU: cell 0's acknowledgement was due yesterday (overdue), its plan is due today (not
    overdue), its report in a month. 15-KH/TU: cell 0's acknowledgement is due today, its plan and
    its report were due yesterday. Cell 1 acknowledged and sent everything: nothing waits for it."""
    today = desk.today
    _directive(desk, "12-KH/TU", plan_due=today, agency=True)
    _directive(desk, "15-KH/TU", plan_due=today + 10 * DAY, agency=False)
    Dispatch.objects.filter(directive=desk.directives["12-KH/TU"]).update(ack_due=today + 2 * DAY)
    Dispatch.objects.filter(directive=desk.directives["15-KH/TU"]).update(ack_due=today + 2 * DAY)
    Dispatch.objects.filter(pk=desk.dispatch("12-KH/TU", "cell").pk).update(ack_due=today - DAY)
    Dispatch.objects.filter(pk=desk.dispatch("12-KH/TU", "agency").pk).update(ack_due=today - DAY)
    Dispatch.objects.filter(pk=desk.dispatch("15-KH/TU", "cell").pk).update(ack_due=today, plan_due=today - DAY,
                                                                           report_due=today - DAY)
    for number in ("12-KH/TU", "15-KH/TU"):
        Dispatch.objects.filter(pk=desk.dispatch(number, "cell", 1).pk).update(
            acknowledged_at=timezone.now(), plan_submitted_at=timezone.now(), report_submitted_at=timezone.now())


def _difficulties(desk: Desk) -> None:
    """Cell 0 raised two difficulties: one answered five days ago (news), one answered 31 days ago
    (old news); cell 1 had one answered too; commune 0's is still open (the office's to answer)."""
    now = timezone.now()
    for key, index, answered in (("cell", 0, now - 5 * DAY), ("cell", 0, now - 31 * DAY), ("cell", 1, now - DAY)):
        DifficultyReport.objects.create(dispatch=desk.dispatch("12-KH/TU", key, index), text="Thiếu kinh phí.",
                                        raised_at=answered - DAY, status=DifficultyStatus.ANSWERED,
                                        answer="Đã bố trí kinh phí.", answered_at=answered)
    DifficultyReport.objects.create(dispatch=desk.dispatch("15-KH/TU", "commune", 0), text="Chưa rõ mẫu biểu.")


def _nomination(desk: Desk) -> None:
    """District 0's list is a draft: hamlet 0's nominee is not the cell secretary and its exception
    awaits the district standing committee. District 1's list is submitted, waiting for the office."""
    tree, election = desk.tree, desk.election
    drafts = NomineeList.objects.create(election=election, unit=tree.districts[0])
    submitted = NomineeList.objects.create(election=election, unit=tree.districts[1], status=ListStatus.SUBMITTED,
                                           submitted_at=timezone.now())
    for number, (nominee_list, hamlet) in enumerate(((drafts, tree.hamlets[0]), (submitted, tree.hamlets[4]))):
        Nominee.objects.create(
            hamlet_election=desk.hamlet_election(hamlet), nominee_list=nominee_list, full_name="Nguyễn Văn Ứng",
            search_name="nguyen van ung", gender="male", date_of_birth=datetime.date(1975, 5, 1),
            citizen_id=f"08207500012{number}", is_party_member=True, is_cell_secretary=False)
    for nominee_list, hamlet in ((drafts, tree.hamlets[0]), (submitted, tree.hamlets[4])):
        ConcurrencyException.objects.create(hamlet_election=desk.hamlet_election(hamlet), nominee_list=nominee_list,
                                            reason="health", explanation="Bí thư chi bộ đang điều trị bệnh.")


def _meeting(he: HamletElection, *, held_on: datetime.date, received: datetime.date) -> Meeting:
    meeting = Meeting.objects.create(hamlet_election=he, round=1, held_on=held_on, voting_method="hands", roll=100,
                                     attending=90, minutes_received_on=received)
    meeting.winner = MeetingCandidate.objects.create(meeting=meeting, full_name="Trần Văn Thắng", gender="male",
                                                     is_party_member=True, is_cell_secretary=True, votes=80)
    meeting.save(update_fields=["winner"])
    return meeting


def _last_receipt_due_before(today: datetime.date) -> datetime.date:
    """The latest day of receiving minutes whose recognition fell due before today (overdue)."""
    received = today - DAY
    while recognition_due(Meeting(minutes_received_on=received)) >= today:
        received -= DAY
    return received


def _results(desk: Desk) -> None:
    """Commune 0: hamlet 0 met yesterday and its minutes are not recorded; hamlet 1 meets today (not
    yet due); of three more hamlets, one elected head's recognition is overdue, one's is within its
    time limit, and one failed election needs a re-run. Commune 2 (district 1) has minutes due too."""
    tree, today = desk.tree, desk.today
    HamletElection.objects.filter(election=desk.election).update(election_date=today + 5 * DAY)
    HamletElection.objects.filter(election=desk.election, hamlet__in=[tree.hamlets[0], tree.hamlets[4]]).update(
        election_date=today - DAY)
    HamletElection.objects.filter(election=desk.election, hamlet=tree.hamlets[1]).update(election_date=today)
    for n in range(3):
        hamlet = Unit.objects.create(level=Level.HAMLET, kind=Kind.HAMLET, parent=tree.communes[0],
                                     name=f"Ấp Việc {n}", households=120)
        desk.extra_hamlets.append(hamlet)
        HamletElection.objects.create(election=desk.election, hamlet=hamlet, election_date=today - 10 * DAY)
    late, on_time, rerun = (desk.hamlet_election(h) for h in desk.extra_hamlets)
    late_receipt = _last_receipt_due_before(today)
    for he, received in ((late, late_receipt), (on_time, late_receipt + DAY)):
        he.current_meeting = _meeting(he, held_on=received, received=received)
        he.status = ResultStatus.ELECTED
        he.save(update_fields=["current_meeting", "status"])
    rerun.current_meeting = Meeting.objects.create(hamlet_election=rerun, round=1, held_on=today - 10 * DAY,
                                                   voting_method="hands", roll=100, attending=40,
                                                   minutes_received_on=today - 10 * DAY, outcome="no_quorum")
    rerun.status, rerun.rerun_reason, rerun.rerun_due_by = ResultStatus.RERUN_REQUIRED, "no_quorum", today + 5 * DAY
    rerun.save(update_fields=["current_meeting", "status", "rerun_reason", "rerun_due_by"])


def _letters(desk: Desk) -> None:
    """Letters about commune 0's hamlet 0, handled by its officer: one past its deadline (yesterday),
    one due today, one due in ten days. District 1's hamlet 4 has a letter past its deadline too."""
    tree, today = desk.tree, desk.today
    handler = tree.user("commune", 0, "officer")
    for due in (today - DAY, today, today + 10 * DAY):
        Complaint.objects.create(kind="to_cao", channel="post", received_on=today - 20 * DAY, hamlet=tree.hamlets[0],
                                 summary="Phản ánh về người được giới thiệu", status="accepted", due_on=due,
                                 handler=handler, created_by=handler)
    Complaint.objects.create(kind="to_cao", channel="post", received_on=today - 20 * DAY, hamlet=tree.hamlets[4],
                             summary="Phản ánh về người được giới thiệu", status="accepted", due_on=today - DAY,
                             handler=tree.user("commune", 2, "officer"), created_by=tree.user("commune", 2, "officer"))


def build_desk(*, name: str = "Tỉnh Thử Nghiệm", code: str = "99") -> Desk:
    tree = build_tree(name=name, code=code)
    today = timezone.localdate()
    election = Election.objects.create(
        name="Bầu cử Trưởng ấp, Trưởng khu phố nhiệm kỳ 2024-2029", province=tree.province, term_start_year=2024,
        term_end_year=2029, nomination_deadline=today + 10 * DAY, election_start=today - 20 * DAY,
        election_end=today + 40 * DAY)
    HamletElection.objects.bulk_create([HamletElection(election=election, hamlet=h) for h in tree.hamlets])
    desk = Desk(tree=tree, today=today, election=election)
    _directives(desk)
    _difficulties(desk)
    _nomination(desk)
    _results(desk)
    _letters(desk)
    return desk
