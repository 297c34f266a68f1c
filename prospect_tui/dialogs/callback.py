"""Asks when to call back, read on the prospect's clock and echoed in both zones."""

from __future__ import annotations

from datetime import datetime, tzinfo

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from prospect_tui.core.callback_time import CallbackTime, UnreadableTime, parse_callback
from prospect_tui.core.model import Prospect
from prospect_tui.core.zones import zone
from prospect_tui.keymap import bindings, key_for
from prospect_tui.services import services_of
from prospect_tui.widgets.text import fill


class CallbackDialog(ModalScreen[CallbackTime | None]):
    """``enter`` saves the callback; ``escape`` goes back to the call unlogged."""

    BINDINGS = bindings("callback", actions={"back_to_call": "cancel"})

    def __init__(self, prospect: Prospect, now: datetime, your_zone: tzinfo) -> None:
        super().__init__()
        self.prospect = prospect
        self.now = now
        self.your_zone = your_zone
        self.their_zone = zone(prospect.timezone) if prospect.timezone else None
        self.parsed: CallbackTime | None = None

    def compose(self) -> ComposeResult:
        who = self.prospect.first_name or self.prospect.name or "them"
        where = "their" if self.their_zone else "your (their zone is unknown)"
        with Vertical(classes="dialog", id="callback-dialog"):
            yield Static(
                fill(
                    f"[b]Callback[/b] — when should you call $who back? Read on {where} clock.",
                    who=who,
                ),
                classes="dialog-text",
            )
            yield Input(placeholder="tomorrow 10am · in 2 hours · fri 14:00", id="callback-when")
            yield Static("", id="callback-echo")
            yield Static(
                fill(
                    "[dim]enter save · $back back to the call[/]",
                    back=key_for("callback", "back_to_call", services_of(self.app).config),
                )
            )

    def on_input_changed(self, event: Input.Changed) -> None:
        echo = self.query_one("#callback-echo", Static)
        self.parsed = None
        if not event.value.strip():
            echo.update("")
            return
        try:
            self.parsed = parse_callback(event.value, self.now, self.their_zone, self.your_zone)
        except UnreadableTime as problem:
            echo.update(fill("[$warning]$problem[/]", problem=problem))
            return
        echo.update(fill("[$success]$echo[/]", echo=self.parsed.echo()))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.parsed is not None:
            self.dismiss(self.parsed)

    def action_cancel(self) -> None:
        self.dismiss(None)
