import datetime

import pytest

from candidates import services
from candidates.models import ExceptionDecision, ExceptionReason
from elections.services import election_create
from tests.trees import build_tree

ELECTION_START = datetime.date(2024, 10, 1)


def make_election(tree, **overrides):
    office = tree.user("office", 0, "officer")
    fields = {"name": "Bầu cử Trưởng ấp 2024-2029", "province": tree.province, "term_start_year": 2024,
                  "term_end_year": 2029, "term_months": 60, "nomination_deadline": datetime.date(2024, 9, 30),
                  "election_start": ELECTION_START, "election_end": datetime.date(2024, 11, 30)}
    fields.update(overrides)
    return election_create(by=office, **fields)


_ids = iter(range(10**6))


def person(**overrides):
    """Valid nominee fields: a cell secretary aged 45 on polling day."""
    n = next(_ids)
    fields = {"full_name": f"Nguyễn Văn Thử {n}", "gender": "male", "date_of_birth": datetime.date(1979, 5, 1),
                  "citizen_id": f"0820{n:08d}", "is_party_member": True, "party_join_date": datetime.date(2005, 1, 1),
                  "is_cell_secretary": True, "political_theory": "trung_cap"}
    fields.update(overrides)
    return fields


@pytest.fixture
def tree(db):
    return build_tree()


@pytest.fixture
def election(tree):
    return make_election(tree)


class World:
    """A tree, its campaign, and helpers to fill a district's list."""

    def __init__(self, tree, election):
        self.tree, self.election = tree, election

    def he(self, hamlet_index):
        return self.election.hamlet_elections.get(hamlet=self.tree.hamlets[hamlet_index])

    def fill_district(self, d=0, *, secretary=True):
        officer = self.tree.user("district", d, "officer")
        nominees = [services.nominee_create(by=officer, hamlet_election=self.he(h),
                                            **person(is_cell_secretary=secretary))
                    for h in range(d * 4, d * 4 + 4)]
        return nominees[0].nominee_list, nominees

    def approve_exception(self, hamlet_index, d=0):
        exception = services.exception_request(by=self.tree.user("district", d, "officer"),
                                               hamlet_election=self.he(hamlet_index),
                                               reason=ExceptionReason.HEALTH, explanation="Bí thư đang điều trị")
        return services.exception_decide(by=self.tree.user("district", d, "leader"), exception=exception,
                                         decision=ExceptionDecision.APPROVED, decision_number="12-QĐ/HU",
                                         decision_date=datetime.date(2024, 9, 1))


@pytest.fixture
def world(tree, election):
    return World(tree, election)


@pytest.fixture
def nominee_list(world):
    """District 0's list in the campaign (started if need be)."""
    return services.nominee_list_get_or_create(election=world.election, unit=world.tree.districts[0])


@pytest.fixture
def officer(world):
    return world.tree.user("district", 0, "officer")

