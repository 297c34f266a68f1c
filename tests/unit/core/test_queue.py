"""Who to call next: exclusions, the exact order, and the window on the prospect's own clock."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from prospect_tui.core.clock import ManualClock, between, shift
from prospect_tui.core.config import Config, TimeWindow, parse_config
from prospect_tui.core.model import Prospect, Status
from prospect_tui.core.outcome_effects import log_outcome
from prospect_tui.core.outcomes import NURTURE_AFTER, OUTCOMES, Effect, Outcome
from prospect_tui.core.queue import (
    Entry,
    Waiting,
    Why,
    build,
    callable_now,
    classify,
    window_opens,
)
from prospect_tui.core.zones import local_time

PARIS = ZoneInfo("Europe/Paris")
NEW_YORK = ZoneInfo("America/New_York")
WINDOW = TimeWindow(time(8), time(21))
"""The default calling window (docs/contracts.md)."""


def person(
    pid: int,
    *,
    zone: str | None = "America/New_York",
    phone: str | None = "+12125550100",
    status: Status = Status.NEW,
    priority: int = 0,
    attempts: int = 0,
    last: datetime | None = None,
    due: datetime | None = None,
) -> Prospect:
    return Prospect(
        id=pid,
        first_name=f"P{pid}",
        phone=phone,
        timezone=zone,
        status=status,
        priority=priority,
        attempts=attempts,
        last_called_at=last,
        next_action_at=due,
    )


def ids(prospects: list[Entry] | list[Waiting]) -> list[int]:
    return [entry.prospect.id for entry in prospects]


# -- the window, on their clock ---------------------------------------------------------


def test_the_default_window_is_8_to_21_and_config_toml_can_change_it() -> None:
    assert Config().calling.window == WINDOW
    narrow = parse_config('[calling]\nwindow = "10:00-12:00"\n').calling.window
    assert narrow == TimeWindow(time(10), time(12))


def test_a_sydney_prospect_at_15_30_paris_is_outside_new_york_is_inside(
    clock: ManualClock,
) -> None:
    now = clock.now()  # Thu 15:30 Paris = 09:30 New York = Fri 01:30 Sydney
    sydney, new_york = person(1, zone="Australia/Sydney"), person(2)
    local = local_time(sydney, now)
    assert local is not None and (local.day, local.hour, local.minute) == (20, 1, 30)
    assert not callable_now(sydney, now, WINDOW)
    assert callable_now(new_york, now, WINDOW)
    queue = build([sydney, new_york], now, WINDOW)
    assert ids(queue.entries) == [2]
    assert ids(queue.waiting) == [1]
    assert queue.waiting[0].why is Why.OUTSIDE_WINDOW


def test_the_window_is_read_in_config_not_a_fixed_default(clock: ManualClock) -> None:
    # 09:30 in New York: inside 08-21, outside 10-12.
    new_york = person(1)
    assert callable_now(new_york, clock.now(), WINDOW)
    assert not callable_now(new_york, clock.now(), TimeWindow(time(10), time(12)))


def test_the_window_includes_its_start_and_excludes_its_end(clock: ManualClock) -> None:
    new_york = person(1)
    clock.set(datetime(2026, 11, 19, 8, 0, tzinfo=NEW_YORK))
    assert callable_now(new_york, clock.now(), WINDOW)
    clock.set(datetime(2026, 11, 19, 7, 59, 59, tzinfo=NEW_YORK))
    assert not callable_now(new_york, clock.now(), WINDOW)
    clock.set(datetime(2026, 11, 19, 21, 0, tzinfo=NEW_YORK))
    assert not callable_now(new_york, clock.now(), WINDOW)
    clock.set(datetime(2026, 11, 19, 20, 59, 59, tzinfo=NEW_YORK))
    assert callable_now(new_york, clock.now(), WINDOW)


def test_a_window_that_wraps_midnight(clock: ManualClock) -> None:
    night = TimeWindow(time(22), time(6))
    now = clock.now()  # 23:30 in Tokyo, 09:30 in New York
    tokyo, new_york = person(1, zone="Asia/Tokyo"), person(2)
    assert callable_now(tokyo, now, night)
    assert not callable_now(new_york, now, night)
    opens = window_opens(new_york, now, night)
    assert opens == datetime(2026, 11, 19, 22, 0, tzinfo=NEW_YORK)
    assert night.contains(time(0, 0)) and night.contains(time(5, 59))
    assert not night.contains(time(6, 0)) and not night.contains(time(21, 59))


@pytest.mark.parametrize(
    "zone", [None, "", "Mars/Olympus_Mons", "not a zone", "America", "../../etc/passwd"]
)
def test_a_prospect_whose_zone_is_unknown_is_never_callable(
    clock: ManualClock, zone: str | None
) -> None:
    unknown = person(1, zone=zone)
    for hour in range(24):
        now = shift(clock.now(), timedelta(hours=hour))
        assert not callable_now(unknown, now, WINDOW)
        assert window_opens(unknown, now, WINDOW) is None
        assert classify(unknown, now, WINDOW) is Why.ZONE_UNKNOWN
    queue = build([unknown], clock.now(), WINDOW)
    assert queue.entries == [] and queue.waiting == []
    assert queue.zone_unknown == 1


def test_window_opens_is_now_when_already_inside(clock: ManualClock) -> None:
    assert window_opens(person(1), clock.now(), WINDOW) == clock.now()


def test_window_opens_tomorrow_when_today_s_window_has_closed(clock: ManualClock) -> None:
    clock.set(datetime(2026, 11, 19, 22, 0, tzinfo=NEW_YORK))
    opens = window_opens(person(1), clock.now(), WINDOW)
    assert opens == datetime(2026, 11, 20, 8, 0, tzinfo=NEW_YORK)


def test_window_opens_across_new_york_falling_back() -> None:
    # 22:00 EDT on Sat 31 Oct; clocks go back at 02:00 on Sun 1 Nov 2026.
    after = datetime(2026, 10, 31, 22, 0, tzinfo=NEW_YORK)
    opens = window_opens(person(1), after, WINDOW)
    assert opens is not None
    local = opens.astimezone(NEW_YORK)
    assert (local.date().isoformat(), local.hour, local.minute) == ("2026-11-01", 8, 0)
    assert local.utcoffset() == timedelta(hours=-5)
    assert opens.astimezone(UTC) == datetime(2026, 11, 1, 13, 0, tzinfo=UTC)
    assert between(after, opens) == timedelta(hours=11)  # 10 on the wall, 11 real


def test_window_opens_across_paris_springing_forward() -> None:
    # 22:00 CET on Sat 28 Mar; clocks go forward at 02:00 on Sun 29 Mar 2026.
    paris = person(1, zone="Europe/Paris", phone="+33142000000")
    after = datetime(2026, 3, 28, 22, 0, tzinfo=PARIS)
    opens = window_opens(paris, after, WINDOW)
    assert opens is not None
    local = opens.astimezone(PARIS)
    assert (local.day, local.hour, local.minute) == (29, 8, 0)
    assert local.utcoffset() == timedelta(hours=2)
    assert opens.astimezone(UTC) == datetime(2026, 3, 29, 6, 0, tzinfo=UTC)
    assert between(after, opens) == timedelta(hours=9)  # 10 on the wall, 9 real


def test_window_opens_is_given_in_the_zone_it_was_asked_in(clock: ManualClock) -> None:
    opens = window_opens(person(1, zone="Australia/Sydney"), clock.now(), WINDOW)
    assert opens is not None
    assert opens.tzinfo is clock.tz
    # 08:00 Fri in Sydney (UTC+11) is 22:00 Thu in Paris.
    assert opens == datetime(2026, 11, 19, 22, 0, tzinfo=PARIS)


def test_the_queue_knows_callable_in_2h13m(clock: ManualClock) -> None:
    clock.set(datetime(2026, 11, 19, 5, 47, tzinfo=NEW_YORK))  # 11:47 in Paris
    queue = build([person(1), person(2, zone="America/Los_Angeles")], clock.now(), WINDOW)
    assert queue.entries == []
    soonest = queue.next_callable_at
    assert soonest is not None and soonest.prospect.id == 1
    assert soonest.why is Why.OUTSIDE_WINDOW
    assert between(clock.now(), soonest.callable_at) == timedelta(hours=2, minutes=13)
    assert [between(clock.now(), w.callable_at) for w in queue.waiting] == [
        timedelta(hours=2, minutes=13),
        timedelta(hours=5, minutes=13),
    ]


def test_an_empty_queue_has_nobody_waiting(clock: ManualClock) -> None:
    queue = build([], clock.now(), WINDOW)
    assert queue.entries == [] and queue.waiting == []
    assert queue.next_callable_at is None
    assert queue.built_at == clock.now()


# -- who is left out ---------------------------------------------------------------------


@pytest.mark.parametrize("status", [Status.DO_NOT_CALL, Status.WRONG_NUMBER, Status.MEETING])
def test_never_queued_whatever_their_dates(clock: ManualClock, status: Status) -> None:
    long_ago = datetime(2020, 1, 1, tzinfo=UTC)
    for due in (None, long_ago):
        left_out = person(1, status=status, due=due, priority=99)
        assert classify(left_out, clock.now(), WINDOW) is Why.RESTING
        queue = build([left_out], clock.now(), WINDOW)
        assert queue.entries == [] and queue.waiting == []


def test_not_interested_waits_for_its_nurture_date(clock: ManualClock) -> None:
    now = clock.now()
    nurture = shift(now, timedelta(days=30))
    resting = person(1, status=Status.NOT_INTERESTED, due=nurture)
    place = classify(resting, now, WINDOW)
    assert isinstance(place, Waiting)
    assert place.why is Why.NOT_DUE
    assert place.callable_at == nurture  # 09:30 in New York: inside the window
    later = classify(resting, shift(nurture, timedelta(seconds=1)), WINDOW)
    assert isinstance(later, Entry) and later.why is Why.RETRY


def test_not_interested_without_a_nurture_date_rests(clock: ManualClock) -> None:
    assert classify(person(1, status=Status.NOT_INTERESTED), clock.now(), WINDOW) is Why.RESTING


def test_a_prospect_called_in_this_sprint_is_left_out(clock: ManualClock) -> None:
    called = person(1)
    assert classify(called, clock.now(), WINDOW, {1}) is Why.CALLED
    queue = build([called, person(2)], clock.now(), WINDOW, called={1})
    assert ids(queue.entries) == [2]
    assert queue.waiting == []


def test_a_prospect_without_a_phone_is_counted_not_queued(clock: ManualClock) -> None:
    queue = build([person(1, phone=None), person(2, phone="")], clock.now(), WINDOW)
    assert queue.entries == [] and queue.waiting == []
    assert queue.no_phone == 2


def test_a_retry_not_yet_due_waits_until_it_is(clock: ManualClock) -> None:
    due = shift(clock.now(), timedelta(hours=1))
    retry = person(1, status=Status.ATTEMPTED, attempts=1, due=due)
    place = classify(retry, clock.now(), WINDOW)
    assert isinstance(place, Waiting)
    assert (place.callable_at, place.why) == (due, Why.NOT_DUE)
    clock.set(due)
    place = classify(retry, clock.now(), WINDOW)
    assert isinstance(place, Entry) and place.why is Why.RETRY


def test_a_retry_due_outside_the_window_waits_for_the_window(clock: ManualClock) -> None:
    # Due at 22:00 in New York: callable at 08:00 the next morning, their time.
    due = datetime(2026, 11, 19, 22, 0, tzinfo=NEW_YORK)
    place = classify(person(1, status=Status.ATTEMPTED, due=due), clock.now(), WINDOW)
    assert isinstance(place, Waiting)
    assert place.callable_at == datetime(2026, 11, 20, 8, 0, tzinfo=NEW_YORK)


def test_a_due_retry_outside_the_window_waits_for_the_window(clock: ManualClock) -> None:
    due = shift(clock.now(), timedelta(hours=-1))
    sydney = person(1, zone="Australia/Sydney", status=Status.ATTEMPTED, due=due)
    place = classify(sydney, clock.now(), WINDOW)
    assert isinstance(place, Waiting) and place.why is Why.OUTSIDE_WINDOW
    assert place.callable_at == datetime(2026, 11, 20, 8, 0, tzinfo=ZoneInfo("Australia/Sydney"))


def test_why_each_one_is_in_the_queue(clock: ManualClock) -> None:
    past = shift(clock.now(), timedelta(minutes=-1))
    queue = build(
        [
            person(1),
            person(2, status=Status.ATTEMPTED, attempts=1, due=past),
            person(3, status=Status.CALLBACK, attempts=1, due=past),
        ],
        clock.now(),
        WINDOW,
    )
    assert [(e.prospect.id, e.why) for e in queue.entries] == [
        (3, Why.CALLBACK),
        (1, Why.NEW),
        (2, Why.RETRY),
    ]


# -- the order -------------------------------------------------------------------------


def test_the_exact_order(clock: ManualClock) -> None:
    now = clock.now()
    ago = [shift(now, timedelta(days=-d)) for d in range(6)]
    prospects = [
        # Callbacks first, soonest due first, whatever their priority.
        person(10, status=Status.CALLBACK, due=ago[1], priority=0, attempts=3, last=ago[2]),
        person(11, status=Status.CALLBACK, due=ago[2], priority=-5, attempts=9, last=ago[3]),
        person(12, status=Status.CALLBACK, due=ago[1], priority=0, attempts=3, last=ago[2]),
        # Then priority, highest first.
        person(20, priority=5, attempts=7, last=ago[1], status=Status.ATTEMPTED),
        person(21, priority=1),
        # Then fewest attempts.
        person(30, attempts=2, last=ago[5], status=Status.ATTEMPTED),
        person(31, attempts=1, last=ago[1], status=Status.ATTEMPTED),
        # Then longest since the last attempt (never called is longest of all).
        person(40, attempts=3, last=ago[1], status=Status.ATTEMPTED),
        person(41, attempts=3, last=ago[4], status=Status.ATTEMPTED),
        person(42, attempts=3, status=Status.ATTEMPTED),
        # Then by id, so the order never depends on the input's.
        person(51, attempts=4, last=ago[2], status=Status.ATTEMPTED),
        person(50, attempts=4, last=ago[2], status=Status.ATTEMPTED),
    ]
    expected = [11, 10, 12, 20, 21, 31, 30, 42, 41, 40, 50, 51]
    assert ids(build(prospects, now, WINDOW).entries) == expected
    assert ids(build(reversed(prospects), now, WINDOW).entries) == expected
    assert ids(build(sorted(prospects, key=lambda p: p.id % 7), now, WINDOW).entries) == expected


def test_a_callback_outranks_a_higher_priority_fresh_prospect(clock: ManualClock) -> None:
    past = shift(clock.now(), timedelta(minutes=-5))
    queue = build(
        [person(1, priority=100), person(2, status=Status.CALLBACK, due=past, priority=-100)],
        clock.now(),
        WINDOW,
    )
    assert ids(queue.entries) == [2, 1]


def test_the_waiting_list_is_soonest_first_then_by_id(clock: ManualClock) -> None:
    now = clock.now()
    in_1h, in_2h = shift(now, timedelta(hours=1)), shift(now, timedelta(hours=2))
    queue = build(
        [
            person(3, status=Status.ATTEMPTED, due=in_2h),
            person(2, status=Status.ATTEMPTED, due=in_1h),
            person(1, status=Status.CALLBACK, due=in_2h),
        ],
        now,
        WINDOW,
    )
    assert ids(queue.waiting) == [2, 1, 3]


# -- what each outcome does to the prospect's place ------------------------------------------


RETRIES = [o for o in OUTCOMES if o.effect is Effect.RETRY]


@pytest.mark.parametrize("rule", RETRIES, ids=lambda o: o.id)
def test_each_retry_outcome_comes_back_after_its_own_delay(
    clock: ManualClock, rule: Outcome
) -> None:
    delay = rule.retry_after
    assert delay is not None and delay > timedelta(0)
    now = clock.now()
    after = log_outcome(person(1), rule.id, started_at=now, ended_at=now, user_tz=PARIS).prospect
    just_before = shift(now, delay - timedelta(seconds=1))
    place = classify(after, just_before, WINDOW)
    assert isinstance(place, Waiting) and place.why is Why.NOT_DUE
    assert place.callable_at == shift(now, delay)
    # New York at 09:30 plus 4 h, 1 day or 2 days: still inside the window.
    place = classify(after, shift(now, delay), WINDOW)
    assert isinstance(place, Entry) and place.why is Why.RETRY


def test_the_outcomes_that_retry_are_the_three_unanswered_ones() -> None:
    assert {o.id for o in RETRIES} == {"no_answer", "voicemail", "gatekeeper"}


def test_not_interested_rests_90_days(clock: ManualClock) -> None:
    now = clock.now()
    assert timedelta(days=90) == NURTURE_AFTER
    after = log_outcome(
        person(1), "not_interested", started_at=now, ended_at=now, user_tz=PARIS
    ).prospect
    place = classify(after, shift(now, timedelta(days=89)), WINDOW)
    assert isinstance(place, Waiting) and place.why is Why.NOT_DUE
    assert place.callable_at.astimezone(NEW_YORK) == datetime(2027, 2, 17, 9, 30, tzinfo=NEW_YORK)
    assert isinstance(classify(after, shift(now, timedelta(days=91)), WINDOW), Entry)


def test_a_callback_comes_back_when_it_is_due_and_goes_first(clock: ManualClock) -> None:
    now = clock.now()
    when = shift(now, timedelta(hours=2))
    after = log_outcome(
        person(1), "callback", started_at=now, ended_at=now, user_tz=PARIS, callback_at=when
    ).prospect
    assert isinstance(classify(after, now, WINDOW), Waiting)
    queue = build([person(2, priority=9), after], when, WINDOW)
    assert [(e.prospect.id, e.why) for e in queue.entries] == [(1, Why.CALLBACK), (2, Why.NEW)]


@pytest.mark.parametrize("outcome_id", ["meeting", "wrong_number", "do_not_call"])
def test_outcomes_that_leave_the_queue_for_good(clock: ManualClock, outcome_id: str) -> None:
    now = clock.now()
    after = log_outcome(person(1), outcome_id, started_at=now, ended_at=now, user_tz=PARIS).prospect
    for days in (0, 1, 91, 3650):
        assert classify(after, shift(now, timedelta(days=days)), WINDOW) is Why.RESTING
