"""The streak: working days that met the goal, in a row."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from prospect_tui.core.config import GoalSettings
from prospect_tui.core.model import Sprint, SprintStatus
from prospect_tui.core.streak import Streak, completed_by_day, streak

PARIS = ZoneInfo("Europe/Paris")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri")
TODAY = date(2026, 11, 19)  # a Thursday
GOAL = 2
DIALS = 30
GOAL_SETTINGS = GoalSettings(sprints=GOAL, dials=DIALS)


def _met(*days: date) -> dict[date, int]:
    return dict.fromkeys(days, GOAL)


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def _enough_dials(completed: dict[date, int]) -> dict[date, int]:
    return dict.fromkeys(completed, DIALS)


def _of(
    completed: dict[date, int],
    today: date = TODAY,
    *,
    dials: dict[date, int] | None = None,
    day: date | None = None,
    working: tuple[str, ...] = WEEKDAYS,
    goal: GoalSettings = GOAL_SETTINGS,
) -> Streak:
    return streak(
        completed,
        _enough_dials(completed) if dials is None else dials,
        today if day is None else day,
        today=today,
        working=working,
        goal=goal,
    )


def test_nothing_done_is_no_streak() -> None:
    assert _of({}) == Streak(current=0, best=0, today_met=False)


def test_today_in_progress_does_not_break_the_streak() -> None:
    # Mon-Wed met, Thursday (today) not yet.
    result = _of(_met(date(2026, 11, 16), date(2026, 11, 17), date(2026, 11, 18)))
    assert result == Streak(current=3, best=3, today_met=False)


def test_meeting_the_goal_today_extends_the_streak() -> None:
    result = _of(_met(*_days(date(2026, 11, 16), TODAY)))
    assert result == Streak(current=4, best=4, today_met=True)


def test_a_weekend_neither_breaks_nor_extends() -> None:
    # Thu 12 and Fri 13, nothing on the weekend, then Mon 16 - Wed 18.
    worked = _met(
        date(2026, 11, 12), date(2026, 11, 13), *_days(date(2026, 11, 16), date(2026, 11, 18))
    )
    assert _of(worked).current == 5
    # Sprints done on Saturday and Sunday add nothing.
    weekend = {**worked, **_met(date(2026, 11, 14), date(2026, 11, 15))}
    assert _of(weekend).current == 5
    assert _of(weekend).best == 5


def test_a_met_non_working_day_does_not_count() -> None:
    assert _of(_met(date(2026, 11, 14))) == Streak(current=0, best=0, today_met=False)


def test_a_missed_working_day_breaks_the_streak() -> None:
    # Mon met, Tue missed, Wed met.
    assert _of(_met(date(2026, 11, 16), date(2026, 11, 18))).current == 1


def test_yesterday_missed_leaves_no_current_streak() -> None:
    assert _of(_met(date(2026, 11, 16), date(2026, 11, 17))).current == 0


def test_best_is_the_longest_run_current_the_last() -> None:
    early = _days(date(2026, 11, 2), date(2026, 11, 6))  # a full week: 5
    late = [date(2026, 11, 17), date(2026, 11, 18)]  # after missing Mon 16 (and 9-13)
    result = _of(_met(*early, *late))
    assert (result.current, result.best) == (2, 5)


def test_below_the_goal_is_not_met() -> None:
    result = _of({date(2026, 11, 18): GOAL - 1, date(2026, 11, 17): GOAL + 3})
    assert result == Streak(current=0, best=1, today_met=False)


def test_days_after_today_are_ignored() -> None:
    result = _of(_met(date(2026, 11, 18), date(2026, 11, 20), date(2026, 11, 23)))
    assert result == Streak(current=1, best=1, today_met=False)


def test_working_days_come_from_the_config() -> None:
    # Sun-Thu working week: Friday and Saturday are the weekend.
    working = ("sun", "mon", "tue", "wed", "thu")
    worked = _met(date(2026, 11, 12), date(2026, 11, 15), date(2026, 11, 16))
    assert _of(worked, date(2026, 11, 17), working=working).current == 3
    # Mon-Fri: Friday 13 was missed, Sunday 15 does not count.
    assert _of(worked, date(2026, 11, 17)).current == 1


def test_a_long_streak_over_weeks() -> None:
    days = [d for d in _days(date(2026, 8, 3), TODAY) if d.weekday() < 5]
    result = _of(_met(*days))
    assert result == Streak(current=len(days), best=len(days), today_met=True)


def _sprint(day: date, status: SprintStatus) -> Sprint:
    start = datetime(day.year, day.month, day.day, 9, tzinfo=PARIS)
    return Sprint(
        started_at=start, ends_at=start + timedelta(minutes=25), status=status, local_date=day
    )


def test_only_completed_sprints_count() -> None:
    sprints = [
        _sprint(date(2026, 11, 18), SprintStatus.COMPLETED),
        _sprint(date(2026, 11, 18), SprintStatus.COMPLETED),
        _sprint(date(2026, 11, 18), SprintStatus.ABANDONED),
        _sprint(date(2026, 11, 17), SprintStatus.COMPLETED),
        _sprint(date(2026, 11, 17), SprintStatus.ABANDONED),
        _sprint(TODAY, SprintStatus.RUNNING),
    ]
    counts = completed_by_day(sprints)
    assert counts == {date(2026, 11, 18): 2, date(2026, 11, 17): 1}
    assert _of(counts) == Streak(current=1, best=1, today_met=False)


# -- the goal is sprints AND dials -----------------------------------------------------------

MON, TUE, WED, THU, FRI = _days(date(2026, 11, 16), date(2026, 11, 20))
NEXT_MON = date(2026, 11, 23)


def test_a_day_short_of_its_dials_breaks_the_streak() -> None:
    completed = _met(MON, TUE, WED)
    dials = {MON: DIALS, TUE: DIALS - 1, WED: DIALS}
    assert _of(completed, dials=dials) == Streak(current=1, best=1, today_met=False)


def test_sprints_without_any_dials_never_meet_the_goal() -> None:
    completed = _met(MON, TUE, WED, THU)
    assert _of(completed, dials={}) == Streak(current=0, best=0, today_met=False)


def test_zero_dials_in_the_goal_switches_the_dials_part_off() -> None:
    completed = _met(MON, TUE, WED)
    result = _of(completed, dials={}, goal=GoalSettings(sprints=GOAL, dials=0))
    assert result == Streak(current=3, best=3, today_met=False)


def test_dials_alone_do_not_meet_the_goal() -> None:
    assert _of({MON: GOAL - 1}, dials={MON: 500}) == Streak(current=0, best=0, today_met=False)


# -- the streak as of a day ------------------------------------------------------------------


def test_a_past_day_that_missed_the_goal_is_final() -> None:
    # Mon-Wed met, Thursday missed; reviewed the next Monday.
    result = _of(_met(MON, TUE, WED), NEXT_MON, day=THU)
    assert result == Streak(current=0, best=3, today_met=False)


def test_a_past_day_that_missed_its_dials_is_final() -> None:
    completed = _met(MON, TUE, WED, THU)
    dials = {MON: DIALS, TUE: DIALS, WED: DIALS, THU: 3}
    result = _of(completed, NEXT_MON, dials=dials, day=THU)
    assert result == Streak(current=0, best=3, today_met=False)


def test_a_past_day_that_met_the_goal_ends_its_streak_there() -> None:
    # Later days (a break on Thursday, a new run after it) do not change Wednesday's review.
    completed = _met(MON, TUE, WED, FRI, NEXT_MON)
    assert _of(completed, NEXT_MON, day=WED) == Streak(current=3, best=3, today_met=True)


def test_best_is_as_it_stood_on_the_day() -> None:
    early = _days(date(2026, 11, 2), date(2026, 11, 6))  # five in a row, after Tuesday
    completed = _met(date(2026, 10, 27), *early)
    result = _of(completed, NEXT_MON, day=date(2026, 10, 27))
    assert result == Streak(current=1, best=1, today_met=True)


def test_a_future_day_shows_the_streak_as_it_stands_today() -> None:
    completed = _met(MON, TUE, WED)
    assert _of(completed, THU, day=date(2027, 3, 1)) == _of(completed, THU)
    assert _of(completed, THU, day=date.max) == Streak(current=3, best=3, today_met=False)


def test_the_first_and_last_days_of_the_calendar() -> None:
    assert _of(_met(date.min), date.min) == Streak(current=1, best=1, today_met=True)
    assert _of(_met(date.max), date.max, day=date.max).current == 1  # a Friday
    assert _of({}, date.max, day=date.min) == Streak(current=0, best=0, today_met=False)


def test_days_off_neither_break_nor_extend() -> None:
    completed = _met(MON, WED, THU)  # Tuesday off; Thursday met but off too
    result = streak(
        completed,
        _enough_dials(completed),
        THU,
        today=FRI,
        working=WEEKDAYS,
        goal=GOAL_SETTINGS,
        days_off={TUE, THU},
    )
    assert result == Streak(current=2, best=2, today_met=True)


def test_dials_are_read_only_for_days_that_could_meet_the_goal() -> None:
    # The store reads dials month by month; a day without enough sprints never needs them.
    class Watched(dict[date, int]):
        asked: set[date] = set()

        def get(self, key: date, default: int | None = None) -> int | None:  # type: ignore[override]
            self.asked.add(key)
            return super().get(key, default)

    completed = {MON: GOAL, TUE: 1, WED: GOAL}
    dials = Watched(dict.fromkeys(completed, DIALS))
    _of(completed, dials=dials)
    assert TUE not in dials.asked and THU not in dials.asked
