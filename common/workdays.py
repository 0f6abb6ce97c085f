"""Counting days as the law does: working days skip weekends and public holidays; months keep the
day of the month, clamped to the month's end.

Public holidays are Vietnam's, known by default (Bộ luật Lao động 2019, Điều 112: Tết Dương lịch
1/1; Tết Âm lịch 5 days; Giỗ Tổ Hùng Vương 10/3 âm lịch; 30/4; 1/5; Quốc khánh 2/9 and the day
before or after it), from the maintained `holidays` package, which computes the lunar dates and also
carries the compensatory and bridging days the Government has announced. settings.PUBLIC_HOLIDAYS
adds days it does not know yet; settings.PUBLIC_HOLIDAYS_EXCLUDE removes days it gets wrong.
"""

import calendar
import datetime
import functools
from collections.abc import Iterable

import holidays as holiday_calendars
from django.conf import settings

COUNTRY = "VN"


@functools.lru_cache(maxsize=128)
def statutory_holidays(year: int) -> frozenset[datetime.date]:
    """Vietnam's public holidays in `year` as the `holidays` package knows them (cached per year, so
    a working-day loop asks the library once a year)."""
    return frozenset(holiday_calendars.country_holidays(COUNTRY, years=year))


def _configured(name: str, years: set[int]) -> set[datetime.date]:
    days = {datetime.date.fromisoformat(str(day).strip()) for day in getattr(settings, name, ()) if str(day).strip()}
    return {day for day in days if day.year in years}


def public_holidays(years: Iterable[int]) -> set[datetime.date]:
    """The public holidays of `years`: the library's, plus settings.PUBLIC_HOLIDAYS, minus
    settings.PUBLIC_HOLIDAYS_EXCLUDE (ISO dates)."""
    years = set(years)
    known = set().union(*(statutory_holidays(year) for year in years)) if years else set()
    return (known | _configured("PUBLIC_HOLIDAYS", years)) - _configured("PUBLIC_HOLIDAYS_EXCLUDE", years)


def is_working_day(day: datetime.date, *, holidays: set[datetime.date] | None = None) -> bool:
    """Monday to Friday, and not a public holiday (of `day`'s year unless `holidays` is given)."""
    return day.weekday() < 5 and day not in (public_holidays([day.year]) if holidays is None else holidays)


def add_working_days(start: datetime.date, days: int) -> datetime.date:
    """The date `days` working days after `start`, skipping Saturdays, Sundays and the public
    holidays of every year the count crosses (Luật Tố cáo 2018 counts acceptance in working days;
    NQLT 09/2008 the recognition decision)."""
    current, remaining = start, days
    year, off = start.year, public_holidays([start.year])
    while remaining > 0:
        current += datetime.timedelta(days=1)
        if current.year != year:
            year, off = current.year, public_holidays([current.year])
        if is_working_day(current, holidays=off):
            remaining -= 1
    return current


def add_months(start: datetime.date, months: int) -> datetime.date:
    """Same day `months` later, clamped to the month's last day (31/08 + 6 months = 28/02 or 29/02)."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(start.day, calendar.monthrange(year, month)[1]))
