"""A day's numbers: dials, connects, meetings, sprints — against the goal."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from prospect_tui.core.config import GoalSettings
from prospect_tui.core.model import Call, Sprint, SprintStatus
from prospect_tui.core.outcomes import CONNECTED, MEETING


def meets_goal(sprints_completed: int, dials: int, goal: GoalSettings) -> bool:
    """Whether a day with these numbers met the goal: the one rule for the streak.

    Both parts must be reached: the completed calling sprints and the dials
    (``goal.dials = 0`` switches the dials part off). The home screen, the
    review and the streak all ask here, so they can never disagree.
    """
    return sprints_completed >= goal.sprints and (goal.dials == 0 or dials >= goal.dials)


@dataclass(frozen=True, slots=True)
class Tally:
    """Dials, connects and meetings of some calls."""

    dials: int = 0
    connects: int = 0
    meetings: int = 0

    @classmethod
    def of(cls, calls: Iterable[Call]) -> Tally:
        """Count ``calls``: every outcome is a dial."""
        dials = connects = meetings = 0
        for call in calls:
            dials += 1
            connects += call.outcome in CONNECTED
            meetings += call.outcome == MEETING
        return cls(dials, connects, meetings)

    def counted(self) -> list[str]:
        """``["1 dial", "0 connects", "2 meetings"]``: the numbers as a person says them."""
        return [
            counted(self.dials, "dial"),
            counted(self.connects, "connect"),
            counted(self.meetings, "meeting"),
        ]


def counted(count: int, noun: str) -> str:
    """``1 dial``, ``2 dials``, ``0 dials``, ``1,234 dials``: every count said to the user
    goes through here, so none reads ``1 dials``."""
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


@dataclass(frozen=True, slots=True)
class DayProgress:
    """How a day is going."""

    day: date
    tally: Tally
    sprints_completed: int
    sprints_abandoned: int
    goal: GoalSettings

    @property
    def goal_met(self) -> bool:
        """Whether the day counts for the streak."""
        return meets_goal(self.sprints_completed, self.tally.dials, self.goal)


def day_progress(
    day: date, calls: Iterable[Call], sprints: Iterable[Sprint], goal: GoalSettings
) -> DayProgress:
    """The progress of ``day`` from its calls and all sprints."""
    todays = [s for s in sprints if s.local_date == day]
    return DayProgress(
        day=day,
        tally=Tally.of(c for c in calls if c.local_date == day),
        sprints_completed=sum(s.status is SprintStatus.COMPLETED for s in todays),
        sprints_abandoned=sum(s.status is SprintStatus.ABANDONED for s in todays),
        goal=goal,
    )
