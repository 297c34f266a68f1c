"""Whether a sprint that just ended was the day's last: then the break offers the review.

It was, when its dials or its completion met the day's goal (not met before
it), or when it ended after the day's last calling block.
"""

from __future__ import annotations

from collections.abc import Container, Iterable
from datetime import date, datetime, time, tzinfo

from prospect_tui.core.categories import Category
from prospect_tui.core.config import Block, GoalSettings
from prospect_tui.core.model import Sprint, SprintStatus
from prospect_tui.core.plan import occurrences
from prospect_tui.core.tally import DayProgress, Tally, meets_goal


def met_by(sprint: Sprint, tally: Tally, day: DayProgress, goal: GoalSettings) -> bool:
    """Whether ``sprint`` (with its ``tally``) is what met the day's goal."""
    if not day.goal_met:
        return False
    completed = day.sprints_completed - (sprint.status is SprintStatus.COMPLETED)
    return not meets_goal(completed, day.tally.dials - tally.dials, goal)


def after_last_block(
    blocks: Iterable[Block], day: date, now: datetime, tz: tzinfo, days_off: Container[date]
) -> bool:
    """Whether the user's ``day`` had a calling block and the last of them is over."""
    start = datetime.combine(day, time(), tzinfo=tz)
    ends = [
        u.end
        for u in occurrences(blocks, start, tz, days=1, days_off=days_off)
        if u.block.category is Category.CALLING
    ]
    return bool(ends) and now >= max(ends)


def review_offered(
    sprint: Sprint,
    tally: Tally,
    day: DayProgress,
    goal: GoalSettings,
    blocks: Iterable[Block],
    now: datetime,
    tz: tzinfo,
    days_off: Container[date] = (),
) -> bool:
    """Whether the break after ``sprint`` offers the day's review."""
    if sprint.status is not SprintStatus.COMPLETED:
        return False
    return met_by(sprint, tally, day, goal) or after_last_block(
        blocks, sprint.local_date, now, tz, days_off
    )
