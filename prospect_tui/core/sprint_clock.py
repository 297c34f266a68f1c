"""A running sprint's clock: the countdown, pauses, and a wall clock set back.

The clock is the sprint record's own instants (``ends_at``, ``paused_at``,
``paused_s``): the :class:`~core.timer.Countdown` is made from them when
asked, and a pause or resume writes them back, so what is stored is always
what is shown. Nothing here ticks.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from prospect_tui.core.clock import between, shift
from prospect_tui.core.config import Config
from prospect_tui.core.model import Sprint
from prospect_tui.core.timer import ZERO, Countdown


@dataclass
class SprintClock:
    """The sprint record and the time kept by its instants."""

    sprint: Sprint
    pause_allowance: timedelta
    """How long the sprint may be paused in all."""
    _seen: datetime | None = None
    """The latest instant the clock was read, to notice a clock set back."""

    @classmethod
    def of(cls, sprint: Sprint, config: Config) -> SprintClock:
        """``sprint``'s clock, with the pause allowance ``config`` gives."""
        return cls(sprint, timedelta(minutes=config.sprint.max_pause_minutes))

    @property
    def countdown(self) -> Countdown:
        """The sprint's timer, from its stored instants."""
        s = self.sprint
        return Countdown(
            started_at=s.started_at,
            ends_at=s.ends_at,
            paused_at=s.paused_at,
            paused=timedelta(seconds=s.paused_s),
            pause_allowance=self.pause_allowance,
        )

    def _set_countdown(self, countdown: Countdown) -> None:
        self.sprint = replace(
            self.sprint,
            ends_at=countdown.ends_at,
            paused_at=countdown.paused_at,
            paused_s=countdown.paused.total_seconds(),
        )

    def observe(self, now: datetime) -> timedelta:
        """Notice a wall clock set back, and keep the sprint's time left as it was.

        Remaining time is ``end - now``, which is right after a suspend or a stop
        (the clock moved on and so did the sprint). A clock set back would add
        the jump to the time left, so every instant of the sprint moves back by
        it: the countdown carries on from where it was. Returns that (negative)
        jump, for the caller's own instants; zero when the clock did not go back.
        """
        seen = self._seen
        self._seen = now
        # Instants are compared as elapsed time: on the night clocks go back the
        # wall clock repeats an hour that the sprint really lives through.
        back = between(seen, now) if seen is not None else ZERO
        if back >= ZERO:
            return ZERO
        self._set_countdown(self.countdown.shifted(back))
        self.sprint = replace(self.sprint, started_at=shift(self.sprint.started_at, back))
        return back

    def settle(self, now: datetime) -> datetime | None:
        """End a pause whose allowance has run out; the moment it ran out, or None.

        The countdown runs again from that moment whether or not anyone looks
        (see :meth:`Countdown.settled`); this writes it into the record, once.
        """
        countdown = self.countdown
        if countdown.paused_at is None or countdown.is_paused(now):
            return None
        settled = countdown.settled(now)
        self._set_countdown(settled)
        return shift(countdown.paused_at, settled.paused - countdown.paused)

    def toggle_pause(self, now: datetime) -> bool:
        """Pause or resume; returns whether the clock is now stopped."""
        countdown = self.countdown.settled(now)
        countdown = countdown.resume(now) if countdown.paused_at else countdown.pause(now)
        self._set_countdown(countdown)
        return countdown.paused_at is not None
