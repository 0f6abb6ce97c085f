"""Working-day and month deadlines, and milestone lead-time warnings."""

import datetime

import pytest
from django.conf import settings
from django.utils import translation

from common.workdays import add_months, add_working_days
from elections.results.rules import milestone_warnings

D = datetime.date


@pytest.mark.parametrize(("start", "days", "due"), [
    (D(2024, 10, 21), 4, D(2024, 10, 25)),   # Monday + 4 = Friday
    (D(2024, 10, 24), 4, D(2024, 10, 30)),   # Thursday: skips the weekend
    (D(2024, 10, 25), 1, D(2024, 10, 28)),   # Friday + 1 = Monday
    (D(2024, 10, 26), 1, D(2024, 10, 28)),   # Saturday + 1 = Monday
    (D(2024, 10, 27), 4, D(2024, 10, 31)),   # Sunday + 4 = Thursday
    (D(2024, 10, 30), 4, D(2024, 11, 5)),    # across the month end and a weekend
    (D(2024, 12, 30), 4, D(2025, 1, 6)),     # across the year end: 1/1 is Tết Dương lịch (BLLĐ 2019 Điều 112)
    (D(2024, 2, 27), 3, D(2024, 3, 1)),      # leap February
    (D(2024, 10, 21), 0, D(2024, 10, 21)),
])
def test_working_days_skip_saturdays_and_sundays(start, days, due):
    assert add_working_days(start, days) == due


@pytest.mark.parametrize(("start", "months", "due"), [
    (D(2024, 10, 20), 6, D(2025, 4, 20)),
    (D(2024, 8, 31), 6, D(2025, 2, 28)),     # clamped to the month's last day
    (D(2023, 8, 31), 6, D(2024, 2, 29)),     # leap year
    (D(2024, 11, 30), 60, D(2029, 11, 30)),  # a five-year term
    (D(2024, 12, 15), 1, D(2025, 1, 15)),
])
def test_months_are_added_on_the_same_day(start, months, due):
    assert add_months(start, months) == due


def test_milestones_later_than_their_lead_time_are_warned_about_not_blocked():
    election_day = D(2024, 10, 20)
    on_time = {"decision": D(2024, 9, 30), "candidate_list": D(2024, 10, 5), "election_team": D(2024, 10, 10),
               "posting": D(2024, 10, 13)}
    assert milestone_warnings(election_day, on_time, settings.ELECTION_LEAD_DAYS) == []
    late = {"decision": D(2024, 10, 1), "candidate_list": D(2024, 10, 6), "election_team": D(2024, 10, 11),
            "posting": D(2024, 10, 14)}
    with translation.override("vi"):
        warnings = milestone_warnings(election_day, late, settings.ELECTION_LEAD_DAYS)
    assert len(warnings) == 4
    assert "01/10/2024" in warnings[0] and "30/09/2024" in warnings[0] and "20" in warnings[0]


def test_no_warnings_without_an_election_date_or_milestones():
    assert milestone_warnings(None, {"decision": D(2024, 10, 19)}, settings.ELECTION_LEAD_DAYS) == []
    assert milestone_warnings(D(2024, 10, 20), {}, settings.ELECTION_LEAD_DAYS) == []


def test_lead_times_are_settings(settings):
    settings.ELECTION_LEAD_DAYS = {"decision": 30}
    warnings = milestone_warnings(D(2024, 10, 20), {"decision": D(2024, 9, 25)}, settings.ELECTION_LEAD_DAYS)
    assert len(warnings) == 1


def test_working_days_skip_the_configured_public_holidays(settings):
    settings.PUBLIC_HOLIDAYS = ["2024-09-02", "2024-09-03"]  # Quốc khánh
    # Friday 30/08/2024 + 4 working days: Mon 2 and Tue 3 are holidays -> Wed 4, Thu 5, Fri 6, Mon 9.
    assert add_working_days(datetime.date(2024, 8, 30), 4) == datetime.date(2024, 9, 9)
