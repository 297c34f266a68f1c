"""A sprint session's state at one moment, put back when a write behind a key fails.

A key whose effect must be written (undo, pause) takes a checkpoint first; if
the write fails the session is restored, so the screen never shows what the
disk lacks.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from prospect_tui.core.experiments import Evidence
from prospect_tui.core.model import Sprint
from prospect_tui.core.outcome_effects import Logged
from prospect_tui.core.queue_walk import WalkMark

if TYPE_CHECKING:
    from prospect_tui.core.sprint import SprintSession
    from prospect_tui.core.sprint_card import Card


@dataclass(frozen=True)
class Checkpoint:
    """A session's state at one moment, to put back when a write behind a key fails."""

    sprint: Sprint
    card: Card | None
    card_state: tuple[datetime, str] | None
    """The card's start and notes, which change in place."""
    logged: list[Logged]
    variants: tuple[Counter[str], Evidence]
    walk: WalkMark
    last_call_closed_at: datetime | None
    set_aside: dict[int, Card]

    @classmethod
    def of(cls, session: SprintSession) -> Checkpoint:
        """``session`` as it is now."""
        card = session.card
        return cls(
            sprint=session.sprint,
            card=card,
            card_state=(card.shown_at, card.notes) if card else None,
            logged=list(session.logged),
            variants=session.variants.mark(),
            walk=session.walk.mark(),
            last_call_closed_at=session.last_call_closed_at,
            set_aside=dict(session.set_aside),
        )

    def restore(self, session: SprintSession) -> None:
        """Put ``session`` back as it was at this checkpoint."""
        session.sprint = self.sprint
        session.card = self.card
        if self.card is not None and self.card_state is not None:
            self.card.shown_at, self.card.notes = self.card_state
        session.logged = list(self.logged)
        session.variants.reset(self.variants)
        session.walk.reset(self.walk)
        session.last_call_closed_at = self.last_call_closed_at
        session.set_aside = dict(self.set_aside)
