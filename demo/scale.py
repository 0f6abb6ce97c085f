"""Synthetic data at scale for `seed_demo --scale province|national` (benchmarks, load trials).

`national`: the 63 pre-2025 provinces of the bundled official list with their real districts and
communes, about ten hamlets per commune (deterministic), an organisation per unit, a campaign
per province, one or two nominees per hamlet with their lists, a directive of each provincial
office deployed to every cell through the fan-out service, some letters and recognised results
for most hamlets. `province`: the same for Tiền Giang only (about 1,000 hamlets).

Everything is written in bulk (a fixed number of queries per province and per table, batches
of a few thousand rows); rows this synthetic filler writes directly (hamlets, nominees, results,
letters) carry no history. Idempotent: a province that already has its campaign is skipped, so
a second run creates nothing twice.
"""

import datetime
import random
import time
from collections import defaultdict

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone

from accounts.models import User
from common.text import search_key
from territory.models import Kind, Level, Unit

from .territory import DIVISIONS, HAMLET_NAMES

BATCH = 5000
CENTRAL_NAME = "Ban Tổ chức Trung ương"
ELECTION_NAME = "Bầu cử Trưởng ấp, Trưởng khu phố nhiệm kỳ 2024-2029"
DIRECTIVE_NUMBER = "3321-CV/TU"
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Phan", "Trương", "Đặng", "Bùi", "Đỗ", "Hồ"]
MIDDLE = ["Văn", "Hữu", "Minh", "Thanh", "Công", "Thị", "Ngọc", "Thu"]
GIVEN = ["Hùng", "Dũng", "Tâm", "Phước", "Lộc", "Tài", "Nghĩa", "Lan", "Hoa", "Hạnh", "Nga", "Mai"]


class Clock:
    """Wall time of each step, printed as it goes."""

    def __init__(self, stdout):
        self.stdout, self.start, self.last, self.steps = stdout, time.monotonic(), time.monotonic(), []

    def step(self, label: str) -> None:
        now = time.monotonic()
        self.steps.append((label, now - self.last))
        self.stdout.write(f"  {label}: {now - self.last:.1f} s")
        self.last = now

    @property
    def total(self) -> float:
        return time.monotonic() - self.start


def seed(*, scale: str, password: str, stdout) -> float:
    """Build the data of `scale` ("province" or "national"); returns the wall time in seconds."""
    clock = Clock(stdout)
    codes = _import_divisions(only="82" if scale == "province" else None)
    clock.step(f"đơn vị hành chính ({len(codes)} tỉnh)")
    provinces = list(Unit.objects.filter(level=Level.PROVINCE, code__in=codes).order_by("code"))
    done = _provinces_with_campaign()
    todo = [p for p in provinces if p.pk not in done]
    _hamlets(todo, per_commune=(3, 9) if scale == "province" else (6, 14))
    clock.step("ấp, khu phố")
    _organisations(todo)
    clock.step("tổ chức đảng")
    users = _users(provinces, password)
    clock.step("tài khoản")
    for province in todo:
        with transaction.atomic():
            election = _campaign(province, users[province.pk])
            _nominees(province, election, users[province.pk])
            _results(province, election, users[province.pk])
            _complaints(province, election, users[province.pk])
    clock.step("đợt bầu cử, đề cử, kết quả, đơn thư")
    for province in provinces:
        _directive(province, users[province.pk])
    clock.step("văn bản triển khai đến chi bộ")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        clock.step("ANALYZE")
    hamlets = Unit.objects.filter(level=Level.HAMLET).count()
    stdout.write(f"Dữ liệu quy mô {scale}: {len(provinces)} tỉnh, {hamlets} ấp, khu phố; "
                 f"{len(todo)} tỉnh mới; {clock.total:.0f} giây.")
    return clock.total


# --- territory --------------------------------------------------------------------------------


def _import_divisions(only: str | None) -> list[str]:
    from common.spreadsheets import read_table
    from territory.services import DIVISION_COLUMNS, DIVISION_REQUIRED, divisions_import

    rows = read_table(DIVISIONS, columns=DIVISION_COLUMNS, required=DIVISION_REQUIRED, max_bytes=50 * 1024 * 1024)
    by_province = defaultdict(list)
    seen = set()
    for row in rows:
        # A few real names differ only by their accents ("Phường Sa Pa", "Phường Sa Pả"), which the
        # accent-free key of a unit under its parent does not allow: the second gets its code.
        key = (row.values.get("district_code"), search_key(str(row.values["commune_name"])))
        if key in seen:
            row.values["commune_name"] = f"{row.values['commune_name']} ({row.values['commune_code']})"
        seen.add(key)
        by_province[row.values["province_code"]].append(row)
    codes = sorted(c for c in by_province if only is None or c == only)
    present = set(Unit.objects.filter(level=Level.PROVINCE, code__in=codes).values_list("code", flat=True))
    for code in codes:
        if code not in present:
            with transaction.atomic():
                divisions_import(rows=by_province[code], province_code=code)
    return codes


