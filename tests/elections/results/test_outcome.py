"""The outcome service, table-driven at every boundary (domain-rules §1.5, §6.3)."""

from decimal import Decimal

import pytest

from elections.results.rules import decide

CASES = [
    # (roll, attending, votes, kind, winner index)
    # Quorum: strictly more than half of the household representatives on the roll.
    (100, 50, [50], "no_quorum", None),            # exactly 50 % attend: not valid
    (100, 51, [51], "elected", 0),                 # 50 % + 1 attend and vote for one person
    (101, 50, [50], "no_quorum", None),            # odd roll: 50 of 101 is below half
    (101, 51, [51], "elected", 0),
    (310, 0, [0, 0], "no_quorum", None),           # nobody came
    (310, 155, [150], "no_quorum", None),          # exactly half of 310
    # Majority: votes * 2 > roll, against the roll, not the ballots.
    (310, 216, [110, 90], "no_majority", None),    # 110/210 valid = 52.4 %, but 110/310 = 35.5 %
    (310, 216, [155, 40], "no_majority", None),    # exactly half of the roll
    (310, 216, [156, 40], "elected", 0),           # half of the roll + 1
    (100, 100, [50, 50], "no_majority", None),     # tie at exactly half: nobody has a majority
    (100, 80, [51, 20], "elected", 0),
    (100, 80, [20, 51], "elected", 1),             # winner need not be the first row
    # Ties for the highest count.
    (100, 100, [60, 60], "tie", None),             # show of hands: two above half, tied
    (100, 100, [60, 60, 70], "elected", 2),        # a tie below the top does not matter
    (100, 90, [30, 30, 30], "no_majority", None),
    (100, 60, [], "no_majority", None),            # no candidate
    (100, 60, [0], "no_majority", None),
]


@pytest.mark.parametrize(("roll", "attending", "votes", "kind", "winner"), CASES)
def test_decide_follows_the_law_at_every_boundary(roll, attending, votes, kind, winner):
    outcome = decide(roll=roll, attending=attending, votes=votes)
    assert (outcome.kind, outcome.winner) == (kind, winner)
    assert outcome.is_elected is (kind == "elected")


def test_the_310_216_210_110_case_is_no_win_and_percentages_are_against_the_roll():
    outcome = decide(roll=310, attending=216, votes=[110, 100])
    assert outcome.kind == "no_majority"
    assert outcome.quorum is True
    assert outcome.percents == (Decimal("35.5"), Decimal("32.3"))
    assert outcome.turnout == Decimal("69.7")


def test_a_roll_of_zero_is_refused():
    with pytest.raises(ValueError, match="roll"):
        decide(roll=0, attending=0, votes=[0])
