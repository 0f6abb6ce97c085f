"""The arithmetic of the minutes: every rule, with the message naming the figures."""

import pytest
from django.utils import translation

from elections.results.rules import MinutesFigures, check_minutes

BOARD = ("Võ Văn Một", "Đặng Thị Hai", "Huỳnh Văn Ba")


def ballot(**kw):
    base = {"voting_method": "ballot", "roll": 310, "attending": 216, "ballots_issued": 216,
            "ballots_returned": 215, "ballots_valid": 210, "ballots_invalid": 5, "counting_board": BOARD}
    return MinutesFigures(**{**base, **kw})


def hands(**kw):
    return MinutesFigures(**{"voting_method": "hands", "roll": 310, "attending": 216, **kw})


@pytest.fixture(autouse=True)
def _vietnamese():
    with translation.override("vi"):
        yield


def test_consistent_secret_ballot_minutes_pass():
    assert check_minutes(ballot(), [("A", 110), ("B", 100)]) == []


def test_consistent_show_of_hands_minutes_pass():
    assert check_minutes(hands(), [("A", 200)]) == []


@pytest.mark.parametrize(("figures", "votes", "fragment"), [
    (hands(roll=0, attending=0), [("A", 0)], "lớn hơn 0"),
    (hands(roll=None), [("A", 0)], "lớn hơn 0"),
    (hands(attending=311), [("A", 1)], "(311)"),
    (hands(), [], "ít nhất một người ứng cử"),
    (hands(), [("Nguyễn Văn An", 217)], "Nguyễn Văn An: 217"),
    (ballot(counting_board=BOARD[:2]), [("A", 1)], "3 đến 5"),
    (ballot(counting_board=BOARD * 2), [("A", 1)], "3 đến 5"),
    (ballot(ballots_valid=None), [("A", 1)], "phiếu hợp lệ"),
    (ballot(ballots_issued=217), [("A", 1)], "(217)"),
    (ballot(ballots_returned=217, ballots_issued=216), [("A", 1)], "(217)"),
    (ballot(ballots_valid=209), [("A", 1)], "(209)"),
    (ballot(), [("Trần Thị Bình", 211)], "Trần Thị Bình: 211"),
    (ballot(), [("A", 110), ("B", 101)], "(211)"),
])
def test_each_arithmetic_error_is_reported_in_vietnamese(figures, votes, fragment):
    errors = check_minutes(figures, votes)
    assert errors, "expected an error"
    assert any(fragment in e for e in errors), errors


def test_every_error_is_reported_at_once():
    errors = check_minutes(ballot(attending=400, ballots_returned=300, counting_board=()), [("A", 5)])
    assert len(errors) >= 4


@pytest.mark.parametrize(("votes", "refused"), [
    ([("A", 160), ("B", 56)], False),  # together exactly the 216 attending
    ([("A", 160), ("B", 57)], True),   # one more than attending
    ([("A", 160), ("B", 160)], True),  # the case of the issue: saved and decided as a tie before
])
def test_show_of_hands_votes_together_cannot_exceed_those_attending(votes, refused):
    errors = check_minutes(hands(attending=216), votes)
    assert bool(errors) is refused
    if refused:
        assert "(216)" in errors[0] and f"({sum(v for _n, v in votes)})" in errors[0]


def test_ballot_counts_are_ignored_for_a_show_of_hands():
    assert check_minutes(hands(ballots_issued=999), [("A", 100)]) == []
