"""The plan as iCalendar: a zone without a name is refused in one sentence, not guessed."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from icalendar import Calendar

from prospect_tui.core.config import parse_config
from prospect_tui.transfer.calendar import NoZoneName, plan_calendar
from tests.conftest import FROZEN, PARIS

PLAN = parse_config('[[blocks]]\ncategory = "calling"\ndays = ["sat"]\nstart = "23:30"\n')


def test_a_zone_with_no_name_is_refused() -> None:
    offset = timezone(timedelta(hours=1))
    with pytest.raises(NoZoneName, match=r"set \[days\] timezone in config.toml"):
        plan_calendar(PLAN, FROZEN.astimezone(offset), offset, "/ws")


def test_a_block_late_on_saturday_starts_on_the_next_saturday_in_the_users_zone() -> None:
    calendar = Calendar.from_ical(plan_calendar(PLAN, FROZEN, PARIS, "/ws"))
    [event] = calendar.walk("VEVENT")
    assert event.decoded("dtstart") == datetime(2026, 11, 21, 23, 30, tzinfo=PARIS)
    assert event["rrule"]["byday"] == ["SA"]


def test_uids_differ_between_workspaces_and_not_between_runs() -> None:
    def uid(folder: str) -> str:
        [event] = Calendar.from_ical(plan_calendar(PLAN, FROZEN, PARIS, folder)).walk("VEVENT")
        return str(event["uid"])

    assert uid("/a") == uid("/a") != uid("/b")
    assert uid("/a").startswith("calling-1.")
