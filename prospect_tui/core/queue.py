"""Who to call next: the sprint's queue, ordered and filtered (docs/contracts.md, "Queue and time").

Due callbacks come first; then the day's picked first calls (in the order
picked); then prospects callable now — inside the calling
window on *their* clock, zone known — by priority, fewest attempts, longest
since the last attempt. Never a ``do_not_call`` or ``wrong_number``
prospect, a ``not_interested`` one before its nurture date, a booked
meeting, or anyone already called in this sprint. A prospect outside their
window is not in the queue, but the queue knows when they become callable.

Building the queue sorts every prospect once, at the start of a sprint; the
sprint then walks it, re-checking only the head against the clock, so an
outcome key never waits for a sort.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import Enum

from prospect_tui.core.clock import between
from prospect_tui.core.config import TimeWindow
from prospect_tui.core.durations import duration
from prospect_tui.core.model import Prospect, Status
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


@dataclass(frozen=True, slots=True)
class Entry:
    """A prospect in the queue, with the reason they are there."""

    prospect: Prospect
    why: Why


@dataclass(frozen=True, slots=True)
class Waiting:
    """A prospect who will be callable later (their window opens, a retry comes due)."""

    prospect: Prospect
    callable_at: datetime
    why: Why


@dataclass
class Queue:
    """The sprint's call list, walked from the front."""

    entries: list[Entry] = field(default_factory=list)
    waiting: list[Waiting] = field(default_factory=list)
    """Not callable now but later, soonest first."""
    zone_unknown: int = 0
    no_phone: int = 0
    built_at: datetime | None = None

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


def callable_now(prospect: Prospect, now: datetime, window: TimeWindow) -> bool:
    """Inside the calling window on the prospect's own clock (zone known)."""
    local = local_time(prospect, now)
    return local is not None and window.contains(local.time())


def window_opens(prospect: Prospect, after: datetime, window: TimeWindow) -> datetime | None:
    """The next instant at or after ``after`` when the prospect's window is open."""
    local = local_time(prospect, after)
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


def _due(prospect: Prospect, now: datetime) -> bool:
    return prospect.next_action_at is None or prospect.next_action_at <= now


_WHY = {Status.CALLBACK: Why.CALLBACK, Status.NEW: Why.NEW}
"""Why a due prospect inside their window is queued; anyone else is a retry."""


def classify(
    prospect: Prospect,
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


def _order(entry: Entry, first: dict[int, int]) -> tuple[int, float, int, int, int, float, int]:
    p = entry.prospect
    callback = entry.why is Why.CALLBACK
    due = p.next_action_at.timestamp() if callback and p.next_action_at else 0.0
    last = p.last_called_at.timestamp() if p.last_called_at else 0.0
    # A due callback was promised a time, so it goes before even a picked first call.
    tier = 0 if callback else (1 if p.id in first else 2)
    return (tier, due, first.get(p.id, 0), -p.priority, p.attempts, last, p.id)


def build(
    prospects: Iterable[Prospect],
    now: datetime,
    window: TimeWindow,
    called: frozenset[int] | set[int] = frozenset(),
    first: Sequence[int] = (),
) -> Queue:
    """Sort every prospect into the queue, the waiting list, or out.

    ``first``: the day's picked first calls, in order; callable ones go right
    after the due callbacks. They are classified like anyone else, so a pick
    outside their window waits and one no longer callable is left out.
    """
    queue = Queue(built_at=now)
    for prospect in prospects:
        place = classify(prospect, now, window, called)
        if isinstance(place, Entry):
            queue.entries.append(place)
        elif isinstance(place, Waiting):
            queue.waiting.append(place)
        elif place is Why.ZONE_UNKNOWN:
            queue.zone_unknown += 1
        elif place is Why.NO_PHONE:
            queue.no_phone += 1
    rank = {prospect_id: n for n, prospect_id in enumerate(first)}
    queue.entries.sort(key=lambda entry: _order(entry, rank))
    queue.waiting.sort(key=lambda w: (w.callable_at, w.prospect.id))
    return queue
