"""What the home screen says about now: the next block's countdown and the one key to press.

Both are worked out again at every tick of the screen's clock, from the day's
numbers already read and the plan, so they move while the screen is left
open: "in 11m" becomes "in 10m", and the block's start turns the countdown
into "Calling block now" and the key to press into the sprint's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo

from prospect_tui.core.categories import Category
from prospect_tui.core.clock import between
from prospect_tui.core.config import Config
from prospect_tui.core.days import is_working_day
from prospect_tui.core.due_today import DueToday
from prospect_tui.core.durations import duration
from prospect_tui.core.plan import Upcoming
from prospect_tui.core.tally import DayProgress, counted


def block_status(upcoming: Upcoming, now: datetime, tz: tzinfo) -> str:
    """``Calling block in 11m — today 09:00–10:00``, or, once it has begun,
    ``Calling block now — 09:00–10:00, started 3m ago · 57m left`` (``just started`` in
    its first minute)."""
    label = upcoming.block.category.label
    start, end = upcoming.start.astimezone(tz), upcoming.end.astimezone(tz)
    span = f"{start:%H:%M}–{end:%H:%M}"
    if upcoming.running(now):
        since = between(upcoming.start, now)
        # Under a minute, "started 0m ago" is how a machine says it.
        began = "just started" if since < timedelta(minutes=1) else f"started {duration(since)} ago"
        left = duration(between(now, upcoming.end), waiting=True)
        return f"{label} block now — {span}, {began} · {left} left"
    wait = duration(between(now, upcoming.start), waiting=True)
    return f"{label} block in {wait} — {_day_name(start, now.astimezone(tz))} {span}"


def _day_name(start: datetime, now: datetime) -> str:
    """``today``, ``tomorrow`` or the weekday, on the user's calendar."""
    days = (start.date() - now.date()).days
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    return f"{start:%a}"


@dataclass(frozen=True, slots=True)
class NextStep:
    """The one key home suggests: the action it runs and a sentence naming it as ``$key``."""

    action: str
    text: str


def next_step(
    today: DayProgress,
    due: DueToday,
    upcoming: Upcoming | None,
    now: datetime,
    *,
    rest_day: bool,
) -> NextStep:
    """What the state says is next, in this order.

    A calling block that is on comes first (it is the time the user protected);
    then follow-ups whose time has come (they were promised a time); then the
    sprints and dials the goal still needs; a met goal leads to the review. On
    a rest day a sprint is offered, never pressed on.
    """
    sprints_left = today.goal.sprints - today.sprints_completed
    number = today.sprints_completed + 1
    block_on = (
        upcoming is not None
        and upcoming.running(now)
        and upcoming.block.category is Category.CALLING
    )
    if block_on and not today.goal_met:
        return NextStep(
            "sprint", f"Your calling block is on: press $key for sprint {number} — one dial."
        )
    ready = due.ready(now)
    if ready:
        overdue = f", {due.overdue} overdue" if due.overdue else ""
        return NextStep("follow_up", f"Press $key: {counted(ready, 'follow-up')} due{overdue}.")
    if rest_day and not today.goal_met:
        return NextStep("sprint", "A rest day, the streak waits: $key starts a sprint anyway.")
    if sprints_left > 0:
        goal = today.goal.sprints
        return NextStep("sprint", f"Press $key to start sprint {number} of {goal} today.")
    if not today.goal_met:
        dials = counted(today.goal.dials - today.tally.dials, "dial")
        return NextStep("sprint", f"Press $key for one more sprint: {dials} to go today.")
    return NextStep("review", "Goal met ✓ — press $key to review the day.")


def streak_today(today: DayProgress, met: bool, config: Config) -> str:
    """Where today stands for the streak: met, a day off, or what the goal still needs."""
    if met:
        return "goal met today ✓"
    if today.day in config.days_off:
        return "day off today — the streak waits"
    if not is_working_day(today.day, config.days.working):
        return "rest day today"
    left = today.goal.sprints - today.sprints_completed
    if left > 0:
        return f"{counted(left, 'more sprint')} today"
    # The sprints are done but the goal is not: what is missing is dials.
    return f"{counted(today.goal.dials - today.tally.dials, 'more dial')} today"
