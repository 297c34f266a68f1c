"""What is due today: the user's day (its start hour, DST), the overdue, two clocks."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from prospect_tui.core.due_today import DueToday, due_today
from prospect_tui.core.model import FollowUp

PARIS = ZoneInfo("Europe/Paris")
NOW = datetime(2026, 11, 19, 15, 30, tzinfo=PARIS)  # a Thursday
ZONES = {1: "America/New_York", 2: "Asia/Tokyo", 3: None}


def followup(number: int, due: datetime | None, **fields: object) -> FollowUp:
    values: dict[str, object] = {
        "id": number,
        "prospect_id": (number - 1) % 3 + 1,
        "kind": "callback",
        "who": f"Person {number}",
        "due_at": due,
        "created_at": NOW - timedelta(days=3),
    }
    values.update(fields)
    return FollowUp(**values)  # type: ignore[arg-type]


def due(
    followups: list[FollowUp], now: datetime = NOW, start_hour: int = 0, shown: int = 3
) -> DueToday:
    return due_today(followups, now, PARIS, start_hour, lambda f: ZONES[f.prospect_id], shown=shown)


def test_nothing_open_is_nothing_due() -> None:
    assert due([]) == DueToday()
    done = followup(1, NOW - timedelta(hours=1), done_at=NOW - timedelta(minutes=5))
    assert due([done]) == DueToday()


def test_today_and_overdue_oldest_first_and_tomorrow_left_out() -> None:
    later_today = followup(1, datetime(2026, 11, 19, 23, 59, tzinfo=PARIS))
    earlier_today = followup(2, datetime(2026, 11, 19, 9, 0, tzinfo=PARIS))
    last_week = followup(3, datetime(2026, 11, 12, 10, 0, tzinfo=PARIS))
    tomorrow = followup(4, datetime(2026, 11, 20, 0, 0, tzinfo=PARIS))
    found = due([later_today, tomorrow, earlier_today, last_week])
    assert found.count == 3 and found.overdue == 1
    assert [i.followup_id for i in found.first] == [3, 2, 1]
    assert [i.overdue for i in found.first] == [True, False, False]


def test_told_on_their_clock_and_on_yours() -> None:
    at = datetime(2026, 11, 19, 16, 0, tzinfo=PARIS)
    new_york, tokyo, unknown = followup(1, at), followup(2, at), followup(3, at)
    items = {i.followup_id: i for i in due([new_york, tokyo, unknown]).first}
    assert (items[1].theirs, items[1].yours) == ("Thu 10:00", "16:00")
    assert (items[2].theirs, items[2].yours) == ("Fri 00:00", "16:00")
    assert items[3].theirs is None, "their zone is unknown: no time is made up for them"
    old = due([followup(1, datetime(2026, 11, 17, 10, 0, tzinfo=PARIS))]).first[0]
    assert old.yours == "Tue 17 Nov 10:00" and old.overdue


def test_a_meeting_without_a_time_is_due_when_it_was_booked() -> None:
    booked = NOW - timedelta(minutes=20)
    meeting = followup(1, None, kind="meeting", created_at=booked)
    (item,) = due([meeting]).first
    assert item.at == booked and item.kind == "meeting" and not item.overdue


def test_the_day_start_hour_decides_which_day_a_small_hours_callback_is() -> None:
    night = followup(1, datetime(2026, 11, 20, 1, 30, tzinfo=PARIS))
    assert due([night]).count == 0, "with days from midnight it is tomorrow's"
    assert due([night], start_hour=4).count == 1, "with days from 04:00 it is tonight's"
    # At 02:00 on the 20th with days from 04:00, it is still the 19th: 01:30 is due.
    small_hours = datetime(2026, 11, 20, 2, 0, tzinfo=PARIS)
    assert due([night], now=small_hours, start_hour=4).overdue == 0
    yesterday_evening = followup(2, datetime(2026, 11, 19, 3, 0, tzinfo=PARIS))
    assert due([yesterday_evening], start_hour=4).overdue == 1


def test_a_dst_day_is_the_users_whole_day() -> None:
    # Paris falls back on 25 October 2026: that day is 25 hours long.
    fall_back = datetime(2026, 10, 25, 23, 30, tzinfo=PARIS)
    morning = datetime(2026, 10, 25, 8, 0, tzinfo=PARIS)
    assert due([followup(1, fall_back)], now=morning).count == 1
    assert due([followup(1, fall_back + timedelta(hours=1))], now=morning).count == 0


def test_only_the_first_few_are_named_and_all_are_counted() -> None:
    many = [followup(n, NOW - timedelta(minutes=n)) for n in range(1, 9)]
    found = due(many, shown=3)
    assert found.count == 8 and len(found.first) == 3
    assert [i.followup_id for i in found.first] == [8, 7, 6]


def test_names_are_kept_as_written() -> None:
    hostile = followup(1, NOW, who="[b]x[/b] $(rm -rf ~)")
    assert due([hostile]).first[0].who == "[b]x[/b] $(rm -rf ~)"
