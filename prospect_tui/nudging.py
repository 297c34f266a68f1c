"""One round of nudge checks over the store: shared by the app's timer and ``prospect nudge``.

The rules are :mod:`prospect_tui.core.nudges`'; here the day is read from the
repository, the round decided, and what it settled recorded, so that a nudge
fires once whoever runs the round (the app, or cron while it is closed) and
however often they restart. :class:`AppNudges` runs the app's rounds, which
also watch for a drift away from a running sprint.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime, timedelta, tzinfo

from prospect_tui.core.clock import Clock, between
from prospect_tui.core.config import Config
from prospect_tui.core.days import local_date
from prospect_tui.core.errors import ProspectError
from prospect_tui.core.keys import keymap
from prospect_tui.core.model import SentNudge, Sprint, SprintStatus
from prospect_tui.core.nudges import (
    DayState,
    Nudge,
    NudgeRound,
    choose,
    drift_nudge,
    due_nudges,
)
from prospect_tui.core.sprint import SprintSession
from prospect_tui.core.streak import planned_streak
from prospect_tui.core.tally import day_progress
from prospect_tui.store.repository import Repository


def start_key(config: Config) -> str:
    """The key that starts a sprint on the home screen, after the user's remaps."""
    return next(a.keys[0] for a in keymap("home", config.keys) if a.id == "sprint")


def sprint_running(sprint: Sprint | None, now: datetime, config: Config) -> bool:
    """Whether ``sprint`` (the store's running one) is still on its clock.

    A sprint a crash left running stays so in the store until the app next
    starts; once its time and any pause it could take are over, it is
    no longer someone calling.
    """
    if sprint is None or sprint.status is not SprintStatus.RUNNING:
        return False
    if sprint.paused_at is not None:
        return True
    grace = timedelta(minutes=config.sprint.max_pause_minutes)
    return now < sprint.ends_at + grace


def day_state(
    repository: Repository,
    config: Config,
    now: datetime,
    tz: tzinfo,
    *,
    running: bool | None = None,
) -> DayState:
    """Today as the nudge rules need it; ``running`` overrides what the store says."""
    today = local_date(now, tz, config.days.start_hour)
    sprints = repository.sprints_on(today)
    if running is None:
        running = sprint_running(repository.running_sprint(), now, config)
    yesterday = today - timedelta(days=1)
    at_stake = planned_streak(
        repository.completed_sprints_by_day(),
        repository.dials_by_day(),
        yesterday,
        today=today,
        config=config,
    ).current
    return DayState(
        sprint_starts=tuple(s.started_at for s in sprints),
        sprint_running=running,
        progress=day_progress(today, repository.calls_on(today), sprints, config.goal),
        streak_at_stake=at_stake,
    )


def nudge_round(
    repository: Repository,
    config: Config,
    now: datetime,
    tz: tzinfo,
    *,
    running: bool | None = None,
    outside_app: bool = False,
) -> NudgeRound:
    """The round due at ``now``: at most one nudge to send, and every one it settles.

    None on the plan's days off (holidays, vacation), as on any day that is not worked.
    ``outside_app``: for ``prospect nudge``, whose reader has the app to open first.
    """
    today = local_date(now, tz, config.days.start_hour)
    state = day_state(repository, config, now, tz, running=running)
    due = due_nudges(
        config,
        now,
        tz,
        state,
        start_key=f"{start_key(config)} in Prospect" if outside_app else start_key(config),
    )
    if not due:
        return NudgeRound()
    return choose(due, repository.nudge_keys_since(today - timedelta(days=1)))


def app_round(
    repository: Repository,
    config: Config,
    now: datetime,
    tz: tzinfo,
    *,
    sprint: SprintSession | None,
    blurred_at: datetime | None,
) -> NudgeRound:
    """The app's round: mid-sprint only the drift (``blurred_at``: when the terminal
    lost focus, None while it has it); otherwise :func:`nudge_round`."""
    if sprint is None:
        return nudge_round(repository, config, now, tz)
    if blurred_at is None or sprint.is_paused(now):
        return NudgeRound()
    started = sprint.sprint.started_at
    # Focus lost before the sprint began counts from its start.
    since = max(blurred_at, started, key=lambda moment: between(started, moment))
    drift = drift_nudge(
        sprint.sprint.id,
        since,
        now,
        sprint.remaining(now),
        after=timedelta(minutes=config.notify.drift_minutes),
        local_day=sprint.sprint.local_date,
    )
    if drift is None or already_sent(repository, drift):
        return NudgeRound()
    return NudgeRound(send=drift, settled=(drift,))


def settle(
    repository: Repository, nudges: Collection[Nudge], sent: Nudge | None, now: datetime
) -> None:
    """Record ``nudges`` as settled (``sent`` shown, the others held), in one journal line."""
    repository.record_nudges(
        SentNudge(
            key=n.key,
            kind=n.kind.value,
            local_date=n.local_date,
            sent_at=now,
            held=n is not sent,
        )
        for n in nudges
    )


def already_sent(repository: Repository, nudge: Nudge) -> bool:
    """Whether ``nudge``'s key was settled before (for a nudge decided outside a round)."""
    return nudge.key in repository.nudge_keys_since(nudge.local_date)


class AppNudges:
    """The app's nudge rounds: when the terminal lost focus, and each round recorded
    before what it sends is shown."""

    def __init__(self) -> None:
        self.blurred_at: datetime | None = None
        """When the terminal lost focus (None while it has it): mid-sprint, a drift."""

    def lost_focus(self, clock: Clock, config: Config) -> float:
        """The terminal lost focus: the seconds after which a drift would be due."""
        self.blurred_at = clock.now()
        drift = timedelta(minutes=config.notify.drift_minutes)
        # Checked just after the drift is due, not up to a round later.
        return drift.total_seconds() + 1

    def regained_focus(self) -> None:
        """The terminal has focus again: no drift is on its way."""
        self.blurred_at = None

    def round(
        self, repository: Repository, config: Config, clock: Clock, sprint: SprintSession | None
    ) -> Nudge | None:
        """The nudge to show now, already recorded; ``sprint``: the one on screen, if any.

        A round reads today alone, and a nudge is recorded before it is shown,
        so it fires once even if the app stops right after.
        """
        now = clock.now()
        try:
            chosen = app_round(
                repository, config, now, clock.tz, sprint=sprint, blurred_at=self.blurred_at
            )
            if chosen.send is None:
                return None
            settle(repository, chosen.settled, chosen.send, now)
        except ProspectError:
            # A nudge that cannot be recorded is not shown (it could not be kept from
            # showing again); the store's trouble shows on the next write the user makes.
            return None
        return chosen.send
