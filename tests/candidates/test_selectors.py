"""The page rules that moved out of the views: what a user may do on a list or a hamlet now."""

import pytest

from candidates import selectors, services
from candidates.models import ConcurrencyException, ExceptionReason, Nominee, NomineeList

pytestmark = pytest.mark.django_db


def test_the_list_of_a_hamlet_is_read_without_being_created(world):
    nominee_list = selectors.nominee_list_of_hamlet_election(world.he(0))
    assert nominee_list.pk is None and nominee_list.unit == world.tree.districts[0] and nominee_list.is_editable
    assert not NomineeList.objects.exists()
    saved, _nominees = world.fill_district(0)
    assert selectors.nominee_list_of_hamlet_election(world.he(0)) == saved


def test_an_exception_may_be_requested_only_for_a_non_secretary_and_only_once(world):
    officer, leader = world.tree.user("district", 0, "officer"), world.tree.user("district", 0, "leader")
    nominee_list, nominees = world.fill_district(0)
    he = world.he(1)

    def open_for(user):
        return selectors.exception_request_open(
            user, nominee_list, nominees=list(Nominee.objects.filter(hamlet_election=he)),
            exceptions=list(ConcurrencyException.objects.filter(hamlet_election=he)))

    assert not open_for(officer)  # the nominee is the cell secretary
    services.nominee_update(by=officer, nominee=nominees[1], is_cell_secretary=False)
    assert open_for(officer)
    assert not open_for(world.tree.user("district", 1, "officer"))  # another district
    services.exception_request(by=officer, hamlet_election=he, reason=ExceptionReason.HEALTH, explanation="Ốm")
    assert not open_for(officer)  # one pending request already
    assert selectors.exception_decision_open(leader, nominee_list)


def test_a_list_is_submitted_by_its_district_and_reviewed_by_the_office(world):
    officer = world.tree.user("district", 0, "officer")
    office = world.tree.user("office", 0, "officer")
    nominee_list, _nominees = world.fill_district(0)
    assert selectors.list_submission_open(officer, nominee_list)
    assert not selectors.list_review_open(office, nominee_list)
    services.nominee_list_submit(nominee_list=nominee_list, by=officer)
    nominee_list.refresh_from_db()
    assert not selectors.list_submission_open(officer, nominee_list)
    assert selectors.list_review_open(office, nominee_list)
    assert not selectors.list_review_open(officer, nominee_list)
