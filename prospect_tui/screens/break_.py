"""The break between sprints: a countdown, a nudge to stand up, then the next sprint."""

from __future__ import annotations

from datetime import timedelta

from textual.app import ComposeResult
from textual.containers import Center, Vertical
from textual.widgets import Static

from prospect_tui.core.model import Sprint
from prospect_tui.core.progress import Tally
from prospect_tui.core.timer import Countdown
from prospect_tui.screens.base import AppScreen
from prospect_tui.screens.keymap import bindings, key_for
from prospect_tui.widgets.countdown import CountdownDisplay
from prospect_tui.widgets.key_bar import KeyBar
from prospect_tui.widgets.title_bar import TitleBar


class BreakScreen(AppScreen[None]):
    """Counts the break down from its end instant; the next sprint is one key away."""

    BINDINGS = bindings("break")

    def __init__(self, sprint: Sprint, tally: Tally, minutes: int, long: bool) -> None:
        super().__init__()
        self.sprint = sprint
        self.tally = tally
        self.minutes = minutes
        self.long = long
        self.countdown: Countdown | None = None
        self.over = False

    def compose(self) -> ComposeResult:
        kind = "Long break" if self.long else "Break"
        yield TitleBar(self.services.clock, kind)
        tally = self.tally
        with Center(), Vertical(id="break-body"):
            yield Static(
                f"[b]Sprint complete.[/b] {tally.dials} dials · {tally.connects} connects · "
                f"{tally.meetings} meetings",
                id="break-summary",
            )
            yield CountdownDisplay(id="break-countdown", classes="panel")
            yield Static(self._advice(), id="break-advice")
        yield KeyBar()

    def _advice(self) -> str:
        next_key = key_for("break", "next_sprint", self.services.config)
        rest = (
            "Walk away from the desk for a real rest."
            if self.long
            else "Stand up, stretch, drink some water."
        )
        return f"{rest} Press [b]{next_key}[/b] to start the next sprint now."

    def on_mount(self) -> None:
        now = self.services.clock.now()
        self.countdown = Countdown.starting(now, timedelta(minutes=self.minutes))
        self.query_one("#break-countdown").border_title = "Break"
        self.set_interval(0.25, self.tick)
        self.tick()

    def tick(self) -> None:
        """Redraw from ``end - now``; when the break is over, say so once."""
        assert self.countdown is not None
        now = self.services.clock.now()
        left = self.countdown.remaining(now)
        self.query_one(CountdownDisplay).show(left, self.countdown.elapsed_fraction(now))
        if left == timedelta(0) and not self.over:
            self.over = True
            self.prospect_app.break_ended()

    def action_next_sprint(self) -> None:
        self.prospect_app.start_sprint()

    def action_home(self) -> None:
        self.prospect_app.go_home()
