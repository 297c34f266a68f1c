"""Nudges: which reminder is due now, decided from the plan, the day and what was sent.

Pure rules on an injected instant, shared by the app (every half minute) and
``prospect nudge`` (from cron, while the app is closed):

- a planned block starts;
- a calling block began ``[notify] nudge_after_minutes`` ago and no sprint
  has started since: "You planned calls at 9:00. One dial — that's all.";
- in the evening (``[notify] evening``) the goal is not met and a streak is
  at stake;
- mid-sprint the terminal has been out of focus for ``[notify] drift_minutes``
  (:func:`drift_nudge`; only the app can tell).

Each nudge has a :attr:`Nudge.key` naming what it is about (a block on a
calendar day, a day's evening, a sprint's drift) and fires once per key.
Several due at once (after a long absence) never make a storm: the most
relevant one is sent and the others are settled with it, unsent
(:class:`NudgeRound`). Nothing is due on a non-working day or a day off, and
no block or evening nudge interrupts a running sprint.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from enum import StrEnum

from prospect_tui.core.categories import Category
from prospect_tui.core.clock import between, shift
from prospect_tui.core.config import Block, Config
from prospect_tui.core.days import day_bounds, is_working_day, local_date, weekday_name
from prospect_tui.core.tally import DayProgress, counted


class NudgeKind(StrEnum):
    """What a nudge is about; its rank in :data:`RANK` decides which one wins a round."""

    BLOCK_START = "block_start"
    BLOCK_LATE = "block_late"
    """A calling block began a few minutes ago and no sprint has started."""
    EVENING = "evening"
    DRIFT = "drift"
    """Mid-sprint, the terminal lost focus for too long."""


RANK: dict[NudgeKind, int] = {
    NudgeKind.EVENING: 1,
    NudgeKind.BLOCK_START: 2,
    NudgeKind.BLOCK_LATE: 3,
    NudgeKind.DRIFT: 4,
}
"""Among nudges due together, the highest rank is sent: the late calling block says
what the block's start says, plus what to do about it."""


@dataclass(frozen=True, slots=True)
class Nudge:
    """One reminder: what to show, and the key that makes it fire only once."""

    key: str
    kind: NudgeKind
    title: str
    message: str
    local_date: date
    """The user's day it belongs to."""
    due_at: datetime
    """When it became due: the later of two due nudges of one rank is the fresher."""


@dataclass(frozen=True, slots=True)
class NudgeRound:
    """What one round of checks decided: at most one to send, and every one it settles."""

    send: Nudge | None = None
    settled: tuple[Nudge, ...] = ()
    """Every nudge due this round, :attr:`send` included: recorded so none fires later."""

    @property
    def held(self) -> tuple[Nudge, ...]:
        """Due, but settled unsent in favour of :attr:`send`."""
        return tuple(n for n in self.settled if n is not self.send)


@dataclass(frozen=True, slots=True)
class DayState:
    """The user's day as the rules need it, read from the store by the caller."""

    sprint_starts: tuple[datetime, ...]
    """When each sprint of today (and of the hours around it) started."""
    sprint_running: bool
    progress: DayProgress
    streak_at_stake: int
    """The streak as it stood at the end of the last day before today; 0: nothing to lose."""


def choose(due: Iterable[Nudge], sent: Collection[str]) -> NudgeRound:
    """One nudge out of those ``due`` and not ``sent`` yet, the others settled with it."""
    fresh = tuple(n for n in due if n.key not in sent)
    if not fresh:
        return NudgeRound()
    best = max(fresh, key=lambda n: (RANK[n.kind], _utc(n.due_at)))
    return NudgeRound(send=best, settled=fresh)


def due_nudges(
    config: Config,
    now: datetime,
    tz: tzinfo,
    state: DayState,
    *,
    start_key: str,
) -> list[Nudge]:
    """Every block and evening nudge due at ``now`` (sent or not: see :func:`choose`).

    ``start_key`` is the key that starts a sprint, named in the calling
    nudge. None is due on the plan's days off (holidays, vacation), nor on
    any day that is not a working day.
    """
    if state.sprint_running:
        return []
    start_hour = config.days.start_hour
    today = local_date(now, tz, start_hour)
    if not _counts(today, config):
        return []
    found = [
        nudge
        for block, start in _block_starts(config.blocks, now, tz)
        if local_date(start, tz, start_hour) == today
        for nudge in _block_nudges(block, start, now, state, config, start_key)
    ]
    evening = _evening_nudge(config, now, tz, today, state)
    if evening is not None:
        found.append(evening)
    return found


def _utc(instant: datetime) -> datetime:
    # Two instants in one ZoneInfo compare as wall clocks in Python: the hour
    # repeated when clocks go back would compare wrong. UTC compares instants.
    return instant.astimezone(UTC)


def _counts(day: date, config: Config) -> bool:
    return is_working_day(day, config.days.working) and day not in config.days_off


def _block_starts(
    blocks: Iterable[Block], now: datetime, tz: tzinfo
) -> list[tuple[Block, datetime]]:
    """Blocks that began on the calendar day before ``now``'s or on it, and have begun.

    The day before is looked at too: a block that starts at 23:30 runs past
    midnight, and with a day-start hour its whole occurrence can belong to
    the day before.
    """
    calendar_day = now.astimezone(tz).date()
    found = []
    for day in (calendar_day - timedelta(days=1), calendar_day):
        for block in blocks:
            if weekday_name(day) not in block.days:
                continue
            # Through UTC: a start in the hour clocks skip reads as the instant after it.
            start = shift(datetime.combine(day, block.start, tzinfo=tz), timedelta(0))
            if _utc(start) <= _utc(now):
                found.append((block, start))
    return found


