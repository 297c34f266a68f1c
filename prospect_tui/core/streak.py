"""The streak: consecutive working days on which the goal was met.

Rules (PRODUCT.md): a working day counts when its completed calling sprints
reach the goal; non-working days neither break nor extend a streak; today
does not break it while it is still in progress.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from prospect_tui.core.days import is_working_day
from prospect_tui.core.model import Sprint, SprintStatus


@dataclass(frozen=True, slots=True)
class Streak:
    """Where the streak stands on a given day."""

    current: int
    best: int
    today_met: bool


def completed_by_day(sprints: Iterable[Sprint]) -> Counter[date]:
    """Completed calling sprints per user's day."""
    return Counter(s.local_date for s in sprints if s.status is SprintStatus.COMPLETED)


def streak(completed: Mapping[date, int], today: date, working: Iterable[str], goal: int) -> Streak:
    """The current and best streak as of ``today``."""
    working = tuple(working)
    met = {day for day, count in completed.items() if count >= goal and day <= today}
    if not met:
        return Streak(current=0, best=0, today_met=False)
    best = run = 0
    day = min(met)
    while day <= today:
        if is_working_day(day, working):
            if day in met:
                run += 1
                best = max(best, run)
            elif day != today:
                run = 0
        day += timedelta(days=1)
    return Streak(current=run, best=best, today_met=today in met)
