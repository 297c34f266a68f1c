"""Countdowns that cannot lie: ``end - now`` after jumps, pauses, allowances and DST."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prospect_tui.core.clock import ManualClock, between, shift
from prospect_tui.core.timer import Countdown, clock_face

PARIS = ZoneInfo("Europe/Paris")
SPRINT = timedelta(minutes=25)
ALLOWANCE = timedelta(minutes=5)


def minutes(n: float) -> timedelta:
    return timedelta(minutes=n)


def sprint(clock: ManualClock, allowance: timedelta = ALLOWANCE) -> Countdown:
    return Countdown.starting(clock.now(), SPRINT, allowance)


# -- end minus now -------------------------------------------------------------------------


def test_a_new_countdown_ends_after_its_length(clock: ManualClock) -> None:
    countdown = sprint(clock)
    assert countdown.ends_at == datetime(2026, 11, 19, 15, 55, tzinfo=PARIS)
    assert countdown.length == SPRINT
    assert countdown.remaining(clock.now()) == SPRINT
    assert not countdown.finished(clock.now())
    assert countdown.elapsed_fraction(clock.now()) == 0.0


def test_the_clock_jumping_60_seconds_shows_60_seconds_less(clock: ManualClock) -> None:
    countdown = sprint(clock)
    clock.advance(seconds=60)
    assert countdown.remaining(clock.now()) == minutes(24)
    assert clock_face(countdown.remaining(clock.now())) == "24:00"


def test_a_laptop_suspended_for_an_hour_shows_the_time_is_up(clock: ManualClock) -> None:
    countdown = sprint(clock)
    clock.advance(minutes=3)
    assert countdown.remaining(clock.now()) == minutes(22)
    clock.advance(hours=1)  # no ticks in between: the lid was shut
    assert countdown.remaining(clock.now()) == timedelta(0)
    assert countdown.finished(clock.now())
    assert countdown.elapsed_fraction(clock.now()) == 1.0
    assert clock_face(countdown.remaining(clock.now())) == "00:00"


def test_many_small_steps_and_one_big_jump_agree(clock: ManualClock) -> None:
    countdown = sprint(clock)
    other = ManualClock(clock.now())
    for _ in range(600):
        clock.advance(seconds=1.5)
    other.advance(minutes=15)
    assert clock.now() == other.now()
    assert countdown.remaining(clock.now()) == countdown.remaining(other.now()) == minutes(10)


def test_finished_exactly_at_the_end_not_a_microsecond_before(clock: ManualClock) -> None:
    countdown = sprint(clock)
    clock.set(shift(countdown.ends_at, timedelta(microseconds=-1)))
    assert not countdown.finished(clock.now())
    assert clock_face(countdown.remaining(clock.now())) == "00:01"
    clock.set(countdown.ends_at)
    assert countdown.finished(clock.now())


def test_halfway_is_half_done(clock: ManualClock) -> None:
    countdown = sprint(clock)
    clock.advance(minutes=12.5)
    assert countdown.elapsed_fraction(clock.now()) == pytest.approx(0.5)


# -- pauses ----------------------------------------------------------------------------------


def test_a_pause_freezes_the_display(clock: ManualClock) -> None:
    countdown = sprint(clock)
    clock.advance(minutes=5)
    countdown = countdown.pause(clock.now())
    assert countdown.is_paused(clock.now())
    for _ in range(4):
        clock.advance(seconds=30)
        assert countdown.remaining(clock.now()) == minutes(20)
        assert countdown.elapsed_fraction(clock.now()) == pytest.approx(0.2)
        assert countdown.is_paused(clock.now())


def test_resuming_moves_the_end_by_exactly_the_time_paused(clock: ManualClock) -> None:
    countdown = sprint(clock)
    planned_end = countdown.ends_at
    clock.advance(minutes=5)
    countdown = countdown.pause(clock.now())
    clock.advance(minutes=2, seconds=13)
    countdown = countdown.resume(clock.now())
    assert not countdown.is_paused(clock.now())
    assert countdown.paused_at is None
    assert countdown.paused == timedelta(minutes=2, seconds=13)
    assert between(planned_end, countdown.ends_at) == timedelta(minutes=2, seconds=13)
    assert countdown.remaining(clock.now()) == minutes(20)
    assert countdown.length == SPRINT
    clock.advance(minutes=1)
    assert countdown.remaining(clock.now()) == minutes(19)


def test_pause_left_shrinks_while_paused(clock: ManualClock) -> None:
    countdown = sprint(clock)
    assert countdown.pause_left(clock.now()) == ALLOWANCE
    countdown = countdown.pause(clock.now())
    clock.advance(minutes=2)
    assert countdown.pause_left(clock.now()) == minutes(3)
    countdown = countdown.resume(clock.now())
    clock.advance(minutes=10)
    assert countdown.pause_left(clock.now()) == minutes(3)


def test_the_allowance_running_out_resumes_the_clock_at_the_allowance(
    clock: ManualClock,
) -> None:
    countdown = sprint(clock)
    clock.advance(minutes=5)
    countdown = countdown.pause(clock.now())
    clock.advance(minutes=8)  # walked away: only 5 of the 8 minutes are a pause
    assert not countdown.is_paused(clock.now())
    # The clock restarted at +10 min with 20 min left; 3 min have run since.
    assert countdown.remaining(clock.now()) == minutes(17)
    settled = countdown.settled(clock.now())
    assert settled.paused_at is None
    assert settled.paused == ALLOWANCE
    assert between(countdown.started_at, settled.ends_at) == SPRINT + ALLOWANCE
    assert settled.pause_left(clock.now()) == timedelta(0)
    assert countdown.pause_left(clock.now()) == timedelta(0)


def test_no_pause_once_the_allowance_is_spent(clock: ManualClock) -> None:
    countdown = sprint(clock).pause(clock.now())
    clock.advance(minutes=3)
    countdown = countdown.resume(clock.now()).pause(clock.now())
    clock.advance(minutes=10)  # the second pause runs out after the 2 min left
    # Ran 0-0, paused 0-3, paused again 3-5, running since: 8 minutes gone.
    assert countdown.remaining(clock.now()) == minutes(17)
    again = countdown.pause(clock.now())
    assert again.paused_at is None
    assert not again.is_paused(clock.now())
    assert again.paused == ALLOWANCE
    before = again.remaining(clock.now())
    clock.advance(minutes=1)
    assert again.remaining(clock.now()) == before - minutes(1)


def test_resuming_late_counts_only_the_allowance(clock: ManualClock) -> None:
    countdown = sprint(clock).pause(clock.now())
    clock.advance(minutes=12)
    resumed = countdown.resume(clock.now())
    assert resumed.paused == ALLOWANCE
    assert between(countdown.ends_at, resumed.ends_at) == ALLOWANCE
    assert resumed.remaining(clock.now()) == SPRINT - minutes(12 - 5)


def test_without_an_allowance_there_is_no_pause(clock: ManualClock) -> None:
    countdown = Countdown.starting(clock.now(), SPRINT)
    paused = countdown.pause(clock.now())
    assert paused.paused_at is None
    clock.advance(minutes=1)
    assert paused.remaining(clock.now()) == minutes(24)


def test_pausing_twice_and_resuming_a_running_clock_change_nothing(clock: ManualClock) -> None:
    countdown = sprint(clock)
    assert countdown.resume(clock.now()) == countdown
    paused = countdown.pause(clock.now())
    clock.advance(minutes=1)
    assert paused.pause(clock.now()) == paused


# -- daylight saving ----------------------------------------------------------------------------


def test_a_sprint_from_01_50_on_the_night_paris_falls_back_lasts_25_minutes(
    clock: ManualClock,
) -> None:
    clock.set(datetime(2026, 10, 25, 1, 50, tzinfo=PARIS))
    countdown = sprint(clock)
    assert between(countdown.started_at, countdown.ends_at) == SPRINT
    clock.advance(minutes=10)
    assert countdown.remaining(clock.now()) == minutes(15)
    clock.advance(minutes=15)
    assert countdown.finished(clock.now())


def test_a_sprint_across_the_fall_back_hour_still_lasts_25_minutes(clock: ManualClock) -> None:
    # 02:50 CEST; at 03:00 CEST the clocks show 02:00 CET again.
    clock.set(datetime(2026, 10, 25, 0, 50, tzinfo=UTC))
    assert clock.now().utcoffset() == timedelta(hours=2)
    countdown = sprint(clock)
    assert countdown.ends_at.astimezone(UTC) == datetime(2026, 10, 25, 1, 15, tzinfo=UTC)
    assert countdown.ends_at.utcoffset() == timedelta(hours=1)  # 02:15 CET
    assert countdown.remaining(clock.now()) == SPRINT
    clock.advance(minutes=20)
    assert countdown.remaining(clock.now()) == minutes(5)
    assert clock_face(countdown.remaining(clock.now())) == "05:00"
    clock.advance(minutes=5)
    assert countdown.finished(clock.now())


def test_a_sprint_across_the_spring_forward_gap_lasts_25_minutes(clock: ManualClock) -> None:
    clock.set(datetime(2026, 3, 29, 1, 50, tzinfo=PARIS))
    countdown = sprint(clock)
    assert countdown.ends_at == datetime(2026, 3, 29, 3, 15, tzinfo=PARIS)
    assert countdown.length == SPRINT
    clock.advance(minutes=24)
    assert countdown.remaining(clock.now()) == minutes(1)


def test_a_pause_across_the_fall_back_hour_moves_the_end_by_real_time(
    clock: ManualClock,
) -> None:
    clock.set(datetime(2026, 10, 25, 0, 40, tzinfo=UTC))  # 02:40 CEST
    countdown = sprint(clock)
    clock.advance(minutes=15)
    countdown = countdown.pause(clock.now())
    clock.advance(minutes=4)
    countdown = countdown.resume(clock.now())
    assert countdown.paused == minutes(4)
    assert between(countdown.started_at, countdown.ends_at) == SPRINT + minutes(4)
    assert countdown.remaining(clock.now()) == minutes(10)


# -- the face -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("left", "face"),
    [
        (minutes(25), "25:00"),
        (timedelta(minutes=24, seconds=59, milliseconds=1), "25:00"),
        (timedelta(minutes=24, seconds=59), "24:59"),
        (timedelta(seconds=59.5), "01:00"),
        (timedelta(seconds=1), "00:01"),
        (timedelta(milliseconds=200), "00:01"),
        (timedelta(microseconds=1), "00:01"),
        (timedelta(0), "00:00"),
        (timedelta(seconds=-30), "00:00"),
        (timedelta(hours=1), "1:00:00"),
        (timedelta(hours=1, minutes=2, seconds=3), "1:02:03"),
        (timedelta(minutes=59, seconds=59, milliseconds=500), "1:00:00"),
    ],
)
def test_clock_face(left: timedelta, face: str) -> None:
    assert clock_face(left) == face


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=1, max_value=10 * 3600 * 1_000_000))
def test_the_face_never_reads_00_00_before_the_end(micros: int) -> None:
    left = timedelta(microseconds=micros)
    face = clock_face(left)
    assert face != "00:00"
    shown = 0
    for part in face.split(":"):
        shown = shown * 60 + int(part)
    assert left.total_seconds() <= shown < left.total_seconds() + 1


def test_a_clock_set_back_before_the_start_never_shows_more_than_the_length() -> None:
    start = datetime(2026, 11, 19, 15, 30, tzinfo=UTC)
    countdown = Countdown.starting(start, timedelta(minutes=25))
    assert countdown.remaining(start - timedelta(hours=1)) == timedelta(minutes=25)


def test_shifted_moves_every_instant_and_keeps_the_time_left() -> None:
    start = datetime(2026, 11, 19, 15, 30, tzinfo=UTC)
    countdown = Countdown.starting(start, timedelta(minutes=25), timedelta(minutes=5))
    countdown = countdown.pause(start + timedelta(minutes=10))
    moved = countdown.shifted(-timedelta(hours=1))
    assert moved.length == countdown.length
    now = start + timedelta(minutes=12)
    assert moved.remaining(now - timedelta(hours=1)) == countdown.remaining(now)
