"""Asks for a follow-up's new time, read like a callback on the prospect's clock."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Static

from prospect_tui.core.callback_time import CallbackTime
from prospect_tui.dialogs.callback import WhenDialog
from prospect_tui.keymap import bindings, key_for
from prospect_tui.services import services_of
from prospect_tui.widgets.text import fill


class RescheduleDialog(WhenDialog[CallbackTime | None]):
    """``enter`` reschedules to the time typed; ``escape`` leaves the follow-up open."""

    BINDINGS = bindings("reschedule", actions={"back_to_follow_ups": "cancel"})

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="reschedule-dialog"):
            yield Static(
                fill(
                    "[b]Reschedule[/b] — when is the follow-up with $who now? "
                    f"Read on {self.whose_clock} clock.",
                    who=self.who,
                ),
                classes="dialog-text",
            )
            yield from self.when_input("tomorrow 10am · in 2 hours · fri 14:00")
            yield Static(
                fill(
                    "[dim]enter reschedule · $back keep it open[/]",
                    back=key_for("reschedule", "back_to_follow_ups", services_of(self.app).config),
                )
            )

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        when = self.read(event.value)  # as it stood at enter
        if when is not None:
            self.dismiss(when)

    def action_cancel(self) -> None:
        self.dismiss(None)
