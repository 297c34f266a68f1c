"""Days off (``[days_off] dates``): the streak pauses, nothing is planned, the review says so."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from prospect_tui.core.categories import Category
from prospect_tui.core.config import Block, ConfigError, GoalSettings, parse_config
from prospect_tui.core.plan import next_block
from prospect_tui.core.review import build_review, planned_minutes
from prospect_tui.core.streak import Streak, streak

PARIS = ZoneInfo("Europe/Paris")
WEEK = ("mon", "tue", "wed", "thu", "fri")
GOAL = GoalSettings(sprints=2, dials=30)

OVER_NEW_YEAR = parse_config(
    '[days_off]\ndates = ["2026-12-24", "2026-12-28..2027-01-01"]\n'
    '[[blocks]]\ncategory = "calling"\nstart = "09:00"\n'
)


def _met(*days: date) -> tuple[dict[date, int], dict[date, int]]:
    return dict.fromkeys(days, GOAL.sprints), dict.fromkeys(days, GOAL.dials)


def test_a_range_over_new_year_holds_every_day_of_it() -> None:
    off = OVER_NEW_YEAR.days_off
    assert [str(span) for span in off.dates] == ["2026-12-24", "2026-12-28..2027-01-01"]
    assert date(2026, 12, 31) in off and date(2027, 1, 1) in off
    assert date(2026, 12, 27) not in off and date(2027, 1, 4) not in off


def test_a_vacation_over_new_year_neither_breaks_nor_extends_the_streak() -> None:
    # Mon 21 – Wed 23 met, Thu 24 off, Fri 25 met, Mon 28 – Fri 1 off, Mon 4 met.
    completed, dials = _met(
        date(2026, 12, 21), date(2026, 12, 22), date(2026, 12, 23), date(2026, 12, 25)
    )
    more, more_dials = _met(date(2027, 1, 4))
    result = streak(
        completed | more,
        dials | more_dials,
        date(2027, 1, 4),
        today=date(2027, 1, 4),
        working=WEEK,
        goal=GOAL,
        days_off=OVER_NEW_YEAR.days_off,
    )
    assert result == Streak(current=5, best=5, today_met=True)


def test_a_day_off_that_is_today_does_not_count_against_the_streak_even_once_past() -> None:
    completed, dials = _met(date(2026, 12, 22), date(2026, 12, 23))
    for today in (date(2026, 12, 24), date(2026, 12, 26)):  # the day itself, and after it
        result = streak(
            completed,
            dials,
            date(2026, 12, 24),
            today=today,
            working=WEEK,
            goal=GOAL,
            days_off=OVER_NEW_YEAR.days_off,
        )
        assert result.current == 2, today


def test_without_the_day_off_the_same_past_day_breaks_it() -> None:
    completed, dials = _met(date(2026, 12, 22), date(2026, 12, 23))
    result = streak(
        completed, dials, date(2026, 12, 24), today=date(2026, 12, 26), working=WEEK, goal=GOAL
    )
    assert result.current == 0


def test_no_block_is_next_on_a_day_off() -> None:
    config = OVER_NEW_YEAR
    thursday_morning = datetime(2026, 12, 24, 8, 0, tzinfo=PARIS)
    upcoming = next_block(config.blocks, thursday_morning, PARIS, config.days_off)
    assert upcoming is not None
    assert upcoming.start == datetime(2026, 12, 25, 9, 0, tzinfo=PARIS)  # Friday, back to work
    before_new_year = datetime(2026, 12, 27, 20, 0, tzinfo=PARIS)
    later = next_block(config.blocks, before_new_year, PARIS, config.days_off)
    assert later is None  # the week ahead is all off (the lookahead is 8 days)


def test_nothing_is_planned_on_a_day_off() -> None:
    config = OVER_NEW_YEAR
    assert planned_minutes(config, date(2026, 12, 31))[Category.CALLING] == 0
    assert planned_minutes(config, date(2026, 12, 23))[Category.CALLING] == 60


def test_the_review_says_the_day_is_off() -> None:
    def review(day: date) -> bool:
        return build_review(
            day,
            calls=[],
            sprints=[],
            completed_by_day={},
            dials_by_day={},
            today=day,
            time_entries=[],
            followups=[],
            config=OVER_NEW_YEAR,
            tz=PARIS,
        ).day_off

    assert review(date(2026, 12, 24)) and review(date(2027, 1, 1))
    assert not review(date(2026, 12, 23))


@pytest.mark.parametrize(
    ("entry", "problem"),
    [
        ('"2026-13-01"', "'2026-13-01', which is not a day of the calendar"),
        ('"24/12/2026"', "'24/12/2026', which is not a date like"),
        ('"2027-01-01..2026-12-28"', "which ends before it begins"),
        ('"2026-01-01..2027-06-01"', "which is longer than 366 days"),
        ('"2026-12-24..2026-12-25..2026-12-26"', "which is not a date like"),
        ("24", "24, which is not a date like"),
    ],
)
def test_a_wrong_day_off_names_its_key_and_line(entry: str, problem: str) -> None:
    text = f'[goal]\nsprints = 2\n\n[days_off]\ndates = [\n  "2026-12-24",\n  {entry},\n]\n'
    with pytest.raises(ConfigError) as raised:
        parse_config(text)
    message = str(raised.value)
    assert message.startswith("config.toml line 5: [days_off] dates has ")
    assert problem in message
    assert (raised.value.section, raised.value.key) == ("days_off", "dates")


def test_a_toml_date_is_a_day_off_too() -> None:
    config = parse_config("[days_off]\ndates = [2026-05-01]\n")
    assert date(2026, 5, 1) in config.days_off


def test_days_off_is_a_section_of_its_own_and_checks_its_keys() -> None:
    with pytest.raises(ConfigError, match=r"line 2: \[days_off\] holidays is not a setting"):
        parse_config('[days_off]\nholidays = ["2026-12-24"]\n')


def test_an_activity_is_a_block_of_its_own_kind_with_a_name() -> None:
    config = parse_config(
        '[[blocks]]\ncategory = "calling"\nstart = "09:00"\n\n'
        '[[blocks]]\ncategory = "activity"\nname = "Networking breakfast"\n'
        'days = ["wed"]\nstart = "07:30"\nminutes = 90\n'
    )
    assert config.blocks == (Block(Category.CALLING, WEEK, time(9), 60),)
    [activity] = config.activities
    assert (activity.name, activity.days, activity.start, activity.minutes) == (
        "Networking breakfast",
        ("wed",),
        time(7, 30),
        90,
    )


def test_an_activity_needs_a_name_and_a_block_takes_none() -> None:
    with pytest.raises(ConfigError, match=r"line 5: \[\[blocks\]\] #2 needs a name"):
        parse_config(
            '[[blocks]]\ncategory = "calling"\nstart = "09:00"\n\n'
            '[[blocks]]\ncategory = "activity"\nstart = "07:30"\n'
        )
    with pytest.raises(ConfigError, match=r"line 3: \[\[blocks\]\] #1 name is not a setting"):
        parse_config('[[blocks]]\ncategory = "calling"\nname = "x"\nstart = "09:00"\n')
