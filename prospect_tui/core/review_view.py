"""What the review screen draws, decided without Textual.

The screen turns a :class:`~prospect_tui.core.review.Review` into pictures:
a heatmap of the last twelve weeks, the best hours marked, the reasons for
stopping early under *fear* and *discipline*, the dials of each day. The
rules for those pictures — which day counts as what, which hour is "best"
— live here, where they can be tested without a screen.
"""

from __future__ import annotations

from collections.abc import Container, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from prospect_tui.core.days import is_working_day
from prospect_tui.core.experiments import ENOUGH_DIALS
from prospect_tui.core.reasons import ADVICE, ReasonKind
from prospect_tui.core.review import StopReason
from prospect_tui.core.review_tables import HourResult
from prospect_tui.core.tally import counted

WINDOWS: tuple[int | None, ...] = (1, 7, 28, 90, None)
"""The windows the screen steps through, in days (None: every day since the first call)."""

SERIES_DAYS = 28
"""Dials per day look at least this far back, so one day still shows a trend."""

BEST_HOURS = 3
"""How many hours are marked best (of those with enough dials to rank)."""


class DayMark(StrEnum):
    """How one day of the heatmap reads."""

    MET = "met"
    """A working day that met the goal (or any day that did: it still counts)."""
    SOME = "some"
    """A working day with completed sprints, short of the goal."""
    NONE = "none"
    """A past working day with no completed sprint."""
    TODAY = "today"
    """Today, not met yet: still in progress, not a miss."""
    DAY_OFF = "day_off"
    """One of the plan's days off: the streak waits."""
    OFF = "off"
    """Not a working day: the streak waits."""
    BEFORE = "before"
    """Before the first dial ever logged: nothing to count yet."""


def next_window(days: int | None) -> int | None:
    """The window after ``days`` in :data:`WINDOWS`, round and round."""
    index = WINDOWS.index(days) if days in WINDOWS else -1
    return WINDOWS[(index + 1) % len(WINDOWS)]


def day_mark(
    day: date,
    sprints: int,
    met: bool,
    *,
    today: date | None,
    working: Iterable[str],
    days_off: Container[date],
    since: date | None = None,
) -> DayMark:
    """The mark of ``day`` (``today``: the user's day still in progress, if shown).

    ``since``: the first day anything was logged; the days before it are no misses.
    """
    if met:
        return DayMark.MET
    if day == today:
        return DayMark.TODAY
    if since is None or day < since:
        return DayMark.BEFORE
    if day in days_off:
        return DayMark.DAY_OFF
    if not is_working_day(day, working):
        return DayMark.OFF
    return DayMark.SOME if sprints else DayMark.NONE


def heatmap_marks(
    heatmap: Sequence[tuple[date, int, bool]],
    *,
    today: date | None,
    working: Iterable[str],
    days_off: Container[date],
    since: date | None,
) -> list[tuple[date, DayMark]]:
    """Each day of the review's heatmap with its mark, oldest first."""
    working = tuple(working)
    return [
        (d, day_mark(d, n, met, today=today, working=working, days_off=days_off, since=since))
        for d, n, met in heatmap
    ]


def best_hours(by_hour: Sequence[HourResult], count: int = BEST_HOURS) -> set[int]:
    """The hours with the highest connect rate, among those with enough dials to rank.

    An hour with a handful of dials can show 100 %: it is left out rather
    than crowned. Ties go to the hour with more dials.
    """
    ranked = sorted(
        (h for h in by_hour if h.dials >= ENOUGH_DIALS and h.connects),
        key=lambda h: (-h.rate, -h.dials, h.hour),
    )
    return {h.hour for h in ranked[:count]}


@dataclass(frozen=True, slots=True)
class StopGroup:
    """The reasons of one kind, most common first, with the advice that fits."""

    kind: ReasonKind | None
    """None: reasons filed under neither kind (from another version)."""
    reasons: list[StopReason]
    advice: str

    @property
    def count(self) -> int:
        """Sprints stopped early for a reason of this kind."""
        return sum(reason.count for reason in self.reasons)


def stops_by_kind(stopped: Iterable[StopReason]) -> list[StopGroup]:
    """Fear, then discipline, then anything unfiled: only the groups that hold a reason."""
    stopped = list(stopped)
    groups = []
    for kind in (*ReasonKind, None):
        reasons = [reason for reason in stopped if reason.kind == kind]
        if reasons:
            groups.append(StopGroup(kind, reasons, ADVICE[kind] if kind else ""))
    return groups


def series_start(day: date, first: date) -> date:
    """Where the dials-per-day series begins: the window, or at least the last 28 days."""
    back = max(day.toordinal() - SERIES_DAYS + 1, date.min.toordinal())  # year 1 has no before
    return min(first, date.fromordinal(back))


def dial_series(dials_by_day: Mapping[date, int], first: date, last: date) -> list[int]:
    """Dials on each day from ``first`` to ``last``, both ends in (0 for a day without)."""
    return [
        dials_by_day.get(date.fromordinal(n), 0)
        for n in range(first.toordinal(), last.toordinal() + 1)
    ]


def more_connects(more: int) -> str:
    """``about 118 more connects at these rates``: what no leader yet still needs."""
    return f"about {counted(more, 'more connect')} at these rates"
