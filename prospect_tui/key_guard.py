"""Dropping the keys of the first moment after the sprint flow changes the screen under the user.

The app arms the guard as it changes screens and asks it about every key;
the time comes from the clock it is handed, so tests move it instead of waiting.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from prospect_tui.core.clock import Clock, between

KEY_GUARD = timedelta(seconds=0.6)
"""How long keys are dropped after the sprint flow changes the screen under the user.

A key pressed for the call at 00:00 must not act on the break, nor a held key
on the sprint that follows; a held key keeps the guard up until it is let go.
"""


class KeyGuard:
    """Drops the keys of the :data:`KEY_GUARD` after the screen changed."""

    def __init__(self) -> None:
        self._since: datetime | None = None

    def arm(self, clock: Clock) -> None:
        """Drop the keys of the next moment: the screen changed."""
        self._since = clock.now()

    def up(self, clock: Clock) -> bool:
        """Whether keys are dropped now; once the moment has passed, the guard is down."""
        since = self._since
        if since is None:
            # Unarmed, the clock is not read: this is asked of every key.
            return False
        gap = between(since, clock.now())
        # A clock set back (a negative gap) must not hold every key for the jump.
        if timedelta(0) <= gap < KEY_GUARD:
            return True
        self._since = None
        return False

    def drops(self, clock: Clock) -> bool:
        """Whether a key pressed now is dropped; a dropped key keeps the guard up."""
        if not self.up(clock):
            return False
        self.arm(clock)  # a held key stays dropped until it is let go
        return True
