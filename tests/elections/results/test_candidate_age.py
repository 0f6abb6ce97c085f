"""Candidates proposed at the meeting are checked for age like nominees: 21 or older on the day of
the meeting (TT 04/2012 Điều 11; issue 14, point 6). The meeting is held on 20/10/2024."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from elections.models import Meeting
from elections.results.rules import MIN_AGE, age_on
from elections.results.services import CandidateRow, minutes_record

from .support import minutes

D = datetime.date


@pytest.mark.parametrize(("born", "day", "age"), [
    (D(2003, 10, 20), D(2024, 10, 20), 21),  # the 21st birthday itself
    (D(2003, 10, 21), D(2024, 10, 20), 20),  # the day before it
    (D(2003, 10, 19), D(2024, 10, 20), 21),
    (D(2004, 2, 29), D(2025, 2, 28), 20),    # a leap-day birthday comes on 1 March
    (D(2004, 2, 29), D(2025, 3, 1), 21),
])
def test_age_is_counted_in_whole_years(born, day, age):
    assert age_on(born, day) == age and MIN_AGE == 21


def row(born=None, *, nominee_id=None, origin="meeting", name="Lê Văn Mới"):
    return CandidateRow(full_name=name, gender="male", votes=200, origin=origin, nominee_id=nominee_id,
                        date_of_birth=born)


@pytest.mark.parametrize("born", [D(2003, 10, 20), D(2003, 10, 19)])  # 21st birthday on / the day before
def test_a_candidate_nominated_at_the_meeting_who_is_21_is_recorded(he, recorder, born):
    meeting = minutes_record(hamlet_election=he, data=minutes(), candidates=[row(born)], by=recorder)
    assert meeting.winner.date_of_birth == born


def test_a_candidate_whose_21st_birthday_is_the_day_after_the_meeting_is_refused(he, recorder):
    with pytest.raises(ValidationError, match="Lê Văn Mới") as error:
        minutes_record(hamlet_election=he, data=minutes(), candidates=[row(D(2003, 10, 21))], by=recorder)
    assert "21" in error.value.messages[0] and "20/10/2024" in error.value.messages[0]
    assert not Meeting.objects.exists()


@pytest.mark.parametrize("origin", ["meeting", "self", "front"])
def test_a_candidate_not_from_a_nominee_record_needs_a_date_of_birth(he, recorder, origin):
    with pytest.raises(ValidationError, match="Lê Văn Mới"):
        minutes_record(hamlet_election=he, data=minutes(), candidates=[row(origin=origin)], by=recorder)
    assert not Meeting.objects.exists()


def test_a_candidate_filled_from_a_nominee_was_checked_at_nomination(he, recorder):
    meeting = minutes_record(hamlet_election=he, data=minutes(), by=recorder,
                             candidates=[row(nominee_id=42, origin="front", name="Huỳnh Thị Đề Cử")])
    assert meeting.winner.nominee_id == 42 and meeting.winner.date_of_birth is None


def test_the_minutes_form_asks_the_date_of_birth_of_rows_not_from_a_nominee(client, he, recorder, clean_registry):
    from .test_views import post_minutes

    clean_registry.ballot_prefill.append(lambda h: [{"full_name": "Huỳnh Thị Đề Cử", "gender": "female",
                                                   "is_party_member": True, "is_cell_secretary": True,
                                                   "nominee_id": 42}])
    client.force_login(recorder)
    html = client.get(reverse("elections:result_minutes", args=[he.pk])).content.decode()
    assert 'type="hidden" name="candidates-0-date_of_birth"' in html  # the nominee's row: checked already
    assert 'type="text" name="candidates-1-date_of_birth"' in html
    response = post_minutes(client, he, **{"candidates-1-date_of_birth": ""})
    assert response.status_code == 200 and "Trần Thị Bình" in response.content.decode()
    assert not Meeting.objects.exists()
    response = post_minutes(client, he, **{"candidates-1-date_of_birth": "21/10/2003"})
    assert response.status_code == 200 and not Meeting.objects.exists()
    assert post_minutes(client, he, **{"candidates-1-date_of_birth": "20/10/2003"}).status_code == 302
    assert Meeting.objects.get().candidates.get(full_name="Trần Thị Bình").date_of_birth == D(2003, 10, 20)
