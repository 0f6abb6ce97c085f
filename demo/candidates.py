"""Demo nomination data for the Tiền Giang campaign (idempotent).

Districts 815 and 822: a nominee for every hamlet, mostly the cell secretary; every 9th hamlet a
non-secretary with an exception (approved in 815; in 822 pending or approved); 815's list is
submitted. Other districts: partial drafts (about a third of their hamlets).

Each nominated hamlet's party cell records its secretary first (elected at the cell congress of
quý IV/2024), so that a nominee marked as secretary matches the cell's record: the secretary
nominee himself, or, where an exception is requested, another party member. A hamlet whose minutes
are already recorded (`demo.results`) nominates the secretary named on its minutes.
"""

import datetime
import random

from django.core.exceptions import ValidationError

from accounts.models import CellSecretary, Organisation, OrganisationKind, Role, User
from accounts.services import cell_secretary_record
from candidates import services
from candidates.models import ConcurrencyException, ExceptionDecision, ExceptionReason, ListStatus, NomineeStatus
from candidates.selectors import hamlet_elections_of_list, list_units
from elections.models import Election

from .elections import DEMO_NAME, PROVINCE_CODE

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Phan", "Trương", "Đặng", "Bùi", "Đỗ", "Hồ"]
MIDDLE_M, MIDDLE_F = ["Văn", "Hữu", "Minh", "Thanh", "Công"], ["Thị", "Ngọc", "Thu", "Kim", "Thanh"]
GIVEN_M = ["Hùng", "Dũng", "Tâm", "Phước", "Lộc", "Tài", "Nghĩa", "Thành", "Hải", "Sơn", "Bình", "Quang"]
GIVEN_F = ["Lan", "Hoa", "Hạnh", "Nga", "Thủy", "Mai", "Hồng", "Yến", "Trang", "Phượng"]
FULL = ("815", "822")


def _user(unit, role):
    return User.objects.filter(organisation__unit=unit, organisation__kind=OrganisationKind.DISTRICT_COMMITTEE,
                               role=role, is_active=True).order_by("username").first()


def _person(rng: random.Random, n: int, *, secretary: bool) -> dict:
    female = rng.random() < 0.3
    name = " ".join([rng.choice(FAMILY), rng.choice(MIDDLE_F if female else MIDDLE_M),
                     rng.choice(GIVEN_F if female else GIVEN_M)])
    born = datetime.date(rng.randint(1962, 1992), rng.randint(1, 12), rng.randint(1, 28))
    member = secretary or rng.random() < 0.6
    return {
        "full_name": name, "gender": "female" if female else "male", "date_of_birth": born,
        "citizen_id": f"082{int(female) + (0 if born.year < 2000 else 2)}{born.year % 100:02d}{n:06d}",
        "education": rng.choice(["12/12", "12/12", "Trung cấp", "Cao đẳng", "Đại học"]),
        "political_theory": rng.choice(["so_cap", "trung_cap", "trung_cap", "cao_cap"]) if member else "none",
        "is_party_member": member,
        "party_join_date": datetime.date(born.year + rng.randint(22, 30), rng.randint(1, 12), 1) if member else None,
        "party_post": "Bí thư chi bộ" if secretary else ("Đảng viên" if member else ""),
        "is_cell_secretary": secretary,
    }


CONGRESS_DAY = datetime.date(2024, 10, 1)  # the cell congresses of quý IV/2024
CONGRESS = "Đại hội chi bộ quý IV/2024"


def _secretary_on_minutes(he):
    """The candidate the hamlet's recorded minutes mark as the cell secretary, if any."""
    if he.current_meeting_id is None:
        return None
    return he.current_meeting.candidates.filter(is_cell_secretary=True).order_by("position").first()


def _as_on_minutes(he, person: dict) -> dict:
    """The secretary nominee as the hamlet's recorded minutes name them (name, gender, birth), if any."""
    row = _secretary_on_minutes(he)
    if row is None:
        return person
    born = getattr(row, "date_of_birth", None) or person["date_of_birth"]
    return {**person, "full_name": row.full_name, "gender": row.gender, "date_of_birth": born,
            "party_join_date": datetime.date(born.year + 25, 6, 1)}


