"""The clock of a research or follow-up session, and the time entries that record it.

Shared by the research and follow-up screens. The session's time entries are
written every :data:`CHECKPOINT` (each keeps its id, so a checkpoint replaces
the last one's) and once more when the session ends: a ``kill -9`` loses at
most the time since the last checkpoint, and there is never an open record
to close on the next start.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import ClassVar

from prospect_tui.core.categories import Category
from prospect_tui.core.clock import between
from prospect_tui.core.days import local_date
from prospect_tui.core.errors import ProspectError
from prospect_tui.core.model import TimeEntry
from prospect_tui.core.review import planned_minutes
from prospect_tui.core.time_entries import TimedSession
from prospect_tui.keymap import key_for
from prospect_tui.messages import ErrorRaised
from prospect_tui.screens.base import AppScreen
from prospect_tui.services import Services
from prospect_tui.widgets.session_bar import SessionBar

CHECKPOINT = timedelta(seconds=30)
"""How often a running session's time is written: the most a crash can lose."""


class SessionClock:
    """One session of ``category`` from now: its clock, today's total and the plan."""

    def __init__(self, services: Services, category: Category) -> None:
        self.services = services
        clock, config = services.clock, services.config
        now = clock.now()
        today = local_date(now, clock.tz, config.days.start_hour)
        repository = services.repository
        # Yesterday's entries too: a night owl's sprint can end after today began.
        self.earlier: list[TimeEntry] = [
            *repository.time_entries_on(today - timedelta(days=1)),
            *repository.time_entries_on(today),
        ]
        self.session = TimedSession(
            category,
            now,
            clock.tz,
            config.days.start_hour,
            taken=tuple((e.started_at, e.ended_at) for e in self.earlier),
        )
        self.saved_at = now
        self.ended = False

    @property
    def category(self) -> Category:
        """What the session's time counts as."""
        return self.session.category

    def today(self, now: datetime) -> date:
        """The user's day ``now`` counts for."""
        return local_date(now, self.services.clock.tz, self.services.config.days.start_hour)

    def spent_today(self, now: datetime) -> timedelta:
        """Time in this category today: earlier entries and this session's."""
        day = self.today(now)
        earlier = sum(
            e.seconds for e in self.earlier if e.local_date == day and e.category is self.category
        )
        return timedelta(seconds=earlier + self.session.seconds_on(day, now))

    def planned_today(self, now: datetime) -> float:
        """Minutes the plan gives this category on today's weekday."""
        return planned_minutes(self.services.config, self.today(now))[self.category]

    def due(self, now: datetime) -> bool:
        """Whether a checkpoint is due."""
        return not self.ended and between(self.saved_at, now) >= CHECKPOINT

    def save(self, now: datetime) -> None:
        """Write the session's time up to ``now`` (raises the store's errors)."""
        if self.ended:
            return
        # A write that fails (a full disk) is retried at the next checkpoint, not
        # every second: one error, not a storm of them.
        self.saved_at = now
        entries = self.session.entries(now)
        if entries:
            self.services.repository.save_time_entries(entries)
            self.session.stored(entries)

    def end(self, now: datetime) -> None:
        """Write the session's time a last time; nothing is written after this."""
        self.save(now)
        self.ended = True


class TimedScreen(AppScreen[None]):
    """A screen that is a session of :attr:`CATEGORY`: its clock runs while it is open.

    Subclasses yield a :class:`SessionBar` with the id ``session-bar`` and call
    :meth:`start_session` when mounted; leaving the screen by any way (the app
    quitting too) ends the session and records its time.
    """

    CATEGORY: ClassVar[Category]
    END: ClassVar[tuple[str, str]]
    """The scope and action of the key that ends the session (named on the session bar)."""

    session_clock: SessionClock | None = None

    def start_session(self) -> None:
        """Start the session's clock now and redraw it every second."""
        try:
            self.session_clock = SessionClock(self.services, self.CATEGORY)
        except ProspectError as error:
            self.post_message(ErrorRaised(error))
        self.tick_session()
        self.set_interval(1, self.tick_session)

    def tick_session(self) -> None:
        """Redraw the session's clock; write its time when a checkpoint is due."""
        session = self.session_clock
        if session is None or not self.is_attached:
            return
        now = self.services.clock.now()
        if session.due(now):
            self._write(session.save)
        self.query_one("#session-bar", SessionBar).show(
            self.CATEGORY,
            session.session.elapsed(now),
            session.spent_today(now),
            session.planned_today(now),
            key_for(*self.END, self.services.config),
        )

    def _write(self, write: Callable[[datetime], None]) -> None:
        try:
            write(self.services.clock.now())
        except ProspectError as error:
            self.post_message(ErrorRaised(error))

    def end_session(self) -> None:
        """Record the session's time a last time (once)."""
        if self.session_clock is not None and not self.session_clock.ended:
            self._write(self.session_clock.end)

    def on_unmount(self) -> None:
        self.end_session()