def _hamlets(provinces: list[Unit], per_commune: tuple[int, int]) -> None:
    """Hamlets for every commune that has none yet (about ten a commune nationally): khu phố in
    wards and townships, ấp elsewhere."""
    if not provinces:
        return
    communes = Unit.objects.filter(level=Level.COMMUNE, province__in=provinces).exclude(
        pk__in=Unit.objects.filter(level=Level.HAMLET).values("commune_id")).order_by("code")
    now = timezone.now()
    rows = []
    for commune in communes.values("pk", "code", "kind", "path", "province_id", "district_id"):
        rng = random.Random(f"hamlets-{commune['code']}")
        count = rng.randint(*per_commune)
        urban = commune["kind"] in (Kind.WARD, Kind.TOWNSHIP)
        if urban:
            names = [(f"Khu phố {i}", Kind.NEIGHBOURHOOD) for i in range(1, count + 1)]
        elif rng.random() < 0.4:
            names = [(f"Ấp {i}", Kind.HAMLET) for i in range(1, count + 1)]
        else:
            names = [(f"Ấp {n}", Kind.HAMLET) for n in rng.sample(HAMLET_NAMES, count)]
        for name, kind in names:
            rows.append(Unit(level=Level.HAMLET, kind=kind, name=name, search_name=search_key(name),
                             parent_id=commune["pk"], province_id=commune["province_id"],
                             district_id=commune["district_id"], commune_id=commune["pk"], path="",
                             households=rng.randint(150, 650), created_at=now, updated_at=now))
    Unit.objects.bulk_create(rows, batch_size=BATCH)
    # The materialised paths, in one statement: the parent's path and the new id.
    with connection.cursor() as cursor:
        cursor.execute("UPDATE territory_unit SET path = (SELECT p.path FROM territory_unit p WHERE "
                       "p.id = territory_unit.parent_id) || CAST(id AS varchar) || '/' "
                       "WHERE path = '' AND level = %s", [Level.HAMLET])


def _organisations(provinces: list[Unit]) -> None:
    from accounts.services import organisations_sync_for_territory

    for province in provinces:
        organisations_sync_for_territory(province=province)


def _users(provinces: list[Unit], password: str) -> dict:
    """The central commission and its account `trunguong`; an officer of each provincial office
    (`vanphong` already exists for Tiền Giang in the demo, others are `vp<code>.canbo`)."""
    from accounts.models import Organisation, OrganisationKind, Role

    hashed = make_password(password)
    central, _created = Organisation.objects.get_or_create(
        kind=OrganisationKind.CENTRAL_COMMITTEE, name=CENTRAL_NAME, defaults={"short_name": "BTCTW"})
    User.objects.get_or_create(username="trunguong", defaults={
        "password": hashed, "organisation": central, "role": Role.VIEWER, "first_name": "Chuyên viên",
        "last_name": "Trung ương", "position": "Chuyên viên Vụ Địa phương"})
    offices = {o.unit_id: o for o in Organisation.objects.filter(kind=OrganisationKind.PROVINCIAL_OFFICE,
                                                                 unit__in=provinces)}
    users = {}
    for province in provinces:
        office = offices[province.pk]
        user = (User.objects.filter(organisation=office, role__in=[Role.OFFICER, Role.LEADER], is_active=True)
                .order_by("username").first())
        if user is None:
            user = User.objects.create(username=f"vp{province.code}.canbo", password=hashed, organisation=office,
                                       role=Role.OFFICER, first_name="Chuyên viên",
                                       last_name=f"Văn phòng {province.code}", position="Chuyên viên")
        users[province.pk] = user
    return users


# --- the campaign -----------------------------------------------------------------------------


def _provinces_with_campaign() -> set[int]:
    from elections.models import Election

    return set(Election.objects.filter(name=ELECTION_NAME).values_list("province_id", flat=True))


def _campaign(province: Unit, by: User):
    from elections.services import election_create

    return election_create(
        by=by, name=ELECTION_NAME, province=province, term_start_year=2024, term_end_year=2029, term_months=60,
        nomination_deadline=datetime.date(2024, 9, 30), election_start=datetime.date(2024, 10, 1),
        election_end=datetime.date(2024, 11, 30))


