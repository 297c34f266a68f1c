"""Tracked time: every span lands on the right day, and every minute in one category.

Two rules hold for every :class:`~prospect_tui.core.model.TimeEntry` Prospect writes:

- **One day per entry.** A span that crosses the user's day boundary (midnight,
  or ``[days] start_hour`` for night owls; 23- and 25-hour days at a
  daylight-saving change) is cut there, and each piece counts for its own
  day. Sprints and sessions both go through :func:`split_by_day`.
- **One category per minute.** A span never claims time another entry
  already holds (:func:`unclaimed`): a session that finds part of its span
  taken (a clock set back, a sprint recorded meanwhile) records only the rest.

Everything here is pure: instants in, records out.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, tzinfo

from prospect_tui.core.categories import Category
from prospect_tui.core.clock import between
from prospect_tui.core.days import day_start, local_date
from prospect_tui.core.model import TimeEntry

Span = tuple[datetime, datetime]
"""``[start, end)``: two aware instants."""


def split_by_day(start: datetime, end: datetime, tz: tzinfo, start_hour: int = 0) -> list[Span]:
    """``[start, end)`` cut at every boundary of the user's days, in time order.

    Each piece lies within one user's day (see :func:`~prospect_tui.core.days.local_date`);
    the pieces keep ``start``'s zone. An empty or backwards span has no pieces.
    """
    pieces: list[Span] = []
    cursor, stop = start.astimezone(UTC), end.astimezone(UTC)
    while cursor < stop:
        day = local_date(cursor, tz, start_hour)
        boundary = day_start(day + timedelta(days=1), tz, start_hour).astimezone(UTC)
        # The next day always begins after an instant of this one; the guard keeps a
        # zone with an impossible rule from looping.
        piece_end = min(stop, boundary) if boundary > cursor else stop
        pieces.append((cursor.astimezone(start.tzinfo), piece_end.astimezone(start.tzinfo)))
        cursor = piece_end
    return pieces


def unclaimed(start: datetime, end: datetime, taken: Iterable[Span]) -> list[Span]:
    """The parts of ``[start, end)`` that none of the ``taken`` spans covers, in time order."""
    free: list[Span] = []
    cursor, stop = start.astimezone(UTC), end.astimezone(UTC)
    for held_start, held_end in sorted((a.astimezone(UTC), b.astimezone(UTC)) for a, b in taken):
        if cursor >= stop:
            break
        if held_end <= cursor or held_start >= held_end:
            continue
        if held_start > cursor:
            free.append((cursor, min(held_start, stop)))
        cursor = max(cursor, held_end)
    if cursor < stop:
        free.append((cursor, stop))
    return [(a.astimezone(start.tzinfo), b.astimezone(start.tzinfo)) for a, b in free]


def entries_for(
    category: Category,
    start: datetime,
    end: datetime,
    tz: tzinfo,
    start_hour: int = 0,
    *,
    seconds: float | None = None,
    sprint_id: int | None = None,
) -> list[TimeEntry]:
    """The time entries of ``[start, end)``: one per user's day it touches.

    ``seconds`` is the time actually spent when it is less than the span (a
    sprint's pauses); it is shared out over the pieces in proportion to their
    length, since where within the span a pause fell is not kept. The pieces'
    seconds add up to ``seconds`` (or to the whole span).
    """
    pieces = split_by_day(start, end, tz, start_hour)
    total = sum((between(a, b).total_seconds() for a, b in pieces), 0.0)
    spent = total if seconds is None else max(min(seconds, total), 0.0)
    entries: list[TimeEntry] = []
    left = spent
    for index, (a, b) in enumerate(pieces):
        length = between(a, b).total_seconds()
        if spent == total:  # nothing to share out: each piece is its own length
            share = length
        else:
            share = left if index == len(pieces) - 1 else spent * length / total
        left -= share
        entries.append(
            TimeEntry(
                category=category,
                started_at=a,
                ended_at=b,
                seconds=max(share, 0.0),
                local_date=local_date(a, tz, start_hour),
                sprint_id=sprint_id,
            )
        )
    return entries


def overlapping(entries: Sequence[TimeEntry]) -> list[tuple[TimeEntry, TimeEntry]]:
    """Pairs of entries that claim the same instant: none, if every minute has one category."""
    ordered = sorted(entries, key=lambda e: (e.started_at.astimezone(UTC), e.id))
    found = []
    for index, entry in enumerate(ordered):
        for later in ordered[index + 1 :]:
            if later.started_at.astimezone(UTC) >= entry.ended_at.astimezone(UTC):
                break
            found.append((entry, later))
    return found


def minutes_over(spent: timedelta, planned_minutes: float) -> int:
    """Whole minutes ``spent`` runs over the plan (0 when within it, or nothing is planned)."""
    if planned_minutes <= 0:
        return 0
    return max(int((spent.total_seconds() - planned_minutes * 60) // 60), 0)


@dataclass
class TimedSession:
    """A research or follow-up session: its clock, and the entries that record it.

    Not locked like a sprint, and without pauses: the session's time is
    ``[started_at, now)``, less whatever other entries already hold
    (``taken``). The entries are written again at every checkpoint, each
    keeping the id it was first stored under, so a crash loses only the time
    since the last checkpoint and never leaves an open record to close.
    """

    category: Category
    started_at: datetime
    tz: tzinfo
    start_hour: int = 0
    taken: tuple[Span, ...] = ()
    """Spans other entries hold: this session never claims them."""
    ids: list[int] = field(default_factory=list)
    """The ids the session's entries were stored under, in time order."""
    seen: datetime | None = None
    """The latest instant the session was told about: a clock set back never shrinks it."""

    def _until(self, now: datetime) -> datetime:
        if self.seen is None or between(self.seen, now) > timedelta(0):
            self.seen = now
        return self.seen

    def elapsed(self, now: datetime) -> timedelta:
        """How long the session has run (what its clock shows)."""
        return max(between(self.started_at, self._until(now)), timedelta(0))

    def entries(self, now: datetime) -> list[TimeEntry]:
        """The session's time up to ``now``, split by day, with the ids stored so far."""
        found: list[TimeEntry] = []
        # Instants are stored to the whole second: so are the session's, so each
        # entry's seconds are exactly its stored span.
        start, until = (
            self.started_at.replace(microsecond=0),
            self._until(now).replace(microsecond=0),
        )
        for a, b in unclaimed(start, until, self.taken):
            found += entries_for(self.category, a, b, self.tz, self.start_hour)
        for entry, entry_id in zip(found, self.ids, strict=False):
            entry.id = entry_id
        return found

    def stored(self, entries: Sequence[TimeEntry]) -> None:
        """Remember the ids ``entries`` (from :meth:`entries`) were stored under."""
        self.ids = [entry.id for entry in entries]

    def seconds_on(self, day: date, now: datetime) -> float:
        """This session's seconds that count for the user's ``day``."""
        return sum(e.seconds for e in self.entries(now) if e.local_date == day)
