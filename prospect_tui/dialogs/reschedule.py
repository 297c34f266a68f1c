"""Asks for a follow-up's new time, read like a callback on the prospect's clock."""

from __future__ import annotations

from datetime import datetime, tzinfo

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Static

from prospect_tui.core.callback_time import CallbackTime, UnreadableTime, parse_callback
from prospect_tui.dialogs.base import Dialog
from prospect_tui.keymap import bindings, key_for
from prospect_tui.services import services_of
from prospect_tui.widgets.answer_input import AnswerInput
from prospect_tui.widgets.text import fill


class RescheduleDialog(Dialog[CallbackTime | None]):
    """``enter`` reschedules to the time typed; ``escape`` leaves the follow-up open."""

    BINDINGS = bindings("reschedule", actions={"back_to_follow_ups": "cancel"})

    def __init__(
        self, who: str, now: datetime, their_zone: tzinfo | None, your_zone: tzinfo
    ) -> None:
        super().__init__()
        self.who = who
        self.now = now
        self.their_zone = their_zone
        self.your_zone = your_zone
        self.parsed: CallbackTime | None = None

    def compose(self) -> ComposeResult:
        where = "their" if self.their_zone else "your (their zone is unknown)"
        with Vertical(classes="dialog", id="reschedule-dialog"):
            yield Static(
                fill(
                    f"[b]Reschedule[/b] — when is the follow-up with $who now? Read on {where} "
                    "clock.",
                    who=self.who or "them",
                ),
                classes="dialog-text",
            )
            yield AnswerInput(
                placeholder="tomorrow 10am · in 2 hours · fri 14:00", id="reschedule-when"
            )
            yield Static("", id="callback-echo")
            yield Static(
                fill(
                    "[dim]enter reschedule · $back keep it open[/]",
                    back=key_for("reschedule", "back_to_follow_ups", services_of(self.app).config),
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
