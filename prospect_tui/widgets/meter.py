"""A labelled count against a goal: ``Sprints 1 / 2`` and a bar."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import ProgressBar, Static


class Meter(Horizontal):
    """How far a number has come towards its goal."""

    def __init__(self, label: str, value: int, goal: int, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="meter")
        self.label = label
        self.value = value
        self.goal = goal

    def compose(self) -> ComposeResult:
        yield Static(self._text(), classes="meter-label")
        yield ProgressBar(total=max(self.goal, 1), show_eta=False, show_percentage=False)

    def on_mount(self) -> None:
        self.query_one(ProgressBar).update(progress=min(self.value, self.goal))

    def _text(self) -> str:
        done = " ✓" if self.goal and self.value >= self.goal else ""
        return f"{self.label:<8} [b]{self.value}[/b] / {self.goal}{done}"
