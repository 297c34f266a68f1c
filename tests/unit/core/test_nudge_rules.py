"""The nudge rules at their edges: midnight, day-start hour, DST, days off, storms."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from prospect_tui.core.categories import Category
from prospect_tui.core.config import Block, Config, DaySettings, NotifySettings
from prospect_tui.core.config.schema import DateSpan, DaysOff
from prospect_tui.core.nudges import (
    DayState,
    NudgeKind,
    away_too_long,
    choose,
    drift_nudge,
    due_nudges,
)
from prospect_tui.core.tally import DayProgress, Tally

PARIS = ZoneInfo("Europe/Paris")
WEEK = ("mon", "tue", "wed", "thu", "fri")
CALLING = Block(Category.CALLING, WEEK, time(9), 60)
RESEARCH = Block(Category.RESEARCH, WEEK, time(8, 30), 30)


def at(day: int, hour: int, minute: int = 0, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=PARIS)


def config(*blocks: Block, start_hour: int = 0, evening: time | None = time(18)) -> Config:
    return Config(
        blocks=blocks,
        days=DaySettings(start_hour=start_hour),
        notify=NotifySettings(evening=evening),
    )


def state(
    day: date,
    *,
    starts: tuple[datetime, ...] = (),
    running: bool = False,
    done: int = 0,
    dials: int = 0,
    at_stake: int = 0,
) -> DayState:
    cfg = Config()
    return DayState(
        sprint_starts=starts,
        sprint_running=running,
        progress=DayProgress(day, Tally(dials=dials), done, 0, cfg.goal),
        streak_at_stake=at_stake,
    )


def due(cfg: Config, now: datetime, st: DayState, **kw: object) -> list[tuple[NudgeKind, str]]:
    found = due_nudges(cfg, now, PARIS, st, start_key="s", **kw)  # type: ignore[arg-type]
    return [(n.kind, n.key) for n in found]


THU = date(2026, 11, 19)


def test_a_block_starting_is_due_while_it_runs_and_not_before_or_after() -> None:
    cfg = config(CALLING)
    assert due(cfg, at(19, 8, 59), state(THU)) == []
    assert due(cfg, at(19, 9), state(THU)) == [
        (NudgeKind.BLOCK_START, "block_start:2026-11-19:calling@09:00")
    ]
    assert due(cfg, at(19, 10), state(THU)) == []


def test_the_calling_nudge_comes_after_the_configured_minutes_with_the_start_key() -> None:
    cfg = config(CALLING)
    assert [k for k, _ in due(cfg, at(19, 9, 4), state(THU))] == [NudgeKind.BLOCK_START]
    found = due_nudges(cfg, at(19, 9, 5), PARIS, state(THU), start_key="k")
    late = [n for n in found if n.kind is NudgeKind.BLOCK_LATE]
    assert [n.message for n in late] == [
        "You planned calls at 09:00. One dial — that's all. Press k to start."
    ]


def test_a_sprint_started_since_the_block_began_keeps_the_block() -> None:
    cfg = config(CALLING)
    assert due(cfg, at(19, 9, 20), state(THU, starts=(at(19, 9, 2),))) == []
    # One from before the block does not keep it.
    kinds = [k for k, _ in due(cfg, at(19, 9, 20), state(THU, starts=(at(19, 8, 20),)))]
    assert kinds == [NudgeKind.BLOCK_START, NudgeKind.BLOCK_LATE]


def test_nothing_interrupts_a_running_sprint() -> None:
    cfg = config(CALLING)
    assert due(cfg, at(19, 9, 20), state(THU, running=True)) == []
    assert due(cfg, at(19, 19), state(THU, running=True, at_stake=3)) == []


def test_no_nudge_on_a_non_working_day_even_for_a_block_planned_on_it() -> None:
    weekend = Block(Category.CALLING, ("sat",), time(9), 60)
    cfg = config(weekend)
    assert due(cfg, at(21, 9, 30), state(date(2026, 11, 21), at_stake=3)) == []


def test_no_nudge_on_a_day_off() -> None:
    cfg = replace(config(CALLING), days_off=DaysOff((DateSpan(THU, THU),)))
    assert due(cfg, at(19, 9, 30), state(THU, at_stake=3)) == []
    assert due(cfg, at(19, 19), state(THU, at_stake=3)) == []
    assert due(cfg, at(20, 9, 30), state(date(2026, 11, 20)))


def test_a_block_starting_at_midnight_belongs_to_its_calendar_day() -> None:
    midnight = Block(Category.CALLING, ("fri",), time(0), 60)
    cfg = config(midnight)
    found = due(cfg, at(20, 0, 10), state(date(2026, 11, 20)))
    assert found == [
        (NudgeKind.BLOCK_START, "block_start:2026-11-20:calling@00:00"),
        (NudgeKind.BLOCK_LATE, "block_late:2026-11-20:calling@00:00"),
    ]
    # Thursday 23:59 is before it.
    assert due(cfg, at(19, 23, 59), state(THU)) == []


def test_a_block_running_past_midnight_is_still_found_after_it() -> None:
    late = Block(Category.CALLING, ("thu",), time(23, 30), 60)
    cfg = config(late, start_hour=4)
    # 00:10 on Friday's calendar is still Thursday for a day starting at 04:00.
    found = due(cfg, at(20, 0, 10), state(THU))
    assert (NudgeKind.BLOCK_LATE, "block_late:2026-11-19:calling@23:30") in found


def test_with_a_day_start_hour_a_block_before_it_belongs_to_the_day_before() -> None:
    # 02:00 on a Saturday, start_hour 4: still Friday, a working day.
    night = Block(Category.CALLING, ("sat",), time(2), 60)
    cfg = config(night, start_hour=4)
    assert [k for k, _ in due(cfg, at(21, 2, 10), state(date(2026, 11, 20)))] == [
        NudgeKind.BLOCK_START,
        NudgeKind.BLOCK_LATE,
    ]
    # The same block on Monday 02:00 is Sunday's: a non-working day.
    monday_night = Block(Category.CALLING, ("mon",), time(2), 60)
    assert due(config(monday_night, start_hour=4), at(23, 2, 10), state(date(2026, 11, 22))) == []


def test_a_block_in_the_hour_clocks_skip_starts_at_the_instant_after_it() -> None:
    # Paris springs forward at 02:00 on Sunday 29 March 2026; make Sunday a working day.
    skipped = Block(Category.CALLING, ("sun",), time(2, 30), 60)
    cfg = Config(
        blocks=(skipped,),
        days=DaySettings(working=("sun",)),
        notify=NotifySettings(),
    )
    day = date(2026, 3, 29)
    found = due_nudges(cfg, at(29, 3, 31, month=3), PARIS, state(day), start_key="s")
    assert {n.kind for n in found} == {NudgeKind.BLOCK_START}
    assert found[0].due_at.astimezone(ZoneInfo("UTC")).hour == 1  # 03:30 CEST
    late = due_nudges(cfg, at(29, 3, 35, month=3), PARIS, state(day), start_key="s")
    assert {n.kind for n in late} == {NudgeKind.BLOCK_START, NudgeKind.BLOCK_LATE}


def test_on_the_night_clocks_go_back_a_block_is_keyed_once() -> None:
    # 02:30 happens twice on Sunday 25 October 2026 in Paris.
    repeated = Block(Category.CALLING, ("sun",), time(2, 30), 60)
    cfg = Config(blocks=(repeated,), days=DaySettings(working=("sun",)))
    day = date(2026, 10, 25)
    first = datetime(2026, 10, 25, 2, 40, tzinfo=PARIS)
    second = datetime(2026, 10, 25, 2, 40, fold=1, tzinfo=PARIS)
    keys_first = {k for _, k in due(cfg, first, state(day))}
    keys_second = {k for _, k in due(cfg, second, state(day))}
    assert keys_first
    assert keys_second <= keys_first  # the repeated hour fires nothing new


def test_a_block_that_began_while_the_app_was_closed_still_nudges_once() -> None:
    cfg = config(CALLING)
    first = choose(due_nudges(cfg, at(19, 9, 40), PARIS, state(THU), start_key="s"), set())
    assert first.send is not None
    assert first.send.kind is NudgeKind.BLOCK_LATE
    assert {n.kind for n in first.held} == {NudgeKind.BLOCK_START}
    sent = {n.key for n in first.settled}
    again = choose(due_nudges(cfg, at(19, 9, 45), PARIS, state(THU), start_key="s"), sent)
    assert again.send is None


def test_two_blocks_due_at_once_send_one() -> None:
    follow_up = Block(Category.FOLLOW_UP, WEEK, time(9), 60)
    cfg = config(Block(Category.RESEARCH, WEEK, time(8, 30), 60), follow_up)
    found = due_nudges(cfg, at(19, 9, 1), PARIS, state(THU), start_key="s")
    assert len(found) == 2
    chosen = choose(found, set())
    assert chosen.send is not None
    assert chosen.send.message.startswith("Your follow-up block")  # the one begun last
    assert len(chosen.settled) == 2


def test_evening_nudge_only_with_a_streak_at_stake_and_the_goal_not_met() -> None:
    cfg = config()
    assert due(cfg, at(19, 17, 59), state(THU, at_stake=3)) == []
    assert due(cfg, at(19, 18), state(THU, at_stake=3)) == [
        (NudgeKind.EVENING, "evening:2026-11-19")
    ]
    assert due(cfg, at(19, 18), state(THU, at_stake=0)) == []
    assert due(cfg, at(19, 18), state(THU, at_stake=3, done=2, dials=30)) == []
    assert due(config(evening=None), at(19, 18), state(THU, at_stake=3)) == []
    [nudge] = due_nudges(cfg, at(19, 20), PARIS, state(THU, at_stake=3, done=1), start_key="s")
    assert nudge.message == (
        "Your 3-day streak ends tonight: 1 more sprint and 30 more dials to keep it."
    )


def test_evening_after_midnight_is_still_the_day_before_with_a_day_start_hour() -> None:
    cfg = config(start_hour=4)
    assert due(cfg, at(20, 1), state(THU, at_stake=2)) == [
        (NudgeKind.EVENING, "evening:2026-11-19")
    ]


def test_drift_fires_after_the_threshold_and_names_the_time_left() -> None:
    away = at(19, 9, 10)
    minute = timedelta(minutes=1)
    left = timedelta(minutes=12, seconds=30)
    kw = {"after": minute, "local_day": THU}
    assert drift_nudge(7, away, away + timedelta(seconds=59), left, **kw) is None  # type: ignore[arg-type]
    assert drift_nudge(7, away, away + timedelta(seconds=60), left, **kw) is None  # type: ignore[arg-type]
    nudge = drift_nudge(7, away, away + timedelta(seconds=61), left, **kw)  # type: ignore[arg-type]
    assert nudge is not None
    assert nudge.message == "12 minutes left in your sprint — back to the queue."
    assert nudge.key == f"drift:7:{away.isoformat()}"
    assert drift_nudge(7, away, away + timedelta(minutes=5), timedelta(0), **kw) is None  # type: ignore[arg-type]


def test_away_longer_than_a_break_is_a_gap_to_ask_about() -> None:
    seen = at(19, 9, 10)
    assert away_too_long(seen, seen + timedelta(minutes=5), 5) is None
    assert away_too_long(seen, seen + timedelta(minutes=6), 5) == timedelta(minutes=6)
    # Measured in elapsed time: the night clocks go back, a wall-clock hour is not a gap.
    before = datetime(2026, 10, 25, 2, 55, tzinfo=PARIS)
    after = datetime(2026, 10, 25, 2, 5, fold=1, tzinfo=PARIS)
    assert away_too_long(before, after, 5) == timedelta(minutes=10)
