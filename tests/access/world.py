"""The world of the access matrix: two provinces, one object of every kind in three places.

Places:
- "own": district 0 / commune 0 / hamlet 0 of province A (inside every province-A committee user);
- "sibling": district 1 / commune 2 / hamlet 4 of province A (outside the district-0, commune-0 and
  cell-0 users; inside the provincial office and standing committee);
- "foreign": province B (outside every user but the administrator).

Every object in the sibling and foreign places carries a unique marker text; a response to a
user must never contain the marker of an object outside that user's territory.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.test import Client
from django.utils import timezone

from accounts.models import CellSecretary, User
from candidates.models import ConcurrencyException, Nominee, NomineeList
from complaints.models import Attachment, ComplainantIdentity, Complaint
from directives.models import (
    DifficultyReport,
    Directive,
    DirectiveTask,
    Dispatch,
    PersonalDispatch,
    TaskField,
    TaskReport,
    TaskReportValue,
)
from elections.models import Election, HamletElection, HamletHead, Incident, Meeting, MeetingCandidate
from reports.models import ReportJob
from tests.trees import build_tree

PLACES = ("own", "sibling", "foreign")
PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
       b"trailer<</Root 1 0 R>>\n%%EOF\n")


def marker(place: str, what: str) -> str:
    """A text that appears nowhere else: planted in one object."""
    return f"Dấu{place.capitalize()}{what}Zq"


@dataclass
class World:
    trees: dict
    objects: dict = field(default_factory=dict)  # (kind, place) -> model instance
    markers: dict = field(default_factory=dict)  # place -> [marker texts]
    own_names: list = field(default_factory=list)  # texts naming "own" objects: absent from a refusal
    users: dict = field(default_factory=dict)  # user key -> User (None for anonymous)

    def pk(self, kind: str, place: str) -> int:
        return self.objects[(kind, place)].pk


def _plant(world, place, what) -> str:
    text = marker(place, what)
    world.markers.setdefault(place, []).append(text)
    return text


def _fill(world: World, tree, place: str, d: int, now) -> None:
    """One object of each kind in district `d` of `tree` (hamlet 4*d, commune 2*d, cell 4*d)."""
    h = 4 * d
    hamlet = tree.hamlets[h]
    planted = place != "own"
    if planted:
        hamlet.name = _plant(world, place, "Hamlet")
        hamlet.save()
    else:
        world.own_names.append(hamlet.name)
    election = tree.election
    he = HamletElection.objects.get(election=election, hamlet=hamlet)
    unit = tree.districts[d]
    nominee_list = NomineeList.objects.create(election=election, unit=unit)
    nominee = Nominee.objects.create(
        hamlet_election=he, nominee_list=nominee_list,
        full_name=_plant(world, place, "Nominee") if planted else f"Nguyễn Văn Nhà {place}",
        search_name=f"nominee {place}", gender="male", date_of_birth=dt.date(1975, 5, 1),
        citizen_id=f"0820750{d}{len(world.objects):04d}", is_party_member=True, is_cell_secretary=False)
    he2 = HamletElection.objects.get(election=election, hamlet=tree.hamlets[h + 1])
    exception = ConcurrencyException.objects.create(
        hamlet_election=he2, nominee_list=nominee_list, reason="health",
        explanation=_plant(world, place, "Exception") if planted else "Sức khỏe yếu.")
    meeting = Meeting.objects.create(hamlet_election=he, round=1, held_on=dt.date(2024, 9, 1),
                                     voting_method="hands", roll=100, attending=90,
                                     minutes_received_on=dt.date(2024, 9, 1))
    winner = MeetingCandidate.objects.create(meeting=meeting, full_name=nominee.full_name, gender="male",
                                             is_party_member=True, is_cell_secretary=False, votes=80)
    meeting.winner = winner
    meeting.save(update_fields=["winner"])
    HamletHead.objects.create(hamlet_election=he, kind="elected", full_name=nominee.full_name, gender="male",
                              is_party_member=True, is_cell_secretary=False, decision_number="5/QĐ-UBND",
                              decision_date=dt.date(2024, 9, 3), meeting=meeting)
    complaint = Complaint.objects.create(
        kind="to_cao", channel="post", received_on=dt.date.today(), hamlet=hamlet, nominee=nominee,
        summary=_plant(world, place, "Complaint") if planted else "Phản ánh về người được giới thiệu",
        status="received", due_on=dt.date.today() + dt.timedelta(days=10), created_by=tree.user("office"),
        handler=tree.user("district", d, "officer"))
    ComplainantIdentity.objects.create(complaint=complaint, name=_plant(world, place, "Sender"),
                                       address="Số 7 đường Bí Mật", phone="0909000111", id_number="082090000777")
    scan = Attachment(complaint=complaint, content_type="application/pdf", size=len(PDF),
                      uploaded_by=tree.user("office"))
    scan.file.save("scan.pdf", ContentFile(PDF), save=True)
    cell = tree.org("cell", h)
    secretary = CellSecretary.objects.create(
        organisation=cell, full_name=_plant(world, place, "Secretary") if planted else "Trần Văn Bí",
        search_name=f"secretary {place}", term_start=dt.date(2024, 10, 1), elected_at="Đại hội chi bộ quý IV/2024")
    job = ReportJob.objects.create(unit=unit, as_of=now, status="done", requested_by=tree.user("district", d))
    job.file.save("report.pdf", ContentFile(PDF), save=True)
    incident = Incident.objects.create(
        hamlet=hamlet, hamlet_election=he, kind="security", severity="serious", occurred_at=now - dt.timedelta(hours=1),
        description=_plant(world, place, "Incident") if planted else "Gây rối trật tự tại cuộc họp.")
    world.objects.update({
        ("incident", place): incident,
        ("hamlet", place): hamlet, ("hamlet_election", place): he, ("list", place): nominee_list,
        ("nominee", place): nominee, ("exception", place): exception, ("complaint", place): complaint,
        ("scan", place): scan, ("job", place): job, ("district", place): unit,
        ("commune", place): tree.communes[2 * d], ("cell", place): cell, ("cell_secretary", place): secretary,
    })


def _directive(world: World, tree, place: str, now):
    """A directive of `tree`'s office sent down to every committee and cell; in province A the
    sibling district's branch carries markers."""
    directive = Directive.objects.create(
        number="3321-CV/TU", kind="cong_van", issued_on=dt.date(2024, 7, 26), issuer="Tỉnh ủy",
        owner=tree.org("office"), body="Nội dung.",
        summary=_plant(world, place, "Directive") if place == "foreign" else "Lãnh đạo bầu cử Trưởng ấp",
        election=tree.election, registered_at=now, plan_required=True, plan_due=dt.date(2024, 8, 20),
        report_required=True, report_due=dt.date(2024, 9, 30))
    directive.file.save("van-ban.pdf", ContentFile(PDF), save=True)
    directive.file_name = "van-ban.pdf"
    directive.save()
    dispatches = {}
    for key, count in (("agency", 1), ("district", 2), ("commune", 4), ("cell", 8)):
        for index in range(count):
            parent = None
            if key == "commune":
                parent = dispatches[("district", index // 2)]
            elif key == "cell":
                parent = dispatches[("commune", index // 2)]
            dispatch = Dispatch.objects.create(directive=directive, organisation=tree.org(key, index), parent=parent,
                                               delivered_at=now, ack_due=dt.date(2024, 8, 15),
                                               plan_file_name="ke-hoach.pdf", report_file_name="bao-cao.pdf")
            dispatch.plan_file.save("ke-hoach.pdf", ContentFile(PDF), save=False)
            dispatch.report_file.save("bao-cao.pdf", ContentFile(PDF), save=False)
            dispatch.save()
            dispatches[(key, index)] = dispatch
    _task(world, directive, dispatches, place, now)
    return directive, dispatches


def _task(world: World, directive, dispatches, place: str, now):
    """A task of the directive owed by every level, reported by the first cell (with a file) and,
    in province A, by the sibling district's first cell."""
    task = DirectiveTask.objects.create(
        directive=directive, position=1, levels=["agency", "district_committee", "commune_committee", "cell"],
        title=_plant(world, place, "Task") if place == "foreign" else "Quán triệt, triển khai")
    number = TaskField.objects.create(task=task, position=1, label="Số lượt cán bộ tham dự", kind="number")
    minutes = TaskField.objects.create(task=task, position=2, label="Biên bản", kind="file", required=False)
    note = TaskField.objects.create(task=task, position=3, label="Ghi chú", kind="text", required=False)
    for cell, where in ((0, place), (4, "sibling")):
        if where == "sibling" and place != "own":
            continue
        report = TaskReport.objects.create(dispatch=dispatches[("cell", cell)], task=task, submitted_at=now)
        TaskReportValue.objects.create(report=report, field=number, value_number=12)
        TaskReportValue.objects.create(report=report, field=note,
                                       value_text=_plant(world, where, "TaskAnswer") if where != "own" else "Đã họp.")
        answer = TaskReportValue(report=report, field=minutes, value_file_name="bien-ban.pdf")
        answer.value_file.save("bien-ban.pdf", ContentFile(PDF), save=True)
        world.objects[("task_report", where)] = report
        world.objects[("task_file", where)] = answer
    world.objects[("task", place)] = task


def build_world() -> World:
    now = timezone.now()
    trees = {"A": build_tree(code="99"), "B": build_tree(name="Tỉnh Khác", code="98")}
    world = World(trees)
    trees["B"].province.name = _plant(world, "foreign", "Province")
    trees["B"].province.save()
    for code, tree in trees.items():
        tree.election = Election.objects.create(
            name=f"Bầu cử Trưởng ấp {code}" if code != "B" else _plant(world, "foreign", "Election"),
            province=tree.province, term_start_year=2024, term_end_year=2029,
            nomination_deadline=dt.date.today() + dt.timedelta(days=60),
            election_start=dt.date.today() + dt.timedelta(days=70),
            election_end=dt.date.today() + dt.timedelta(days=90))
        HamletElection.objects.bulk_create([HamletElection(election=tree.election, hamlet=h) for h in tree.hamlets])
    # Users first (tree B's usernames would collide with tree A's: only A has users, B's objects
    # are created by A's... no: by B's own office user, renamed).
    for key in ("office", "standing", "agency", "district", "commune", "cell"):
        for role in ("viewer", "officer", "leader"):
            world.users[f"{key}.{role}"] = trees["A"].user(key, 0, role)
    b_office = User.objects.create_user(username="b.office", password="x", organisation=trees["B"].org("office"),
                                        role="officer")
    trees["B"].users[("office", 0, "officer")] = b_office
    for index in range(2):
        b_district = User.objects.create_user(username=f"b.district{index}", password="x",
                                              organisation=trees["B"].org("district", index), role="officer")
        trees["B"].users[("district", index, "officer")] = b_district
    world.users["admin"] = User.objects.create_superuser(username="quantri", password="x", email="a@example.org")
    world.users["anonymous"] = None

    _fill(world, trees["A"], "own", 0, now)
    _fill(world, trees["A"], "sibling", 1, now)
    _fill(world, trees["B"], "foreign", 0, now)
    for place, code in (("own", "A"), ("foreign", "B")):
        directive, dispatches = _directive(world, trees[code], place, now)
        world.objects[("directive", place)] = directive
        if place == "own":  # the district's leader, a member of the Provincial Committee, addressed by name
            member = world.users["district.leader"]
            member.is_provincial_committee_member = True
            member.save(update_fields=["is_provincial_committee_member"])
            PersonalDispatch.objects.create(directive=directive, person=member, delivered_at=now)
        for key in ("agency", "district", "commune", "cell"):
            world.objects[(f"dispatch_{key}", place)] = dispatches[(key, 0)]
        difficulty = DifficultyReport.objects.create(
            dispatch=dispatches[("cell", 0)], raised_at=now,
            text=_plant(world, place, "Difficulty") if place == "foreign" else "Thiếu kinh phí.")
        world.objects[("difficulty", place)] = difficulty
        if place == "own":
            # The sibling district's branch of province A's directive.
            for key, index in (("district", 1), ("commune", 2), ("cell", 4)):
                world.objects[(f"dispatch_{key}", "sibling")] = dispatches[(key, index)]
            world.objects[("difficulty", "sibling")] = DifficultyReport.objects.create(
                dispatch=dispatches[("cell", 4)], raised_at=now, text=_plant(world, "sibling", "Difficulty"))
            world.objects[("directive", "sibling")] = directive
            world.objects[("task", "sibling")] = world.objects[("task", "own")]
        # A directive registered without a file: its file answers 404 to everyone.
        world.objects[("fileless_directive", place)] = Directive.objects.create(
            number="3322-CV/TU", kind="cong_van", issued_on=dt.date(2024, 7, 27), issuer="Tỉnh ủy",
            owner=trees[code].org("office"), body="Không có tệp.", election=trees[code].election, registered_at=now,
            summary=_plant(world, place, "FilelessDirective") if place == "foreign" else "Văn bản không có tệp")
    # Objects of province-wide kinds: the sibling place is the same province's object.
    for place, code in (("own", "A"), ("sibling", "A"), ("foreign", "B")):
        world.objects[("election", place)] = trees[code].election
        world.objects[("province", place)] = trees[code].province
    world.objects[("fileless_directive", "sibling")] = world.objects[("fileless_directive", "own")]
    return world


class Clients:
    """One logged-in test client per user key, made on first use."""

    def __init__(self, world):
        self.world, self.cache = world, {}

    def __call__(self, key):
        if key not in self.cache:
            client = Client()
            if key != "anonymous":
                client.force_login(self.world.users[key])
            self.cache[key] = client
        return self.cache[key]
