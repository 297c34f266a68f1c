"""The sprint's big clock: digits and a bar, drawn from the stored end instant."""

from __future__ import annotations

from datetime import timedelta

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Digits, ProgressBar, Static

from prospect_tui.core.timer import clock_face


class CountdownDisplay(Vertical):
    """``24:13`` in large digits, a progress bar, and a state line."""

    def compose(self) -> ComposeResult:
        yield Digits("--:--", id="countdown-digits")
        yield ProgressBar(total=1000, show_eta=False, show_percentage=False, id="countdown-bar")
        yield Static("", id="countdown-state")

    def show(self, left: timedelta, fraction: float, state: str = "") -> None:
        """Display ``left`` (already computed as end − now by the caller)."""
        self.query_one(Digits).update(clock_face(left))
        self.query_one(ProgressBar).update(progress=round(fraction * 1000))
        self.query_one("#countdown-state", Static).update(state)
        self.set_class(state.startswith("Paused"), "-paused")
