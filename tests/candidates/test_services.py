import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from candidates import registry, services
from candidates.models import (
    ConcurrencyException,
    ExceptionDecision,
    ExceptionReason,
    ListStatus,
    Nominee,
    NomineeListEvent,
    mask_citizen_id,
)
from candidates.selectors import nominees_of_hamlet_election

from .conftest import person

pytestmark = pytest.mark.django_db


def messages(exc):
    return " ".join(m for ms in exc.value.message_dict.values() for m in ms) if hasattr(
        exc.value, "error_dict") else " ".join(exc.value.messages)


# --- eligibility ---------------------------------------------------------------------------

def test_age_is_judged_on_the_hamlet_election_date_when_set(world):
    he = world.he(0)
    he.election_date = datetime.date(2024, 11, 15)
    he.save()
    nominee = services.nominee_create(by=world.tree.user("district", 0, "officer"), hamlet_election=he,
                                      **person(date_of_birth=datetime.date(2003, 11, 10)))
    assert nominee.pk


def test_nominee_must_reside_in_hamlet_and_not_sit_on_election_team(world):
    officer = world.tree.user("district", 0, "officer")
    with pytest.raises(ValidationError) as exc:
        services.nominee_create(by=officer, hamlet_election=world.he(0),
                                **person(is_permanent_resident=False, on_election_team=True))
    assert {"is_permanent_resident", "on_election_team"} <= set(exc.value.message_dict)
    assert not Nominee.objects.exists()


def test_at_most_configured_number_of_nominees_per_hamlet(world, settings):
    officer = world.tree.user("district", 0, "officer")
    settings.NOMINEES_PER_HAMLET_MAX = 1
    services.nominee_create(by=officer, hamlet_election=world.he(0), **person())
    with pytest.raises(ValidationError) as exc:
        services.nominee_create(by=officer, hamlet_election=world.he(0), **person(is_cell_secretary=False))
    assert "1" in messages(exc)
    settings.NOMINEES_PER_HAMLET_MAX = 2
    services.nominee_create(by=officer, hamlet_election=world.he(0), **person(is_cell_secretary=False))
    assert nominees_of_hamlet_election(world.he(0)).count() == 2


def test_citizen_id_has_twelve_digits_and_is_masked(world):
    officer = world.tree.user("district", 0, "officer")
    with pytest.raises(ValidationError) as exc:
        services.nominee_create(by=officer, hamlet_election=world.he(0), **person(citizen_id="08201234"))
    assert "citizen_id" in exc.value.message_dict
    assert mask_citizen_id("082012345645") == "0820******45"


def test_one_secretary_per_hamlet_and_secretary_is_member(world):
    officer = world.tree.user("district", 0, "officer")
    services.nominee_create(by=officer, hamlet_election=world.he(0), **person())
    with pytest.raises(ValidationError) as exc:
        services.nominee_create(by=officer, hamlet_election=world.he(0), **person())
    assert "is_cell_secretary" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.nominee_create(by=officer, hamlet_election=world.he(1),
                                **person(is_party_member=False, party_join_date=None))
    assert "is_cell_secretary" in exc.value.message_dict


def test_name_is_stored_nfc_with_search_key(world):
    import unicodedata
    name = unicodedata.normalize("NFD", "Trần  Thị Bích")
    nominee = services.nominee_create(by=world.tree.user("district", 0, "officer"),
                                      hamlet_election=world.he(0), **person(full_name=name))
    assert nominee.full_name == unicodedata.normalize("NFC", "Trần Thị Bích")
    assert nominee.search_name == "tran thi bich"


def test_check_eligibility_lists_messages(world):
    nominee = Nominee(hamlet_election=world.he(0), date_of_birth=datetime.date(2010, 1, 1),
                      is_permanent_resident=False, on_election_team=False)
    assert len(services.nominee_check_eligibility(nominee=nominee)) == 2


# --- who may edit --------------------------------------------------------------------------

@pytest.mark.parametrize("key,index,role", [
    ("district", 1, "officer"), ("district", 0, "viewer"), ("commune", 0, "officer"), ("cell", 0, "officer"),
    ("standing", 0, "viewer"), ("agency", 0, "officer"), ("office", 0, "viewer"),
])
def test_only_owning_district_or_office_may_add_nominees(world, key, index, role):
    with pytest.raises(PermissionDenied):
        services.nominee_create(by=world.tree.user(key, index, role), hamlet_election=world.he(0), **person())
    assert not Nominee.objects.exists()


def test_office_may_add_nominees(world):
    nominee = services.nominee_create(by=world.tree.user("office", 0, "officer"), hamlet_election=world.he(0),
                                      **person())
    assert nominee.nominee_list.unit == world.tree.districts[0]


