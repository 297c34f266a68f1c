"""The card a sprint shows: who is being called, why now, and with which opener."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from prospect_tui.core.config import Variant
from prospect_tui.core.model import Prospect


@dataclass
class Card:
    """The prospect on screen and the call being made to them."""

    prospect: Prospect
    why: str
    """Why they are called now (a callback due, first call…), as the card says it."""
    shown_at: datetime
    """When the card appeared: the call's start."""
    variant: Variant | None
    """The opener and offer this call tries; None when none is configured."""
    notes: str = ""
    """What the user noted on this call so far."""
    objections: list[str] = field(default_factory=list)
    """The objections raised on this call so far, by name: stored with the call at its
    outcome key (a call is written only then), so none is written on its own."""
    answering: str | None = None
    """The objection whose answer is on screen: the one raised last, even if raised before."""

    def raise_objection(self, name: str) -> bool:
        """The prospect raised the objection ``name``: it goes on this call when logged.

        Each is kept once, in the order first raised; False if already raised.
        Either way its answer is the one to show.
        """
        self.answering = name
        if name in self.objections:
            return False
        self.objections.append(name)
        return True
