"""A province with a campaign, nominees in district 0 and a letter factory."""

import datetime
from dataclasses import dataclass

import pytest

from candidates.models import Nominee, NomineeList
from complaints import services
from elections.models import Election, HamletElection
from tests.trees import build_tree

SENDER = "Lê Thị Bí Mật"
SENDER_ADDRESS = "Số 9 đường Kín, ấp Thử"
SENDER_PHONE = "0909123987"
SENDER_ID = "082199001122"


@dataclass
class World:
    tree: object
    election: Election
    hamlet_elections: list
    lists: dict
    nominees: list

    def user(self, *args, **kwargs):
        return self.tree.user(*args, **kwargs)


def make_world(*, nomination_deadline=None, election_date=None, code="99") -> World:
    """`election_date`: the date of every hamlet's meeting (none by default)."""
    tree = build_tree(code=code)
    today = datetime.date.today()
    election = Election.objects.create(
        name=f"Bầu cử Trưởng ấp {code}", province=tree.province, term_start_year=2024, term_end_year=2029,
        nomination_deadline=nomination_deadline or today + datetime.timedelta(days=60),
        election_start=today + datetime.timedelta(days=70), election_end=today + datetime.timedelta(days=90))
    hes = [HamletElection.objects.create(election=election, hamlet=h, election_date=election_date)
           for h in tree.hamlets]
    lists = {d.pk: NomineeList.objects.create(election=election, unit=d) for d in tree.districts}
    nominees = []
    for i, he in enumerate(hes):
        nominees.append(Nominee.objects.create(
            hamlet_election=he, nominee_list=lists[he.hamlet.district_id], full_name=f"Nguyễn Văn Ứng {i}",
            search_name=f"nguyen van ung {i}", gender="male", date_of_birth=datetime.date(1980, 1, 1),
            citizen_id=f"0820000000{i:02d}", is_party_member=True, is_cell_secretary=True))
    return World(tree, election, hes, lists, nominees)


@pytest.fixture
def world(db):
    return make_world()


def register(world, *, by=None, hamlet_index=0, nominee=True, kind="to_cao", named=True, handler=None,
             approver=None, received_on=None, **extra):
    by = by or world.user("commune", 0, "officer")
    fields = {
        "kind": kind, "channel": "post", "received_on": received_on or datetime.date.today(),
        "hamlet": world.tree.hamlets[hamlet_index], "summary": "Tố cáo người được giới thiệu nhận hối lộ",
        "content": "Nội dung chi tiết", "signatories": 1, "signed_in_person": True,
        "nominee": (world.nominees[hamlet_index] if nominee is True else (nominee or None)),
        "handler": handler or world.user("district", hamlet_index // 4, "officer"),
        "approver": approver,
    }
    if named:
        fields.update(sender_name=SENDER, sender_address=SENDER_ADDRESS, sender_phone=SENDER_PHONE,
                      sender_id_number=SENDER_ID)
    fields.update(extra)
    return services.complaint_register(by=by, **fields)


@pytest.fixture
def letter(world):
    return register(world)
