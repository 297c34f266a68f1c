"""Who to call next: the sprint's queue, ordered and filtered (docs/contracts.md, "Queue and time").

Due callbacks come first; then the day's picked first calls (in the order
picked); then prospects callable now — inside the calling
window on *their* clock, zone known — by priority, fewest attempts, longest
since the last attempt. Never a ``do_not_call`` or ``wrong_number``
prospect, a ``not_interested`` one before its nurture date, a booked
meeting, or anyone already called in this sprint. A prospect outside their
window is not in the queue, but the queue knows when they become callable.

:func:`classify` is that rule for one prospect. :func:`build` applies it
without looking at every prospect: a zone whose window is shut is passed
over whole, and the zones open now are merged in calling order as the
sprint walks (:class:`Entries`), so starting a sprint over 50,000 prospects
costs what the first card needs. Who waits, and how many have no zone or no
phone, is worked out only when asked — for an empty queue's explanation.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import datetime, timedelta
from enum import Enum
from itertools import chain
from typing import NamedTuple

from prospect_tui.core.clock import between
from prospect_tui.core.config import TimeWindow
from prospect_tui.core.durations import duration
from prospect_tui.core.model import Prospect, Status
from prospect_tui.core.queue_rows import (
    ListSource,
    ProspectSource,
    Queueable,
    calling_order,
    source_of,
)
from prospect_tui.core.tally import counted
from prospect_tui.core.zones import local_time, zone

NEVER_QUEUED = frozenset({Status.DO_NOT_CALL, Status.WRONG_NUMBER, Status.MEETING})


class Why(Enum):
    """Why a prospect is in the queue, or why not."""

    CALLBACK = "callback due"
    NEW = "new"
    RETRY = "retry"
    OUTSIDE_WINDOW = "outside their calling hours"
    NOT_DUE = "not due yet"
    ZONE_UNKNOWN = "zone unknown"
    NO_PHONE = "no phone number"
    CALLED = "already called in this sprint"
    RESTING = "resting"


Loader = Callable[[int], Prospect | None]
"""A whole prospect by id (:meth:`ProspectSource.prospect`)."""


def _whole(row: Queueable, load: Loader | None) -> Prospect | None:
    if load is None:
        assert isinstance(row, Prospect), "a queue row needs its source to become a prospect"
        return row
    return load(row.id)


class Entry(NamedTuple):
    """A prospect in the queue, with the reason they are there."""

    row: Queueable
    why: Why
    load: Loader | None = None
    """Where the whole prospect comes from; None when ``row`` is one already."""

    def found(self) -> Prospect | None:
        """The whole prospect, as stored now; None if it is gone since the queue was built."""
        return _whole(self.row, self.load)

    @property
    def prospect(self) -> Prospect:
        """The whole prospect (:meth:`found`, which must find it)."""
        found = self.found()
        if found is None:
            raise LookupError(f"prospect {self.row.id} is gone")
        return found


class Waiting(NamedTuple):
    """A prospect who will be callable later (their window opens, a retry comes due)."""

    row: Queueable
    callable_at: datetime
    why: Why
    load: Loader | None = None

    @property
    def prospect(self) -> Prospect:
        """The whole prospect."""
        found = _whole(self.row, self.load)
        if found is None:
            raise LookupError(f"prospect {self.row.id} is gone")
        return found


class Entries:
    """The queue's entries in order, made as they are reached.

    ``head`` is made already; the rest come from ``rest`` (due callbacks, picked
    first calls, then everyone callable now) only as far as someone looks.
    Reading the length, or iterating, makes them all. Entries made are never
    changed: a walk put back to an earlier place finds the same ones again.
    """

    def __init__(self, head: list[Entry], rest: Iterator[Entry] | None = None) -> None:
        self._made = head
        self._rest = rest

    def get(self, index: int) -> Entry | None:
        """The entry at ``index``; None past the end."""
        made = self._made
        while len(made) <= index and self._rest is not None:
            entry = next(self._rest, None)
            if entry is None:
                self._rest = None
            else:
                made.append(entry)
        return made[index] if index < len(made) else None

    def made(self) -> list[Entry]:
        """Every entry, made now if not yet."""
        if self._rest is not None:
            self._made.extend(self._rest)
            self._rest = None
        return self._made

    def then(self, more: Iterable[Entry]) -> Entries:
        """New entries: all of these, then ``more``."""
        return Entries([*self.made(), *more])

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.made())

    def __len__(self) -> int:
        return len(self.made())

    def __getitem__(self, index: int) -> Entry:
        return self.made()[index]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Entries):
            return self.made() == other.made()
        return isinstance(other, list) and self.made() == other

    __hash__ = None  # type: ignore[assignment]


class Queue:
    """The sprint's call list, walked from the front."""

    def __init__(
        self,
        entries: Entries | None = None,
        built_at: datetime | None = None,
        scan: Callable[[], tuple[list[Waiting], int, int]] | None = None,
    ) -> None:
        self.entries = entries if entries is not None else Entries([])
        self.built_at = built_at
        self._scan = scan
        self._scanned: tuple[list[Waiting], int, int] | None = None

    def _scanned_now(self) -> tuple[list[Waiting], int, int]:
        if self._scanned is None:
            self._scanned = self._scan() if self._scan is not None else ([], 0, 0)
        return self._scanned

    @property
    def waiting(self) -> list[Waiting]:
        """Not callable now but later, soonest first (worked out when first asked for)."""
        return self._scanned_now()[0]

    @property
    def zone_unknown(self) -> int:
        """How many could be called but for an unknown time zone."""
        return self._scanned_now()[1]

    @property
    def no_phone(self) -> int:
        """How many could be called but for a phone number."""
        return self._scanned_now()[2]

    @property
    def next_callable_at(self) -> Waiting | None:
        """The soonest anyone becomes callable (for "nobody callable until 14:00")."""
        return self.waiting[0] if self.waiting else None

    def why_empty(self, now: datetime) -> str:
        """Why there is nobody to call, and when someone will be."""
        waiting = self.next_callable_at
        parts = []
        their = local_time(waiting.prospect, waiting.callable_at) if waiting else None
        if waiting is not None and their is not None:
            who = waiting.prospect.name or "the next prospect"
            parts.append(
                f"Nobody is callable right now: {who} can be called in "
                f"{duration(between(now, waiting.callable_at), tight=True, waiting=True)} "
                f"({their:%H:%M} their time)."
            )
        else:
            parts.append("Nobody is left to call.")
        if self.zone_unknown:
            have = "has" if self.zone_unknown == 1 else "have"
            parts.append(
                f"{counted(self.zone_unknown, 'prospect')} {have} no known time zone; "
                "fix them in Prospects."
            )
        parts.append("Import more prospects to keep your sprints full.")
        return " ".join(parts)


