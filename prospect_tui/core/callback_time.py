"""Read "when should I call back?" the way a prospect says it, on *their* clock.

"tomorrow 10am", "in 2 hours", "fri 14:00", "next week", "2026-12-03 9:30"
— said by a prospect in Sydney, meant in Sydney. The answer is echoed in
both zones so the user can check it before it is saved. Pendulum does the
calendar arithmetic (next Friday, wall-clock days across DST changes).
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from typing import Any

DEFAULT_HOUR = 10
"""A day without a time ("tomorrow", "friday") means this hour."""

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = {
    m: i
    for i, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}
_UNITS = {
    "m": "minutes",
    "min": "minutes",
    "mins": "minutes",
    "minute": "minutes",
    "minutes": "minutes",
    "h": "hours",
    "hr": "hours",
    "hrs": "hours",
    "hour": "hours",
    "hours": "hours",
    "d": "days",
    "day": "days",
    "days": "days",
    "w": "weeks",
    "week": "weeks",
    "weeks": "weeks",
}
_PARTS = {
    "morning": (9, 0),
    "noon": (12, 0),
    "midday": (12, 0),
    "lunchtime": (12, 30),
    "afternoon": (14, 0),
    "evening": (18, 0),
    "eod": (17, 0),
}
_TIME = re.compile(r"^(\d{1,2})(?:[:.h](\d{2}))?\s*(am|pm|a|p)?$")


class UnreadableTime(ValueError):
    """The words could not be read as a future moment; the message says what works."""


@dataclass(frozen=True, slots=True)
class CallbackTime:
    """A moment to call back, in the prospect's zone."""

    at: datetime
    theirs: str
    """``Fri 20 Nov 14:00`` on the prospect's clock."""
    yours: str
    """The same moment on the user's clock."""

    def echo(self) -> str:
        """How the dialog confirms it."""
        return f"{self.theirs} their time ({self.yours} yours)"


def help_text(now: datetime, zone: tzinfo) -> str:
    """What to type, with a dated example a week ahead on the clock it is read in.

    A fixed date would soon be in the past, and typing it would be refused.
    """
    day = now.astimezone(zone).date()
    with contextlib.suppress(OverflowError):  # the calendar's last week
        day += timedelta(days=7)
    return f'Try "tomorrow 10am", "in 2 hours", "fri 14:00", "next week" or "{day:%Y-%m-%d} 9:30".'


def parse_callback(
    text: str, now: datetime, their_zone: tzinfo | None, your_zone: tzinfo
) -> CallbackTime:
    """The future moment ``text`` names, read in ``their_zone`` (yours if unknown)."""
    import pendulum

    zone = their_zone or your_zone
    here = pendulum.instance(now).in_timezone(_name(zone))
    help_ = help_text(now, zone)
    words = " ".join(text.lower().replace(",", " ").split())
    if not words:
        raise UnreadableTime(f"Say when to call back. {help_}")
    try:
        moment = _relative(words, here) or _absolute(words, here)
    except OverflowError:  # "in 99999999999 days": past the end of the calendar
        moment = None
    if moment is None:
        raise UnreadableTime(f"“{text.strip()}” is not a time I can read. {help_}")
    if moment <= here:
        raise UnreadableTime(f"“{text.strip()}” is already past on their clock. {help_}")
    try:
        theirs = moment.in_timezone(_name(zone))
        yours = moment.in_timezone(_name(your_zone))
        at = datetime.fromisoformat(theirs.isoformat()).astimezone(zone)
    except OverflowError:  # 9999-12-31 23:59 in New York is already year 10000 in UTC
        raise UnreadableTime(f"“{text.strip()}” is too far ahead. {help_}") from None
    same_day = theirs.date() == yours.date()
    return CallbackTime(
        at=at,
        theirs=f"{theirs:%a %d %b %H:%M}",
        yours=f"{yours:%H:%M}" if same_day else f"{yours:%a %H:%M}",
    )


def _name(zone: tzinfo) -> Any:
    return getattr(zone, "key", None) or zone


def _relative(words: str, here: Any) -> Any:
    """``in 2 hours``, ``in 30m``, ``in an hour``, ``in half an hour``."""
    if words in ("in an hour", "in 1 hour"):
        return here.add(hours=1)
    if words in ("in half an hour", "in 30 minutes"):
        return here.add(minutes=30)
    match = re.fullmatch(r"in (\d+)\s*([a-z]+)", words)
    if not match:
        return None
    unit = _UNITS.get(match.group(2))
    return None if unit is None else here.add(**{unit: int(match.group(1))})


def _clock(words: str) -> tuple[int, int] | None:
    if words in _PARTS:
        return _PARTS[words]
    match = _TIME.match(words)
    if not match:
        return None
    hour, minute, half = int(match.group(1)), int(match.group(2) or 0), match.group(3)
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half.startswith("p") else 0)
    return (hour, minute) if hour < 24 and minute < 60 else None


def _absolute(words: str, here: Any) -> Any:
    """A day (today, tomorrow, a weekday, a date, next week) and/or a time."""
    day, rest = _day(words, here)
    rest = rest.removeprefix("at ").strip()
    if day is None:
        clock = _clock(rest)
        if clock is None:
            return None
        moment = here.at(*clock)
        return moment if moment > here else moment.add(days=1)
    clock = _clock(rest) if rest else (DEFAULT_HOUR, 0)
    return None if clock is None else day.at(*clock)


def _day(words: str, here: Any) -> tuple[Any, str]:
    """Split a leading day phrase off ``words``: (that day at midnight, the rest)."""
    import pendulum

    head, _, tail = words.partition(" ")
    if head == "today":
        return here.start_of("day"), tail
    if head in ("tomorrow", "tmrw", "tmr"):
        return here.add(days=1).start_of("day"), tail
    if words.startswith("next week"):
        return here.next(pendulum.MONDAY), words.removeprefix("next week").strip()
    next_one = head == "next"
    if next_one:
        head, _, tail = tail.partition(" ")
    weekday = _weekday(head)
    if weekday is not None:
        target = pendulum.WeekDay(weekday)
        if here.day_of_week == target and not next_one:
            clock = _clock(tail) if tail else (DEFAULT_HOUR, 0)
            if clock is not None and here.at(*clock) > here:
                return here.start_of("day"), tail
        return here.next(target), tail
    iso = re.match(r"^(\d{4})-(\d{2})-(\d{2})(?:\s+|t|$)(.*)$", words)
    if iso:
        try:
            day = pendulum.datetime(
                int(iso.group(1)), int(iso.group(2)), int(iso.group(3)), tz=here.timezone
            )
        except ValueError:
            return None, words
        return day, iso.group(4).strip()
    named = re.match(
        r"^(\d{1,2}) ([a-z]{3})[a-z]*\s*(.*)$|^([a-z]{3})[a-z]* (\d{1,2})\s*(.*)$", words
    )
    if named:
        number, month, rest = (
            (named.group(1), named.group(2), named.group(3))
            if named.group(1)
            else (named.group(5), named.group(4), named.group(6))
        )
        if month in _MONTHS:
            try:
                day = pendulum.datetime(here.year, _MONTHS[month], int(number), tz=here.timezone)
            except ValueError:
                return None, words
            if day.add(days=1) <= here:
                day = day.add(years=1)
            return day, rest.strip()
    return None, words


def _weekday(word: str) -> int | None:
    """``fri``, ``thurs``, ``Friday`` → 0-based weekday; None for anything else."""
    if len(word) < 3:
        return None
    return next((i for i, name in enumerate(_WEEKDAYS) if name.startswith(word)), None)
