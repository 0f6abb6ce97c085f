"""Demo nomination data for the Tiền Giang campaign (idempotent).

Districts 815 and 822: a nominee for every hamlet, mostly the cell secretary; every 9th hamlet a
non-secretary with an exception (approved in 815; in 822 pending or approved); 815's list is
submitted. Other districts: partial drafts (about a third of their hamlets).
"""

import datetime
import random

from django.core.exceptions import ValidationError

from accounts.models import OrganisationKind, Role, User
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
        hamlet_elections = list(hamlet_elections_of_list(nominee_list).select_related("hamlet", "election")
                                .order_by("hamlet__path"))
        covered = set(nominee_list.nominees.filter(status=NomineeStatus.ACTIVE)
                      .values_list("hamlet_election_id", flat=True))
        for i, he in enumerate(hamlet_elections):
            if not full and i % 3:
                continue
            exceptional = full and i % 9 == 4
            if he.pk not in covered:
                try:
                    services.nominee_create(by=officer, hamlet_election=he,
                                            **_person(rng, he.hamlet_id, secretary=not exceptional))
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


