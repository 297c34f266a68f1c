"""The user's days: local dates, the day-start hour, and DST days of 23 and 25 hours."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prospect_tui.core.days import (
    WEEKDAYS,
    day_bounds,
    day_start,
    is_working_day,
    local_date,
    weekday_name,
)

PARIS = ZoneInfo("Europe/Paris")
NEW_YORK = ZoneInfo("America/New_York")


def _hours(bounds: tuple[datetime, datetime]) -> float:
    start, end = bounds
    # Subtract in UTC: two datetimes sharing a tzinfo subtract as wall clocks.
    return (end.astimezone(UTC) - start.astimezone(UTC)) / timedelta(hours=1)


def test_local_date_is_the_wall_clock_date_in_the_user_zone() -> None:
    # 23:30 UTC on the 18th is already 00:30 on the 19th in Paris.
    instant = datetime(2026, 11, 18, 23, 30, tzinfo=UTC)
    assert local_date(instant, PARIS) == date(2026, 11, 19)
    assert local_date(instant, NEW_YORK) == date(2026, 11, 18)


def test_a_record_at_00_30_with_start_hour_2_counts_for_the_previous_day() -> None:
    instant = datetime(2026, 11, 19, 0, 30, tzinfo=PARIS)
    assert local_date(instant, PARIS, start_hour=2) == date(2026, 11, 18)
    assert local_date(instant, PARIS, start_hour=0) == date(2026, 11, 19)


@pytest.mark.parametrize(
    ("hour", "minute", "expected"),
    [(1, 59, date(2026, 11, 18)), (2, 0, date(2026, 11, 19)), (23, 59, date(2026, 11, 19))],
)
def test_start_hour_is_the_boundary(hour: int, minute: int, expected: date) -> None:
    instant = datetime(2026, 11, 19, hour, minute, tzinfo=PARIS)
    assert local_date(instant, PARIS, start_hour=2) == expected


def test_start_hour_across_midnight_from_another_zone() -> None:
    # 00:30 UTC on the 19th = 01:30 in Paris: before a 02:00 day start.
    instant = datetime(2026, 11, 19, 0, 30, tzinfo=UTC)
    assert local_date(instant, PARIS, start_hour=2) == date(2026, 11, 18)
    assert local_date(instant, PARIS, start_hour=1) == date(2026, 11, 19)


def test_local_date_crosses_month_and_year() -> None:
    instant = datetime(2027, 1, 1, 3, 0, tzinfo=PARIS)
    assert local_date(instant, PARIS, start_hour=4) == date(2026, 12, 31)


def test_day_start_is_the_start_hour_on_the_wall_clock() -> None:
    start = day_start(date(2026, 11, 19), PARIS, 4)
    assert start == datetime(2026, 11, 19, 4, 0, tzinfo=PARIS)


def test_an_ordinary_day_is_24_hours() -> None:
    assert _hours(day_bounds(date(2026, 11, 19), PARIS)) == 24


@pytest.mark.parametrize(
    ("zone", "day", "hours"),
    [
        (PARIS, date(2026, 3, 29), 23),
        (PARIS, date(2026, 10, 25), 25),
        (NEW_YORK, date(2026, 3, 8), 23),
        (NEW_YORK, date(2026, 11, 1), 25),
    ],
)
def test_dst_days_are_23_or_25_hours(zone: ZoneInfo, day: date, hours: int) -> None:
    assert _hours(day_bounds(day, zone)) == hours
    assert _hours(day_bounds(day + timedelta(days=1), zone)) == 24


@pytest.mark.parametrize(
    ("zone", "change", "hours"),
    [
        (PARIS, datetime(2026, 3, 29, 1, 0, tzinfo=UTC), 23),
        (PARIS, datetime(2026, 10, 25, 1, 0, tzinfo=UTC), 25),
        (NEW_YORK, datetime(2026, 3, 8, 7, 0, tzinfo=UTC), 23),
        (NEW_YORK, datetime(2026, 11, 1, 6, 0, tzinfo=UTC), 25),
    ],
)
@pytest.mark.parametrize("start_hour", [0, 1, 2, 3, 4, 12])
def test_the_user_day_holding_a_dst_change_is_23_or_25_hours(
    zone: ZoneInfo, change: datetime, hours: int, start_hour: int
) -> None:
    # Around the change, exactly one user day has the odd length, and the change
    # happens within it (at its very start or end when the start hour is skipped).
    around = [local_date(change, zone, start_hour) + timedelta(days=n) for n in (-2, -1, 0, 1)]
    lengths = {day: _hours(day_bounds(day, zone, start_hour)) for day in around}
    odd = [day for day, length in lengths.items() if length != 24]
    assert len(odd) == 1
    assert lengths[odd[0]] == hours
    start, end = day_bounds(odd[0], zone, start_hour)
    assert start.astimezone(UTC) <= change <= end.astimezone(UTC)


def test_a_late_day_start_moves_the_short_day() -> None:
    # Paris springs forward at 02:00 on Sunday 29 March: before a 04:00 day start.
    assert _hours(day_bounds(date(2026, 3, 28), PARIS, 4)) == 23
    assert _hours(day_bounds(date(2026, 3, 29), PARIS, 4)) == 24


def test_a_day_ends_where_the_next_begins() -> None:
    for offset in range(400):
        day = date(2026, 1, 1) + timedelta(days=offset)
        assert day_bounds(day, PARIS, 3)[1] == day_bounds(day + timedelta(days=1), PARIS, 3)[0]


def test_bounds_and_local_date_agree_on_a_dst_day() -> None:
    day = date(2026, 10, 25)
    start, end = day_bounds(day, PARIS, 2)
    assert local_date(start, PARIS, 2) == day
    last = end.astimezone(UTC) - timedelta(seconds=1)
    assert local_date(last, PARIS, 2) == day
    assert local_date(end, PARIS, 2) == day + timedelta(days=1)


@settings(max_examples=300, deadline=None)
@given(
    seconds=st.integers(0, 366 * 24 * 3600),
    zone=st.sampled_from([PARIS, NEW_YORK]),
    start_hour=st.integers(0, 12),
)
def test_every_instant_falls_in_the_bounds_of_its_local_date(
    seconds: int, zone: ZoneInfo, start_hour: int
) -> None:
    instant = datetime(2026, 1, 1, tzinfo=UTC) + timedelta(seconds=seconds)
    day = local_date(instant, zone, start_hour)
    start, end = day_bounds(day, zone, start_hour)
    assert start.astimezone(UTC) <= instant < end.astimezone(UTC)


def test_weekday_names_follow_date_weekday() -> None:
    assert WEEKDAYS == ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
    assert weekday_name(date(2026, 11, 19)) == "thu"
    assert weekday_name(date(2026, 11, 22)) == "sun"


def test_is_working_day() -> None:
    working = ("mon", "tue", "wed", "thu", "fri")
    assert is_working_day(date(2026, 11, 20), working)
    assert not is_working_day(date(2026, 11, 21), working)
    assert is_working_day(date(2026, 11, 22), ["sun"])
