"""A calling sprint as it runs: the card on screen, the queue behind it, the stats.

Pure state, driven by the sprint screen and an injected clock: an outcome
key turns into :meth:`SprintSession.log` (a :class:`~core.outcome_effects.Logged`
for the repository to write) and the next card is already chosen. The
timer is the stored :class:`~core.timer.Countdown`; nothing here ticks.

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
from itertools import islice
from random import Random

from prospect_tui.core.assignments import ADAPTIVE
from prospect_tui.core.clock import between, shift
from prospect_tui.core.config import Config, Variant
from prospect_tui.core.days import local_date
from prospect_tui.core.experiments import (
    Evidence,
    dials_per_variant,
    next_variant,
    thompson_variant,
)
from prospect_tui.core.model import Call, Prospect, Sprint, SprintStatus, TimeEntry
from prospect_tui.core.outcome_effects import Logged, log_outcome
from prospect_tui.core.queue import Entry, Queue, build, callable_now
from prospect_tui.core.sprint_end import end_sprint
from prospect_tui.core.tally import Tally
from prospect_tui.core.timer import ZERO, Countdown

REBUILD_EVERY = timedelta(minutes=5)
"""How often the queue is rebuilt so callbacks coming due and windows opening show up."""


@dataclass
class Card:
    """The prospect on screen and the call being made to them."""

    prospect: Prospect
    why: str
    shown_at: datetime
    """When the card appeared: the call's start."""
    variant: Variant | None
    notes: str = ""


@dataclass(frozen=True)
class Checkpoint:
    """A session's state at one moment, to put back when a write behind a key fails."""

    sprint: Sprint
    card: Card | None
    card_state: tuple[datetime, str] | None
    logged: list[Logged]
    skipped: list[int]
    variant_dials: Counter[str]
    evidence: Evidence
    known: dict[int, Prospect]
    queue: Queue
    entries: list[Entry]
    position: int
    last_call_closed_at: datetime | None