def block_key(kind: NudgeKind, block: Block, start: datetime) -> str:
    """``block_late:2026-11-19:calling@09:00``: one block on one calendar day."""
    return f"{kind.value}:{start.date().isoformat()}:{block.category.value}@{block.start:%H:%M}"


def _block_nudges(
    block: Block,
    start: datetime,
    now: datetime,
    state: DayState,
    config: Config,
    start_key: str,
) -> list[Nudge]:
    end = shift(start, timedelta(minutes=block.minutes))
    if not _utc(start) <= _utc(now) < _utc(end):
        return []
    calling = block.category is Category.CALLING
    sprint_since = any(between(start, s) >= timedelta(0) for s in state.sprint_starts)
    if calling and sprint_since:
        return []  # the block is being kept: nothing to remind
    day = state.progress.day
    label = block.category.label.lower()
    nudges = [
        Nudge(
            key=block_key(NudgeKind.BLOCK_START, block, start),
            kind=NudgeKind.BLOCK_START,
            title=f"{block.category.label} block",
            message=(
                f"Your {label} block is on, {start:%H:%M}–{end:%H:%M}."
                + (f" Press {start_key} for a sprint." if calling else "")
            ),
            local_date=day,
            due_at=start,
        )
    ]
    late_at = shift(start, timedelta(minutes=config.notify.nudge_after_minutes))
    if calling and _utc(now) >= _utc(late_at):
        nudges.append(
            Nudge(
                key=block_key(NudgeKind.BLOCK_LATE, block, start),
                kind=NudgeKind.BLOCK_LATE,
                title="Calling block",
                message=(
                    f"You planned calls at {start:%H:%M}. One dial — that's all. "
                    f"Press {start_key} to start."
                ),
                local_date=day,
                due_at=late_at,
            )
        )
    return nudges


def _evening_nudge(
    config: Config, now: datetime, tz: tzinfo, today: date, state: DayState
) -> Nudge | None:
    evening = config.notify.evening
    if evening is None or state.progress.goal_met or state.streak_at_stake <= 0:
        return None
    begins, ends = day_bounds(today, tz, config.days.start_hour)
    at = shift(datetime.combine(today, evening, tzinfo=tz), timedelta(0))
    if _utc(at) < _utc(
        begins
    ):  # an evening hour before the day-start hour belongs to the night after
        at = shift(datetime.combine(today + timedelta(days=1), evening, tzinfo=tz), timedelta(0))
    if not _utc(at) <= _utc(now) < _utc(ends):
        return None
    return Nudge(
        key=f"{NudgeKind.EVENING.value}:{today.isoformat()}",
        kind=NudgeKind.EVENING,
        title="Streak at stake",
        message=f"Your {state.streak_at_stake}-day streak ends tonight: "
        f"{missing(state.progress)} to keep it.",
        local_date=today,
        due_at=at,
    )


def missing(progress: DayProgress) -> str:
    """What the day still lacks for the goal: ``1 more sprint and 12 more dials``."""
    goal = progress.goal
    parts = []
    sprints = goal.sprints - progress.sprints_completed
    if sprints > 0:
        parts.append(f"{sprints} more sprint{'s' if sprints != 1 else ''}")
    dials = goal.dials - progress.tally.dials if goal.dials else 0
    if dials > 0:
        parts.append(f"{dials} more dial{'s' if dials != 1 else ''}")
    return " and ".join(parts) or "one more sprint"


def drift_nudge(
    sprint_id: int,
    away_since: datetime,
    now: datetime,
    left: timedelta,
    *,
    after: timedelta,
    local_day: date,
) -> Nudge | None:
    """The nudge for a sprint whose terminal lost focus at ``away_since``, once ``after`` passed.

    ``left`` is the sprint's time left. Keyed by the sprint and the moment
    focus went, so each time away fires once.
    """
    if between(away_since, now) <= after or left <= timedelta(0):
        return None
    minutes = max(int(left.total_seconds() // 60), 1)
    return Nudge(
        key=f"{NudgeKind.DRIFT.value}:{sprint_id}:{away_since.isoformat()}",
        kind=NudgeKind.DRIFT,
        title="Back to the queue",
        message=f"{counted(minutes, 'minute')} left in your sprint — back to the queue.",
        local_date=local_day,
        due_at=shift(away_since, after),
    )


def away_too_long(last_seen: datetime, now: datetime, break_minutes: int) -> timedelta | None:
    """How long the app was away mid-sprint, if longer than a break; else None.

    ``last_seen`` is the last moment the app was known to be running the
    sprint (its last heartbeat). A short gap is just the sprint going on; a
    longer one (the machine slept, the app was killed) is time the user may
    not have spent calling, and is theirs to keep or discard.
    """
    gap = between(last_seen, now)
    return gap if gap > timedelta(minutes=break_minutes) else None


def asleep_too_long(
    last_seen: datetime, last_awake_s: float, now: datetime, awake_s: float, break_minutes: int
) -> timedelta | None:
    """How long the machine slept since ``last_seen``, if longer than a break; else None.

    ``*_awake_s`` are readings of the clock's ``monotonic()``, which stops in a
    suspend: the wall clock's advance beyond it is time asleep. A wall clock
    set back never reads as sleep.
    """
    asleep = between(last_seen, now) - timedelta(seconds=max(awake_s - last_awake_s, 0.0))
    return asleep if asleep > timedelta(minutes=break_minutes) else None