def callable_now(prospect: Queueable, now: datetime, window: TimeWindow) -> bool:
    """Inside the calling window on the prospect's own clock (zone known)."""
    local = _local(prospect.timezone, now)
    return local is not None and window.contains(local.time())


def _local(timezone: str | None, now: datetime) -> datetime | None:
    tz = zone(timezone) if timezone else None
    return None if tz is None else now.astimezone(tz)


def window_opens(prospect: Queueable, after: datetime, window: TimeWindow) -> datetime | None:
    """The next instant at or after ``after`` when the prospect's window is open."""
    return _opens(prospect.timezone, after, window)


def _opens(timezone: str | None, after: datetime, window: TimeWindow) -> datetime | None:
    local = _local(timezone, after)
    if local is None:
        return None
    if window.contains(local.time()):
        return after
    opening = local.replace(
        hour=window.start.hour, minute=window.start.minute, second=0, microsecond=0
    )
    if opening <= local:
        opening += timedelta(days=1)  # wall-clock arithmetic: right across a DST change
    return opening.astimezone(after.tzinfo)


def _due(prospect: Queueable, now: datetime) -> bool:
    return prospect.next_action_at is None or prospect.next_action_at <= now


_WHY = {Status.CALLBACK: Why.CALLBACK, Status.NEW: Why.NEW}
"""Why a due prospect inside their window is queued; anyone else is a retry."""


def classify(
    prospect: Queueable,
    now: datetime,
    window: TimeWindow,
    called: frozenset[int] | set[int] = frozenset(),
) -> Entry | Waiting | Why:
    """Where one prospect stands right now: queued, waiting until a time, or left out."""
    if prospect.status in NEVER_QUEUED:
        return Why.RESTING
    if prospect.id in called:
        return Why.CALLED
    if not prospect.phone:
        return Why.NO_PHONE
    if prospect.timezone is None or zone(prospect.timezone) is None:
        return Why.ZONE_UNKNOWN
    if prospect.status is Status.NOT_INTERESTED and prospect.next_action_at is None:
        return Why.RESTING
    if not _due(prospect, now):
        assert prospect.next_action_at is not None
        opens = window_opens(prospect, prospect.next_action_at, window)
        return Waiting(prospect, opens or prospect.next_action_at, Why.NOT_DUE)
    opens = window_opens(prospect, now, window)  # ``now`` itself while the window is open
    if opens != now:
        assert opens is not None
        return Waiting(prospect, opens, Why.OUTSIDE_WINDOW)
    return Entry(prospect, _WHY.get(prospect.status, Why.RETRY))


