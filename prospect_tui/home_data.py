"""What the home screen shows, read from the workspace off the UI thread.

Kept apart from the screen so that nothing here is imported before the first
frame: the home screen asks for it from its worker.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from prospect_tui.core.days import local_date
from prospect_tui.core.due_today import DueToday, due_today
from prospect_tui.core.model import FollowUp, SprintStatus
from prospect_tui.core.plan import Upcoming, next_block
from prospect_tui.core.sprint import SprintSession
from prospect_tui.core.streak import Streak, streak
from prospect_tui.core.tally import DayProgress, day_progress
from prospect_tui.services import Services


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
    due: DueToday = field(default_factory=DueToday)
    """The callbacks and meetings due today, and those overdue."""


def gather(services: Services, *, recover: bool = False) -> HomeSummary:
    """Read the workspace and work out the home screen's numbers.

    With ``recover`` (the first read after start-up), a sprint left running by
    a crash or ``kill -9`` is picked back up if its time is not over, and
    recorded as completed if it is.
    """
    repository, config, tz = services.repository, services.config, services.clock.tz
    now = services.clock.now()
    resume, number, notice = None, 0, ""
    running = repository.running_sprint() if recover else None
    if running is not None:
        closing = SprintSession.closing(running, config, tz, repository.calls_of_sprint(running))
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
        else:
            resume = SprintSession.resume(
                running,
                repository.calls_of_sprint(running),
                repository.prospects(),
                now,
                config,
                tz,
                repository.calls_on(running.local_date),
            )
            number = repository.sprints_started_on(running.local_date)
    today = local_date(now, tz, config.days.start_hour)

    def zone_of(followup: FollowUp) -> str | None:
        prospect = repository.prospect(followup.prospect_id)
        return prospect.timezone if prospect is not None else None

    return HomeSummary(
        has_prospects=repository.has_prospects(),
        today=day_progress(
            today, repository.calls_on(today), repository.sprints_on(today), config.goal
        ),
        streak=streak(
            repository.completed_sprints_by_day(),
            repository.dials_by_day(),
            today,
            today=today,
            working=config.days.working,
            goal=config.goal,
        ),
        upcoming=next_block(config.blocks, now, tz),
        now=now,
        resume=resume,
        resume_number=number,
        notice=notice,
        due=due_today(
            repository.followups(open_only=True), now, tz, config.days.start_hour, zone_of
        ),
    )
