"""Who the sample's history may call at a moment: the free pool and the zones open then."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from prospect_tui.core.config.schema import TimeWindow
from prospect_tui.core.model import Prospect


class Pool:
    """Prospects free to call: add, remove and pick at random, each O(1)."""

    def __init__(self) -> None:
        self.items: list[Prospect] = []
        self.where: dict[int, int] = {}

    def __len__(self) -> int:
        return len(self.items)

    def add(self, prospect: Prospect) -> None:
        """Make ``prospect`` free to call (again)."""
        if prospect.id not in self.where:
            self.where[prospect.id] = len(self.items)
            self.items.append(prospect)

    def remove(self, prospect: Prospect) -> None:
        """Take ``prospect`` out of the pool, if there."""
        index = self.where.pop(prospect.id, None)
        if index is None:
            return
        last = self.items.pop()
        if last.id != prospect.id:
            self.items[index] = last
            self.where[last.id] = index

    def choice(self, rng: random.Random) -> Prospect:
        """One of the pool, at random."""
        return rng.choice(self.items)


class OpenZones:
    """The zones whose clock is inside the calling window at a moment.

    Asking each zone's clock at every dial costs more than the rest of a dial
    at a million of them; the answer only changes when some zone's clock
    crosses an edge of the window, so it is kept until the next such crossing.
    """

    def __init__(self, zones: dict[str, ZoneInfo], window: TimeWindow) -> None:
        self.zones = zones
        self.window = window
        self.since: datetime | None = None
        self.until: datetime | None = None
        self.open: list[str] = []

    def at(self, moment: datetime) -> list[str]:
        """The names of the zones open at ``moment``, in the order they were given."""
        if self.since is not None and self.until is not None and self.since <= moment < self.until:
            return self.open
        here = {name: moment.astimezone(zone) for name, zone in self.zones.items()}
        self.open = [name for name, local in here.items() if self.window.contains(local.time())]
        self.since, self.until = moment, self._next_crossing(moment, here)
        return self.open

    def _next_crossing(self, moment: datetime, here: dict[str, datetime]) -> datetime | None:
        """When the next zone's clock reaches an edge of the window; None to not keep the answer.

        Counted on each zone's offset at ``moment``: if any zone's offset is another
        by then (a change of summer time), the answer is not kept at all.
        """
        soonest: timedelta | None = None
        for local in here.values():
            wall = local.replace(tzinfo=None)
            for edge in (self.window.start, self.window.end):
                crossing = datetime.combine(wall.date(), edge)
                if crossing <= wall:
                    crossing += timedelta(days=1)
                if soonest is None or crossing - wall < soonest:
                    soonest = crossing - wall
        if soonest is None:
            return None
        until = moment + soonest
        for name, zone in self.zones.items():
            if until.astimezone(zone).utcoffset() != here[name].utcoffset():
                return None
        return until
