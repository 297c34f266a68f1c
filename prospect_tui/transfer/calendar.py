"""The plan as an iCalendar file: each block a weekly event, in the user's zone.

One ``VEVENT`` per ``[[blocks]]`` table, repeating weekly on its weekdays
(``RRULE:FREQ=WEEKLY;BYDAY=…``), from its next occurrence, in the user's
zone with that zone's ``VTIMEZONE``, with a reminder a few minutes before and
the plan's days off as ``EXDATE``\\ s.

UIDs are derived from the block's *position*, not its content: the n-th
calling block of the plan is ``calling-n`` (an activity is known by its
name), followed by a hash of the workspace folder. Importing the file again
after moving a block to 10:00 then updates the event instead of adding a
second one; removing the first of two calling blocks makes the second one
take its UID. The workspace's hash keeps two workspaces' blocks apart in one
calendar.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from icalendar import Alarm, Calendar, Event

from prospect_tui.core.config import Config
from prospect_tui.core.days import WEEKDAYS, weekday_name
from prospect_tui.core.errors import ProspectError

REMINDER = timedelta(minutes=5)
"""How long before a block the calendar reminds the user."""

SUMMARIES = {
    "research": "Research block — decide who to call, then stop",
    "calling": "Calling block — protect it like a vacation",
    "follow_up": "Follow-up block — the ones who showed interest",
}


class NoZoneName(ProspectError):
    """The user's zone has no IANA name to put in the calendar."""


@dataclass(frozen=True, slots=True)
class PlannedEvent:
    """One block of the plan, as the calendar shows it."""

    uid: str
    summary: str
    days: tuple[str, ...]
    start: time
    minutes: int


def planned_events(config: Config, workspace_id: str) -> Iterator[PlannedEvent]:
    """The plan's blocks and activities with their stable UIDs."""
    seen: dict[str, int] = {}
    for block in config.blocks:
        kind = block.category.value
        seen[kind] = seen.get(kind, 0) + 1
        yield PlannedEvent(
            f"{kind}-{seen[kind]}.{workspace_id}@prospect",
            SUMMARIES[kind],
            block.days,
            block.start,
            block.minutes,
        )
    for activity in config.activities:
        slug = re.sub(r"[^a-z0-9]+", "-", activity.name.lower()).strip("-") or "activity"
        seen[slug] = seen.get(slug, 0) + 1
        yield PlannedEvent(
            f"activity-{slug}-{seen[slug]}.{workspace_id}@prospect",
            activity.name,
            activity.days,
            activity.start,
            activity.minutes,
        )


def workspace_id(folder: str) -> str:
    """A short, stable name for the workspace folder, for UIDs."""
    return hashlib.sha256(folder.encode("utf-8", "surrogateescape")).hexdigest()[:12]


def plan_calendar(config: Config, now: datetime, tz: tzinfo, folder: str) -> bytes:
    """The iCalendar file of the plan, as of ``now``."""
    zone = getattr(tz, "key", None)
    if not isinstance(zone, str):
        raise NoZoneName(
            "Your time zone has no name to give a calendar; set [days] timezone in "
            'config.toml (e.g. timezone = "Europe/Paris") and try again.'
        )
    today = now.astimezone(tz).date()
    calendar = Calendar()
    calendar.add("prodid", "-//Prospect//plan//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Prospecting plan")
    for planned in planned_events(config, workspace_id(folder)):
        calendar.add_component(_event(planned, config, today, tz, now))
    calendar.add_missing_timezones(
        first_date=date(today.year - 1, 1, 1), last_date=date(today.year + 20, 1, 1)
    )
    return bytes(calendar.to_ical())


def _event(planned: PlannedEvent, config: Config, today: date, tz: tzinfo, now: datetime) -> Event:
    first = next(
        today + timedelta(days=n)
        for n in range(7)
        if weekday_name(today + timedelta(days=n)) in planned.days
    )
    event = Event()
    event.add("uid", planned.uid)
    event.add("dtstamp", now)
    event.add("summary", planned.summary)
    event.add(
        "description",
        "Planned in Prospect. Start on time: one dial is all it takes to begin.",
    )
    event.add("dtstart", datetime.combine(first, planned.start, tzinfo=tz))
    event.add("duration", timedelta(minutes=planned.minutes))
    byday = [day[:2].upper() for day in WEEKDAYS if day in planned.days]
    event.add("rrule", {"freq": "weekly", "byday": byday})
    skipped = [
        datetime.combine(day, planned.start, tzinfo=tz)
        for span in config.days_off.dates
        for day in _days(max(span.first, first), span.last)
        if weekday_name(day) in planned.days
    ]
    if skipped:
        event.add("exdate", skipped)
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", planned.summary)
    alarm.add("trigger", -REMINDER)
    event.add_component(alarm)
    return event


def _days(first: date, last: date) -> Iterator[date]:
    for ordinal in range(first.toordinal(), last.toordinal() + 1):
        yield date.fromordinal(ordinal)
