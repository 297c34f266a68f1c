"""The user's plan: when the next planned block starts."""

from __future__ import annotations

from collections.abc import Container, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from prospect_tui.core.clock import shift
from prospect_tui.core.config import Block
from prospect_tui.core.days import weekday_name


@dataclass(frozen=True, slots=True)
class Upcoming:
    """A planned block on a particular day."""

    block: Block
    start: datetime
    end: datetime

    def running(self, now: datetime) -> bool:
        """Whether ``now`` is inside the block."""
        return self.start <= now < self.end


def occurrences(
    blocks: Iterable[Block],
    now: datetime,
    tz: tzinfo,
    days: int = 8,
    days_off: Container[date] = (),
) -> list[Upcoming]:
    """Blocks from the start of today for ``days`` days, in time order; none on a day off."""
    local = now.astimezone(tz)
    found = []
    for offset in range(days):
        day = local.date() + timedelta(days=offset)
        if day in days_off:
            continue
        for block in blocks:
            if weekday_name(day) in block.days:
                start = datetime.combine(day, block.start, tzinfo=tz)
                end = shift(start, timedelta(minutes=block.minutes))
                found.append(Upcoming(block, start, end))
    return sorted(found, key=lambda u: u.start)


def next_block(
    blocks: Iterable[Block], now: datetime, tz: tzinfo, days_off: Container[date] = ()
) -> Upcoming | None:
    """The block running now, or else the next one to start (within a week), skipping days off."""
    return next((u for u in occurrences(blocks, now, tz, days_off=days_off) if u.end > now), None)
