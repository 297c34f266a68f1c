"""The day against its goal, seen from inside a sprint: sprints and dials, as bars."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical

from prospect_tui.core.config import GoalSettings
from prospect_tui.core.tally import meets_goal
from prospect_tui.widgets.bar import ValueBar


class DayGoal(Vertical):
    """``Sprints ███░░ 1 / 2`` and ``Dials █████░ 21 / 30`` for today."""

    def compose(self) -> ComposeResult:
        yield ValueBar("Sprints", id="goal-sprints")
        yield ValueBar("Dials", id="goal-dials")

    def on_mount(self) -> None:
        self._sprints = self.query_one("#goal-sprints", ValueBar)
        self._dials = self.query_one("#goal-dials", ValueBar)
        self._shown: tuple[int, int] | None = None

    def show(self, sprints: int, dials: int, goal: GoalSettings) -> None:
        """Completed sprints and dials so far today, against ``goal``."""
        if (sprints, dials) == self._shown:
            return  # the stats redraw after every key; the bars change only with a dial
        self._shown = (sprints, dials)
        self._sprints.set(sprints, goal.sprints, _against(sprints, goal.sprints))
        self._dials.set(
            dials, goal.dials, _against(dials, goal.dials) if goal.dials else f"{dials}"
        )
        met = meets_goal(sprints, dials, goal)
        self.border_title = "Today · goal met ✓" if met else "Today"


def _against(value: int, goal: int) -> str:
    return f"{value} / {goal}" + (" ✓" if value >= goal else "")
