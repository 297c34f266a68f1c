"""While a sprint runs: the heartbeat, and noticing the machine slept through part of it.

Every :data:`HEARTBEAT` the running sprint records that the app is still
with it (``Sprint.seen_at``), so after a kill the next start knows when the
app went away. A sleep no longer than a break is the sprint going on; a
longer one is time the user may not have spent calling: theirs to keep or
discard, asked with :class:`~dialogs.away.AwayDialog`.
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from prospect_tui.core.clock import between
from prospect_tui.core.errors import ProspectError
from prospect_tui.core.model import SprintStatus
from prospect_tui.core.nudges import asleep_too_long
from prospect_tui.dialogs.away import AwayDialog

if TYPE_CHECKING:
    from prospect_tui.screens.sprint import SprintScreen

HEARTBEAT = timedelta(seconds=30)
"""How often the running sprint records that the app is still with it (``Sprint.seen_at``):
after a kill, the next start knows when the app went away."""


class AwayWatch:
    """A sprint screen's last tick, on the wall clock and the clock that stops in a suspend."""

    def __init__(self, screen: SprintScreen) -> None:
        self.screen = screen
        self.away_since: datetime | None = None
        """Set while the user is asked what the time away was."""
        self._seen_at: datetime | None = None
        """The last tick, on the wall clock and (``_seen_awake``) the clock that stops in a
        suspend: the machine asleep longer than a break since is time to ask about."""
        self._seen_awake = 0.0

    def check(self, now: datetime) -> bool:
        """Ask about the time away if the machine slept longer than a break since the
        last tick (True: the question is up). Otherwise records the sighting, and
        the heartbeat every :data:`HEARTBEAT`."""
        screen = self.screen
        services = screen.services
        awake = services.clock.monotonic()
        seen, seen_awake = self._seen_at, self._seen_awake
        breather = services.config.sprint.break_minutes
        gap = asleep_too_long(seen, seen_awake, now, awake, breather) if seen else None
        if seen is not None and gap is not None:
            self.away_since = seen

            def answered(keep: bool | None) -> None:
                clock = services.clock
                self.away_since = None
                self._seen_at, self._seen_awake = clock.now(), clock.monotonic()
                if keep is False:
                    screen.finish(SprintStatus.COMPLETED, cut_at=seen)
                else:
                    screen.tick()

            screen.app.push_screen(AwayDialog(seen, gap), answered)
            return True
        self._seen_at, self._seen_awake = now, awake
        session = screen.session
        beat = session.sprint.seen_at or session.sprint.started_at
        if between(beat, now) >= HEARTBEAT:
            session.sprint = replace(session.sprint, seen_at=now)
            # Only a hint for after a kill: a failed write shows on the next outcome's.
            with suppress(ProspectError):
                services.repository.save_sprint(session.sprint)
        return False
