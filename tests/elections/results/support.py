"""Shared set-up for the election-results tests: a tree, a campaign and one election per hamlet."""

import datetime

from elections.models import Election, HamletElection
from elections.results.services import CandidateRow, MinutesData

DAY = datetime.date(2024, 10, 20)  # a Sunday, as most community meetings are


def make_campaign(tree, *, name="Bầu cử Trưởng ấp, Trưởng khu phố nhiệm kỳ 2024-2029", election_date=DAY):
    election = Election.objects.create(
        name=name, province=tree.province, term_start_year=2024, term_end_year=2029, term_months=60,
        nomination_deadline=datetime.date(2024, 9, 15), election_start=datetime.date(2024, 10, 1),
        election_end=datetime.date(2024, 12, 31),
    )
    HamletElection.objects.bulk_create(
        [HamletElection(election=election, hamlet=h, election_date=election_date) for h in tree.hamlets])
    return election


def minutes(*, roll=310, attending=216, held_on=DAY, method="hands", received=None, **more) -> MinutesData:
    return MinutesData(held_on=held_on, voting_method=method, roll=roll, attending=attending,
                       minutes_received_on=received or held_on, **more)


BORN = datetime.date(1980, 5, 17)  # well over 21 on every election day of these tests


def candidates(*votes, secretary_first=True, female_first=False) -> list[CandidateRow]:
    """Candidates written on the minutes by hand (no nominee record), so each carries a date of birth."""
    names = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung"]
    return [CandidateRow(full_name=names[i], gender="female" if (i == 0 and female_first) or i % 2 else "male",
                         votes=v, is_party_member=i == 0, is_cell_secretary=secretary_first and i == 0,
                         date_of_birth=BORN)
            for i, v in enumerate(votes)]
