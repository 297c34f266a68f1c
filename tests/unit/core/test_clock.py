"""The clock: the only source of "now"; a manual clock moves only when told."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from prospect_tui.core.clock import ManualClock, SystemClock, monotonic, system_timezone

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


def test_monotonic_never_goes_back() -> None:
    readings = [monotonic() for _ in range(100)]
    assert readings == sorted(readings)
