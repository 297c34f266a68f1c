"""Dropping the keys of the first moment after the sprint flow changes the screen under the user.

The app arms the guard as it changes screens and asks it about every key;
the time comes from the clock it is handed, so tests move it instead of waiting.

Keys that come in one read of the terminal (``3`` and ``enter`` typed together,
or pasted) are queued before the screen change the first of them causes, so
the clock cannot tell them apart: the guard is not armed yet when they
arrive. A key the screen on top does not bind goes to that screen and comes
back to the app for the bindings of the screen on top *then*; the guard
remembers which screen each key was pressed on, and a key that comes back to
find another screen on top is dropped rather than acting on a screen the
user had not seen.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from weakref import WeakKeyDictionary

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
        # Weak: a key handled or dropped is forgotten with its event.
        self._pressed_on: WeakKeyDictionary[object, object] = WeakKeyDictionary()

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

    def pressed(self, key: object, screen: object) -> None:
        """``key`` arrived with ``screen`` on top: the screen it was pressed for."""
        self._pressed_on[key] = screen

    def strayed(self, key: object, screen: object) -> bool:
        """Whether ``key``, back for the bindings of ``screen`` (on top now), was pressed
        on another screen: the screen changed under it after it was typed."""
        pressed_on = self._pressed_on.get(key)
        return pressed_on is not None and pressed_on is not screen
