"""Calls over a window of days, counted once for every table the review shows.

Each call is counted by outcome under its variant, the prospect's local hour,
the weekday of the user's day it counts for, and its length. One pass over
the window's calls fills one table of counts; the review's tables (by
variant, hour, weekday, length) are read off it, never by rescanning the
calls. The store counts straight from stored documents (:meth:`CallStats.count`,
many alike at once) without building a :class:`~core.model.Call` each.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from prospect_tui.core.model import Call
from prospect_tui.core.outcomes import CONNECTED, MEETING
from prospect_tui.core.tally import Tally


@dataclass(frozen=True, slots=True)
class Length:
    """A band of call length, ``[low_s, high_s)`` seconds."""

    id: str
    label: str
    low_s: float
    high_s: float


LENGTHS: tuple[Length, ...] = (
    Length("under_1_min", "under 1 min", 0.0, 60.0),
    Length("1_3_min", "1–3 min", 60.0, 180.0),
    Length("3_5_min", "3–5 min", 180.0, 300.0),
    Length("over_5_min", "over 5 min", 300.0, float("inf")),
)
"""Call length against the outcome: how long a call ran says how far it got."""


def length_band(duration_s: float) -> int:
    """The index in :data:`LENGTHS` of a call that lasted ``duration_s`` seconds."""
    # Written out: the store runs this on every call of a window.
    return 0 if duration_s < 60 else 1 if duration_s < 180 else 2 if duration_s < 300 else 3


def tally_of(outcomes: Mapping[str, int]) -> Tally:
    """Dials, connects and meetings of these outcome counts."""
    return Tally(
        dials=sum(outcomes.values()),
        connects=sum(n for outcome, n in outcomes.items() if outcome in CONNECTED),
        meetings=outcomes.get(MEETING, 0),
    )


Cell = tuple[str, str | None, int | None, int, int]
"""(outcome, variant, the prospect's local hour, weekday of the user's day, length band)."""


@dataclass(slots=True)
class CallStats:
    """Outcome counts of some calls: overall and by variant, hour, weekday and length."""

    first: date
    """The window's first day (the user's days)."""
    last: date
    """The window's last day."""
    cells: Counter[Cell] = field(default_factory=Counter)
    """Calls alike in every field the review looks at, counted together."""

    @property
    def days(self) -> int:
        """How many days the window spans."""
        return (self.last - self.first).days + 1

    def count(
        self,
        outcome: str,
        variant: str | None,
        local_hour: int | None,
        day: date,
        band: int,
        times: int = 1,
    ) -> None:
        """Count ``times`` calls alike in their outcome, variant, hour, day and length band."""
        self.cells[(outcome, variant or None, local_hour, day.weekday(), band)] += times

    @classmethod
    def of(cls, calls: Iterable[Call], first: date, last: date) -> CallStats:
        """The stats of those ``calls`` that count for a day from ``first`` to ``last``."""
        stats = cls(first, last)
        for call in calls:
            if first <= call.local_date <= last:
                band = length_band(call.duration_s)
                stats.count(call.outcome, call.variant, call.local_hour, call.local_date, band)
        return stats

    def _by(self, index: int) -> dict[Any, Counter[str]]:
        table: dict[Any, Counter[str]] = {}
        for cell, n in self.cells.items():
            key = cell[index]
            if key is None:
                continue
            counts = table.get(key)
            if counts is None:
                counts = table[key] = Counter()
            counts[cell[0]] += n
        return table

    @property
    def outcomes(self) -> Counter[str]:
        """Every call of the window by outcome."""
        counts: Counter[str] = Counter()
        for cell, n in self.cells.items():
            counts[cell[0]] += n
        return counts

    @property
    def by_variant(self) -> dict[str, Counter[str]]:
        """Outcomes by the variant used (calls without one left out)."""
        return self._by(1)

    @property
    def by_hour(self) -> dict[int, Counter[str]]:
        """Outcomes by the hour on the prospect's clock (calls without one left out)."""
        return self._by(2)

    @property
    def by_weekday(self) -> dict[int, Counter[str]]:
        """Outcomes by ``date.weekday()`` of the user's day the call counts for."""
        return self._by(3)

    @property
    def by_length(self) -> dict[int, Counter[str]]:
        """Outcomes by index in :data:`LENGTHS`."""
        return self._by(4)

    @property
    def tally(self) -> Tally:
        """Every call of the window."""
        return tally_of(self.outcomes)

    def variant(self, name: str) -> Tally:
        """The calls that used the variant ``name``."""
        return tally_of(self.by_variant.get(name, Counter()))