def build(
    prospects: ProspectSource | Iterable[Prospect],
    now: datetime,
    window: TimeWindow,
    called: frozenset[int] | set[int] = frozenset(),
    first: Sequence[int] = (),
) -> Queue:
    """The queue at ``now``: every prospect placed as :func:`classify` places them.

    Due callbacks come first, soonest due first, then the picked first calls
    (found at once: they are few); everyone else callable now comes from the
    zones open now, merged in calling order. Callbacks and the rest are found
    as the sprint reaches them.

    ``first``: the day's picked first calls, in order; callable ones go right
    after the due callbacks. They are classified like anyone else, so a pick
    outside their window waits and one no longer callable is left out.
    """
    source = source_of(prospects)
    load = None if isinstance(source, ListSource) else source.prospect
    groups = source.by_zone()
    rank = {prospect_id: n for n, prospect_id in enumerate(first)}

    def placed(row: Queueable) -> Entry | None:
        place = classify(row, now, window, called)
        return Entry(row, place.why, load) if isinstance(place, Entry) else None

    open_now = {name for name in groups if _opens(name, now, window) is now}
    callbacks = _due_callbacks(source.callbacks(), now, open_now, called, load)
    if rank:  # a picked first call goes ahead of the callbacks due at the same moment
        callbacks = iter(sorted(callbacks, key=lambda e: _callback_order(e.row, rank)))
    picked = []
    for prospect_id in first:
        row = source.row(prospect_id)
        entry = placed(row) if row is not None else None
        if entry is not None and entry.why is not Why.CALLBACK:
            picked.append(entry)
    rows = heapq.merge(*(groups[name] for name in open_now), key=calling_order)
    rest = _callable(rows, now, called, rank, load)

    def scan() -> tuple[list[Waiting], int, int]:
        return _waiting(groups.values(), now, window, called, load)

    return Queue(Entries([], chain(callbacks, picked, rest)), built_at=now, scan=scan)


def _due_callbacks(
    rows: Sequence[Queueable],
    now: datetime,
    open_now: set[str | None],
    called: frozenset[int] | set[int],
    load: Loader | None,
) -> Iterator[Entry]:
    """The callbacks due and callable now, as the sprint reaches them.

    ``rows`` come soonest due first (:func:`~.queue_rows.callback_order`), so
    the first one not due yet ends them: a thousand callbacks are neither
    sorted nor all looked at when a sprint starts.
    """
    for row in rows:
        due = row.next_action_at
        if due is not None and due > now:
            return
        # A callback is never resting nor not interested: the rest of classify() is this.
        if row.timezone in open_now and row.phone and row.id not in called:
            yield Entry(row, Why.CALLBACK, load)


def _callable(
    rows: Iterator[Queueable],
    now: datetime,
    called: frozenset[int] | set[int],
    picked: dict[int, int],
    load: Loader | None,
) -> Iterator[Entry]:
    """The rows of the open zones (in calling order) that are callable now, except the due
    callbacks and picked first calls, which lead the queue already."""
    never, not_interested, callback = NEVER_QUEUED, Status.NOT_INTERESTED, Status.CALLBACK
    retry, why_of = Why.RETRY, _WHY.get
    for row in rows:
        status = row.status
        if status in never or status is callback or row.id in called or row.id in picked:
            continue
        due = row.next_action_at
        if not row.phone or (due is None and status is not_interested):
            continue
        if due is None or due <= now:
            yield Entry(row, why_of(status, retry), load)


def _callback_order(row: Queueable, rank: dict[int, int]) -> tuple[object, ...]:
    # A due callback was promised a time, so it goes first, before even a picked first call.
    due = row.next_action_at
    return (due.timestamp() if due else 0.0, rank.get(row.id, 0), *calling_order(row))


def _waiting(
    groups: Iterable[Sequence[Queueable]],
    now: datetime,
    window: TimeWindow,
    called: frozenset[int] | set[int],
    load: Loader | None,
) -> tuple[list[Waiting], int, int]:
    """Everyone callable later, soonest first; how many have no known zone, and no phone."""
    waiting: list[Waiting] = []
    unknown = no_phone = 0
    for rows in groups:
        for row in rows:
            place = classify(row, now, window, called)
            if isinstance(place, Waiting):
                waiting.append(Waiting(row, place.callable_at, place.why, load))
            elif place is Why.ZONE_UNKNOWN:
                unknown += 1
            elif place is Why.NO_PHONE:
                no_phone += 1
    waiting.sort(key=lambda w: (w.callable_at, w.row.id))
    return waiting, unknown, no_phone
