"""A calling sprint as it runs: the card on screen, the queue behind it, the stats.

Pure state, driven by the sprint screen and an injected clock: an outcome
key turns into :meth:`SprintSession.log` (a :class:`~core.outcome_effects.Logged`
for the repository to write) and the next card is already chosen, with the
opener variant its call will try (:mod:`core.variant_choice`). The session
holds the card, this sprint's calls and their undo; the time is kept by
:mod:`core.sprint_clock`, the way through the queue by :mod:`core.queue_walk`.

When the time runs out with a prospect on the card, the sprint is on its
*last call*: that call can still be logged (or skipped) and belongs to the
sprint, no new prospect is shown, and closing it ends the sprint. A sprint
counts as completed only if it logged a dial.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta, tzinfo
from random import Random

from prospect_tui.core.clock import shift
from prospect_tui.core.config import Config
from prospect_tui.core.days import local_date
from prospect_tui.core.experiments import Evidence
from prospect_tui.core.model import Call, Prospect, Sprint, SprintStatus, TimeEntry
from prospect_tui.core.outcome_effects import Logged, log_outcome
from prospect_tui.core.queue import Queue
from prospect_tui.core.queue_rows import ProspectSource
from prospect_tui.core.queue_walk import QueueWalk
from prospect_tui.core.sprint_card import Card
from prospect_tui.core.sprint_checkpoint import Checkpoint
from prospect_tui.core.sprint_clock import SprintClock
from prospect_tui.core.sprint_end import end_sprint
from prospect_tui.core.tally import Tally
from prospect_tui.core.timer import Countdown
from prospect_tui.core.variant_choice import VariantChoice


@dataclass
class SprintSession:
    """One running sprint."""

    clock: SprintClock
    config: Config
    tz: tzinfo
    walk: QueueWalk
    variants: VariantChoice
    """The opener variant each card tries, and the counts that choose it."""
    card: Card | None = None
    logged: list[Logged] = field(default_factory=list)
    """This sprint's calls, oldest first (undo pops from the end)."""
    earlier: list[Call] = field(default_factory=list)
    """This sprint's calls from before a restart whose prospect is unknown: counted only."""
    last_call_closed_at: datetime | None = None
    """When the call left on the card as time ran out was logged or skipped: the true end."""
    set_aside: dict[int, Card] = field(default_factory=dict)
    """Cards an undo took off the screen before their call was logged, by prospect: the
    notes and objections on them wait for the prospect's turn, not lost with the card."""

    @property
    def sprint(self) -> Sprint:
        """The sprint's record, as it is to be stored."""
        return self.clock.sprint

    @sprint.setter
    def sprint(self, sprint: Sprint) -> None:
        self.clock.sprint = sprint

    @property
    def variant_dials(self) -> Counter[str]:
        """Dials per variant today, this sprint's included."""
        return self.variants.dials

    @property
    def evidence(self) -> Evidence:
        """Connects and meetings per variant over the experiment window, this sprint's included."""
        return self.variants.evidence

    # -- starting --------------------------------------------------------------

    @classmethod
    def start(
        cls,
        prospects: ProspectSource | Iterable[Prospect],
        now: datetime,
        config: Config,
        tz: tzinfo,
        calls_today: Iterable[Call] = (),
        evidence: Evidence | None = None,
        rng: Random | None = None,
        first: tuple[int, ...] = (),
    ) -> SprintSession:
        """A new sprint: its record, its queue and the first card.

        ``prospects``: the store's source (rows in calling order, whole records on
        demand) or the prospects themselves.

        ``evidence`` (the experiment window's connects and meetings per variant)
        is what adaptive assignment draws on; the sprint records the assignment used.
        ``first``: the day's picked first calls, which the queue puts up front.
        """
        minutes = config.sprint.minutes
        sprint = Sprint(
            started_at=now,
            ends_at=shift(now, timedelta(minutes=minutes)),
            minutes=minutes,
            local_date=local_date(now, tz, config.days.start_hour),
            assignment=config.experiments.assignment,
        )
        return cls.resume(sprint, (), prospects, now, config, tz, calls_today, evidence, rng, first)

    @classmethod
    def closing(
        cls, sprint: Sprint, config: Config, tz: tzinfo, calls: Sequence[Call]
    ) -> SprintSession:
        """A sprint whose time ran out while the app was closed: only to finish it.

        Its ``calls`` decide whether it counts as completed (see :meth:`finish`).
        """
        return cls(
            clock=SprintClock.of(sprint, config),
            config=config,
            tz=tz,
            walk=QueueWalk(Queue(), config.calling.window),
            variants=VariantChoice.of(config, sprint),
            earlier=list(calls),
        )

    @classmethod
    def resume(
        cls,
        sprint: Sprint,
        calls: Sequence[Call],
        prospects: ProspectSource | Iterable[Prospect],
        now: datetime,
        config: Config,
        tz: tzinfo,
        calls_today: Iterable[Call] = (),
        evidence: Evidence | None = None,
        rng: Random | None = None,
        first: tuple[int, ...] = (),
    ) -> SprintSession:
        """Pick a sprint back up (after a crash) with the calls it already logged."""
        called = {c.prospect_id for c in calls}
        walk = QueueWalk.of(prospects, now, config.calling.window, called, first)
        session = cls(
            clock=SprintClock.of(sprint, config),
            config=config,
            tz=tz,
            walk=walk,
            variants=VariantChoice.of(config, sprint, calls_today, evidence, rng),
        )
        for call in calls:
            prospect = walk.prospect(call.prospect_id)
            if prospect is None:
                session.earlier.append(call)
            else:
                # The state before a call is not stored, so a call from before the
                # restart counts in the stats but cannot be taken back.
                session.logged.append(
                    Logged(call=call, prospect=prospect, before=prospect, undoable=False)
                )
        session._advance(now)
        return session

    # -- the clock -------------------------------------------------------------

    @property
    def countdown(self) -> Countdown:
        """The sprint's timer, from its stored instants."""
        return self.clock.countdown

    def _observe(self, now: datetime) -> None:
        """Read the clock; if it was set back, the card's instants move back with the sprint's."""
        back = self.clock.observe(now)
        if not back:
            return
        if self.card is not None:
            self.card.shown_at = shift(self.card.shown_at, back)
        if self.last_call_closed_at is not None:
            self.last_call_closed_at = shift(self.last_call_closed_at, back)

    def remaining(self, now: datetime) -> timedelta:
        """Time left in the sprint (never more than it had before the clock was set back)."""
        self._observe(now)
        return self.countdown.remaining(now)

    def is_paused(self, now: datetime) -> bool:
        """Whether the clock is stopped."""
        self._observe(now)
        return self.countdown.is_paused(now)

    def time_up(self, now: datetime) -> bool:
        """Whether the sprint's time has run out."""
        self._observe(now)
        return self.countdown.finished(now)

    def last_call(self, now: datetime) -> bool:
        """Time is up with a prospect on the card: log that call (or skip) to end the sprint."""
        return self.time_up(now) and self.card is not None

    def over(self, now: datetime) -> bool:
        """Time is up and no call is left open: the sprint can end."""
        return self.time_up(now) and self.card is None

    def can_pause(self, now: datetime) -> bool:
        """Whether a pause can start now: time left, and some of the pause allowance."""
        return not self.time_up(now) and self.countdown.pause_left(now) > timedelta(0)

    def pause_ran_out(self, now: datetime) -> bool:
        """Whether a pause has just used up the allowance (True once): the clock, and the
        call on the card, run again from the moment it ran out."""
        self._observe(now)
        cut = self.clock.settle(now)
        if cut is None:
            return False
        if self.card is not None:
            self.card.shown_at = cut
        return True

    def toggle_pause(self, now: datetime) -> bool:
        """Pause or resume; returns whether the sprint is now paused.

        Once the time is up there is nothing left to pause: a pause would push
        the end later and bring new prospects onto a sprint that is over.
        """
        if self.time_up(now) and self.sprint.paused_at is None:
            return False
        paused = self.clock.toggle_pause(now)
        if not paused and self.card is not None:
            self.card.shown_at = now  # time paused is not call time
        return paused

    # -- the queue ---------------------------------------------------------------

    @property
    def called(self) -> set[int]:
        """Prospects called in this sprint."""
        return {entry.call.prospect_id for entry in self.logged}

    @property
    def skipped(self) -> list[int]:
        """Prospects skipped in this sprint, waiting at the back for their turn."""
        return self.walk.skipped

    def upcoming(self, count: int) -> list[Prospect]:
        """The next few after the current card."""
        return self.walk.upcoming(count, self.called)

    def _advance(self, now: datetime) -> None:
        """Show the next callable prospect, or nobody."""
        if self.walk.stale(now):
            self.rebuild(now)
        entry = self.walk.next(now, self.called)
        if entry is None:
            self.card = None
            return
        kept = self.set_aside.pop(entry.prospect.id, None)
        if kept is not None:
            # The call was under way when an undo took its card: it carries on.
            self.card = replace(kept, prospect=entry.prospect, why=entry.why.value, shown_at=now)
            return
        variant = self.variants.pick()
        self.card = Card(
            prospect=entry.prospect, why=entry.why.value, shown_at=now, variant=variant
        )

    def rebuild(self, now: datetime) -> None:
        """Sort the queue again (callbacks come due, windows open and close).

        From the source as it is now: the store's has every call this sprint
        wrote. The card on screen is left out unless it was just skipped; the
        skipped keep their place at the back, after everyone else.
        """
        current = self.card.prospect.id if self.card else None
        self.walk.rebuild(now, self.called, current)

    # -- keys ----------------------------------------------------------------------

    def log(self, outcome_id: str, now: datetime, callback_at: datetime | None = None) -> Logged:
        """Log the card's call with ``outcome_id`` and move to the next prospect.

        On the last call (time is up) no next prospect is shown: the sprint is over.
        """
        self._observe(now)
        card = self.card
        if card is None:
            raise LookupError("no prospect on screen")
        logged = log_outcome(
            card.prospect,
            outcome_id,
            started_at=card.shown_at,
            ended_at=now,
            user_tz=self.tz,
            start_hour=self.config.days.start_hour,
            sprint_id=self.sprint.id,
            variant=card.variant.name if card.variant else None,
            notes=card.notes,
            callback_at=callback_at,
            objections=card.objections,
        )
        self.logged.append(logged)
        if card.variant:
            self.variants.count(card.variant.name, outcome_id)
        self._next(now)
        return logged

    def amend(self, logged: Logged, amended: Logged) -> bool:
        """Put ``amended`` in place of this sprint's call ``logged`` (an answer given after it).

        False if ``logged`` is no longer among this sprint's calls (it was undone).
        """
        for index, entry in enumerate(self.logged):
            if entry is logged:
                self.logged[index] = amended
                return True
        return False

    def skip(self, now: datetime) -> None:
        """Not a dial: this prospect waits until everyone else has had a turn."""
        if self.card is not None:
            self.walk.skip(self.card.prospect.id)
        self._next(now)

    def _next(self, now: datetime) -> None:
        """After the card's call: the next prospect, or none once the time is up."""
        if self.time_up(now):
            self.card = None
            self.last_call_closed_at = now
            return
        self._advance(now)

    def undo(self, now: datetime) -> Logged | None:
        """Take back the last outcome; its prospect is on screen again.

        None when there is nothing this session can take back: no call yet, or
        the last one was logged before a restart (see :meth:`can_undo`).
        """
        if not self.can_undo:
            return None
        last = self.logged.pop()
        if last.call.variant:
            self.variants.count(last.call.variant, last.call.outcome, -1)
        if self.card is not None:
            self.walk.step_back()
            self.set_aside[self.card.prospect.id] = self.card
        variant = self.variants.named(last.call.variant)
        call = last.call
        self.card = Card(last.before, "undone", now, variant, call.notes, list(call.objections))
        return last

    def checkpoint(self) -> Checkpoint:
        """The state to :meth:`restore` if what the next key does cannot be saved."""
        return Checkpoint.of(self)

    def restore(self, mark: Checkpoint) -> None:
        """Put the session back as it was at ``mark``."""
        mark.restore(self)

    @property
    def can_undo(self) -> bool:
        """Whether the last outcome can be taken back."""
        return bool(self.logged) and self.logged[-1].undoable

    def tally(self) -> Tally:
        """This sprint's dials, connects and meetings."""
        return Tally.of([*self.earlier, *(entry.call for entry in self.logged)])

    def why_empty(self, now: datetime) -> str:
        """Why there is nobody to call, and when someone will be."""
        return self.walk.queue.why_empty(now)

    # -- ending --------------------------------------------------------------------

    def finish(
        self,
        now: datetime,
        status: SprintStatus,
        reason: str | None = None,
        reason_kind: str | None = None,
        reason_text: str = "",
    ) -> tuple[Sprint, list[TimeEntry]]:
        """The ended sprint and its calling time (pauses excluded), split by day.

        A sprint asked to end as completed without a single dial is recorded as
        abandoned for :data:`~core.reasons.NO_DIALS`: time spent with nobody
        called is not a completed sprint. The session itself is left as it was,
        so a write of the result that fails leaves the sprint running.
        """
        self._observe(now)
        return self.cut(now, status, reason, reason_kind, reason_text)

    def cut(
        self,
        at: datetime,
        status: SprintStatus,
        reason: str | None = None,
        reason_kind: str | None = None,
        reason_text: str = "",
    ) -> tuple[Sprint, list[TimeEntry]]:
        """The sprint ended at ``at``, without reading the clock: :meth:`finish` at
        ``now``, or an earlier moment the app went away (the user chose not to
        count the time since)."""
        return end_sprint(
            self.sprint,
            self.countdown,
            at,
            status,
            tz=self.tz,
            start_hour=self.config.days.start_hour,
            dials=self.tally().dials,
            last_call_closed_at=self.last_call_closed_at,
            reason=reason,
            reason_kind=reason_kind,
            reason_text=reason_text,
        )
