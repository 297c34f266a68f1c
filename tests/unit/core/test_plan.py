"""The plan: which block is running, and when the next one starts."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from prospect_tui.core.categories import Category
from prospect_tui.core.config import Block
from prospect_tui.core.plan import Upcoming, next_block, occurrences

PARIS = ZoneInfo("Europe/Paris")
WEEK = ("mon", "tue", "wed", "thu", "fri")
RESEARCH = Block(Category.RESEARCH, WEEK, time(8, 30), 30)
CALLING = Block(Category.CALLING, WEEK, time(9), 60)
AFTERNOON = Block(Category.CALLING, ("tue", "thu"), time(14), 50)
FOLLOW_UP = Block(Category.FOLLOW_UP, WEEK, time(16, 30), 30)
BLOCKS = (FOLLOW_UP, AFTERNOON, CALLING, RESEARCH)  # not in time order on purpose


def _at(day: int, hour: int, minute: int = 0, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=PARIS)


def test_occurrences_are_in_time_order_and_on_their_weekdays() -> None:
    found = occurrences(BLOCKS, _at(19, 7), PARIS, days=2)  # Thu 19, Fri 20
    assert [(u.start, u.block) for u in found] == [
        (_at(19, 8, 30), RESEARCH),
        (_at(19, 9), CALLING),
        (_at(19, 14), AFTERNOON),
        (_at(19, 16, 30), FOLLOW_UP),
        (_at(20, 8, 30), RESEARCH),
        (_at(20, 9), CALLING),
        (_at(20, 16, 30), FOLLOW_UP),
    ]
    assert all(u.end - u.start == timedelta(minutes=u.block.minutes) for u in found)


def test_the_weekend_has_no_blocks() -> None:
    found = occurrences(BLOCKS, _at(21, 7), PARIS, days=2)  # Sat 21, Sun 22
    assert found == []


def test_the_running_block_is_next() -> None:
    upcoming = next_block(BLOCKS, _at(19, 9, 20), PARIS)
    assert upcoming == Upcoming(CALLING, _at(19, 9), _at(19, 10))
    assert upcoming.running(_at(19, 9, 20))


def test_the_next_block_later_today() -> None:
    # The frozen clock: Thursday 15:30, the afternoon block is over.
    upcoming = next_block(BLOCKS, _at(19, 15, 30), PARIS)
    assert upcoming is not None
    assert upcoming.block is FOLLOW_UP
    assert upcoming.start == _at(19, 16, 30)
    assert not upcoming.running(_at(19, 15, 30))


def test_a_block_that_just_ended_is_not_next() -> None:
    upcoming = next_block(BLOCKS, _at(19, 10), PARIS)
    assert upcoming is not None
    assert upcoming.block is AFTERNOON


def test_friday_evening_looks_to_monday() -> None:
    upcoming = next_block(BLOCKS, _at(20, 18), PARIS)
    assert upcoming is not None
    assert (upcoming.block, upcoming.start) == (RESEARCH, _at(23, 8, 30))


def test_no_blocks_no_next() -> None:
    assert next_block((), _at(19, 9), PARIS) is None


def test_running_is_start_inclusive_end_exclusive() -> None:
    upcoming = Upcoming(CALLING, _at(19, 9), _at(19, 10))
    assert upcoming.running(_at(19, 9))
    assert upcoming.running(_at(19, 9, 59))
    assert not upcoming.running(_at(19, 10))
    assert not upcoming.running(_at(19, 8, 59))


def test_now_in_another_zone_is_read_in_the_user_zone() -> None:
    # 08:10 UTC is 09:10 in Paris: the calling block is running.
    now = datetime(2026, 11, 19, 8, 10, tzinfo=UTC)
    upcoming = next_block(BLOCKS, now, PARIS)
    assert upcoming is not None
    assert upcoming.block is CALLING
    assert upcoming.running(now)


def test_blocks_keep_their_wall_clock_time_across_dst() -> None:
    # Paris springs forward on Sunday 29 March; Monday's block is still at 09:00.
    upcoming = next_block(BLOCKS, _at(28, 12, month=3), PARIS)
    assert upcoming is not None
    assert upcoming.start.astimezone(PARIS).time() == time(8, 30)
    assert upcoming.start.utcoffset() == timedelta(hours=2)
