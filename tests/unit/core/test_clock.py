"""The clock: the only source of "now"; a manual clock moves only when told."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime, timedelta
from importlib import resources
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from prospect_tui.core.clock import ManualClock, SystemClock, system_timezone
from prospect_tui.core.days import local_date

PARIS = ZoneInfo("Europe/Paris")
NEW_YORK = ZoneInfo("America/New_York")


def test_manual_clock_refuses_a_naive_start() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        ManualClock(datetime(2026, 11, 19, 15, 30))


def test_manual_clock_stands_still_until_moved() -> None:
    start = datetime(2026, 11, 19, 15, 30, tzinfo=PARIS)
    clock = ManualClock(start)
    assert clock.now() == start
    assert clock.now() == start
    assert clock.tz is PARIS


def test_manual_clock_reports_in_its_own_zone() -> None:
    clock = ManualClock(datetime(2026, 11, 19, 14, 30, tzinfo=UTC), tz=PARIS)
    assert clock.now().tzinfo is PARIS
    assert clock.now().hour == 15


def test_advance_moves_by_the_delta_and_returns_the_new_instant() -> None:
    clock = ManualClock(datetime(2026, 11, 19, 15, 30, tzinfo=PARIS))
    moved = clock.advance(minutes=25, seconds=3)
    assert moved == datetime(2026, 11, 19, 15, 55, 3, tzinfo=PARIS)
    assert clock.now() == moved


def test_advance_across_a_dst_change_keeps_the_real_elapsed_time() -> None:
    # 01:30 CEST on the night Paris falls back; 2 real hours later it is 02:30 CET.
    clock = ManualClock(datetime(2026, 10, 24, 23, 30, tzinfo=UTC), tz=PARIS)
    before = clock.now()
    clock.advance(hours=2)
    assert (clock.now().astimezone(UTC) - before.astimezone(UTC)) == timedelta(hours=2)


def test_set_jumps_to_an_instant_given_in_any_zone() -> None:
    clock = ManualClock(datetime(2026, 11, 19, 15, 30, tzinfo=PARIS))
    target = datetime(2026, 11, 20, 9, 0, tzinfo=NEW_YORK)
    clock.set(target)
    assert clock.now() == target
    assert clock.now().tzinfo is PARIS
    assert clock.now().hour == 15


def test_system_clock_is_aware_and_in_its_zone() -> None:
    clock = SystemClock(NEW_YORK)
    now = clock.now()
    assert now.tzinfo is NEW_YORK
    assert clock.tz is NEW_YORK
    assert now.utcoffset() is not None


def test_system_timezone_honours_tz(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "America/New_York")
    assert system_timezone() == NEW_YORK
    monkeypatch.setenv("TZ", ":Europe/Paris")
    assert system_timezone() == PARIS


def test_system_timezone_survives_a_bad_tz(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Not/AZone")
    zone = system_timezone()
    assert datetime(2026, 1, 1, tzinfo=zone).utcoffset() is not None


def test_system_clock_defaults_to_the_system_zone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Australia/Perth")
    assert SystemClock().tz == ZoneInfo("Australia/Perth")


POSIX_TZ = [
    "UTC-14",  # fourteen hours ahead of UTC: POSIX counts west
    "UTC+5",
    "EST5EDT",
    "CET-1CEST,M3.5.0,M10.5.0/3",
    "<+0530>-5:30",
    "AEST-10AEDT,M10.1.0,M4.1.0/3",
]
INSTANTS = [
    datetime(2026, month, day, hour, tzinfo=UTC).timestamp()
    for month, day in ((1, 15), (3, 8), (3, 29), (4, 5), (7, 1), (10, 25), (11, 1), (12, 31))
    for hour in (0, 1, 2, 7, 12, 23)
]


@pytest.mark.parametrize("value", POSIX_TZ)
def test_a_posix_tz_gives_the_offsets_the_c_library_gives(
    monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("TZ", value)
    time.tzset()
    try:
        zone = system_timezone()
        ours = [datetime.fromtimestamp(t, zone).utcoffset() for t in INSTANTS]
        theirs = [timedelta(seconds=time.localtime(t).tm_gmtoff) for t in INSTANTS]
    finally:
        monkeypatch.undo()
        time.tzset()
    assert ours == theirs


def test_a_summer_time_without_rules_follows_the_us_rules(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("TZ", "XST5XDT")
    zone = system_timezone()
    assert datetime(2026, 1, 15, 12, tzinfo=zone).utcoffset() == timedelta(hours=-5)
    assert datetime(2026, 7, 15, 12, tzinfo=zone).utcoffset() == timedelta(hours=-4)
    assert datetime(2026, 3, 8, 12, tzinfo=zone).utcoffset() == timedelta(hours=-4)


def test_utc_minus_14_is_ahead_of_utc(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "UTC-14")
    now = SystemClock().now()
    assert now.utcoffset() == timedelta(hours=14)
    late = datetime(2026, 11, 19, 11, 0, tzinfo=UTC)
    assert local_date(late, SystemClock().tz) == date(2026, 11, 20)  # calls land on their day


def test_a_zone_file_path_in_tz(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    path = tmp_path / "Tokyo"
    with resources.files("tzdata").joinpath("zoneinfo/Asia/Tokyo").open("rb") as source:
        path.write_bytes(source.read())
    monkeypatch.setenv("TZ", str(path))
    assert datetime(2026, 7, 1, tzinfo=system_timezone()).utcoffset() == timedelta(hours=9)