def test_update_and_withdraw(world):
    officer = world.tree.user("district", 0, "officer")
    nominee = services.nominee_create(by=officer, hamlet_election=world.he(0), **person())
    services.nominee_update(by=officer, nominee=nominee, education="12/12", full_name="Lê Văn Mới")
    nominee.refresh_from_db()
    assert nominee.search_name == "le van moi" and nominee.history.count() == 2
    with pytest.raises(ValidationError):
        services.nominee_withdraw(nominee=nominee, reason="  ", by=officer)
    services.nominee_withdraw(nominee=nominee, reason="Có đơn tố cáo đúng", by=officer)
    nominee.refresh_from_db()
    assert nominee.status == "withdrawn" and nominee.withdrawn_by == officer and nominee.withdrawn_at
    assert not nominees_of_hamlet_election(world.he(0)).exists()
    with pytest.raises(ValidationError):
        services.nominee_update(by=officer, nominee=nominee, education="x")
    with pytest.raises(ValidationError):
        services.nominee_withdraw(nominee=nominee, reason="lại", by=officer)


def test_an_upheld_complaint_withdraws_the_nominee_and_returns_an_accepted_list(world):
    nominee_list, nominees = world.fill_district(0)
    officer, office = world.tree.user("district", 0, "officer"), world.tree.user("office", 0, "officer")
    services.nominee_list_submit(nominee_list=nominee_list, by=officer)
    services.nominee_list_accept(nominee_list=nominee_list, by=office)
    services.nominee_withdraw_for_upheld_complaint(nominee=nominees[1], reason="Đơn TC-1 đúng", by=officer)
    nominee_list.refresh_from_db()
    nominees[1].refresh_from_db()
    assert nominee_list.status == "returned" and nominee_list.return_reason == "Đơn TC-1 đúng"
    assert nominees[1].status == "withdrawn" and nominees[1].withdrawn_by == officer
    assert list(nominee_list.events.values_list("from_status", "to_status"))[-1] == ("accepted", "returned")


def test_an_upheld_complaint_is_applied_only_inside_the_actors_territory(world):
    nominee_list, nominees = world.fill_district(0)
    with pytest.raises(PermissionDenied):
        services.nominee_withdraw_for_upheld_complaint(nominee=nominees[0], reason="Đơn TC-2 đúng",
                                                       by=world.tree.user("district", 1, "officer"))
    nominees[0].refresh_from_db()
    assert nominees[0].status == "active"


# --- list workflow -------------------------------------------------------------------------

def test_full_workflow_records_events(world):
    nominee_list, nominees = world.fill_district(0)
    officer, office = world.tree.user("district", 0, "officer"), world.tree.user("office", 0, "officer")
    services.nominee_list_submit(nominee_list=nominee_list, by=officer)
    with pytest.raises(ValidationError):  # frozen while submitted
        services.nominee_update(by=officer, nominee=nominees[0], education="x")
    with pytest.raises(ValidationError):
        services.nominee_create(by=office, hamlet_election=world.he(0), **person(is_cell_secretary=False))
    with pytest.raises(ValidationError):
        services.nominee_list_return(nominee_list=nominee_list, reason=" ", by=office)
    services.nominee_list_return(nominee_list=nominee_list, reason="Sai ngày sinh", by=office)
    nominee_list.refresh_from_db()
    assert nominee_list.status == ListStatus.RETURNED and nominee_list.return_reason == "Sai ngày sinh"
    services.nominee_update(by=officer, nominee=nominees[0], date_of_birth=datetime.date(1980, 1, 1))
    services.nominee_list_submit(nominee_list=nominee_list, by=world.tree.user("district", 0, "leader"))
    services.nominee_list_accept(nominee_list=nominee_list, by=world.tree.user("office", 0, "leader"))
    nominee_list.refresh_from_db()
    assert nominee_list.status == ListStatus.ACCEPTED
    events = list(NomineeListEvent.objects.filter(nominee_list=nominee_list).values_list("from_status", "to_status"))
    assert events == [("draft", "submitted"), ("submitted", "returned"), ("returned", "submitted"),
                      ("submitted", "accepted")]
    with pytest.raises(ValidationError):
        services.nominee_withdraw(nominee=nominees[1], reason="x", by=officer)


