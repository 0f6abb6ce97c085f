"""A nominee is 21 or older on election day (TT 04/2012 Điều 11). The campaign's window is
01/10/2024 – 30/11/2024; a hamlet may have its own election date, or none yet."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.services import cell_secretary_record
from candidates import rules, selectors, services
from candidates.models import ListStatus, NomineeList

from .conftest import person

pytestmark = pytest.mark.django_db

D = datetime.date


def born_for_21st_birthday(day: D) -> D:
    return day.replace(year=day.year - 21)


def candidate(birthday: D, **overrides) -> dict:
    """A non-secretary nominee whose 21st birthday is `birthday` (so no secretary warning mixes in)."""
    return person(date_of_birth=born_for_21st_birthday(birthday), is_cell_secretary=False, **overrides)


def set_election_date(world, hamlet_index: int, day: D):
    he = world.he(hamlet_index)
    he.election_date = day
    he.save(update_fields=["election_date"])
    return he


# --- the rule itself ------------------------------------------------------------------------

WINDOW = {"window_start": D(2024, 10, 1), "window_end": D(2024, 11, 30)}


@pytest.mark.parametrize("birthday,refused", [
    (D(2024, 11, 14), False),  # 21 the day before election day
    (D(2024, 11, 15), False),  # 21 on election day
    (D(2024, 11, 16), True),   # 21 the day after: too young
])
def test_with_a_date_the_age_is_judged_on_that_day(birthday, refused):
    verdict = rules.age_verdict(born_for_21st_birthday(birthday), election_date=D(2024, 11, 15), **WINDOW)
    assert bool(verdict.problem) is refused and not verdict.warning


@pytest.mark.parametrize("birthday,refused,warned", [
    (D(2024, 9, 30), False, False),   # 21 before the window opens
    (D(2024, 10, 1), False, False),   # 21 on its first day: any election day will do
    (D(2024, 10, 2), False, True),    # 21 the day after it opens: depends on the date
    (D(2024, 11, 29), False, True),
    (D(2024, 11, 30), False, True),   # 21 on the campaign's last day: still possible
    (D(2024, 12, 1), True, False),    # 21 after the window closes: no day would do
])
def test_without_a_date_the_campaigns_last_day_decides_and_a_later_birthday_warns(birthday, refused, warned):
    verdict = rules.age_verdict(born_for_21st_birthday(birthday), election_date=None, **WINDOW)
    assert bool(verdict.problem) is refused and bool(verdict.warning) is warned
    if warned:
        assert birthday.strftime("%d/%m/%Y") in verdict.warning


def test_born_on_29_february_comes_of_age_on_1_march_of_a_common_year():
    assert rules.coming_of_age(D(2003, 2, 28)) == D(2024, 2, 28)
    assert rules.coming_of_age(D(2000, 2, 29)) == D(2021, 3, 1)
    assert rules.age_on(D(2000, 2, 29), D(2021, 2, 28)) == 20 and rules.age_on(D(2000, 2, 29), D(2021, 3, 1)) == 21


# --- through the service -------------------------------------------------------------------

def test_a_nominee_who_turns_21_during_the_window_is_accepted_with_a_warning(world):
    officer = world.tree.user("district", 0, "officer")
    nominee = services.nominee_create(by=officer, hamlet_election=world.he(0), **candidate(D(2024, 11, 30)))
    warnings = services.nominee_warnings(nominee)
    assert len(warnings) == 1 and "30/11/2024" in warnings[0]
    with pytest.raises(ValidationError) as exc:
        services.nominee_create(by=officer, hamlet_election=world.he(1), **candidate(D(2024, 12, 1)))
    assert "date_of_birth" in exc.value.message_dict and "30/11/2024" in exc.value.message_dict["date_of_birth"][0]
    of_age = services.nominee_create(by=officer, hamlet_election=world.he(2), **candidate(D(2024, 10, 1)))
    assert services.nominee_warnings(of_age) == []


@pytest.mark.parametrize("election_day,accepted", [
    (D(2024, 11, 19), False),  # the day before the 21st birthday
    (D(2024, 11, 20), True),   # the birthday itself
    (D(2024, 11, 21), True),   # the day after
])
def test_with_the_hamlets_date_set_the_service_judges_on_it(world, election_day, accepted):
    he = set_election_date(world, 0, election_day)
    fields = candidate(D(2024, 11, 20))
    if accepted:
        nominee = services.nominee_create(by=world.tree.user("district", 0, "officer"), hamlet_election=he, **fields)
        assert services.nominee_warnings(nominee) == []
    else:
        with pytest.raises(ValidationError) as exc:
            services.nominee_create(by=world.tree.user("district", 0, "officer"), hamlet_election=he, **fields)
        assert election_day.strftime("%d/%m/%Y") in exc.value.message_dict["date_of_birth"][0]


@pytest.mark.parametrize("election_day,refused", [
    (D(2024, 11, 19), True), (D(2024, 11, 20), False), (D(2024, 11, 21), False),
])
def test_the_age_is_checked_again_when_the_date_is_set(world, election_day, refused):
    """Accepted with a warning while the hamlet had no date; once the date is set, the list page
    names the nominee as refused, and submission and acceptance refuse the list if under 21."""
    nominee_list, nominees = world.fill_district(0)
    officer = world.tree.user("district", 0, "officer")
    young = services.nominee_update(by=officer, nominee=nominees[0],
                                    date_of_birth=born_for_21st_birthday(D(2024, 11, 20)))
    cell_secretary_record(organisation=world.tree.org("cell", 0), full_name=young.full_name,
                          term_start=D(2024, 10, 1), by=world.tree.user("cell", 0, "officer"))
    assert len(services.nominee_warnings(young)) == 1  # the age only: the cell recorded him
    set_election_date(world, 0, election_day)
    progress = selectors.list_progress(nominee_list)
    problems = selectors.nominee_problems(progress)
    assert [young.full_name in p for p in problems] == ([True] if refused else [])
    assert not any(young.full_name in w for w in selectors.list_warnings(progress))
    if refused:
        with pytest.raises(ValidationError) as exc:
            services.nominee_list_submit(nominee_list=nominee_list, by=officer)
        assert young.full_name in " ".join(exc.value.messages)
        assert NomineeList.objects.get(pk=nominee_list.pk).status == ListStatus.DRAFT
    else:
        services.nominee_list_submit(nominee_list=nominee_list, by=officer)
        accepted = services.nominee_list_accept(nominee_list=nominee_list, by=world.tree.user("office", 0, "officer"))
        assert accepted.status == ListStatus.ACCEPTED


def test_a_date_set_after_submission_keeps_an_under_age_nominee_from_acceptance(world):
    nominee_list, nominees = world.fill_district(0)
    officer = world.tree.user("district", 0, "officer")
    services.nominee_update(by=officer, nominee=nominees[1], date_of_birth=born_for_21st_birthday(D(2024, 11, 20)))
    services.nominee_list_submit(nominee_list=nominee_list, by=officer)
    set_election_date(world, 1, D(2024, 11, 19))
    with pytest.raises(ValidationError) as exc:
        services.nominee_list_accept(nominee_list=nominee_list, by=world.tree.user("office", 0, "officer"))
    assert nominees[1].full_name in " ".join(exc.value.messages) and "19/11/2024" in " ".join(exc.value.messages)


def test_the_pages_show_the_age_warning_and_the_missing_date(client, world):
    officer = world.tree.user("district", 0, "officer")
    client.force_login(officer)
    data = {"full_name": "Võ Văn Trẻ", "gender": "male", "date_of_birth": "30/11/2003", "ethnicity": "Kinh",
            "citizen_id": "082003001234", "is_permanent_resident": "on", "political_theory": "none",
            "nominated_by": "front_committee"}
    response = client.post(reverse("candidates:nominee_create", args=[world.he(0).pk]), data, follow=True)
    page = response.content.decode()
    assert "30/11/2024" in page and "nominee-warnings" in page
    assert "01/10/2024 – 30/11/2024" in page  # no election date yet: the window is shown
    listing = client.get(reverse("candidates:list", args=[NomineeList.objects.get().pk])).content.decode()
    assert 'id="list-warnings"' in listing and "Võ Văn Trẻ" in listing


# --- re-checked when the date is known ------------------------------------------------------

def _nominee_turning_21(world, birthday: D):
    return services.nominee_create(by=world.tree.user("district", 0, "officer"), hamlet_election=world.he(0),
                                   **candidate(birthday))


@pytest.mark.parametrize("birthday,warned", [
    (D(2024, 11, 14), False), (D(2024, 11, 15), False), (D(2024, 11, 16), True),
])
def test_setting_the_hamlets_date_re_checks_the_age_on_that_day(world, birthday, warned):
    from elections.registry import run_date_checks

    nominee = _nominee_turning_21(world, birthday)
    messages = run_date_checks(world.he(0), D(2024, 11, 15))
    assert bool(messages) is warned
    assert not warned or nominee.full_name in messages[0]


def test_the_admin_warns_when_the_date_it_sets_makes_a_nominee_too_young(world, admin_client):
    nominee = _nominee_turning_21(world, D(2024, 11, 16))
    he = world.he(0)
    response = admin_client.post(reverse("admin:elections_hamletelection_change", args=[he.pk]),
                                 {"election_date": "15/11/2024"}, follow=True)
    he.refresh_from_db()
    assert he.election_date == D(2024, 11, 15)
    assert any(nominee.full_name in str(m) for m in response.context["messages"])


@pytest.mark.parametrize("birthday,blocked", [(D(2024, 11, 15), False), (D(2024, 11, 16), True)])
def test_an_elected_nominee_under_21_on_the_meeting_day_cannot_be_recognised(world, birthday, blocked):
    from elections.registry import run_decision_checks
    from elections.results.services import CandidateRow, MinutesData, minutes_record

    nominee = _nominee_turning_21(world, birthday)
    he = world.he(0)
    minutes_record(hamlet_election=he, by=world.tree.user("commune", 0, "officer"),
                   data=MinutesData(held_on=D(2024, 11, 15), voting_method="hands", roll=100, attending=80,
                                    minutes_received_on=D(2024, 11, 15)),
                   candidates=[CandidateRow(full_name=nominee.full_name, gender="male", votes=70,
                                            nominee_id=nominee.pk)])
    he.refresh_from_db()
    messages = run_decision_checks(he)
    assert any(nominee.full_name in m for m in messages) is blocked
