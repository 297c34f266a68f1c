"""A sprint's way through its queue: who is next, the skipped, the periodic re-sort.

The queue (:mod:`core.queue`) is sorted once and walked from the front;
only the head is checked against the clock, so the next prospect costs the
same however long the queue is. A skipped prospect comes round again at the
back once everyone else has had a turn, and every :data:`REBUILD_EVERY` the
queue is sorted again so callbacks coming due and windows opening show up.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from itertools import islice

from prospect_tui.core.clock import between
from prospect_tui.core.config import TimeWindow
from prospect_tui.core.model import Prospect
from prospect_tui.core.queue import Entry, Queue, build, callable_now

REBUILD_EVERY = timedelta(minutes=5)
"""How often the queue is rebuilt so callbacks coming due and windows opening show up."""


@dataclass(frozen=True)
class WalkMark:
    """A walk's place at one moment, to put back when a write behind a key fails."""

    queue: Queue
    entries: list[Entry]
    position: int
    skipped: list[int]
    known: dict[int, Prospect]


@dataclass
class QueueWalk:
    """Where a sprint is in its queue, and every prospect the queue was built from."""

    queue: Queue
    window: TimeWindow
    """The calling window, on each prospect's own clock."""
    known: dict[int, Prospect] = field(default_factory=dict)
    """Every prospect the queue was built from, the left-out ones too (for rebuilds)."""
    skipped: list[int] = field(default_factory=list)
    position: int = 0
    first: tuple[int, ...] = ()
    """The day's picked first calls, in order: every rebuild puts them after due callbacks."""

    @classmethod
    def of(
        cls,
        prospects: Iterable[Prospect],
        now: datetime,
        window: TimeWindow,
        called: set[int],
        first: tuple[int, ...] = (),
    ) -> QueueWalk:
        """A walk from the front of a queue of ``prospects``, ``called`` left out."""
        known = {p.id: p for p in prospects}
        queue = build(known.values(), now, window, called, first)
        return cls(queue=queue, window=window, known=known, first=first)

    def stale(self, now: datetime) -> bool:
        """Whether the queue was sorted :data:`REBUILD_EVERY` or longer ago."""
        built = self.queue.built_at
        return built is not None and between(built, now) >= REBUILD_EVERY

    def next(self, now: datetime, called: set[int]) -> Entry | None:
        """The next callable prospect not in ``called``; the skipped once nobody else is left."""
        window = self.window
        entries = self.queue.entries
        while self.position < len(entries):
            entry = entries[self.position]
            self.position += 1
            if entry.prospect.id in called or not callable_now(entry.prospect, now, window):
                continue
            return entry
        if not self.skipped:
            return None
        skipped, self.skipped = self.skipped, []
        by_id = {e.prospect.id: e for e in entries}
        entries.extend(by_id[i] for i in skipped if i in by_id)
        return self.next(now, called)

    def upcoming(self, count: int, called: set[int]) -> list[Prospect]:
        """The next ``count`` after the current card, ``called`` left out."""
        found: list[Prospect] = []
        for entry in islice(self.queue.entries, self.position, None):
            if len(found) == count:
                break
            if entry.prospect.id not in called:
                found.append(entry.prospect)
        return found

    def skip(self, prospect_id: int) -> None:
        """``prospect_id`` waits until everyone else has had a turn."""
        self.skipped.append(prospect_id)

    def step_back(self) -> None:
        """Make the prospect just shown the next one again (its card gave way to an undo)."""
        self.position = max(self.position - 1, 0)

    def rebuild(
        self, prospects: Iterable[Prospect], now: datetime, called: set[int], current: int | None
    ) -> None:
        """Sort the queue again from ``prospects``, ``called`` left out.

        ``current`` (the card on screen) is left out too unless it was just
        skipped; the skipped keep their place at the back, after everyone else.
        """
        self.known = {p.id: p for p in prospects}
        held = set(self.skipped)
        if current is not None and current not in held:
            called = called | {current}
        self.queue = build(self.known.values(), now, self.window, called, self.first)
        self.queue.entries.sort(key=lambda entry: entry.prospect.id in held)  # stable
        self.skipped = []
        self.position = 0

    def mark(self) -> WalkMark:
        """The walk's place, to :meth:`reset` to."""
        return WalkMark(
            queue=self.queue,
            entries=list(self.queue.entries),
            position=self.position,
            skipped=list(self.skipped),
            known=dict(self.known),
        )

    def reset(self, mark: WalkMark) -> None:
        """Put the walk back where it was at ``mark``."""
        self.queue = mark.queue
        self.queue.entries[:] = mark.entries
        self.position = mark.position
        self.skipped = list(mark.skipped)
        self.known = dict(mark.known)
