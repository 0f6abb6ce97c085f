"""Two reviewers act on the same submitted list at once: the row lock lets exactly one win."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connections

from candidates import services
from candidates.models import NomineeList, NomineeListEvent
from tests.conftest import require_postgres

pytestmark = pytest.mark.django_db(transaction=True)


def test_accept_and_return_at_once_only_one_wins(world):
    require_postgres()  # row locks
    nominee_list, _ = world.fill_district(0)
    services.nominee_list_submit(nominee_list=nominee_list, by=world.tree.user("district", 0, "officer"))
    office, leader = world.tree.user("office", 0, "officer"), world.tree.user("office", 0, "leader")
    barrier, outcomes = threading.Barrier(2), []

    def act(call):
        try:
            barrier.wait()
            call()
            outcomes.append("won")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connections.close_all()

    def accept():
        services.nominee_list_accept(nominee_list=nominee_list, by=office)

    def send_back():
        services.nominee_list_return(nominee_list=nominee_list, reason="Trả lại", by=leader)

    threads = [threading.Thread(target=act, args=(accept,)), threading.Thread(target=act, args=(send_back,))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["refused", "won"]
    assert NomineeListEvent.objects.filter(nominee_list=nominee_list).count() == 2
    assert NomineeList.objects.get().status in ("accepted", "returned")
