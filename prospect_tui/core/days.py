"""The user's days: which local date an instant counts for, and working days.

A night owl with ``start_hour = 4`` is still on Monday at 02:30 on Tuesday's
calendar. Dates are computed from wall-clock time in the user's zone, so a
daylight-saving change never moves a record to the wrong day.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta, tzinfo

WEEKDAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
"""Weekday names as written in ``config.toml``; index = ``date.weekday()``."""


def local_date(instant: datetime, tz: tzinfo, start_hour: int = 0) -> date:
    """The user's day that ``instant`` counts for."""
    local = instant.astimezone(tz)
    if local.hour < start_hour:
        return local.date() - timedelta(days=1)
    return local.date()


def day_start(day: date, tz: tzinfo, start_hour: int = 0) -> datetime:
    """The instant the user's ``day`` begins (its wall-clock ``start_hour``)."""
    return datetime.combine(day, time(hour=start_hour), tzinfo=tz)


def day_bounds(day: date, tz: tzinfo, start_hour: int = 0) -> tuple[datetime, datetime]:
    """``[start, end)`` of the user's ``day``; 23 or 25 hours long on DST days."""
    return day_start(day, tz, start_hour), day_start(day + timedelta(days=1), tz, start_hour)


def weekday_name(day: date) -> str:
    """``"mon"`` … ``"sun"``."""
    return WEEKDAYS[day.weekday()]


def is_working_day(day: date, working: Iterable[str]) -> bool:
    """Whether ``day`` is one of the configured working weekdays."""
    return weekday_name(day) in set(working)