def _record_secretary(he, person: dict, rng: random.Random, *, nominee_is_secretary: bool) -> dict:
    """Record the cell's secretary (once): the nominee when they are the secretary, someone else
    otherwise. Returns the nominee's fields, renamed to the cell's secretary when it already has one."""
    cell = Organisation.objects.filter(kind=OrganisationKind.CELL, unit=he.hamlet).first()
    if cell is None:
        return person
    recorded = CellSecretary.objects.filter(organisation=cell, term_end__isnull=True).first()
    if recorded is None:
        by = (User.objects.filter(organisation__kind=OrganisationKind.COMMUNE_COMMITTEE,
                                  organisation__unit_id=he.hamlet.commune_id, role=Role.OFFICER,
                                  is_active=True).first()
              or User.objects.filter(is_superuser=True, is_active=True).order_by("pk").first())
        if by is None:
            return person
        on_minutes = _secretary_on_minutes(he)
        other = (on_minutes.full_name if on_minutes
                 else _person(rng, he.hamlet_id + 500_000, secretary=True)["full_name"])
        name = person["full_name"] if nominee_is_secretary else other
        recorded = cell_secretary_record(organisation=cell, full_name=name, term_start=CONGRESS_DAY,
                                         elected_at=CONGRESS, by=by)
    if nominee_is_secretary:
        return {**person, "full_name": recorded.full_name}
    return person


def seed(*, password: str, stdout) -> None:
    election = Election.objects.filter(province__code=PROVINCE_CODE, name=DEMO_NAME).select_related(
        "province").first()
    if election is None:
        stdout.write("Chưa có đợt bầu cử mẫu: bỏ qua dữ liệu đề cử mẫu.")
        return
    created = 0
    for unit in list_units(election).order_by("path"):
        officer, leader = _user(unit, Role.OFFICER), _user(unit, Role.LEADER)
        if officer is None:
            continue
        nominee_list = services.nominee_list_get_or_create(election=election, unit=unit)
        if not nominee_list.is_editable:
            continue
        full = unit.code in FULL
        rng = random.Random(f"demo-{unit.code}")
        hamlet_elections = list(hamlet_elections_of_list(nominee_list)
                                .select_related("hamlet", "election", "current_meeting").order_by("hamlet__path"))
        covered = set(nominee_list.nominees.filter(status=NomineeStatus.ACTIVE)
                      .values_list("hamlet_election_id", flat=True))
        for i, he in enumerate(hamlet_elections):
            if not full and i % 3:
                continue
            exceptional = full and i % 9 == 4
            if he.pk not in covered:
                person = _person(rng, he.hamlet_id, secretary=not exceptional)
                if not exceptional:
                    person = _as_on_minutes(he, person)
                try:
                    person = _record_secretary(he, person, rng, nominee_is_secretary=not exceptional)
                    services.nominee_create(by=officer, hamlet_election=he, **person)
                    created += 1
                except ValidationError:
                    continue
            if exceptional and not ConcurrencyException.objects.filter(hamlet_election=he).exists():
                exception = services.exception_request(
                    by=officer, hamlet_election=he, reason=[ExceptionReason.NOT_RESIDENT, ExceptionReason.HEALTH,
                                                            ExceptionReason.NEW_CELL][(i // 9) % 3],
                    explanation="Bí thư chi bộ không đủ điều kiện kiêm nhiệm; Ban Thường vụ xem xét từng trường hợp.")
                if leader is not None and (unit.code == "815" or i % 2):
                    services.exception_decide(by=leader, exception=exception, decision=ExceptionDecision.APPROVED,
                                              decision_number=f"{100 + i}-QĐ/HU",
                                              decision_date=datetime.date(2024, 9, 20))
        if unit.code == "815" and nominee_list.status == ListStatus.DRAFT:
            services.nominee_list_submit(nominee_list=nominee_list, by=officer)
    stdout.write(f"Dữ liệu đề cử mẫu: thêm {created} người được giới thiệu.")


