"""Demo campaign: "Bầu cử Trưởng ấp, Trưởng khu phố nhiệm kỳ 2024-2029" over Tiền Giang (code 82)."""

import datetime

from accounts.models import OrganisationKind, Role, User
from elections.models import Election
from elections.services import election_create, election_sync_hamlets
from territory.models import Level, Unit

from .results import seed as seed_results

DEMO_NAME = "Bầu cử Trưởng ấp, Trưởng khu phố nhiệm kỳ 2024-2029"
PROVINCE_CODE = "82"


def _office_user(province):
    user = User.objects.filter(organisation__kind=OrganisationKind.PROVINCIAL_OFFICE,
                               organisation__unit=province, role__in=[Role.OFFICER, Role.LEADER],
                               is_active=True).order_by("username").first()
    return user or User.objects.filter(is_superuser=True, is_active=True).order_by("pk").first()


def seed(*, password: str, stdout) -> None:
    province = Unit.objects.filter(level=Level.PROVINCE, code=PROVINCE_CODE).first()
    if province is None:
        stdout.write("Chưa có tỉnh mã 82: bỏ qua đợt bầu cử mẫu.")
        return
    election = Election.objects.filter(province=province, name=DEMO_NAME).first()
    if election is not None:
        added = election_sync_hamlets(election=election)
        if added:
            stdout.write(f"Đợt bầu cử mẫu: thêm {added} ấp, khu phố mới.")
        return
    by = _office_user(province)
    if by is None:
        stdout.write("Chưa có tài khoản Văn phòng Tỉnh ủy: bỏ qua đợt bầu cử mẫu.")
        return
    election = election_create(
        by=by, name=DEMO_NAME, province=province, term_start_year=2024, term_end_year=2029, term_months=60,
        nomination_deadline=datetime.date(2024, 9, 30), election_start=datetime.date(2024, 10, 1),
        election_end=datetime.date(2024, 11, 30),
    )
    stdout.write(f"Đợt bầu cử mẫu: {election.hamlet_elections.count()} ấp, khu phố.")
    seed_results(password=password, stdout=stdout)  # election-day results (issue 7)
