"""The top line: the app's name, what screen this is, and the time on the injected clock."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static

from prospect_tui.core.clock import Clock
from prospect_tui.widgets.text import fill


class TitleBar(Horizontal):
    """``Prospect · Home`` on the left, ``Sun 22 Nov 15:30`` on the right."""

    def __init__(self, clock: Clock, where: str) -> None:
        super().__init__()
        self.clock = clock
        self.where = where

    def compose(self) -> ComposeResult:
        yield Static(fill("[b]Prospect[/b] · $where", where=self.where), id="title-where")
        yield Static(self._now(), id="title-clock")

    def on_mount(self) -> None:
        self.set_interval(15, self.tick)

    def show_where(self, where: str) -> None:
        """Say which screen (or which day of it) this is."""
        self.where = where
        self.query_one("#title-where", Static).update(fill("[b]Prospect[/b] · $where", where=where))

    def tick(self) -> None:
        """Show the clock's time (minutes are enough up here)."""
        self.query_one("#title-clock", Static).update(self._now())

    def _now(self) -> str:
        return f"{self.clock.now():%a %d %b  %H:%M}"
