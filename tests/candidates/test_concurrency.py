"""Two reviewers act on the same submitted list at once: the row lock lets exactly one win."""


import pytest

from candidates import services
from candidates.models import NomineeList, NomineeListEvent
from tests.concurrency import race
from tests.conftest import require_postgres

pytestmark = pytest.mark.django_db(transaction=True)


def test_accept_and_return_at_once_only_one_wins(world):
    require_postgres()  # row locks
    nominee_list, _ = world.fill_district(0)
    services.nominee_list_submit(nominee_list=nominee_list, by=world.tree.user("district", 0, "officer"))
    office, leader = world.tree.user("office", 0, "officer"), world.tree.user("office", 0, "leader")

    def accept():
        services.nominee_list_accept(nominee_list=nominee_list, by=office)

    def send_back():
        services.nominee_list_return(nominee_list=nominee_list, reason="Trả lại", by=leader)

    outcomes = race(accept, send_back)
    assert outcomes == ["refused", "won"]
    assert NomineeListEvent.objects.filter(nominee_list=nominee_list).count() == 2
    assert NomineeList.objects.get().status in ("accepted", "returned")