def test_transitions_refused_from_wrong_state_or_by_wrong_role(world):
    nominee_list, _ = world.fill_district(0)
    office, officer = world.tree.user("office", 0, "officer"), world.tree.user("district", 0, "officer")
    with pytest.raises(ValidationError):
        services.nominee_list_accept(nominee_list=nominee_list, by=office)
    with pytest.raises(ValidationError):
        services.nominee_list_return(nominee_list=nominee_list, reason="x", by=office)
    with pytest.raises(PermissionDenied):
        services.nominee_list_submit(nominee_list=nominee_list, by=office)
    with pytest.raises(PermissionDenied):
        services.nominee_list_submit(nominee_list=nominee_list, by=world.tree.user("district", 1, "officer"))
    with pytest.raises(PermissionDenied):
        services.nominee_list_submit(nominee_list=nominee_list, by=world.tree.user("district", 0, "viewer"))
    services.nominee_list_submit(nominee_list=nominee_list, by=officer)
    with pytest.raises(ValidationError):
        services.nominee_list_submit(nominee_list=nominee_list, by=officer)
    for user in (officer, world.tree.user("district", 0, "leader"), world.tree.user("office", 0, "viewer"),
                 world.tree.user("standing", 0, "viewer")):
        with pytest.raises(PermissionDenied):
            services.nominee_list_accept(nominee_list=nominee_list, by=user)
    assert NomineeListEvent.objects.count() == 1


def test_only_the_owner_or_the_office_starts_a_list_and_only_for_a_list_unit(world):
    district0 = world.tree.districts[0]
    for user in (world.tree.user("district", 1, "leader"), world.tree.user("district", 0, "viewer"),
                 world.tree.user("commune", 0, "officer")):
        with pytest.raises(PermissionDenied):
            services.nominee_list_start(election=world.election, unit=district0, by=user)
    with pytest.raises(ValidationError):
        services.nominee_list_start(election=world.election, unit=world.tree.communes[0],
                                    by=world.tree.user("commune", 0, "officer"))
    started = services.nominee_list_start(election=world.election, unit=district0,
                                          by=world.tree.user("district", 0, "officer"))
    again = services.nominee_list_start(election=world.election, unit=district0,
                                        by=world.tree.user("office", 0, "officer"))
    assert started.pk == again.pk and started.unit == district0


def test_empty_list_cannot_be_submitted(world):
    nominee_list = services.nominee_list_get_or_create(election=world.election, unit=world.tree.districts[0])
    with pytest.raises(ValidationError):
        services.nominee_list_submit(nominee_list=nominee_list, by=world.tree.user("district", 0, "officer"))


def test_accept_requires_every_hamlet_covered(world):
    officer = world.tree.user("district", 0, "officer")
    nominee = services.nominee_create(by=officer, hamlet_election=world.he(0), **person())
    services.nominee_list_submit(nominee_list=nominee.nominee_list, by=officer)
    with pytest.raises(ValidationError) as exc:
        services.nominee_list_accept(nominee_list=nominee.nominee_list, by=world.tree.user("office", 0, "officer"))
    assert sum("has no nominee" in m or "chưa có người" in m for m in exc.value.messages) == 3


@pytest.mark.parametrize("decision", [None, ExceptionDecision.REFUSED])
def test_accept_requires_approved_exception_for_non_secretary(world, decision):
    officer, leader = world.tree.user("district", 0, "officer"), world.tree.user("district", 0, "leader")
    nominee_list, nominees = world.fill_district(0)
    services.nominee_update(by=officer, nominee=nominees[1], is_cell_secretary=False)
    if decision:
        exception = services.exception_request(by=officer, hamlet_election=world.he(1),
                                               reason=ExceptionReason.AGE, explanation="Bí thư đã 70 tuổi")
        services.exception_decide(by=leader, exception=exception, decision=decision, decision_number="5-QĐ/HU",
                                  decision_date=datetime.date(2024, 9, 5))
    services.nominee_list_submit(nominee_list=nominee_list, by=officer)
    with pytest.raises(ValidationError) as exc:
        services.nominee_list_accept(nominee_list=nominee_list, by=world.tree.user("office", 0, "officer"))
    assert len(exc.value.messages) == 1


def test_pending_exception_blocks_and_approved_allows(world):
    officer = world.tree.user("district", 0, "officer")
    nominee_list, nominees = world.fill_district(0)
    services.nominee_update(by=officer, nominee=nominees[1], is_cell_secretary=False)
    services.exception_request(by=officer, hamlet_election=world.he(1), reason=ExceptionReason.NEW_CELL,
                               explanation="Chi bộ mới thành lập")
    services.nominee_list_submit(nominee_list=nominee_list, by=officer)
    office = world.tree.user("office", 0, "officer")
    with pytest.raises(ValidationError) as exc:
        services.nominee_list_accept(nominee_list=nominee_list, by=office)
    assert len(exc.value.messages) == 1
    services.nominee_list_return(nominee_list=nominee_list, reason="Chờ quyết định ngoại lệ", by=office)
    exception = ConcurrencyException.objects.get()
    services.exception_decide(by=world.tree.user("district", 0, "leader"), exception=exception,
                              decision=ExceptionDecision.APPROVED, decision_number="7-QĐ/HU",
                              decision_date=datetime.date(2024, 9, 10))
    services.nominee_list_submit(nominee_list=nominee_list, by=officer)
    assert services.nominee_list_accept(nominee_list=nominee_list, by=office).status == ListStatus.ACCEPTED


