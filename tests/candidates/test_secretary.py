"""The cell secretary policy (Đề án 02-ĐA/TU, CV 3321-CV/TU): the secretary is a fact the cell
records, a nominee marked as secretary is matched against it, and a hamlet needs an exception only
when its nominees do not include the secretary."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.services import cell_secretary_record, cell_secretary_update
from candidates import selectors, services
from candidates.models import ConcurrencyException, ExceptionDecision, ExceptionReason, ListStatus

from .conftest import person

pytestmark = pytest.mark.django_db

D = datetime.date
CONGRESS = D(2024, 10, 1)


def record(world, hamlet_index, name, *, start=CONGRESS, end=None):
    return cell_secretary_record(organisation=world.tree.org("cell", hamlet_index), full_name=name, term_start=start,
                                 term_end=end, elected_at="Đại hội chi bộ quý IV/2024",
                                 by=world.tree.user("commune", hamlet_index // 2, "officer"))


# --- point 7: the exception is needed only when the secretary is not among the nominees ----------

def test_a_hamlet_nominating_the_secretary_and_a_second_candidate_meets_the_policy(world):
    officer = world.tree.user("district", 0, "officer")
    nominee_list, _nominees = world.fill_district(0)
    services.nominee_create(by=officer, hamlet_election=world.he(2), **person(is_cell_secretary=False))
    with pytest.raises(ValidationError) as exc:
        services.exception_request(by=officer, hamlet_election=world.he(2), reason=ExceptionReason.HEALTH,
                                   explanation="Không cần")
    assert "Bí thư" in " ".join(exc.value.messages)
    progress = selectors.list_progress(nominee_list)
    row = next(r for r in progress.rows if r.hamlet_election == world.he(2))
    assert len(row.nominees) == 2 and not row.needs_exception and progress.secretaries == 4
    services.nominee_list_submit(nominee_list=nominee_list, by=officer)
    accepted = services.nominee_list_accept(nominee_list=nominee_list, by=world.tree.user("office", 0, "officer"))
    assert accepted.status == ListStatus.ACCEPTED and not ConcurrencyException.objects.exists()


def test_two_candidates_neither_the_secretary_need_an_approved_exception(world):
    officer = world.tree.user("district", 0, "officer")
    nominee_list, nominees = world.fill_district(0)
    services.nominee_update(by=officer, nominee=nominees[2], is_cell_secretary=False)
    services.nominee_create(by=officer, hamlet_election=world.he(2), **person(is_cell_secretary=False))
    blockers = selectors.acceptance_blockers(nominee_list)
    assert len(blockers) == 1 and world.tree.hamlets[2].name in blockers[0]
    world.approve_exception(2)
    assert selectors.acceptance_blockers(nominee_list) == []


def test_the_concurrency_rate_counts_a_hamlet_once_whatever_its_number_of_nominees(world):
    officer = world.tree.user("district", 0, "officer")
    world.fill_district(0)
    services.nominee_create(by=officer, hamlet_election=world.he(1), **person(is_cell_secretary=False))
    rows = selectors.concurrency_by_unit(election=world.election, within=world.election.province)
    row = rows[world.tree.districts[0].pk]
    assert (row["covered"], row["secretaries"], row["nominees"]) == (4, 4, 5)


# --- point 8: the nominee marked as secretary is matched against the cell's record ---------------

def test_a_nominee_marked_as_secretary_who_is_not_the_cells_secretary_is_refused_naming_him(world):
    record(world, 0, "Trần Văn Bí")
    officer = world.tree.user("district", 0, "officer")
    with pytest.raises(ValidationError) as exc:
        services.nominee_create(by=officer, hamlet_election=world.he(0), **person(full_name="Nguyễn Văn Khác"))
    assert "Trần Văn Bí" in exc.value.message_dict["is_cell_secretary"][0]
    # the name is matched without accents or spacing, as typed in a spreadsheet
    nominee = services.nominee_create(by=officer, hamlet_election=world.he(0), **person(full_name="TRAN  van bi"))
    assert services.nominee_warnings(nominee) == []
    # not marked as secretary: nothing to match
    services.nominee_create(by=officer, hamlet_election=world.he(0),
                            **person(full_name="Nguyễn Văn Khác", is_cell_secretary=False))


def test_without_a_recorded_secretary_the_nominee_is_accepted_as_not_checked(client, world):
    nominee_list, nominees = world.fill_district(0)
    warnings = services.nominee_warnings(nominees[0])
    assert len(warnings) == 1 and "30/11/2024" in warnings[0]
    officer = world.tree.user("district", 0, "officer")
    client.force_login(officer)
    response = client.post(reverse("candidates:submit", args=[nominee_list.pk]), follow=True)
    page = response.content.decode()
    nominee_list.refresh_from_db()
    assert nominee_list.status == ListStatus.SUBMITTED
    assert all(n.full_name in page for n in nominees) and "message--warning" in page


@pytest.mark.parametrize("term_end,refused", [
    (D(2024, 11, 29), False),  # the term ended the day before the campaign's last day: nobody to match
    (D(2024, 11, 30), True),   # in office on that day
    (None, True),
])
def test_the_secretary_in_office_on_the_campaigns_last_day_is_the_one_matched(world, term_end, refused):
    record(world, 0, "Trần Văn Bí", end=term_end)
    officer = world.tree.user("district", 0, "officer")
    fields = person(full_name="Nguyễn Văn Khác")
    if refused:
        with pytest.raises(ValidationError):
            services.nominee_create(by=officer, hamlet_election=world.he(0), **fields)
    else:
        nominee = services.nominee_create(by=officer, hamlet_election=world.he(0), **fields)
        assert len(services.nominee_warnings(nominee)) == 1


@pytest.mark.parametrize("term_start,matched", [
    (D(2024, 10, 19), True), (D(2024, 10, 20), True), (D(2024, 10, 21), False),
])
def test_with_the_hamlets_date_set_the_secretary_is_the_one_in_office_that_day(world, term_start, matched):
    he = world.he(0)
    he.election_date = D(2024, 10, 20)
    he.save(update_fields=["election_date"])
    record(world, 0, "Trần Văn Bí", start=term_start)
    nominee = services.nominee_create(by=world.tree.user("district", 0, "officer"), hamlet_election=he,
                                      **person(full_name="Trần Văn Bí"))
    assert (services.nominee_warnings(nominee) == []) is matched


def test_a_secretary_recorded_after_nomination_is_a_blocker_until_the_list_is_corrected(world):
    officer = world.tree.user("district", 0, "officer")
    nominee_list, nominees = world.fill_district(0)
    record(world, 1, "Trần Văn Bí")  # the cell's congress elected someone else
    problems = selectors.nominee_problems(selectors.list_progress(nominee_list))
    assert len(problems) == 1 and nominees[1].full_name in problems[0] and "Trần Văn Bí" in problems[0]
    with pytest.raises(ValidationError):
        services.nominee_list_submit(nominee_list=nominee_list, by=officer)
    services.nominee_update(by=officer, nominee=nominees[1], is_cell_secretary=False)
    world.approve_exception(1)
    services.nominee_list_submit(nominee_list=nominee_list, by=officer)
    # the cell corrects a misspelt record after submission: acceptance checks the record as it is now
    secretary = record(world, 0, "Lê Văn Sai", start=D(2024, 10, 2))
    with pytest.raises(ValidationError):
        services.nominee_list_accept(nominee_list=nominee_list, by=world.tree.user("office", 0, "officer"))
    cell_secretary_update(secretary=secretary, full_name=nominees[0].full_name,
                          by=world.tree.user("cell", 0, "officer"))
    services.nominee_list_accept(nominee_list=nominee_list, by=world.tree.user("office", 0, "officer"))


def test_the_nominee_form_shows_the_mismatch_on_the_secretary_field(client, world):
    record(world, 0, "Trần Văn Bí")
    client.force_login(world.tree.user("district", 0, "officer"))
    data = {"full_name": "Võ Văn Tám", "gender": "male", "date_of_birth": "15/03/1980", "ethnicity": "Kinh",
            "citizen_id": "082080001234", "is_permanent_resident": "on", "political_theory": "none",
            "is_party_member": "on", "is_cell_secretary": "on", "nominated_by": "front_committee"}
    response = client.post(reverse("candidates:nominee_create", args=[world.he(0).pk]), data)
    assert response.status_code == 200
    assert "Trần Văn Bí" in " ".join(response.context["form"].errors["is_cell_secretary"])
    page = client.get(reverse("candidates:hamlet", args=[world.he(0).pk])).content.decode()
    assert "Trần Văn Bí" in page and reverse("cell_secretary", args=[world.tree.org("cell", 0).pk]) in page


# --- point 19: every blocker up front; a leader told why a decision must wait ---------------------

def test_the_list_page_shows_every_blocker_before_accept_including_open_letters(client, world):
    from tests.complaints.conftest import register

    officer = world.tree.user("district", 0, "officer")
    nominee_list, nominees = world.fill_district(0)
    services.nominee_update(by=officer, nominee=nominees[3], is_cell_secretary=False)
    world.he(0).__class__.objects.filter(pk=world.he(2).pk).update(election_date=D(2024, 10, 20))
    services.nominee_list_submit(nominee_list=nominee_list, by=officer)
    letter_world = type("LetterWorld", (), {"tree": world.tree, "nominees": nominees, "user": world.tree.user})
    letter = register(letter_world, hamlet_index=1)
    record(world, 2, "Trần Văn Bí")  # recorded after submission: nominee 2 no longer matches
    client.force_login(world.tree.user("office", 0, "officer"))
    page = client.get(reverse("candidates:list", args=[nominee_list.pk]))
    blockers = page.context["problems"]
    assert any(world.tree.hamlets[3].name in b for b in blockers)  # exception missing
    assert any(letter.reference in b for b in blockers)  # the open letter, before anyone clicks
    assert any(nominees[2].full_name in b and "Trần Văn Bí" in b for b in blockers)
    html = page.content.decode()
    assert 'id="list-blockers"' in html and letter.reference in html
    response = client.post(reverse("candidates:accept", args=[nominee_list.pk]), follow=True)
    refused = [str(m) for m in response.context["messages"]]
    assert sorted(refused) == sorted(blockers)


def test_a_leader_who_cannot_decide_while_the_list_is_submitted_is_told_why_and_what_to_do(client, world):
    officer, leader = world.tree.user("district", 0, "officer"), world.tree.user("district", 0, "leader")
    nominee_list, nominees = world.fill_district(0)
    services.nominee_update(by=officer, nominee=nominees[1], is_cell_secretary=False)
    exception = services.exception_request(by=officer, hamlet_election=world.he(1), reason=ExceptionReason.HEALTH,
                                           explanation="Bí thư đang điều trị")
    client.force_login(leader)
    draft_page = client.get(reverse("candidates:hamlet", args=[world.he(1).pk])).content.decode()
    assert "decision-blocked" not in draft_page and "decide-form" in draft_page
    services.nominee_list_submit(nominee_list=nominee_list, by=officer)
    page = client.get(reverse("candidates:hamlet", args=[world.he(1).pk])).content.decode()
    assert "decision-blocked" in page and "decide-form" not in page
    nominee_list.refresh_from_db()
    message = selectors.list_locked_message(nominee_list, what="decide")
    assert message and message in page.replace("&#x27;", "'")
    assert 'id="decision-blocked"' in client.get(reverse("candidates:list", args=[nominee_list.pk])).content.decode()
    response = client.post(reverse("candidates:exception_decide", args=[exception.pk]),
                           {"decision": "approved", "decision_number": "15-QĐ/HU", "decision_date": "01/09/2024"},
                           follow=True)
    assert [str(m) for m in response.context["messages"]] == [message]
    exception.refresh_from_db()
    assert exception.decision == ExceptionDecision.PENDING
    # an officer who cannot decide anyway is not told to do anything
    client.force_login(officer)
    assert "decision-blocked" not in client.get(reverse("candidates:hamlet", args=[world.he(1).pk])).content.decode()
