"""Demo election-day results in district 815 (Thành phố Mỹ Tho): in the second commune of the
district, one recognised election, one without quorum and one with no majority. The first commune
is left for recording by hand (xa<code>.canbo). Idempotent: hamlets already recorded are skipped."""

import datetime

from django.core.exceptions import ValidationError

from accounts.models import OrganisationKind, Role, User
from elections.models import Election, HamletElection
from elections.results.models import ResultStatus
from elections.results.services import (
    CandidateRow,
    MinutesData,
    milestones_record,
    minutes_record,
    result_recognise,
)
from territory.models import Level, Unit

CAMPAIGN_NAME = "Bầu cử Trưởng ấp, Trưởng khu phố nhiệm kỳ 2024-2029"
DISTRICT_CODE = "815"
DAY = datetime.date(2024, 10, 20)
BOARD = ("Võ Văn Một", "Đặng Thị Hai", "Huỳnh Văn Ba")


def _recorder(commune: Unit):
    users = User.objects.filter(is_active=True, role__in=[Role.OFFICER, Role.LEADER])
    return (users.filter(organisation__kind=OrganisationKind.COMMUNE_COMMITTEE, organisation__unit=commune).first()
            or users.filter(organisation__kind=OrganisationKind.PROVINCIAL_OFFICE,
                            organisation__unit_id=commune.province_id).first()
            or User.objects.filter(is_superuser=True, is_active=True).order_by("pk").first())


def _scenarios(roll: int):
    """(minutes, candidates, recognise?) for: a valid election, no quorum, no majority. The rows are
    written by hand on the minutes (no nominee record), so each gives a date of birth."""
    half, attending, winner = roll // 2, roll * 7 // 10, roll * 6 // 10
    return [
        (MinutesData(held_on=DAY, voting_method="ballot", roll=roll, attending=attending, ballots_issued=attending,
                     ballots_returned=attending, ballots_valid=attending - 2, ballots_invalid=2,
                     minutes_received_on=DAY + datetime.timedelta(days=1), counting_board=BOARD),
         [CandidateRow("Nguyễn Văn Hòa", "male", winner, is_party_member=True, is_cell_secretary=True,
                       is_incumbent=True, date_of_birth=datetime.date(1968, 3, 12)),
          CandidateRow("Trần Thị Mai", "female", attending - 2 - winner, is_party_member=True,
                       date_of_birth=datetime.date(1979, 8, 2))], True),
        (MinutesData(held_on=DAY, voting_method="hands", roll=roll, attending=half,
                     minutes_received_on=DAY + datetime.timedelta(days=1)),
         [CandidateRow("Lê Thị Thu", "female", half - 10, is_party_member=True, is_cell_secretary=True,
                       date_of_birth=datetime.date(1975, 11, 20))], False),
        (MinutesData(held_on=DAY, voting_method="ballot", roll=roll, attending=attending, ballots_issued=attending,
                     ballots_returned=attending, ballots_valid=attending, ballots_invalid=0,
                     minutes_received_on=DAY + datetime.timedelta(days=1), counting_board=BOARD),
         [CandidateRow("Phạm Văn Lộc", "male", half - 5, is_party_member=True, is_cell_secretary=True,
                       date_of_birth=datetime.date(1971, 6, 5)),
          CandidateRow("Võ Văn Tài", "male", attending - half + 5, origin="meeting",
                       date_of_birth=datetime.date(1986, 1, 30))], False),
    ]


def seed(*, password: str, stdout) -> None:
    election = Election.objects.filter(name=CAMPAIGN_NAME).first()
    district = Unit.objects.filter(level=Level.DISTRICT, code=DISTRICT_CODE).first()
    if election is None or district is None:
        return
    communes = list(Unit.objects.filter(level=Level.COMMUNE, parent=district).order_by("code")[:2])
    if len(communes) < 2:
        return
    commune = communes[1]
    by = _recorder(commune)
    if by is None:
        return
    hamlet_elections = list(HamletElection.objects.filter(election=election, hamlet__commune=commune)
                            .select_related("hamlet").order_by("hamlet__name")[:3])
    recorded = 0
    for index, he in enumerate(hamlet_elections):
        if he.status != ResultStatus.PLANNED:
            continue
        data, rows, recognise = _scenarios(max(he.hamlet.households or 310, 60))[index]
        try:
            he.election_date = DAY
            he.save(update_fields=["election_date"])
            milestones_record(hamlet_election=he, by=by, values={
                "decision": (DAY - datetime.timedelta(days=25), "112/QĐ-UBND"),
                "candidate_list": (DAY - datetime.timedelta(days=16), "05/BCTMT"),
                "election_team": (DAY - datetime.timedelta(days=8), "118/QĐ-UBND"),  # late: warned
                "posting": (DAY - datetime.timedelta(days=7), ""),
            })
            minutes_record(hamlet_election=he, data=data, candidates=rows, by=by)
            if recognise:
                result_recognise(hamlet_election=he, decision_number="125/QĐ-UBND",
                                 decision_date=DAY + datetime.timedelta(days=3), by=by)
            recorded += 1
        except ValidationError as error:
            stdout.write(f"Kết quả mẫu {he.hamlet}: bỏ qua ({'; '.join(error.messages)}).")
    if recorded:
        stdout.write(f"Kết quả bầu cử mẫu: {recorded} ấp của {commune}.")

