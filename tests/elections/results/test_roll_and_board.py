"""The roll is checked against the hamlet's household count, and nobody counts votes for themself
(issue 14, point 4). The hamlets of these tests have 310 households; the tolerance is 20 %, so a
roll from 248 to 372 needs no reason."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from elections.models import Meeting
from elections.results.rules import MinutesFigures, check_minutes, roll_range
from elections.results.services import minutes_record

from .support import candidates, minutes

BOARD = ("Võ Văn Một", "Đặng Thị Hai", "Huỳnh Văn Ba")


@pytest.mark.parametrize(("households", "tolerance", "allowed"), [
    (310, 0.2, (248, 372)),
    (121, 0.2, (97, 145)),   # 96.8 and 145.2: the bounds stay inside the share
    (100, 0.1, (90, 110)),
    (None, 0.2, None),       # no count: nothing to compare with
    (0, 0.2, None),
])
def test_the_roll_range_follows_the_household_count(households, tolerance, allowed):
    assert roll_range(households, tolerance) == allowed


@pytest.mark.parametrize("roll", [248, 372])
def test_a_roll_at_the_tolerance_is_accepted(he, recorder, roll):
    minutes_record(hamlet_election=he, data=minutes(roll=roll, attending=200), candidates=candidates(190),
                   by=recorder)
    assert Meeting.objects.get().roll == roll


@pytest.mark.parametrize("roll", [247, 373])
def test_a_roll_one_household_beyond_the_tolerance_is_refused_naming_the_figures(he, recorder, roll):
    with translation.override("vi"), pytest.raises(ValidationError) as error:
        minutes_record(hamlet_election=he, data=minutes(roll=roll, attending=200), candidates=candidates(190),
                       by=recorder)
    [message] = error.value.message_dict["roll"]
    assert all(str(n) in message for n in (roll, 310, 248, 372))
    assert not Meeting.objects.exists()


def test_a_confirmed_roll_is_recorded_with_its_reason_in_the_history(he, recorder):
    reason = "Ấp Z sáp nhập vào ấp ngày 01/10/2024; danh sách cử tri đã gồm cả hộ của ấp Z."
    meeting = minutes_record(hamlet_election=he, data=minutes(roll=620, attending=400, roll_confirmation=reason),
                             candidates=candidates(320), by=recorder)
    assert meeting.roll == 620 and meeting.roll_confirmation == reason
    assert meeting.history.first().roll_confirmation == reason


def test_a_blank_reason_does_not_confirm(he, recorder):
    with pytest.raises(ValidationError):
        minutes_record(hamlet_election=he, data=minutes(roll=620, attending=400, roll_confirmation="   "),
                       candidates=candidates(320), by=recorder)


@pytest.mark.parametrize("households", [None, 0])
def test_without_a_household_count_the_roll_is_not_checked(he, recorder, households):
    he.hamlet.households = households
    he.hamlet.save()
    minutes_record(hamlet_election=he, data=minutes(roll=5000, attending=3000), candidates=candidates(2600),
                   by=recorder)
    assert Meeting.objects.get().roll == 5000


def test_the_minutes_form_gives_the_range_and_takes_the_reason(client, he, recorder):
    from .test_views import post_minutes

    client.force_login(recorder)
    form = client.get(reverse("elections:result_minutes", args=[he.pk])).content.decode()
    assert "310" in form and "248" in form and "372" in form and 'name="roll_confirmation"' in form
    response = post_minutes(client, he, roll="620")
    assert response.status_code == 200 and not Meeting.objects.exists()
    assert "620" in response.content.decode()
    response = post_minutes(client, he, roll="620", roll_confirmation="Danh sách gồm cả hộ tạm trú dài hạn.")
    assert response.status_code == 302
    assert Meeting.objects.get().roll_confirmation == "Danh sách gồm cả hộ tạm trú dài hạn."


def test_a_hamlet_without_a_household_count_has_no_reason_field(client, he, recorder):
    he.hamlet.households = None
    he.hamlet.save()
    client.force_login(recorder)
    form = client.get(reverse("elections:result_minutes", args=[he.pk])).content.decode()
    assert 'name="roll_confirmation"' not in form


# --- The counting board ---------------------------------------------------------------------------


def ballot(board=BOARD):
    return MinutesFigures(voting_method="ballot", roll=310, attending=216, ballots_issued=216,
                          ballots_returned=215, ballots_valid=210, ballots_invalid=5, counting_board=board)


@pytest.mark.parametrize("member", ["Nguyễn Văn An", "nguyen van an", "NGUYỄN  VĂN AN", "Nguyễn Văn  An "])
def test_a_counting_board_member_who_is_a_candidate_is_refused_whatever_the_accents(member):
    with translation.override("vi"):
        errors = check_minutes(ballot((*BOARD[:2], member)), [("Nguyễn Văn An", 110), ("Trần Thị Bình", 100)])
    assert len(errors) == 1 and "Nguyễn Văn An" in errors[0] and "Ban kiểm phiếu" in errors[0]


def test_a_board_of_other_people_passes():
    assert check_minutes(ballot(), [("Nguyễn Văn An", 110), ("Trần Thị Bình", 100)]) == []


def test_the_service_refuses_minutes_whose_board_counts_its_own_votes(he, recorder):
    data = minutes(method="ballot", ballots_issued=216, ballots_returned=215, ballots_valid=210, ballots_invalid=5,
                   counting_board=(*BOARD[:2], "Tran Thi Binh"))
    with pytest.raises(ValidationError, match="Trần Thị Bình"):
        minutes_record(hamlet_election=he, data=data, candidates=candidates(110, 100), by=recorder)
    assert not Meeting.objects.exists()