@dataclass
class SprintSession:
    """One running sprint."""

    sprint: Sprint
    config: Config
    tz: tzinfo
    queue: Queue
    card: Card | None = None
    logged: list[Logged] = field(default_factory=list)
    """This sprint's calls, oldest first (undo pops from the end)."""
    skipped: list[int] = field(default_factory=list)
    variant_dials: Counter[str] = field(default_factory=Counter)
    """Dials per variant today, for fair assignment."""
    evidence: Evidence = field(default_factory=Evidence)
    """Connects and meetings per variant over the experiment window, for adaptive assignment."""
    rng: Random = field(default_factory=Random)
    """The draws of adaptive assignment (seeded in tests)."""
    earlier: list[Call] = field(default_factory=list)
    """This sprint's calls from before a restart whose prospect is unknown: counted only."""
    last_call_closed_at: datetime | None = None
    """When the call left on the card as time ran out was logged or skipped: the true end."""
    _position: int = 0
    _seen: datetime | None = None
    """The latest instant the session was shown, to notice a clock set back."""
    _known: dict[int, Prospect] = field(default_factory=dict)
    """Every prospect the queue was built from, the left-out ones too (for rebuilds)."""

    # -- starting --------------------------------------------------------------

    @classmethod
    def start(
        cls,
        prospects: Iterable[Prospect],
        now: datetime,
        config: Config,
        tz: tzinfo,
        calls_today: Iterable[Call] = (),
        evidence: Evidence | None = None,
        rng: Random | None = None,
    ) -> SprintSession:
        """A new sprint: its record, its queue and the first card.

        ``evidence`` (the experiment window's connects and meetings per variant)
        is what adaptive assignment draws on; the sprint records the assignment used.
        """
        minutes = config.sprint.minutes
        sprint = Sprint(
            started_at=now,
            ends_at=shift(now, timedelta(minutes=minutes)),
            minutes=minutes,
            local_date=local_date(now, tz, config.days.start_hour),
            assignment=config.experiments.assignment,
        )
        return cls.resume(sprint, (), prospects, now, config, tz, calls_today, evidence, rng)

    @classmethod
    def closing(
        cls, sprint: Sprint, config: Config, tz: tzinfo, calls: Sequence[Call]
    ) -> SprintSession:
        """A sprint whose time ran out while the app was closed: only to finish it.

        Its ``calls`` decide whether it counts as completed (see :meth:`finish`).
        """
        return cls(sprint=sprint, config=config, tz=tz, queue=Queue(), earlier=list(calls))

    @classmethod
    def resume(
        cls,
        sprint: Sprint,
        calls: Sequence[Call],
        prospects: Iterable[Prospect],
        now: datetime,
        config: Config,
        tz: tzinfo,
        calls_today: Iterable[Call] = (),
        evidence: Evidence | None = None,
        rng: Random | None = None,
    ) -> SprintSession:
        """Pick a sprint back up (after a crash) with the calls it already logged."""
        known = {p.id: p for p in prospects}
        called = {c.prospect_id for c in calls}
        session = cls(
            sprint=sprint,
            config=config,
            tz=tz,
            queue=build(known.values(), now, config.calling.window, called),
            variant_dials=dials_per_variant(calls_today),
            evidence=evidence or Evidence(),
            rng=rng or Random(),
            _known=known,
        )
        for call in calls:
            prospect = known.get(call.prospect_id)
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
        s = self.sprint
        return Countdown(
            started_at=s.started_at,
            ends_at=s.ends_at,
            paused_at=s.paused_at,
            paused=timedelta(seconds=s.paused_s),
            pause_allowance=timedelta(minutes=self.config.sprint.max_pause_minutes),
        )

    def _set_countdown(self, countdown: Countdown) -> None:
        self.sprint = replace(
            self.sprint,
            ends_at=countdown.ends_at,
            paused_at=countdown.paused_at,
            paused_s=countdown.paused.total_seconds(),
        )

    def _observe(self, now: datetime) -> None:
        """Notice a wall clock set back, and keep the sprint's time left as it was.

        Remaining time is ``end - now``, which is right after a suspend or a stop
        (the clock moved on and so did the sprint). A clock set back would add
        the jump to the time left, so every instant of the sprint moves back by
        it: the countdown carries on from where it was.
        """
        seen = self._seen
        self._seen = now
        # Instants are compared as elapsed time: on the night clocks go back the
        # wall clock repeats an hour that the sprint really lives through.
        back = between(seen, now) if seen is not None else ZERO
        if back >= ZERO:
            return
        self._set_countdown(self.countdown.shifted(back))
        self.sprint = replace(self.sprint, started_at=shift(self.sprint.started_at, back))
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

    def toggle_pause(self, now: datetime) -> bool:
        """Pause or resume; returns whether the sprint is now paused.

        Once the time is up there is nothing left to pause: a pause would push
        the end later and bring new prospects onto a sprint that is over.
        """
        if self.time_up(now) and self.sprint.paused_at is None:
            return False
        countdown = self.countdown.settled(now)
        countdown = countdown.resume(now) if countdown.paused_at else countdown.pause(now)
        self._set_countdown(countdown)
        if countdown.paused_at is None and self.card is not None:
            self.card.shown_at = now  # time paused is not call time
        return countdown.paused_at is not None

    # -- the queue ---------------------------------------------------------------

    @property
    def called(self) -> set[int]:
        """Prospects called in this sprint."""
        return {entry.call.prospect_id for entry in self.logged}

    def upcoming(self, count: int) -> list[Prospect]:
        """The next few after the current card."""
        called = self.called
        found: list[Prospect] = []
        for entry in islice(self.queue.entries, self._position, None):
            if len(found) == count:
                break
            if entry.prospect.id not in called:
                found.append(entry.prospect)
        return found

    def _advance(self, now: datetime) -> None:
        """Show the next callable prospect, checking only the head against the clock."""
        built = self.queue.built_at
        if built is not None and between(built, now) >= REBUILD_EVERY:
            self.rebuild(self.latest_prospects(), now)
        window = self.config.calling.window
        entries = self.queue.entries
        called = self.called
        while self._position < len(entries):
            entry = entries[self._position]
            self._position += 1
            if entry.prospect.id in called or not callable_now(entry.prospect, now, window):
                continue
            self._show(entry, now)
            return
        if self.skipped:
            self._requeue_skipped(now)
            return
        self.card = None

    def _requeue_skipped(self, now: datetime) -> None:
        """Come round to the skipped ones once everyone else has been called."""
        skipped, self.skipped = self.skipped, []
        by_id = {e.prospect.id: e for e in self.queue.entries}
        self.queue.entries.extend(by_id[i] for i in skipped if i in by_id)
        self._advance(now)

    def _show(self, entry: Entry, now: datetime) -> None:
        if self.sprint.assignment == ADAPTIVE:
            variant = thompson_variant(self.config.variants, self.evidence, self.rng)
        else:
            variant = next_variant(self.config.variants, self.variant_dials)
        self.card = Card(
            prospect=entry.prospect, why=entry.why.value, shown_at=now, variant=variant
        )

    def rebuild(self, prospects: Iterable[Prospect], now: datetime) -> None:
        """Sort the queue again (callbacks come due, windows open and close).

        The card on screen is left out unless it was just skipped; the skipped keep
        their place at the back, after everyone else.
        """
        self._known = {p.id: p for p in prospects}
        current = self.card.prospect.id if self.card else None
        held = set(self.skipped)
        called = self.called | ({current} if current is not None and current not in held else set())
        self.queue = build(self._known.values(), now, self.config.calling.window, called)
        self.queue.entries.sort(key=lambda entry: entry.prospect.id in held)  # stable
        self.skipped = []
        self._position = 0

    def latest_prospects(self) -> list[Prospect]:
        """Every prospect the sprint knows, with this sprint's calls applied."""
        latest = dict(self._known)
        latest.update((entry.prospect.id, entry.prospect) for entry in self.logged)
        return list(latest.values())

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
        )
        self.logged.append(logged)
        if card.variant:
            self.variant_dials[card.variant.name] += 1
            self.evidence.count(card.variant.name, outcome_id)
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
            self.skipped.append(self.card.prospect.id)
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
        self._known[last.before.id] = last.before
        if last.call.variant:
            self.variant_dials[last.call.variant] -= 1
            self.evidence.count(last.call.variant, last.call.outcome, -1)
        if self.card is not None:
            self._position = max(self._position - 1, 0)
        variant = next((v for v in self.config.variants if v.name == last.call.variant), None)
        self.card = Card(
            prospect=last.before, why="undone", shown_at=now, variant=variant, notes=last.call.notes
        )
        return last

    def checkpoint(self) -> Checkpoint:
        """The state to :meth:`restore` if what the next key does cannot be saved."""
        card = self.card
        return Checkpoint(
            sprint=self.sprint,
            card=card,
            card_state=(card.shown_at, card.notes) if card else None,
            logged=list(self.logged),
            skipped=list(self.skipped),
            variant_dials=Counter(self.variant_dials),
            evidence=self.evidence.copy(),
            known=dict(self._known),
            queue=self.queue,
            entries=list(self.queue.entries),
            position=self._position,
            last_call_closed_at=self.last_call_closed_at,
        )

    def restore(self, mark: Checkpoint) -> None:
        """Put the session back as it was at ``mark``."""
        self.sprint = mark.sprint
        self.card = mark.card
        if mark.card is not None and mark.card_state is not None:
            mark.card.shown_at, mark.card.notes = mark.card_state
        self.logged = list(mark.logged)
        self.skipped = list(mark.skipped)
        self.variant_dials = Counter(mark.variant_dials)
        self.evidence = mark.evidence.copy()
        self._known = dict(mark.known)
        self.queue = mark.queue
        self.queue.entries[:] = mark.entries
        self._position = mark.position
        self.last_call_closed_at = mark.last_call_closed_at

    @property
    def can_undo(self) -> bool:
        """Whether the last outcome can be taken back."""
        return bool(self.logged) and self.logged[-1].undoable

    def tally(self) -> Tally:
        """This sprint's dials, connects and meetings."""
        return Tally.of([*self.earlier, *(entry.call for entry in self.logged)])

    def why_empty(self, now: datetime) -> str:
        """Why there is nobody to call, and when someone will be."""
        return self.queue.why_empty(now)

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
        return end_sprint(
            self.sprint,
            self.countdown,
            now,
            status,
            tz=self.tz,
            start_hour=self.config.days.start_hour,
            dials=self.tally().dials,
            last_call_closed_at=self.last_call_closed_at,
            reason=reason,
            reason_kind=reason_kind,
            reason_text=reason_text,
        )

    def cut(self, at: datetime, status: SprintStatus) -> tuple[Sprint, list[TimeEntry]]:
        """The sprint ended at ``at``, an earlier moment: the app went away then, and
        the user chose not to count the time since (see :func:`finish`)."""
        return end_sprint(
            self.sprint,
            self.countdown,
            at,
            status,
            tz=self.tz,
            start_hour=self.config.days.start_hour,
            dials=self.tally().dials,
            last_call_closed_at=self.last_call_closed_at,
        )