def test_accept_refused_when_content_changed_after_submission(world):
    nominee_list, nominees = world.fill_district(0)
    services.nominee_list_submit(nominee_list=nominee_list, by=world.tree.user("district", 0, "officer"))
    Nominee.objects.filter(pk=nominees[0].pk).update(full_name="Đổi lén")  # a change behind the services
    with pytest.raises(ValidationError) as exc:
        services.nominee_list_accept(nominee_list=nominee_list, by=world.tree.user("office", 0, "officer"))
    assert "submitted" in " ".join(exc.value.messages) or "gửi" in " ".join(exc.value.messages)


def test_registered_gate_blocks_acceptance(world):
    nominee_list, _ = world.fill_district(0)
    services.nominee_list_submit(nominee_list=nominee_list, by=world.tree.user("district", 0, "officer"))

    def open_complaint(nl):
        return ["Còn đơn thư chưa giải quyết"] if nl.pk == nominee_list.pk else []

    registry.acceptance_checks.register(open_complaint)
    try:
        with pytest.raises(ValidationError) as exc:
            services.nominee_list_accept(nominee_list=nominee_list, by=world.tree.user("office", 0, "officer"))
        assert exc.value.messages == ["Còn đơn thư chưa giải quyết"]
    finally:
        registry.acceptance_checks.remove(open_complaint)
    assert services.nominee_list_accept(nominee_list=nominee_list, by=world.tree.user("office", 0, "officer"))


# --- exceptions ----------------------------------------------------------------------------

def test_exception_rules(world):
    officer, leader = world.tree.user("district", 0, "officer"), world.tree.user("district", 0, "leader")
    services.nominee_create(by=officer, hamlet_election=world.he(0), **person())
    with pytest.raises(ValidationError):  # the nominee is the secretary: nothing to except
        services.exception_request(by=officer, hamlet_election=world.he(0), reason="health", explanation="x")
    services.nominee_create(by=officer, hamlet_election=world.he(1), **person(is_cell_secretary=False))
    with pytest.raises(PermissionDenied):
        services.exception_request(by=world.tree.user("district", 1, "officer"), hamlet_election=world.he(1),
                                   reason="health", explanation="x")
    with pytest.raises(ValidationError):
        services.exception_request(by=officer, hamlet_election=world.he(1), reason="bogus", explanation="x")
    exception = services.exception_request(by=officer, hamlet_election=world.he(1),
                                           reason=ExceptionReason.NOT_RESIDENT, explanation="Bí thư ở ấp khác")
    with pytest.raises(ValidationError):  # one open request per hamlet
        services.exception_request(by=officer, hamlet_election=world.he(1), reason="other", explanation="y")
    for user in (officer, world.tree.user("district", 1, "leader"), world.tree.user("office", 0, "leader")):
        with pytest.raises(PermissionDenied):
            services.exception_decide(by=user, exception=exception, decision="approved", decision_number="1",
                                      decision_date=datetime.date(2024, 9, 1))
    with pytest.raises(ValidationError) as exc:
        services.exception_decide(by=leader, exception=exception, decision="approved", decision_number=" ",
                                  decision_date=None)
    assert {"decision_number", "decision_date"} <= set(exc.value.message_dict)
    services.exception_decide(by=leader, exception=exception, decision="refused", decision_number="3-QĐ/HU",
                              decision_date=datetime.date(2024, 9, 3))
    exception.refresh_from_db()
    assert exception.decision == "refused" and exception.decided_by == leader
    with pytest.raises(ValidationError):
        services.exception_decide(by=leader, exception=exception, decision="approved", decision_number="4",
                                  decision_date=datetime.date(2024, 9, 4))
    # after a refusal a new request may be filed
    again = services.exception_request(by=officer, hamlet_election=world.he(1), reason="other", explanation="Mới")
    assert again.decision == "pending" and again.history.first().history_user == officer


def test_lists_without_districts_are_per_commune(db):
    from tests.trees import build_tree

    from .conftest import make_election
    tree = build_tree(code="98", with_districts=False)
    election = make_election(tree)
    he = election.hamlet_elections.get(hamlet=tree.hamlets[2])
    nominee = services.nominee_create(by=tree.user("commune", 1, "officer"), hamlet_election=he, **person())
    assert nominee.nominee_list.unit == tree.communes[1]
