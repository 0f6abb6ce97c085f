"""Campaign reads for the progress report: the election schedule per grouping unit."""

import datetime

import pytest

from elections.models import HamletElection
from elections.selectors import schedule_by_unit

from .results.support import DAY

ONE_DAY = datetime.timedelta(days=1)


@pytest.mark.parametrize(("day", "held"), [(DAY - ONE_DAY, 0), (DAY, 4), (DAY + ONE_DAY, 4)])
def test_a_hamlet_counts_as_held_from_its_election_day_on(tree, campaign, day, held):
    HamletElection.objects.filter(election=campaign, hamlet=tree.hamlets[7]).update(election_date=None)
    rows = schedule_by_unit(election=campaign, within=tree.province, day=day)
    assert rows[tree.districts[0].pk] == {"scheduled": 4, "held": held}
    assert rows[tree.districts[1].pk] == {"scheduled": 3, "held": min(held, 3)}
