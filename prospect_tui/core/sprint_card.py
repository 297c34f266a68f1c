"""The card a sprint shows: who is being called, why now, and with which opener."""

from __future__ import annotations

from dataclasses import dataclass
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
