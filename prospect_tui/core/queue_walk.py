"""A sprint's way through its queue: who is next, the skipped, the periodic re-sort.

The queue (:mod:`core.queue`) is sorted once and walked from the front;
only the head is checked against the clock, so the next prospect costs the
same however long the queue is. A skipped prospect comes round again at the
back once everyone else has had a turn, and every :data:`REBUILD_EVERY` the
queue is sorted again from the source (which the store keeps up to date with
every call written) so callbacks coming due and windows opening show up.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from prospect_tui.core.clock import between
from prospect_tui.core.config import TimeWindow
from prospect_tui.core.model import Prospect
from prospect_tui.core.queue import Entries, Entry, Queue, build, callable_now
from prospect_tui.core.queue_rows import ListSource, ProspectSource, source_of

REBUILD_EVERY = timedelta(minutes=5)
"""How often the queue is rebuilt so callbacks coming due and windows opening show up."""


@dataclass(frozen=True)
class WalkMark:
    """A walk's place at one moment, to put back when a write behind a key fails."""

    queue: Queue
    entries: Entries
    position: int
    skipped: list[int]


@dataclass
class QueueWalk:
    """Where a sprint is in its queue, and the source of every prospect it was built from."""

    queue: Queue
    window: TimeWindow
    """The calling window, on each prospect's own clock."""
    source: ProspectSource = field(default_factory=lambda: ListSource(()))
    """Every prospect, the left-out ones too (for rebuilds and whole records)."""
    skipped: list[int] = field(default_factory=list)
    position: int = 0
    first: tuple[int, ...] = ()
    """The day's picked first calls, in order: every rebuild puts them after due callbacks."""

    @classmethod
    def of(
        cls,
        prospects: ProspectSource | Iterable[Prospect],
        now: datetime,
        window: TimeWindow,
        called: set[int],
        first: tuple[int, ...] = (),
    ) -> QueueWalk:
        """A walk from the front of a queue of ``prospects``, ``called`` left out."""
        source = source_of(prospects)
        queue = build(source, now, window, called, first)
        return cls(queue=queue, window=window, source=source, first=first)

    def prospect(self, prospect_id: int) -> Prospect | None:
        """A prospect the walk knows of, as stored now."""
        return self.source.prospect(prospect_id)

    def stale(self, now: datetime) -> bool:
        """Whether the queue was sorted :data:`REBUILD_EVERY` or longer ago."""
        built = self.queue.built_at
        return built is not None and between(built, now) >= REBUILD_EVERY

    def next(self, now: datetime, called: set[int]) -> Entry | None:
        """The next callable prospect not in ``called``; the skipped once nobody else is left."""
        window = self.window
        entries = self.queue.entries
        while (entry := entries.get(self.position)) is not None:
            self.position += 1
            if entry.row.id in called or not callable_now(entry.row, now, window):
                continue
            if entry.found() is None:
                continue  # gone from the store since the queue was built
            return entry
        if not self.skipped:
            return None
        skipped, self.skipped = self.skipped, []
        by_id = {e.row.id: e for e in entries.made()}
        self.queue.entries = entries.then(by_id[i] for i in skipped if i in by_id)
        return self.next(now, called)

    def upcoming(self, count: int, called: set[int]) -> list[Prospect]:
        """The next ``count`` after the current card, ``called`` left out."""
        found: list[Prospect] = []
        index = self.position
        while len(found) < count and (entry := self.queue.entries.get(index)) is not None:
            index += 1
            if entry.row.id not in called:
                prospect = entry.found()
                if prospect is not None:
                    found.append(prospect)
        return found

    def skip(self, prospect_id: int) -> None:
        """``prospect_id`` waits until everyone else has had a turn."""
        self.skipped.append(prospect_id)

    def step_back(self) -> None:
        """Make the prospect just shown the next one again (its card gave way to an undo)."""
        self.position = max(self.position - 1, 0)

    def rebuild(self, now: datetime, called: set[int], current: int | None) -> None:
        """Sort the queue again from the source, ``called`` left out.

        ``current`` (the card on screen) is left out too unless it was just
        skipped; the skipped keep their place at the back, after everyone else.
        """
        held = set(self.skipped)
        if current is not None and current not in held:
            called = called | {current}
        self.queue = build(self.source, now, self.window, called, self.first)
        if held:
            self.queue.entries = _held_last(self.queue.entries, held)
        self.skipped = []
        self.position = 0

    def mark(self) -> WalkMark:
        """The walk's place, to :meth:`reset` to."""
        return WalkMark(
            queue=self.queue,
            entries=self.queue.entries,  # never changed, only replaced (Entries)
            position=self.position,
            skipped=list(self.skipped),
        )

    def reset(self, mark: WalkMark) -> None:
        """Put the walk back where it was at ``mark``."""
        self.queue = mark.queue
        self.queue.entries = mark.entries
        self.position = mark.position
        self.skipped = list(mark.skipped)


def _held_last(entries: Entries, held: set[int]) -> Entries:
    """``entries`` with those of ``held`` moved after everyone else, still made as reached."""

    def ordered() -> Iterator[Entry]:
        later = []
        index = 0
        while (entry := entries.get(index)) is not None:
            index += 1
            if entry.row.id in held:
                later.append(entry)
            else:
                yield entry
        yield from later

    return Entries([], ordered())
