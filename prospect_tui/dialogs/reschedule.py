"""Asks for a follow-up's new time, read like a callback on the prospect's clock."""

from __future__ import annotations

from prospect_tui.dialogs.callback import TimeQuestion
from prospect_tui.keymap import bindings


class RescheduleDialog(TimeQuestion):
    """``enter`` reschedules to the time typed; ``escape`` leaves the follow-up open."""

    BINDINGS = bindings("reschedule", actions={"back_to_follow_ups": "cancel"})
    DIALOG_ID = "reschedule-dialog"
    QUESTION = "[b]Reschedule[/b] — when is the follow-up with $who now?"
    HINT = "[dim]enter reschedule · $back keep it open[/]"
    BACK = ("reschedule", "back_to_follow_ups")
