"""The break between sprints: a countdown, a nudge to stand up, then the next sprint.

It is the screen every sprint's end leads to (unless the user abandoned it),
so it says how the sprint ended, and none of its keys is an outcome key: a
key meant for the last call does nothing here (see ``core/keys.py``).
"""

from __future__ import annotations

from datetime import timedelta

from textual.app import ComposeResult
from textual.containers import Center, Vertical
from textual.content import Content
from textual.widgets import Static

from prospect_tui.core.model import Sprint, SprintStatus
from prospect_tui.core.tally import Tally
from prospect_tui.core.timer import Countdown
from prospect_tui.keymap import bindings, key_for
from prospect_tui.messages import BreakOver, GoHome, StartSprint
from prospect_tui.screens.base import AppScreen
from prospect_tui.widgets.countdown import CountdownDisplay
from prospect_tui.widgets.key_bar import KeyBar
from prospect_tui.widgets.text import fill
from prospect_tui.widgets.title_bar import TitleBar


class BreakScreen(AppScreen[None]):
    """Counts the break down from its end instant; the next sprint is one deliberate key away."""

    BINDINGS = bindings("break")

    def __init__(
        self, sprint: Sprint, tally: Tally, minutes: int, long: bool, offer_review: bool = False
    ) -> None:
        super().__init__()
        self.sprint = sprint
        self.tally = tally
        self.minutes = minutes
        self.long = long
        self.offer_review = offer_review
        """The day's last sprint: its goal just met, or past the last calling block."""
        self.countdown: Countdown | None = None
        self.over = False

    def compose(self) -> ComposeResult:
        kind = "Long break" if self.long else "Break"
        yield TitleBar(self.services.clock, kind)
        tally = self.tally
        if self.sprint.status is SprintStatus.COMPLETED:
            summary = f"[b]Sprint complete.[/b] {' · '.join(tally.counted())}"
        else:
            summary = "[b]Sprint over.[/b] No dials, so it does not count toward today's goal."
        with Center(), Vertical(id="break-body"):
            yield Static(summary, id="break-summary")
            yield CountdownDisplay(id="break-countdown", classes="panel")
            yield Static(self._advice(), id="break-advice")
        yield KeyBar()

    def _advice(self) -> Content:
        next_key = key_for("break", "next_sprint", self.services.config)
        rest = (
            "Walk away from the desk for a real rest."
            if self.long
            else "Stand up, stretch, drink some water."
        )
        advice = fill(f"{rest} Press [b]$key[/b] to start the next sprint now.", key=next_key)
        if not self.offer_review:
            return advice
        review_key = key_for("break", "break_review", self.services.config)
        offer = fill(
            "[b $success]That was the day's last sprint.[/] Press [b]$key[/b] to review "
            "the day and pick tomorrow's first three calls.",
            key=review_key,
        )
        return Content("\n\n").join([offer, advice])

    def on_mount(self) -> None:
        now = self.services.clock.now()
        self.countdown = Countdown.starting(now, timedelta(minutes=self.minutes))
        self.query_one("#break-countdown").border_title = self._until()
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
            self.query_one("#break-countdown").border_title = self._until()
            self.post_message(BreakOver())

    def _until(self) -> str:
        """``Break until 15:35`` on the user's clock; ``Break over at 15:35`` once it is."""
        assert self.countdown is not None
        end = self.countdown.ends_at.astimezone(self.services.clock.tz)
        kind = "Long break" if self.long else "Break"
        return f"{kind} over at {end:%H:%M}" if self.over else f"{kind} until {end:%H:%M}"

    def action_next_sprint(self) -> None:
        """Start the next sprint now (a key no outcome uses, so never by accident)."""
        self.post_message(StartSprint())

    def action_home(self) -> None:
        self.post_message(GoHome())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "break_review":
            return self.offer_review
        return True

    def action_break_review(self) -> None:
        """The day's review, over the break (whose countdown keeps running beneath it)."""
        from prospect_tui.screens.review import ReviewScreen

        if self.offer_review:
            self.app.push_screen(ReviewScreen())
