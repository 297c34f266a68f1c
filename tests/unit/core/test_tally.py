"""A day's numbers against the goal."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from prospect_tui.core.config import GoalSettings
from prospect_tui.core.model import Call, Sprint, SprintStatus
from prospect_tui.core.outcomes import OUTCOME_IDS
from prospect_tui.core.tally import Tally, day_progress

PARIS = ZoneInfo("Europe/Paris")
TODAY = date(2026, 11, 19)
YESTERDAY = date(2026, 11, 18)


def _call(outcome: str, day: date = TODAY) -> Call:
    start = datetime(day.year, day.month, day.day, 9, 30, tzinfo=PARIS)
    return Call(
        prospect_id=1,
        started_at=start,
        ended_at=start + timedelta(seconds=40),
        outcome=outcome,
        local_date=day,
    )


def _sprint(status: SprintStatus, day: date = TODAY) -> Sprint:
    start = datetime(day.year, day.month, day.day, 9, tzinfo=PARIS)
    return Sprint(
        started_at=start, ends_at=start + timedelta(minutes=25), status=status, local_date=day
    )


def test_every_outcome_is_a_dial_connects_are_the_connected_ones() -> None:
    tally = Tally.of(_call(o) for o in OUTCOME_IDS)
    assert tally == Tally(dials=8, connects=4, meetings=1)


def test_an_empty_tally() -> None:
    assert Tally.of([]) == Tally(0, 0, 0)


def test_meetings_are_counted_each_time() -> None:
    tally = Tally.of([_call("meeting"), _call("meeting"), _call("no_answer")])
    assert tally == Tally(dials=3, connects=2, meetings=2)


def test_day_progress_counts_only_that_day() -> None:
    calls = [_call("no_answer"), _call("callback"), _call("meeting", YESTERDAY)]
    sprints = [
        _sprint(SprintStatus.COMPLETED),
        _sprint(SprintStatus.ABANDONED),
        _sprint(SprintStatus.ABANDONED),
        _sprint(SprintStatus.RUNNING),
        _sprint(SprintStatus.COMPLETED, YESTERDAY),
    ]
    progress = day_progress(TODAY, calls, sprints, GoalSettings())
    assert progress.day == TODAY
    assert progress.tally == Tally(dials=2, connects=1, meetings=0)
    assert progress.sprints_completed == 1
    assert progress.sprints_abandoned == 2
    assert not progress.goal_met


def test_the_goal_needs_both_its_sprints_and_its_dials() -> None:
    sprints = [_sprint(SprintStatus.COMPLETED), _sprint(SprintStatus.COMPLETED)]
    enough = [_call("no_answer")] * 30
    assert day_progress(TODAY, enough, sprints, GoalSettings(sprints=2, dials=30)).goal_met
    # Two completed sprints and not a single dial: the goal is not met.
    assert not day_progress(TODAY, [], sprints, GoalSettings(sprints=2, dials=30)).goal_met
    assert not day_progress(TODAY, enough[:29], sprints, GoalSettings(sprints=2, dials=30)).goal_met
    assert not day_progress(TODAY, enough, sprints, GoalSettings(sprints=3, dials=0)).goal_met
    many_calls = [_call("no_answer")] * 50
    assert not day_progress(TODAY, many_calls, sprints[:1], GoalSettings()).goal_met


def test_zero_dials_switches_the_dials_part_of_the_goal_off() -> None:
    sprints = [_sprint(SprintStatus.COMPLETED), _sprint(SprintStatus.COMPLETED)]
    assert day_progress(TODAY, [], sprints, GoalSettings(sprints=2, dials=0)).goal_met


def test_day_progress_accepts_one_shot_iterables() -> None:
    progress = day_progress(
        TODAY,
        iter([_call("meeting")]),
        iter([_sprint(SprintStatus.COMPLETED)]),
        GoalSettings(sprints=1, dials=1),
    )
    assert progress.tally.meetings == 1
    assert progress.goal_met


@pytest.mark.parametrize(
    ("tally", "said"),
    [
        (Tally(1, 1, 1), ["1 dial", "1 connect", "1 meeting"]),
        (Tally(2, 0, 0), ["2 dials", "0 connects", "0 meetings"]),
    ],
)
def test_a_tally_is_said_in_words_with_the_right_plural(tally: Tally, said: list[str]) -> None:
    assert tally.counted() == said
