"""Counting days as the law does: working days skip weekends and public holidays; months keep the
day of the month, clamped to the month's end."""

import calendar
import datetime

from django.conf import settings


def public_holidays() -> set[datetime.date]:
    """The public holidays of settings.PUBLIC_HOLIDAYS (ISO dates, from the environment)."""
    return {datetime.date.fromisoformat(str(day)) for day in settings.PUBLIC_HOLIDAYS}


def is_working_day(day: datetime.date, *, holidays: set[datetime.date] | None = None) -> bool:
    """Monday to Friday, and not a public holiday."""
    return day.weekday() < 5 and day not in (public_holidays() if holidays is None else holidays)


def add_working_days(start: datetime.date, days: int) -> datetime.date:
    """The date `days` working days after `start`, skipping Saturdays, Sundays and the public
    holidays of settings.PUBLIC_HOLIDAYS (Luật Tố cáo 2018 counts acceptance in working days;
    NQLT 09/2008 the recognition decision)."""
    off = public_holidays()
    current = start
    remaining = days
    while remaining > 0:
        current += datetime.timedelta(days=1)
        if is_working_day(current, holidays=off):
            remaining -= 1
    return current


def add_months(start: datetime.date, months: int) -> datetime.date:
    """Same day `months` later, clamped to the month's last day (31/08 + 6 months = 28/02 or 29/02)."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(start.day, calendar.monthrange(year, month)[1]))
