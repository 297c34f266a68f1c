"""The break offers the review after the day's last sprint: goal just met, or blocks over."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from prospect_tui.core.config import GoalSettings, parse_config
from prospect_tui.core.day_end import after_last_block, met_by, review_offered
from prospect_tui.core.model import Sprint, SprintStatus
from prospect_tui.core.tally import DayProgress, Tally

PARIS = ZoneInfo("Europe/Paris")
THURSDAY = date(2026, 11, 19)
GOAL = GoalSettings(sprints=2, dials=0)
BLOCKS = parse_config(
    """
    [[blocks]]
    category = "calling"
    days = ["thu"]
    start = "09:00"
    minutes = 60
    [[blocks]]
    category = "calling"
    days = ["thu"]
    start = "14:00"
    minutes = 60
    [[blocks]]
    category = "research"
    days = ["thu"]
    start = "17:00"
    minutes = 60
    """
).blocks


def sprint(status: SprintStatus = SprintStatus.COMPLETED) -> Sprint:
    start = datetime(2026, 11, 19, 10, 0, tzinfo=PARIS)
    return Sprint(
        started_at=start,
        ends_at=start + timedelta(minutes=25),
        status=status,
        local_date=THURSDAY,
    )


def day(completed: int, dials: int = 10) -> DayProgress:
    return DayProgress(THURSDAY, Tally(dials, 2, 0), completed, 0, GOAL)


def test_the_sprint_that_meets_the_goal_is_the_days_last() -> None:
    assert met_by(sprint(), Tally(5, 1, 0), day(2), GOAL)


def test_a_sprint_after_the_goal_was_already_met_did_not_meet_it() -> None:
    assert not met_by(sprint(), Tally(5, 1, 0), day(3), GOAL)
    assert not met_by(sprint(), Tally(5, 1, 0), day(1), GOAL)


def test_the_dials_part_of_the_goal_counts_too() -> None:
    goal = GoalSettings(sprints=1, dials=20)
    progress = DayProgress(THURSDAY, Tally(22, 2, 0), 3, 0, goal)
    assert met_by(sprint(), Tally(5, 1, 0), progress, goal)  # 17 dials before it
    assert not met_by(sprint(), Tally(2, 1, 0), progress, goal)  # 20 before it


def test_after_the_last_calling_block_of_the_day() -> None:
    # The research block at 17:00 is not a calling block: 15:00 is after the last.
    assert not after_last_block(
        BLOCKS, THURSDAY, datetime(2026, 11, 19, 14, 59, tzinfo=PARIS), PARIS, ()
    )
    assert after_last_block(
        BLOCKS, THURSDAY, datetime(2026, 11, 19, 15, 0, tzinfo=PARIS), PARIS, ()
    )
    assert not after_last_block(
        (), THURSDAY, datetime(2026, 11, 19, 23, 0, tzinfo=PARIS), PARIS, ()
    )
    # A day off has no block at all.
    assert not after_last_block(
        BLOCKS, THURSDAY, datetime(2026, 11, 19, 16, 0, tzinfo=PARIS), PARIS, {THURSDAY}
    )


def test_review_offered_for_a_completed_sprint_only() -> None:
    late = datetime(2026, 11, 19, 16, 0, tzinfo=PARIS)
    early = datetime(2026, 11, 19, 10, 30, tzinfo=PARIS)
    assert review_offered(sprint(), Tally(5, 1, 0), day(3), GOAL, BLOCKS, late, PARIS)
    assert review_offered(sprint(), Tally(5, 1, 0), day(2), GOAL, BLOCKS, early, PARIS)
    assert not review_offered(sprint(), Tally(5, 1, 0), day(1), GOAL, BLOCKS, early, PARIS)
    over = sprint(SprintStatus.ABANDONED)
    assert not review_offered(over, Tally(0, 0, 0), day(2), GOAL, BLOCKS, late, PARIS)
