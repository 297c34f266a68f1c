"""What the home screen shows, read from the workspace off the UI thread.

Kept apart from the screen so that nothing here is imported before the first
frame: the home screen asks for it from its worker.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from prospect_tui.core.assignments import ADAPTIVE
from prospect_tui.core.config import Config
from prospect_tui.core.days import local_date
from prospect_tui.core.due_today import SHOWN_TALL, DueToday, due_today
from prospect_tui.core.experiments import Evidence
from prospect_tui.core.first_calls import order, unused
from prospect_tui.core.model import Call, FirstCall, FollowUp, Sprint, SprintStatus
from prospect_tui.core.nudges import away_too_long
from prospect_tui.core.outcomes import OUTCOMES
from prospect_tui.core.plan import Upcoming, next_block
from prospect_tui.core.review import heatmap_days, window_start
from prospect_tui.core.review_view import DayMark, dial_series, heatmap_marks
from prospect_tui.core.sprint import SprintSession
from prospect_tui.core.streak import Streak, planned_streak
from prospect_tui.core.tally import DayProgress, day_progress
from prospect_tui.services import Services
from prospect_tui.store.dial_counts import DialsByDay


@dataclass(frozen=True, slots=True)
class HomeSummary:
    """Everything the home screen shows, read in one go off the UI thread."""

    has_prospects: bool
    today: DayProgress
    streak: Streak
    upcoming: Upcoming | None
    now: datetime
    resume: SprintSession | None = None
    """A sprint a crash left running, with time still on its clock."""
    resume_number: int = 0
    notice: str = ""
    away: Away | None = None
    """A sprint left running whose app was away longer than a break: ask before counting it."""

    due: DueToday = field(default_factory=DueToday)
    """The callbacks and meetings due today, and those overdue."""
    due_zones_pending: bool = False
    """Their clocks are not in ``due`` yet: :func:`due_with_zones` reads them."""
    first_calls: list[FirstCall] = field(default_factory=list)
    """Today's picked first calls no sprint has used yet, first call first."""
    marks: list[tuple[date, DayMark]] = field(default_factory=list)
    """The streak's last :data:`HEATMAP_WEEKS` weeks, day by day, for its heatmap."""
    week: list[int] = field(default_factory=list)
    """Dials on each of the last seven days, today last."""
    outcomes: list[tuple[str, int]] = field(default_factory=list)
    """Today's calls by outcome (label, count), in the outcome table's order."""


@dataclass(frozen=True, slots=True)
class Away:
    """A running sprint the app left for longer than a break (killed, or asleep)."""

    sprint: Sprint
    calls: list[Call]
    since: datetime
    """The last moment the app was known to be running it."""
    gap: timedelta


def last_seen(sprint: Sprint, calls: list[Call]) -> datetime:
    """The last moment the app was known to be running ``sprint``: its heartbeat,
    its last call, its pause, or its start."""
    moments = [sprint.started_at, *(c.ended_at for c in calls)]
    moments += [m for m in (sprint.seen_at, sprint.paused_at) if m is not None]
    return max(moments, key=lambda m: m.astimezone(UTC))


def sprint_evidence(services: Services, day: date, assignment: str | None = None) -> Evidence:
    """What adaptive assignment draws on: connects and meetings per variant over the window.

    Read only for a sprint that assigns adaptively (``assignment``, else the
    config's): fair rotation needs none, and a sprint starts sooner without it.
    """
    if (assignment or services.config.experiments.assignment) != ADAPTIVE:
        return Evidence()
    first = window_start(day, services.config.experiments.window_days)
    return Evidence.of_stats(services.repository.call_stats(first, day))


def gather(services: Services, *, recover: bool = False) -> HomeSummary:
    """Read the workspace and work out the home screen's numbers.

    With ``recover`` (the first read after start-up), a sprint left running by
    a crash or ``kill -9`` is picked back up if its time is not over, and
    recorded as completed if it is.
    """
    repository, config, tz = services.repository, services.config, services.clock.tz
    now = services.clock.now()
    resume, number, notice, away = None, 0, "", None
    running = repository.running_sprint() if recover else None
    if running is not None:
        calls = repository.calls_of_sprint(running)
        since = last_seen(running, calls)
        gap = away_too_long(since, now, config.sprint.break_minutes)
        if gap is not None:
            away = Away(running, calls, since, gap)
        else:
            resume, number, notice = pick_up(services, running, calls)
    today = local_date(now, tz, config.days.start_hour)
    calls = repository.calls_on(today)
    completed, dials = repository.completed_sprints_by_day(), repository.dials_by_day()

    # Their zones need the prospects, the biggest file: read after home shows its
    # numbers (see due_with_zones), unless something has read them already.
    zones_ready = repository.prospects_read()
    due = due_today(
        repository.followups(open_only=True),
        now,
        tz,
        config.days.start_hour,
        zone_reader(services) if zones_ready else lambda _followup: None,
        shown=SHOWN_TALL,
    )
    return HomeSummary(
        has_prospects=repository.has_prospects(),
        today=day_progress(today, calls, repository.sprints_on(today), config.goal),
        streak=planned_streak(completed, dials, today, today=today, config=config),
        upcoming=next_block(config.blocks, now, tz, config.days_off),
        now=now,
        resume=resume,
        resume_number=number,
        notice=notice,
        away=away,
        due=due,
        due_zones_pending=bool(due.count) and not zones_ready,
        first_calls=unused(repository.first_calls_on(today)),
        marks=streak_marks(completed, dials, today, config),
        week=dial_series(dials, today - timedelta(days=6), today),
        outcomes=outcome_counts(calls),
    )


