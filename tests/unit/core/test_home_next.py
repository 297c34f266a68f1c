"""Home's sense of now: the block's countdown and the one key to press next."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from prospect_tui.core.categories import Category
from prospect_tui.core.config import GoalSettings
from prospect_tui.core.config.schema import Block
from prospect_tui.core.due_today import DueToday
from prospect_tui.core.home_next import NextStep, block_status, next_step
from prospect_tui.core.plan import Upcoming
from prospect_tui.core.tally import DayProgress, Tally

PARIS = ZoneInfo("Europe/Paris")
NOW = datetime(2026, 11, 19, 15, 30, tzinfo=PARIS)  # a Thursday


def upcoming(start: datetime, minutes: int = 60, category: Category = Category.CALLING) -> Upcoming:
    block = Block(category=category, days=("thu",), start=start.time(), minutes=minutes)
    return Upcoming(block, start, start + timedelta(minutes=minutes))


def day(sprints: int = 0, dials: int = 0, goal: GoalSettings | None = None) -> DayProgress:
    return DayProgress(date(2026, 11, 19), Tally(dials=dials), sprints, 0, goal or GoalSettings())


def due_at(*times: datetime, overdue: int = 0) -> DueToday:
    return DueToday(count=len(times), overdue=overdue, times=tuple(sorted(times)))


@pytest.mark.parametrize(
    ("start", "now", "said"),
    [
        (NOW + timedelta(minutes=11), NOW, "Calling block in 11m — today 15:41–16:41"),
        (NOW + timedelta(seconds=20), NOW, "Calling block in 1m — today 15:30–16:30"),
        (NOW - timedelta(minutes=3), NOW,
         "Calling block now — 15:27–16:27, started 3m ago · 57m left"),
        (NOW, NOW, "Calling block now — 15:30–16:30, just started · 1h 00m left"),
        (NOW - timedelta(seconds=59), NOW,
         "Calling block now — 15:29–16:29, just started · 59m left"),
        (NOW - timedelta(minutes=1), NOW,
         "Calling block now — 15:29–16:29, started 1m ago · 59m left"),
        (NOW + timedelta(hours=18), NOW, "Calling block in 18h 00m — tomorrow 09:30–10:30"),
        (NOW + timedelta(days=4), NOW, "Calling block in 4d 0h — Mon 15:30–16:30"),
    ],
)  # fmt: skip
def test_the_block_counts_down_then_says_it_is_on(
    start: datetime, now: datetime, said: str
) -> None:
    assert block_status(upcoming(start), now, PARIS) == said


def test_the_block_is_told_on_the_users_clock() -> None:
    tokyo = ZoneInfo("Asia/Tokyo")
    start = datetime(2026, 11, 20, 9, 0, tzinfo=tokyo)  # Friday 01:00 in Paris
    assert (
        block_status(upcoming(start), NOW, PARIS)
        == "Calling block in 9h 30m — tomorrow 01:00–02:00"
    )


def test_a_calling_block_that_is_on_comes_first() -> None:
    on = upcoming(NOW - timedelta(minutes=5))
    step = next_step(day(), due_at(NOW - timedelta(hours=1)), on, NOW, rest_day=False)
    assert step.action == "sprint" and "calling block is on" in step.text and "$key" in step.text


def test_a_research_block_does_not_press_a_sprint_first() -> None:
    research = upcoming(NOW - timedelta(minutes=5), category=Category.RESEARCH)
    step = next_step(day(), due_at(NOW - timedelta(hours=1)), research, NOW, rest_day=False)
    assert step.action == "follow_up"


def test_follow_ups_whose_time_has_come_before_the_sprints_of_the_goal() -> None:
    later = NOW + timedelta(hours=1)
    due = due_at(NOW - timedelta(days=1), NOW, later, overdue=1)
    step = next_step(day(), due, None, NOW, rest_day=False)
    assert step == NextStep("follow_up", "Press $key: 2 follow-ups due, 1 overdue.")
    # Only later today: not yet.
    assert next_step(day(), due_at(later), None, NOW, rest_day=False).action == "sprint"


def test_the_goal_names_the_next_sprint_then_the_dials_then_the_review() -> None:
    goal = GoalSettings(sprints=2, dials=30)
    assert next_step(day(1, 10, goal), DueToday(), None, NOW, rest_day=False).text == (
        "Press $key to start sprint 2 of 2 today."
    )
    assert next_step(day(2, 29, goal), DueToday(), None, NOW, rest_day=False).text == (
        "Press $key for one more sprint: 1 dial to go today."
    )
    met = next_step(day(3, 33, goal), DueToday(), upcoming(NOW), NOW, rest_day=False)
    assert met.action == "review"


def test_a_rest_day_offers_a_sprint_without_pressing_it() -> None:
    step = next_step(day(), DueToday(), None, NOW, rest_day=True)
    assert step.action == "sprint" and step.text.startswith("A rest day")


def test_due_today_counts_those_due_by_now() -> None:
    due = due_at(NOW - timedelta(hours=2), NOW, NOW + timedelta(seconds=1))
    assert [
        due.ready(NOW - timedelta(hours=3)),
        due.ready(NOW),
        due.ready(NOW + timedelta(hours=1)),
    ] == [0, 2, 3]
