import datetime

from common.workdays import add_working_days, is_working_day

D = datetime.date


def test_public_holidays_are_not_working_days(settings):
    settings.PUBLIC_HOLIDAYS = ["2024-09-02", "2024-09-03"]
    assert not is_working_day(D(2024, 9, 2)) and is_working_day(D(2024, 9, 4))
    assert add_working_days(D(2024, 8, 30), 1) == D(2024, 9, 4)  # Friday + 1, over a weekend and two holidays


def test_a_deadline_reaching_a_holiday_moves_to_the_day_after(settings):
    settings.PUBLIC_HOLIDAYS = ["2024-09-04"]  # a Wednesday
    assert [is_working_day(D(2024, 9, d)) for d in (3, 4, 5)] == [True, False, True]
    assert add_working_days(D(2024, 9, 2), 1) == D(2024, 9, 3)  # lands the day before: unchanged
    assert add_working_days(D(2024, 9, 3), 1) == D(2024, 9, 5)  # would land on it: the day after
    assert add_working_days(D(2024, 9, 4), 1) == D(2024, 9, 5)  # counted from the holiday itself