HEATMAP_WEEKS = 26
"""As many weeks as home's widest streak panel shows; a narrower one shows the last few."""


def streak_marks(
    completed: Mapping[date, int], dials: DialsByDay, today: date, config: Config
) -> list[tuple[date, DayMark]]:
    """The marks of the streak's heatmap, from per-day counts (the heads of the month files)."""
    days = heatmap_days(completed, dials, config, today, HEATMAP_WEEKS)
    since = dials.first_day()  # the oldest month with a dial, not ten years of them
    return heatmap_marks(
        days, today=today, working=config.days.working, days_off=config.days_off, since=since
    )


def outcome_counts(calls: Iterable[Call]) -> list[tuple[str, int]]:
    """How many of ``calls`` ended in each outcome: every outcome, in the table's order."""
    counts = Counter(call.outcome for call in calls)
    return [(o.label, counts[o.id]) for o in OUTCOMES]


def zone_reader(services: Services) -> Callable[[FollowUp], str | None]:
    """A follow-up's prospect's zone (reads the prospects the first time)."""
    repository = services.repository

    def zone_of(followup: FollowUp) -> str | None:
        prospect = repository.prospect(followup.prospect_id)
        return prospect.timezone if prospect is not None else None

    return zone_of


def due_with_zones(services: Services) -> DueToday:
    """What is due today, each on their clock too: home's second, slower read."""
    repository, config, clock = services.repository, services.config, services.clock
    return due_today(
        repository.followups(open_only=True),
        clock.now(),
        clock.tz,
        config.days.start_hour,
        zone_reader(services),
        shown=SHOWN_TALL,
    )


def pick_up(
    services: Services, running: Sprint, calls: list[Call]
) -> tuple[SprintSession | None, int, str]:
    """Resume a sprint left running at its true remaining time, or record it if that ran out.

    Returns the session to resume (or None), its number today, and a notice for the user.
    """
    repository, config, tz = services.repository, services.config, services.clock.tz
    now = services.clock.now()
    closing = SprintSession.closing(running, config, tz, calls)
    if closing.time_up(now):
        ended, spent = closing.finish(now, SprintStatus.COMPLETED)
        repository.finish_sprint(ended, spent)
        counts = (
            "it counts as completed"
            if ended.status is SprintStatus.COMPLETED
            else "it had no dial, so it does not count"
        )
        notice = (
            f"Your sprint from {running.started_at.astimezone(tz):%H:%M} ran out while "
            f"Prospect was closed; {counts}."
        )
        return None, 0, notice
    resume = SprintSession.resume(
        running,
        calls,
        repository.queue_source(),
        now,
        config,
        tz,
        repository.calls_on(running.local_date),
        sprint_evidence(services, running.local_date, running.assignment),
        first=order(
            f for f in repository.first_calls_on(running.local_date) if f.sprint_id == running.id
        ),
    )
    return resume, repository.sprints_started_on(running.local_date), ""


def discard_away(services: Services, sprint: Sprint, calls: list[Call], since: datetime) -> str:
    """End ``sprint`` at ``since``, the moment the app went away; the time after is not counted.

    Returns the notice for the user.
    """
    tz = services.clock.tz
    closing = SprintSession.closing(sprint, services.config, tz, calls)
    ended, spent = closing.cut(since, SprintStatus.COMPLETED)
    services.repository.finish_sprint(ended, spent)
    counts = (
        "it counts as completed"
        if ended.status is SprintStatus.COMPLETED
        else "it had no dial, so it does not count"
    )
    return (
        f"Your sprint from {sprint.started_at.astimezone(tz):%H:%M} ended at "
        f"{since.astimezone(tz):%H:%M}, when Prospect went away; {counts}."
    )
