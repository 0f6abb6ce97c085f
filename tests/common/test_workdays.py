import datetime

import pytest

from common.workdays import add_working_days, is_working_day, public_holidays, statutory_holidays

D = datetime.date


def test_public_holidays_are_not_working_days(settings):
    settings.PUBLIC_HOLIDAYS = ["2024-09-02", "2024-09-03"]
    assert not is_working_day(D(2024, 9, 2)) and is_working_day(D(2024, 9, 4))
    assert add_working_days(D(2024, 8, 30), 1) == D(2024, 9, 4)  # Friday + 1, over a weekend and two holidays


def test_a_deadline_reaching_a_holiday_moves_to_the_day_after(settings):
    settings.PUBLIC_HOLIDAYS = ["2024-10-16"]  # a Wednesday, no holiday by law
    assert [is_working_day(D(2024, 10, d)) for d in (15, 16, 17)] == [True, False, True]
    assert add_working_days(D(2024, 10, 14), 1) == D(2024, 10, 15)  # lands the day before: unchanged
    assert add_working_days(D(2024, 10, 15), 1) == D(2024, 10, 17)  # would land on it: the day after
    assert add_working_days(D(2024, 10, 16), 1) == D(2024, 10, 17)  # counted from the holiday itself


# --- Vietnam's public holidays, known without configuration (Bộ luật Lao động 2019, Điều 112) ------

def test_tet_2025_gives_the_five_days_of_the_law():
    """Mùng 1 Tết Ất Tỵ was Wednesday 29/01/2025; the five days off were Monday 27 to Friday 31/01
    (the break 25/01-02/02 adds the two weekends around them)."""
    assert [is_working_day(D(2025, 1, d)) for d in range(24, 32)] == [
        True, False, False, False, False, False, False, False]  # Fri 24 works; Sat 25 .. Fri 31 off
    assert not is_working_day(D(2025, 2, 2)) and is_working_day(D(2025, 2, 3))  # back to work on Monday


@pytest.mark.parametrize(("day", "what"), [
    (D(2025, 1, 1), "Tết Dương lịch"),
    (D(2025, 4, 7), "Giỗ Tổ Hùng Vương, 10/3 âm lịch (a Monday)"),
    (D(2025, 4, 30), "Ngày Chiến thắng"),
    (D(2025, 5, 1), "Quốc tế lao động"),
    (D(2025, 9, 1), "Quốc khánh: the day before 2/9"),
    (D(2025, 9, 2), "Quốc khánh"),
    (D(2024, 2, 13), "Tết 2024: a day in lieu of mùng 1 falling on a Saturday (Điều 112 khoản 3)"),
])
def test_the_holidays_of_the_law_are_not_working_days(day, what):
    assert day.weekday() < 5, what
    assert not is_working_day(day), what


@pytest.mark.parametrize("day", [D(2025, 4, 4), D(2025, 4, 8), D(2025, 4, 29), D(2025, 9, 3), D(2025, 1, 2)])
def test_the_days_beside_the_holidays_are_working_days(day):
    assert is_working_day(day)


def test_the_governments_bridging_days_the_library_carries_are_holidays_too():
    """The `holidays` package also carries the days the Government announced: Friday 02/05/2025 was
    given off (in exchange for Saturday 26/04/2025, which stays a non-working day for the count)."""
    assert not is_working_day(D(2025, 5, 2))
    assert D(2024, 4, 29) in public_holidays([2024])  # Monday between Sunday 28 and 30/04/2024


@pytest.mark.parametrize(("start", "days", "due"), [
    (D(2025, 1, 23), 1, D(2025, 1, 24)),   # Thursday before Tết + 1: Friday, unchanged
    (D(2025, 1, 24), 1, D(2025, 2, 3)),    # Friday before Tết + 1: over the whole break
    (D(2025, 1, 27), 1, D(2025, 2, 3)),    # counted from a day of Tết itself
    (D(2025, 1, 22), 7, D(2025, 2, 7)),    # a denunciation received the week before Tết
    (D(2024, 12, 31), 1, D(2025, 1, 2)),   # 1/1 of the next year, from that year's table
    (D(2025, 4, 25), 3, D(2025, 5, 5)),    # 28, 29 work; 30/4, 1/5, 2/5 off; Monday 5 is the third
])
def test_working_days_are_counted_across_the_holidays(start, days, due):
    assert add_working_days(start, days) == due


def test_settings_add_and_remove_days(settings):
    settings.PUBLIC_HOLIDAYS = ["2025-02-03"]  # a day the library would not know yet
    assert add_working_days(D(2025, 1, 24), 1) == D(2025, 2, 4)
    settings.PUBLIC_HOLIDAYS = []
    settings.PUBLIC_HOLIDAYS_EXCLUDE = ["2025-01-31"]  # a day the library got wrong
    assert is_working_day(D(2025, 1, 31))
    assert add_working_days(D(2025, 1, 24), 1) == D(2025, 1, 31)


def test_the_library_is_asked_once_a_year():
    statutory_holidays.cache_clear()
    add_working_days(D(2024, 1, 2), 600)  # about two and a half years of working days
    add_working_days(D(2024, 6, 3), 10)
    info = statutory_holidays.cache_info()
    assert info.misses == 3 and info.hits > 0  # 2024, 2025, 2026: once each
