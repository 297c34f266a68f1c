"""Tomorrow's first calls: which day they are for, and how they open that day's first sprint."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from prospect_tui.core.config import Config, TimeWindow, parse_config
from prospect_tui.core.days import local_date
from prospect_tui.core.first_calls import (
    candidates,
    first_sprint_at,
    next_working_day,
    order,
    picks,
    unused,
)
from prospect_tui.core.model import Prospect, Status
from prospect_tui.core.queue import Why, build
from prospect_tui.core.queue_walk import QueueWalk

PARIS = ZoneInfo("Europe/Paris")
WINDOW = TimeWindow(time(8), time(21))
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri")
FRIDAY = date(2026, 11, 20)
MONDAY = date(2026, 11, 23)


def person(
    pid: int,
    *,
    zone: str = "Europe/Paris",
    status: Status = Status.NEW,
    priority: int = 0,
    due: datetime | None = None,
) -> Prospect:
    return Prospect(
        id=pid,
        first_name=f"P{pid}",
        phone="+33142000000",
        timezone=zone,
        status=status,
        priority=priority,
        next_action_at=due,
    )


# -- the day they are for ---------------------------------------------------------------


def test_picked_on_friday_they_are_for_monday() -> None:
    assert next_working_day(FRIDAY, WEEKDAYS, ()) == MONDAY


def test_a_day_off_in_between_is_skipped() -> None:
    thursday = FRIDAY - timedelta(days=1)
    assert next_working_day(thursday, WEEKDAYS, {FRIDAY}) == MONDAY
    assert next_working_day(FRIDAY, WEEKDAYS, {MONDAY}) == MONDAY + timedelta(days=1)


def test_picked_after_midnight_before_the_day_start_hour_they_are_for_the_coming_day() -> None:
    # Tuesday 02:30 on the calendar is still Monday for a night owl starting at 04:00.
    late = datetime(2026, 11, 24, 2, 30, tzinfo=PARIS)
    today = local_date(late, PARIS, start_hour=4)
    assert today == MONDAY
    assert next_working_day(today, WEEKDAYS, ()) == date(2026, 11, 24)
    # Without a day-start hour it is already Tuesday, so they are for Wednesday.
    assert next_working_day(local_date(late, PARIS), WEEKDAYS, ()) == date(2026, 11, 25)


def test_working_days_of_the_config_are_respected() -> None:
    assert next_working_day(FRIDAY, ("sat",), ()) == FRIDAY + timedelta(days=1)
    assert next_working_day(FRIDAY, ("wed",), ()) == date(2026, 11, 25)


def test_no_working_day_at_all_still_gives_the_next_day() -> None:
    assert next_working_day(FRIDAY, (), ()) == FRIDAY + timedelta(days=1)


def test_the_first_sprint_is_expected_at_the_first_calling_block() -> None:
    config = parse_config(
        """
        [[blocks]]
        category = "research"
        days = ["mon"]
        start = "08:00"
        minutes = 30
        [[blocks]]
        category = "calling"
        days = ["mon"]
        start = "09:30"
        minutes = 60
        """
    )
    assert first_sprint_at(MONDAY, config, PARIS) == datetime(2026, 11, 23, 9, 30, tzinfo=PARIS)
    # No calling block that day: the calling window's opening on the user's clock.
    tuesday = MONDAY + timedelta(days=1)
    assert first_sprint_at(tuesday, config, PARIS) == datetime(2026, 11, 24, 8, tzinfo=PARIS)


def test_candidates_are_the_queue_then_those_who_become_callable_later() -> None:
    at = datetime(2026, 11, 23, 9, 0, tzinfo=PARIS)
    later = person(1, zone="America/New_York")  # 03:00 there: waits for their window
    low, high = person(2), person(3, priority=2)
    gone = person(4, status=Status.DO_NOT_CALL)
    listed = candidates([later, low, high, gone], at, Config())
    assert [p.id for p in listed] == [3, 2, 1]


def test_picks_are_at_most_three_in_the_order_picked() -> None:
    now = datetime(2026, 11, 20, 17, 0, tzinfo=PARIS)
    made = picks(MONDAY, [person(5), person(2), person(9), person(1)], now)
    assert [(f.prospect_id, f.rank, f.local_date) for f in made] == [
        (5, 1, MONDAY),
        (2, 2, MONDAY),
        (9, 3, MONDAY),
    ]
    assert order(reversed(made)) == (5, 2, 9)
    made[0].sprint_id = 7
    assert [f.prospect_id for f in unused(made)] == [2, 9]


# -- they open the day's first sprint -----------------------------------------------------


MORNING = datetime(2026, 11, 23, 9, 0, tzinfo=PARIS)


def test_picks_come_first_in_the_order_picked_after_due_callbacks() -> None:
    callback = person(1, status=Status.CALLBACK, due=MORNING - timedelta(hours=1))
    others = [person(n, priority=5) for n in (2, 3, 4)]
    picked_b, picked_a = person(8), person(9)
    queue = build([*others, picked_a, picked_b, callback], MORNING, WINDOW, first=(9, 8))
    assert [e.prospect.id for e in queue.entries] == [1, 9, 8, 2, 3, 4]
    assert queue.entries[1].why is Why.NEW


def test_a_pick_who_became_do_not_call_or_a_wrong_number_is_skipped() -> None:
    dnc = person(1, status=Status.DO_NOT_CALL)
    wrong = person(2, status=Status.WRONG_NUMBER)
    queue = build([dnc, wrong, person(3)], MORNING, WINDOW, first=(1, 2, 3))
    assert [e.prospect.id for e in queue.entries] == [3]
    assert not queue.waiting


def test_a_pick_outside_their_window_waits_then_comes_first_once_it_opens() -> None:
    far = person(1, zone="America/New_York")  # 03:00 in New York
    walk = QueueWalk.of([far, person(2), person(3)], MORNING, WINDOW, set(), first=(1,))
    assert [e.prospect.id for e in walk.queue.entries] == [2, 3]
    assert [w.prospect.id for w in walk.queue.waiting] == [1]
    opens = walk.queue.waiting[0].callable_at
    walk.rebuild(opens, set(), None)
    assert walk.queue.entries[0].prospect.id == 1
