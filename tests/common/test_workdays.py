import datetime

from common.workdays import add_working_days, is_working_day

D = datetime.date


def test_public_holidays_are_not_working_days(settings):
    settings.PUBLIC_HOLIDAYS = ["2024-09-02", "2024-09-03"]
    assert not is_working_day(D(2024, 9, 2)) and is_working_day(D(2024, 9, 4))
    assert add_working_days(D(2024, 8, 30), 1) == D(2024, 9, 4)  # Friday + 1, over a weekend and two holidays
