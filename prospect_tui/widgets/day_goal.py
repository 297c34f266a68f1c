"""The day against its goal, seen from inside a sprint: sprints and dials, as bars."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from prospect_tui.core.config import GoalSettings
from prospect_tui.core.tally import meets_goal
from prospect_tui.widgets.plain_bar import PlainBar


class GoalBar(Horizontal):
    """``Dials   ━━━━━━╸━━━━  21 / 30``: every part a fixed width, so a redraw needs no layout."""

    def __init__(self, label: str, *, id: str) -> None:
        super().__init__(id=id, classes="goal-bar")
        self.label = label

    def compose(self) -> ComposeResult:
        yield Static(self.label, classes="goal-label", markup=False)
        yield PlainBar()
        yield Static(classes="goal-text")

    def on_mount(self) -> None:
        self._bar = self.query_one(PlainBar)
        self._text = self.query_one(".goal-text", Static)

    def show(self, value: int, goal: int) -> None:
        """``value`` against ``goal`` (0: no goal, the bar stays empty)."""
        self._bar.show(min(value, goal), max(goal, 1))
        text = f"{value} / {goal}" + (" ✓" if value >= goal else "") if goal else f"{value}"
        self._text.update(text, layout=False)


class DayGoal(Vertical):
    """``Sprints`` and ``Dials`` today against the goal; its title says when it is met."""

    def compose(self) -> ComposeResult:
        yield GoalBar("Sprints", id="goal-sprints")
        yield GoalBar("Dials", id="goal-dials")

    def on_mount(self) -> None:
        self._sprints = self.query_one("#goal-sprints", GoalBar)
        self._dials = self.query_one("#goal-dials", GoalBar)
        self._shown: tuple[int, int] | None = None

    def show(self, sprints: int, dials: int, goal: GoalSettings) -> None:
        """Completed sprints and dials so far today, against ``goal``."""
        if (sprints, dials) == self._shown:
            return  # the stats redraw after every key and every save; this only with a dial
        self._shown = (sprints, dials)
        self._sprints.show(sprints, goal.sprints)
        self._dials.show(dials, goal.dials)
        met = meets_goal(sprints, dials, goal)
        self.border_title = "Today · goal met ✓" if met else "Today"
