"""Follow-ups: which callbacks and meetings are due, and how one is closed.

A follow-up is due from its ``due_at`` (a callback's time, a meeting's) or,
when it has none (a meeting booked without a time), from when it was made.
The follow-up session lists every open one that is due, oldest first, and
closes each with what was done (:class:`Closing`).

Closing a callback the prospect is still waiting on also settles the
prospect: rescheduled, their next call moves to the new time; closed any
other way, they are no longer a due callback at the head of every sprint's
queue, but an ordinary retry.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from enum import StrEnum

from prospect_tui.core.model import FollowUp, Prospect, Status
from prospect_tui.core.outcomes import ASKS_WHEN


class Closing(StrEnum):
    """What was done to close a follow-up; stored as its ``resolution``."""

    CALLED = "called"
    EMAILED = "emailed"
    PROPOSAL_SENT = "proposal_sent"
    RESCHEDULED = "rescheduled"
    DROPPED = "dropped"

    @property
    def label(self) -> str:
        """How it reads on screen."""
        return self.value.replace("_", " ").capitalize()


def _order(followup: FollowUp) -> tuple[datetime, int]:
    return followup.due.astimezone(UTC), followup.id


def due_now(followups: Iterable[FollowUp], now: datetime) -> list[FollowUp]:
    """The open follow-ups due at ``now`` or before (overdue ones too), oldest first."""
    instant = now.astimezone(UTC)
    due = [f for f in followups if f.done_at is None and f.due.astimezone(UTC) <= instant]
    return sorted(due, key=_order)


def next_due(followups: Iterable[FollowUp], now: datetime) -> FollowUp | None:
    """The open follow-up that comes due soonest after ``now``, if any."""
    instant = now.astimezone(UTC)
    later = [f for f in followups if f.done_at is None and f.due.astimezone(UTC) > instant]
    return min(later, key=_order, default=None)


class NeedsNewTime(ValueError):
    """A follow-up was rescheduled without saying when to."""


@dataclass(frozen=True, slots=True)
class Closed:
    """What closing a follow-up changes; the repository writes it in one journal line."""

    followup: FollowUp
    """The follow-up, done."""
    rescheduled: FollowUp | None = None
    """The follow-up that replaces it at the new time."""
    prospect: Prospect | None = None
    """The prospect's new state, when closing changes it."""


def close(
    followup: FollowUp,
    closing: Closing,
    now: datetime,
    *,
    prospect: Prospect | None = None,
    new_time: datetime | None = None,
) -> Closed:
    """Close ``followup`` at ``now`` with ``closing``.

    Rescheduling needs ``new_time``: a new open follow-up of the same kind is
    due then, and the closed one keeps the record of what happened.
    ``prospect`` (the follow-up's) is settled when they wait on this
    callback (see the module's docstring).
    """
    if closing is Closing.RESCHEDULED and new_time is None:
        raise NeedsNewTime("a rescheduled follow-up needs its new time")
    done = replace(followup, done_at=now, resolution=closing.value)
    again = None
    if closing is Closing.RESCHEDULED:
        again = FollowUp(
            prospect_id=followup.prospect_id,
            kind=followup.kind,
            who=followup.who,
            due_at=new_time,
            call_id=followup.call_id,
            created_at=now,
            note=followup.note,  # the meeting is the same meeting, only later
        )
    settled = None
    waits = (
        prospect is not None
        and prospect.status is Status.CALLBACK
        and followup.due_at is not None
        and prospect.next_action_at == followup.due_at
    )
    if waits and prospect is not None:
        if again is not None:
            settled = replace(prospect, next_action_at=new_time, updated_at=now)
        else:
            settled = replace(
                prospect, status=Status.ATTEMPTED, next_action_at=None, updated_at=now
            )
        # A record's lists and dicts are its own: the prospect it came from stays as it was.
        settled.tags, settled.extra = list(prospect.tags), dict(prospect.extra)
    return Closed(done, again, settled)


def replaced_by(new: FollowUp, followups: Iterable[FollowUp]) -> list[FollowUp]:
    """The open callbacks of ``new``'s prospect that the callback ``new`` replaces, closed.

    A prospect waits on one callback, the latest time they named: the older
    one is closed as rescheduled when the new one is made. Nothing is replaced
    by a meeting, nor for another prospect.
    """
    if new.kind not in ASKS_WHEN:
        return []
    return [
        replace(old, done_at=new.created_at, resolution=Closing.RESCHEDULED.value)
        for old in followups
        if old.prospect_id == new.prospect_id
        and old.kind in ASKS_WHEN
        and old.done_at is None
        and old.id != new.id
    ]


def reopened_by_undo(new: FollowUp, followups: Iterable[FollowUp]) -> list[FollowUp]:
    """The callbacks :func:`replaced_by` closed as ``new`` was made, open again: its call undone."""
    if new.kind not in ASKS_WHEN:
        return []
    return [
        replace(old, done_at=None, resolution="")
        for old in followups
        if old.prospect_id == new.prospect_id
        and old.kind in ASKS_WHEN
        and old.id != new.id
        and old.done_at == new.created_at
        and old.resolution == Closing.RESCHEDULED.value
    ]
