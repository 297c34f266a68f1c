"""The outcome table (docs/contracts.md, "Outcomes") — the one place it is written down.

Keys, labels, "connected", and what each outcome does to the prospect all
come from :data:`OUTCOMES`; the sprint screen's bindings, the review's
funnel and the queue's retry rules read it from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from enum import Enum


class Effect(Enum):
    """What an outcome does to the prospect's place in the queue."""

    RETRY = "retry"
    """Attempts +1; back in the queue after :attr:`Outcome.retry_after`."""
    NURTURE = "nurture"
    """Leaves the queue until the nurture date."""
    FOLLOW_UP = "follow_up"
    """Leaves the calling queue; becomes a follow-up item."""
    BAD_DATA = "bad_data"
    """The number is wrong; leaves the queue until the data is fixed."""
    NEVER = "never"
    """Never queued again; the record is kept for compliance."""


@dataclass(frozen=True, slots=True)
class Outcome:
    """One row of the outcome table."""

    id: str
    key: str
    alt: str
    label: str
    connected: bool
    effect: Effect
    retry_after: timedelta | None = None
    asks_when: bool = False
    """The prospect named a time to call back: logging it needs that time, and
    the follow-up it makes is due then."""
    is_meeting: bool = False
    """A meeting booked: what every tally counts as ``meetings``. Once logged, the
    sprint asks for the meeting's time and a note, which amend its follow-up."""
    asks_who: bool = False
    """Once logged, the sprint asks who answered (optional), which amends the call."""

    @property
    def keys(self) -> tuple[str, str]:
        """The default key and its letter alternative."""
        return (self.key, self.alt)

    @property
    def makes_followup(self) -> bool:
        """Logging it adds a follow-up item (a callback or a meeting to prepare)."""
        return self.effect is Effect.FOLLOW_UP


NURTURE_AFTER = timedelta(days=90)
"""How long a ``not_interested`` prospect rests before it may be called again."""

OUTCOMES: tuple[Outcome, ...] = (
    Outcome("no_answer", "1", "n", "No answer", False, Effect.RETRY, timedelta(hours=4)),
    Outcome("voicemail", "2", "v", "Voicemail", False, Effect.RETRY, timedelta(days=2)),
    Outcome(
        "gatekeeper", "3", "g", "Gatekeeper", False, Effect.RETRY, timedelta(days=1), asks_who=True
    ),
    Outcome("not_interested", "4", "x", "Not interested", True, Effect.NURTURE),
    Outcome("callback", "5", "b", "Callback", True, Effect.FOLLOW_UP, asks_when=True),
    Outcome("meeting", "6", "m", "Meeting", True, Effect.FOLLOW_UP, is_meeting=True),
    Outcome("wrong_number", "7", "w", "Wrong number", False, Effect.BAD_DATA),
    Outcome("do_not_call", "8", "d", "Do not call", True, Effect.NEVER),
)

BY_ID: dict[str, Outcome] = {outcome.id: outcome for outcome in OUTCOMES}
OUTCOME_IDS: tuple[str, ...] = tuple(outcome.id for outcome in OUTCOMES)
CONNECTED: frozenset[str] = frozenset(o.id for o in OUTCOMES if o.connected)
ASKS_WHEN: frozenset[str] = frozenset(o.id for o in OUTCOMES if o.asks_when)
"""Outcomes (and so follow-up kinds) that carry a time to call back."""
MEETING: str = next(o.id for o in OUTCOMES if o.is_meeting)
FOLLOW_UP_KINDS: frozenset[str] = frozenset(o.id for o in OUTCOMES if o.makes_followup)
"""The kinds of follow-up: the outcomes that make one."""


def outcome(outcome_id: str) -> Outcome:
    """The outcome called ``outcome_id``; ``KeyError`` names the unknown id."""
    try:
        return BY_ID[outcome_id]
    except KeyError:
        raise KeyError(f"unknown outcome {outcome_id!r}") from None
