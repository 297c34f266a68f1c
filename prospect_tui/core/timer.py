"""Countdowns that cannot lie: remaining time is ``end - now``, never a sum of ticks.

A sprint stores the instant it ends. Whatever happened in between — a
suspended laptop, a stopped process, a crash and restart — the next look at
the clock shows the true remaining time. Pauses push the end later by
exactly the time paused, up to the allowance in ``config.toml``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from prospect_tui.core.clock import between, shift

ZERO = timedelta(0)


@dataclass(frozen=True, slots=True)
class Countdown:
    """A span of time that ends at a stored instant and may be paused."""

    started_at: datetime
    ends_at: datetime
    paused_at: datetime | None = None
    paused: timedelta = ZERO
    """Time already spent paused (and added to ``ends_at``)."""
    pause_allowance: timedelta = ZERO

    @classmethod
    def starting(
        cls, now: datetime, length: timedelta, pause_allowance: timedelta = ZERO
    ) -> Countdown:
        """A countdown of ``length`` from ``now``."""
        return cls(started_at=now, ends_at=shift(now, length), pause_allowance=pause_allowance)

    @property
    def length(self) -> timedelta:
        """The planned span, pauses excluded."""
        return between(self.started_at, self.ends_at) - self.paused

    def _pause_cut(self) -> datetime | None:
        """When a running pause runs out of allowance."""
        if self.paused_at is None:
            return None
        return shift(self.paused_at, max(self.pause_allowance - self.paused, ZERO))

    def is_paused(self, now: datetime) -> bool:
        """Paused, and the pause allowance not used up."""
        cut = self._pause_cut()
        return cut is not None and now < cut

    def settled(self, now: datetime) -> Countdown:
        """Resume a pause whose allowance ran out (the user walked away)."""
        cut = self._pause_cut()
        if cut is not None and now >= cut:
            return self.resume(cut)
        return self

    def remaining(self, now: datetime) -> timedelta:
        """Time left, never below zero nor above the planned span; frozen while paused.

        The cap matters when the wall clock is set back before the start: ``end -
        now`` would then promise more time than the countdown ever had.
        """
        current = self.settled(now)
        moment = current.paused_at if current.paused_at is not None else now
        return min(max(between(moment, current.ends_at), ZERO), current.length)

    def shifted(self, delta: timedelta) -> Countdown:
        """The same countdown with every instant moved by ``delta`` (the clock was reset)."""
        return replace(
            self,
            started_at=shift(self.started_at, delta),
            ends_at=shift(self.ends_at, delta),
            paused_at=None if self.paused_at is None else shift(self.paused_at, delta),
        )

    def elapsed_fraction(self, now: datetime) -> float:
        """How much of the span is done, 0 … 1."""
        total = self.length.total_seconds()
        if total <= 0:
            return 1.0
        return min(1.0, max(0.0, 1 - self.remaining(now).total_seconds() / total))

    def finished(self, now: datetime) -> bool:
        """Whether the time is up."""
        return self.remaining(now) == ZERO

    def pause_left(self, now: datetime) -> timedelta:
        """How much more pausing the allowance permits."""
        current = self.settled(now)
        used = current.paused
        if current.paused_at is not None:
            used += between(current.paused_at, now)
        return max(current.pause_allowance - used, ZERO)

    def pause(self, now: datetime) -> Countdown:
        """Stop the clock (no-op when already paused or the allowance is spent)."""
        current = self.settled(now)
        if current.paused_at is not None or current.pause_left(now) == ZERO:
            return current
        return replace(current, paused_at=now)

    def resume(self, now: datetime) -> Countdown:
        """Start the clock again; the end moves later by the time paused, up to the allowance."""
        if self.paused_at is None:
            return self
        allowed = max(self.pause_allowance - self.paused, ZERO)
        stopped = min(max(between(self.paused_at, now), ZERO), allowed)
        return replace(
            self, paused_at=None, paused=self.paused + stopped, ends_at=shift(self.ends_at, stopped)
        )


def clock_face(left: timedelta) -> str:
    """``24:59`` (or ``1:02:03`` past an hour), rounding the seconds up.

    Rounding up means the display reads 00:00 only when the time is truly up.
    """
    seconds = int(-(-left.total_seconds() // 1))
    hours, rest = divmod(max(seconds, 0), 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes:02d}:{seconds:02d}"
