"""Tomorrow's first calls: picked in the review, they open the next working day's first sprint.

The review asks for up to :data:`MOST` prospects; they are kept for the
user's *next working day* (their weekdays, skipping days off, counted by
the day-start hour), and that day's first sprint puts them at the front of
its queue — after callbacks that are due, which were promised a time. A
pick who has since become do-not-call or a wrong number is never queued; one
outside their calling window waits in the queue's waiting list like anyone
else and comes first once their window opens.
"""

from __future__ import annotations

from collections.abc import Container, Iterable, Sequence
from datetime import date, datetime, timedelta, tzinfo

from prospect_tui.core.categories import Category
from prospect_tui.core.config import Config
from prospect_tui.core.days import is_working_day
from prospect_tui.core.model import FirstCall, Prospect
from prospect_tui.core.plan import occurrences
from prospect_tui.core.queue import build

MOST = 3
"""How many first calls the review asks for."""


def next_working_day(today: date, working: Iterable[str], days_off: Container[date]) -> date:
    """The first working day after ``today`` that is not a day off.

    With no working weekday at all (or a year of days off), the day after
    ``today``: the picks are still kept somewhere the user will reach.
    """
    weekdays = tuple(working)
    for offset in range(1, 367):
        day = today + timedelta(days=offset)
        if is_working_day(day, weekdays) and day not in days_off:
            return day
    return today + timedelta(days=1)


def first_sprint_at(day: date, config: Config, tz: tzinfo) -> datetime:
    """When ``day``'s first sprint is likely to start: its first calling block, else the
    calling window's opening on the user's clock."""
    start = datetime.combine(day, config.calling.window.start, tzinfo=tz)
    for upcoming in occurrences(config.blocks, start, tz, days=1, days_off=config.days_off):
        if upcoming.block.category is Category.CALLING:
            return upcoming.start
    return start


def candidates(prospects: Iterable[Prospect], at: datetime, config: Config) -> list[Prospect]:
    """Everyone a sprint at ``at`` could call, in the order it would: the queue, then
    those whose window opens or retry comes due later that day or after."""
    queue = build(prospects, at, config.calling.window)
    return [e.prospect for e in queue.entries] + [w.prospect for w in queue.waiting]


def picks(day: date, chosen: Sequence[Prospect], now: datetime) -> list[FirstCall]:
    """The records of ``chosen`` (at most :data:`MOST`, in order) as ``day``'s first calls."""
    return [
        FirstCall(local_date=day, prospect_id=p.id, rank=n, who=p.name, picked_at=now)
        for n, p in enumerate(chosen[:MOST], start=1)
    ]


def order(first: Iterable[FirstCall]) -> tuple[int, ...]:
    """The picked prospects' ids, first call first."""
    return tuple(f.prospect_id for f in sorted(first, key=lambda f: f.rank))


def unused(first: Iterable[FirstCall]) -> list[FirstCall]:
    """The picks no sprint has used up yet, first call first."""
    return sorted((f for f in first if f.sprint_id is None), key=lambda f: f.rank)
