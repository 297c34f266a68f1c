"""A labelled count against a goal: ``Sprints 1 / 2`` and a bar."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import ProgressBar, Static


class Meter(Horizontal):
    """How far a number has come towards its goal."""

    def __init__(self, label: str, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="meter")
        self.label = label

    def compose(self) -> ComposeResult:
        yield Static(classes="meter-label")
        yield ProgressBar(total=1, show_eta=False, show_percentage=False)

    def set(self, value: int, goal: int) -> None:
        """Show ``value`` against ``goal``."""
        done = " ✓" if goal and value >= goal else ""
        self.query_one(Static).update(f"{self.label:<8} [b]{value}[/b] / {goal}{done}")
        self.query_one(ProgressBar).update(total=max(goal, 1), progress=min(value, goal))
