"""The streak: consecutive working days on which the goal was met.

Rules: a working day counts when it meets the goal — its completed calling
sprints and its dials both reach it (:func:`~prospect_tui.core.tally.meets_goal`).
Non-working days and days off neither break nor extend a streak. Today does
not break it while it is still in progress; a past day is final.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Container, Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from prospect_tui.core.config import Config, GoalSettings
from prospect_tui.core.days import is_working_day
from prospect_tui.core.model import Sprint, SprintStatus
from prospect_tui.core.tally import meets_goal


@dataclass(frozen=True, slots=True)
class Streak:
    """Where the streak stands on a given day."""

    current: int
    best: int
    today_met: bool
    """Whether the day the streak stands on met the goal."""


def completed_by_day(sprints: Iterable[Sprint]) -> Counter[date]:
    """Completed calling sprints per user's day."""
    return Counter(s.local_date for s in sprints if s.status is SprintStatus.COMPLETED)


def day_met(
    day: date, completed: Mapping[date, int], dials: Mapping[date, int], goal: GoalSettings
) -> bool:
    """Whether ``day`` met ``goal``, from completed sprints and dials per day.

    ``dials`` is consulted only for a day whose sprints reach the goal: it may
    be read from the store month by month, and most days never need it.
    """
    sprints = completed.get(day, 0)
    return meets_goal(sprints, goal.dials, goal) and meets_goal(sprints, dials.get(day, 0), goal)


def streak(
    completed: Mapping[date, int],
    dials: Mapping[date, int],
    day: date,
    *,
    today: date,
    working: Iterable[str],
    goal: GoalSettings,
    days_off: Container[date] = (),
) -> Streak:
    """The current and best streak as they stood at the end of ``day``.

    For a past ``day`` that day is final: if it was a working day that missed
    the goal, the streak is broken. For ``today`` the day is still in progress
    and does not break it. A future ``day`` shows the streak as it stands today.
    """
    working = tuple(working)
    end = min(day, today)
    in_progress = end == today

    def met(d: date) -> bool:
        return day_met(d, completed, dials, goal)

    runs = _sprint_runs(completed, end, in_progress, working, days_off, goal)
    current = 0
    if runs and runs[-1].open:
        for d in reversed(runs[-1].days):
            if not met(d):
                break
            current += 1
    # Each run of days that met the goal lies inside a run that met its sprints
    # part; longest first, a run no longer than the best so far cannot beat it,
    # so the dials of most past months are never read.
    best = current
    for run in sorted(runs, key=lambda r: -len(r.days)):
        if len(run.days) <= best:
            break
        length = 0
        for d in run.days:
            length = length + 1 if met(d) else 0
            best = max(best, length)
    return Streak(current=current, best=best, today_met=met(end))


@dataclass(slots=True)
class _Run:
    days: list[date]
    open: bool = True
    """Nothing has broken it up to the streak's last day."""


def _sprint_runs(
    completed: Mapping[date, int],
    end: date,
    in_progress: bool,
    working: tuple[str, ...],
    days_off: Container[date],
    goal: GoalSettings,
) -> list[_Run]:
    """Runs of counting days whose completed sprints reach the goal, up to ``end``."""
    # The sprints part alone: meets_goal with the dials part taken as reached.
    candidates = {d for d, n in completed.items() if d <= end and meets_goal(n, goal.dials, goal)}
    if not candidates:
        return []
    runs: list[_Run] = []
    # Ordinals, not ``day + timedelta(1)``: nothing overflows at date.max.
    for ordinal in range(min(candidates).toordinal(), end.toordinal() + 1):
        current = date.fromordinal(ordinal)
        if current in days_off or not is_working_day(current, working):
            continue
        if current in candidates:
            if not runs or not runs[-1].open:
                runs.append(_Run([]))
            runs[-1].days.append(current)
        elif runs and not (in_progress and current == end):
            runs[-1].open = False
    return runs


def planned_streak(
    completed: Mapping[date, int],
    dials: Mapping[date, int],
    day: date,
    *,
    today: date,
    config: Config,
) -> Streak:
    """:func:`streak` under the user's plan: its working days, goal and days off.

    The one way the app, the review and the nudges read the streak, so none of
    them can leave a part of the plan out.
    """
    return streak(
        completed,
        dials,
        day,
        today=today,
        working=config.days.working,
        goal=config.goal,
        days_off=config.days_off,
    )
