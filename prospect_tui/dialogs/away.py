"""Asks, after the app was away mid-sprint, whether that time was calling.

The machine slept or Prospect was stopped for longer than a break while a
sprint ran: counting that time as calling would be a guess. Keep it (the
sprint goes on at its true remaining time, or ends if that ran out), or
discard it (the sprint ends at the moment the app went away).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from prospect_tui.core.durations import duration
from prospect_tui.dialogs.base import Dialog
from prospect_tui.keymap import bindings, key_for
from prospect_tui.services import services_of
from prospect_tui.widgets.text import plain


class AwayDialog(Dialog[bool]):
    """Answers True to keep the time away as calling, False to discard it."""

    BINDINGS = bindings(
        "away",
        priority=True,
        actions={"keep_away_time": "answer(True)", "discard_away_time": "answer(False)"},
    )

    def __init__(self, since: datetime, gap: timedelta) -> None:
        super().__init__()
        self.since = since
        self.gap = gap

    def compose(self) -> ComposeResult:
        services = services_of(self.app)
        config = services.config
        keep = key_for("away", "keep_away_time", config)
        discard = key_for("away", "discard_away_time", config)
        since = self.since.astimezone(services.clock.tz)
        with Vertical(classes="dialog", id="away-dialog"):
            yield Static(
                plain(
                    f"Prospect was away for {duration(self.gap)} in the middle of your sprint "
                    f"(since {since:%H:%M}): the machine slept, or the app was stopped.\n\n"
                    "Were you calling all that time? Keep it as calling time, or discard it: "
                    f"the sprint then ends at {since:%H:%M} and the review counts it up to there."
                ),
                classes="dialog-text",
                id="away-text",
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button(plain(f"Keep as calling ({keep})"), variant="primary", id="keep")
                yield Button(plain(f"Discard ({discard})"), id="discard")

    def action_answer(self, keep: bool) -> None:
        self.dismiss(keep)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "keep")
