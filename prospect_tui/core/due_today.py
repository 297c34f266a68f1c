"""What is due today: the open callbacks and meetings of the user's day, and the overdue.

The user's day runs from its day-start hour to the next day's (``core/days``),
so a callback at 01:00 with ``start_hour = 4`` is the evening's, not the next
morning's. Each is told on two clocks: the prospect's, which is when they
expect the call, and the user's, which is when to make it.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING

from prospect_tui.core.days import day_start, local_date
from prospect_tui.core.zones import zone

if TYPE_CHECKING:
    # The home screen draws its panel from this module at start-up; the records
    # are read later, off the UI thread, and need not slow the first frame.
    from prospect_tui.core.model import FollowUp

SHOWN = 3
"""How many of them the home screen names where it is short of room; the rest are counted."""

SHOWN_TALL = 8
"""How many of them a tall home screen names."""


@dataclass(frozen=True, slots=True)
class DueItem:
    """One callback or meeting to do, as the home screen names it."""

    followup_id: int
    who: str
    kind: str
    """``callback`` or ``meeting``."""
    at: datetime
    overdue: bool
    """Due before today began."""
    theirs: str | None
    """When, on the prospect's clock (``Thu 10:00``); None when their zone is unknown."""
    yours: str
    """When, on the user's clock: ``16:00`` today, with the day (``Tue 17 Nov 16:00``) else."""


@dataclass(frozen=True, slots=True)
class DueToday:
    """The user's day's follow-ups: how many, how many overdue, the first few."""

    count: int = 0
    overdue: int = 0
    first: tuple[DueItem, ...] = ()
    times: tuple[datetime, ...] = ()
    """When each of them is due, soonest first."""

    def ready(self, now: datetime) -> int:
        """How many are due by ``now`` (the overdue among them): their time has come."""
        return bisect_right(self.times, now)


def due_today(
    followups: Iterable[FollowUp],
    now: datetime,
    tz: tzinfo,
    start_hour: int,
    zone_of: Callable[[FollowUp], str | None],
    shown: int = SHOWN,
) -> DueToday:
    """The open follow-ups due by the end of the user's day, oldest first.

    ``zone_of`` gives the prospect's IANA zone for the few that are named
    (the caller reads only those prospects).
    """
    today = local_date(now, tz, start_hour)
    begins = day_start(today, tz, start_hour)
    ends = day_start(today + timedelta(days=1), tz, start_hour)
    due = sorted(
        (f for f in followups if f.done_at is None and f.due < ends),
        key=lambda f: (f.due.timestamp(), f.id),
    )
    overdue = sum(1 for f in due if f.due < begins)
    first = tuple(_item(f, begins, today, tz, start_hour, zone_of(f)) for f in due[:shown])
    times = tuple(f.due for f in due)
    return DueToday(count=len(due), overdue=overdue, first=first, times=times)


def _item(
    followup: FollowUp,
    begins: datetime,
    today: date,
    tz: tzinfo,
    start_hour: int,
    zone_name: str | None,
) -> DueItem:
    at = followup.due
    mine = at.astimezone(tz)
    on_today = local_date(at, tz, start_hour) == today
    their_zone = zone(zone_name) if zone_name else None
    return DueItem(
        followup_id=followup.id,
        who=followup.who,
        kind=followup.kind,
        at=at,
        overdue=at < begins,
        theirs=None if their_zone is None else f"{at.astimezone(their_zone):%a %H:%M}",
        yours=f"{mine:%H:%M}" if on_today else f"{mine:%a %d %b %H:%M}",
    )
