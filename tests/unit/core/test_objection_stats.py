"""Objections over the review's window: raised, and still a meeting or a callback."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from prospect_tui.core.call_stats import CallStats
from prospect_tui.core.config import Config, Objection
from prospect_tui.core.model import Call
from prospect_tui.core.objection_stats import ObjectionResult, objection_results
from prospect_tui.core.review import build_review

PARIS = ZoneInfo("Europe/Paris")
DAY = date(2026, 11, 19)
CONFIGURED = (Objection("no budget", "When is it set?"), Objection("send me an email", "On what?"))


def call(day: date, outcome: str, *objections: str) -> Call:
    at = datetime(day.year, day.month, day.day, 10, tzinfo=PARIS)
    return Call(
        prospect_id=1,
        started_at=at,
        ended_at=at + timedelta(minutes=2),
        outcome=outcome,
        local_date=day,
        objections=list(objections),
    )


def test_each_objection_counts_its_calls_and_how_they_ended() -> None:
    calls = [
        call(DAY, "meeting", "send me an email", "no budget"),
        call(DAY, "callback", "send me an email"),
        call(DAY, "not_interested", "send me an email", "send me an email"),  # once a call
        call(DAY, "no_answer"),
        call(DAY - timedelta(days=1), "not_interested", "[b]gone from the config[/b]"),
        call(DAY - timedelta(days=2), "meeting", "no budget"),  # before the window
    ]
    found = objection_results(CallStats.of(calls, DAY - timedelta(days=1), DAY), CONFIGURED)
    assert found == [
        ObjectionResult("no budget", raised=1, meetings=1, callbacks=0),
        ObjectionResult("send me an email", raised=3, meetings=1, callbacks=1),
        ObjectionResult("[b]gone from the config[/b]", raised=1),
    ]


def test_nothing_configured_nor_raised_is_an_empty_table() -> None:
    assert objection_results(CallStats.of([call(DAY, "meeting")], DAY, DAY)) == []


def test_the_review_counts_objections_over_the_experiment_window() -> None:
    # A day's review looks at the last [experiments] window_days, like the hours table.
    calls = [
        call(DAY, "meeting", "no budget"),
        call(DAY - timedelta(days=27), "callback", "no budget"),
        call(DAY - timedelta(days=28), "callback", "no budget"),  # just outside 28 days
    ]
    review = build_review(
        DAY,
        calls=calls,
        sprints=[],
        completed_by_day={},
        dials_by_day={},
        today=DAY,
        time_entries=[],
        followups=[],
        config=Config(objections=CONFIGURED),
        tz=PARIS,
    )
    assert review.objections == (
        ObjectionResult("no budget", raised=2, meetings=1, callbacks=1),
        ObjectionResult("send me an email"),
    )