def _hamlet_elections(election) -> list[tuple[int, int, int, int | None, int | None]]:
    from elections.models import HamletElection

    return list(HamletElection.objects.filter(election=election).order_by("hamlet__path").values_list(
        "pk", "hamlet_id", "hamlet__households", "hamlet__district_id", "hamlet__commune_id"))


def _person(rng: random.Random) -> tuple[str, str]:
    name = " ".join([rng.choice(FAMILY), rng.choice(MIDDLE), rng.choice(GIVEN)])
    return name, ("female" if " Thị " in name or rng.random() < 0.2 else "male")


def _nominees(province: Unit, election, by: User) -> None:
    """One nominee per hamlet (the cell secretary), a second one in every seventh hamlet; a list
    per district (or commune without district), about half of them submitted."""
    from candidates.models import ListStatus, Nominee, NomineeList, citizen_id_blind_index

    rng = random.Random(f"nominees-{province.code}")
    hes = _hamlet_elections(election)
    list_units = sorted({d or c for _pk, _h, _hh, d, c in hes})
    now = timezone.now()
    lists = NomineeList.objects.bulk_create([
        NomineeList(election=election, unit_id=u, status=ListStatus.SUBMITTED if i % 2 else ListStatus.DRAFT,
                    submitted_at=now if i % 2 else None, submitted_by=by if i % 2 else None)
        for i, u in enumerate(list_units)], batch_size=BATCH)
    list_by_unit = {nl.unit_id: nl.pk for nl in NomineeList.objects.filter(election=election)}
    del lists
    rows = []
    for n, (pk, hamlet_id, _households, district_id, commune_id) in enumerate(hes):
        for k in range(2 if n % 7 == 3 else 1):
            name, gender = _person(rng)
            born = datetime.date(rng.randint(1962, 1992), rng.randint(1, 12), rng.randint(1, 28))
            secretary = k == 0
            member = secretary or rng.random() < 0.6
            # One person, one nomination: the hamlet and the nominee's place in it make the ID unique.
            citizen_id = (f"{int(province.code):03d}{int(gender == 'female')}{born.year % 100:02d}"
                          f"{(hamlet_id + k * 500_000) % 10**6:06d}")
            rows.append(Nominee(
                hamlet_election_id=pk, nominee_list_id=list_by_unit[district_id or commune_id],
                full_name=name + ("" if k == 0 else " B"), search_name=search_key(name + ("" if k == 0 else " B")),
                gender=gender, date_of_birth=born, citizen_id=citizen_id,
                citizen_id_index=citizen_id_blind_index(citizen_id),
                education="12/12", political_theory="trung_cap" if member else "none", is_party_member=member,
                party_join_date=datetime.date(born.year + 25, 1, 1) if member else None,
                party_post="Bí thư chi bộ" if secretary else "", is_cell_secretary=secretary, created_by=by))
    Nominee.objects.bulk_create(rows, batch_size=BATCH)


