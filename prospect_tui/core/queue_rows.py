"""What the queue reads of each prospect, and where it reads it from.

A sprint over 50,000 prospects must not decode 50,000 records, nor look at
each of them, to show one card. The queue reads :class:`Queueable` rows — a
whole :class:`~prospect_tui.core.model.Prospect`, or the store's compact
:class:`QueueRow` — grouped by time zone, each group in :func:`calling_order`,
from a :class:`ProspectSource`; a row becomes a whole prospect only when the
sprint reaches it. :class:`ListSource` is the source over prospects already
in memory (the first-call picker, tests); the store keeps its own up to date
as calls are written.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol, cast

from prospect_tui.core.model import Prospect, Status


class Queueable(Protocol):
    """What the queue reads of a prospect: a whole :class:`Prospect`, or a :class:`QueueRow`."""

    @property
    def id(self) -> int: ...
    @property
    def status(self) -> Status: ...
    @property
    def phone(self) -> str | None: ...
    @property
    def timezone(self) -> str | None: ...
    @property
    def priority(self) -> int: ...
    @property
    def attempts(self) -> int: ...
    @property
    def last_called_at(self) -> datetime | None: ...
    @property
    def next_action_at(self) -> datetime | None: ...


@dataclass(frozen=True, slots=True)
class QueueRow:
    """The fields of a prospect the queue reads, and nothing else: a few dozen bytes."""

    id: int
    status: Status
    phone: str | None
    timezone: str | None
    priority: int
    attempts: int
    last_called_at: datetime | None
    next_action_at: datetime | None

    @classmethod
    def of(cls, prospect: Queueable) -> QueueRow:
        """The row of ``prospect``."""
        return cls(
            prospect.id,
            prospect.status,
            prospect.phone,
            prospect.timezone,
            prospect.priority,
            prospect.attempts,
            prospect.last_called_at,
            prospect.next_action_at,
        )


def calling_order(row: Queueable) -> tuple[int, int, float, int]:
    """Where ``row`` stands among the callable: priority, fewest attempts, longest since the
    last attempt, then id (so no two rows tie)."""
    last = row.last_called_at.timestamp() if row.last_called_at else 0.0
    return (-row.priority, row.attempts, last, row.id)


def callback_order(row: Queueable) -> tuple[float, int, int, float, int]:
    """Where a callback stands among the callbacks: the soonest due first (one with no time
    at all first of all), then in :func:`calling_order`."""
    due = row.next_action_at
    return (due.timestamp() if due else 0.0, *calling_order(row))


class ProspectSource(Protocol):
    """Every prospect as queue rows, and a whole prospect by id when a sprint reaches it.

    What it returns is a snapshot: writes after the call do not change it.
    """

    def by_zone(self) -> Mapping[str | None, Sequence[Queueable]]:
        """Every row, grouped by time zone name, each group in :func:`calling_order`."""
        ...

    def callbacks(self) -> Sequence[Queueable]:
        """The rows whose status is ``callback``, in :func:`callback_order`."""
        ...

    def row(self, prospect_id: int) -> Queueable | None:
        """One prospect's row; None if there is none by that id."""
        ...

    def prospect(self, prospect_id: int) -> Prospect | None:
        """The whole prospect, as stored now; None if there is none by that id."""
        ...


class ListSource:
    """A :class:`ProspectSource` over prospects already in memory (a prospect is its own row)."""

    def __init__(self, prospects: Iterable[Prospect]) -> None:
        self._by_id = {p.id: p for p in prospects}

    def by_zone(self) -> Mapping[str | None, Sequence[Queueable]]:
        """The prospects grouped by zone, each group sorted."""
        return group_by_zone(self._by_id.values())

    def callbacks(self) -> Sequence[Queueable]:
        """Those waiting for a call back, in :func:`callback_order`."""
        found = [p for p in self._by_id.values() if p.status is Status.CALLBACK]
        return sorted(found, key=callback_order)

    def row(self, prospect_id: int) -> Queueable | None:
        """The prospect by id."""
        return self._by_id.get(prospect_id)

    def prospect(self, prospect_id: int) -> Prospect | None:
        """The prospect by id."""
        return self._by_id.get(prospect_id)

    def put(self, prospect: Prospect) -> None:
        """Hold ``prospect`` as it is now (as the store does once a call is written)."""
        self._by_id[prospect.id] = prospect


def group_by_zone(rows: Iterable[Queueable]) -> dict[str | None, list[Queueable]]:
    """``rows`` grouped by zone name, each group in :func:`calling_order`."""
    groups: dict[str | None, list[Queueable]] = {}
    for row in rows:
        groups.setdefault(row.timezone, []).append(row)
    for group in groups.values():
        group.sort(key=calling_order)
    return groups


def source_of(prospects: ProspectSource | Iterable[Prospect]) -> ProspectSource:
    """``prospects`` as a source: a list of prospects becomes a :class:`ListSource`."""
    if isinstance(prospects, ListSource) or hasattr(prospects, "by_zone"):
        return cast(ProspectSource, prospects)
    return ListSource(prospects)