def _results(province: Unit, election, by: User) -> None:
    """Recognised results for about four hamlets in five: the election date, the minutes with the
    winner, the head recognised; a few hamlets must re-run."""
    from elections.models import HamletElection
    from elections.results.models import HamletHead, HeadKind, Meeting, MeetingCandidate, ResultStatus

    rng = random.Random(f"results-{province.code}")
    hes = _hamlet_elections(election)
    held = [h for i, h in enumerate(hes) if i % 5 != 4]
    day = {pk: election.election_start + datetime.timedelta(days=rng.randint(0, 50)) for pk, *_r in held}
    meetings = []
    for pk, _hamlet, households, *_rest in held:
        roll = households or 300
        meetings.append(Meeting(hamlet_election_id=pk, round=1, held_on=day[pk], voting_method="ballot",
                                roll=roll, attending=int(roll * rng.uniform(0.55, 0.95)),
                                minutes_received_on=day[pk] + datetime.timedelta(days=2), recorded_by=by))
    Meeting.objects.bulk_create(meetings, batch_size=BATCH)
    by_he = dict(Meeting.objects.filter(hamlet_election__election=election).values_list("hamlet_election_id", "pk"))
    candidates, heads = [], []
    for n, (pk, *_rest) in enumerate(held):
        name, gender = _person(rng)
        votes = rng.randint(150, 400)
        candidates.append(MeetingCandidate(meeting_id=by_he[pk], position=1, full_name=name, gender=gender,
                                           is_party_member=True, is_cell_secretary=True, votes=votes))
        if n % 25 == 7:  # no winner: a re-run
            continue
        heads.append(HamletHead(hamlet_election_id=pk, kind=HeadKind.ELECTED, full_name=name, gender=gender,
                                is_party_member=True, is_cell_secretary=n % 6 != 1, is_reelected=n % 3 == 0,
                                decision_number=f"{100 + n % 900}/QĐ-UBND",
                                decision_date=day[pk] + datetime.timedelta(days=5), recorded_by=by))
    MeetingCandidate.objects.bulk_create(candidates, batch_size=BATCH)
    HamletHead.objects.bulk_create(heads, batch_size=BATCH)
    recognised = [h.hamlet_election_id for h in heads]
    # The winner of each minutes and the state of each hamlet election, set in SQL.
    with connection.cursor() as cursor:
        cursor.execute("UPDATE elections_meeting SET winner_id = (SELECT c.id FROM elections_meetingcandidate c "
                       "WHERE c.meeting_id = elections_meeting.id) WHERE hamlet_election_id IN "
                       "(SELECT h.hamlet_election_id FROM elections_hamlethead h JOIN elections_hamletelection e "
                       "ON e.id = h.hamlet_election_id WHERE e.election_id = %s)", [election.pk])
        cursor.execute("UPDATE elections_hamletelection SET election_date = (SELECT m.held_on FROM elections_meeting m "
                       "WHERE m.hamlet_election_id = elections_hamletelection.id) WHERE election_id = %s",
                       [election.pk])
    now = timezone.now()
    HamletElection.objects.filter(pk__in=recognised).update(status=ResultStatus.RECOGNISED, status_changed_at=now)
    HamletElection.objects.filter(election=election, election_date__isnull=False).exclude(
        pk__in=recognised).update(status=ResultStatus.RERUN_REQUIRED, status_changed_at=now)


def _complaints(province: Unit, election, by: User) -> None:
    """A letter in about one hamlet in 150, received before the nomination deadline."""
    from complaints.models import Complaint

    rng = random.Random(f"complaints-{province.code}")
    hes = _hamlet_elections(election)
    rows = []
    for pk, hamlet_id, *_rest in hes[::150]:
        summary = rng.choice(["Phản ánh người được giới thiệu không cư trú tại ấp",
                              "Kiến nghị về danh sách cử tri đại diện hộ gia đình",
                              "Khiếu nại về thời gian tổ chức hội nghị bầu cử"])
        rows.append(Complaint(kind=rng.choice(["phan_anh", "kien_nghi", "khieu_nai"]), channel="post",
                              received_on=election.nomination_deadline - datetime.timedelta(days=rng.randint(5, 30)),
                              hamlet_id=hamlet_id, hamlet_election_id=pk, summary=summary,
                              search_summary=search_key(summary), created_by=by))
    Complaint.objects.bulk_create(rows, batch_size=BATCH)


# --- directives -------------------------------------------------------------------------------


def _directive(province: Unit, by: User) -> None:
    """The provincial office's letter on the campaign, sent to its district committees and
    deployed to every cell by the fan-out service (skipped where the letter already exists)."""
    from accounts.models import Organisation, OrganisationKind
    from directives.models import Depth, Directive, DirectiveType, Duties
    from directives.services import directive_dispatch, directive_fan_out, directive_register

    if Directive.objects.filter(owner=by.organisation, number=DIRECTIVE_NUMBER).exists():
        return
    with transaction.atomic():
        directive = directive_register(
            by=by, owner=by.organisation, number=DIRECTIVE_NUMBER, kind=DirectiveType.OFFICIAL_LETTER,
            issued_on=datetime.date(2024, 7, 26), issuer=f"{province.name}, Ban Thường vụ",
            summary="Lãnh đạo cuộc bầu cử Trưởng ấp, Trưởng khu phố nhiệm kỳ 2024-2029",
            body="Các cấp ủy lãnh đạo cuộc bầu cử Trưởng ấp, Trưởng khu phố; triển khai đến chi bộ ấp, khu phố.",
            plan_required=True,
            plan_due=datetime.date(2024, 8, 15), duties=Duties.ADDRESSEES, ack_within_days=3, depth=Depth.CELLS)
        districts = Organisation.objects.filter(kind=OrganisationKind.DISTRICT_COMMITTEE, is_active=True,
                                                unit__province=province)
        directive_dispatch(directive=directive, recipients=list(districts), by=by)
        directive_fan_out(directive=directive, by=by)
