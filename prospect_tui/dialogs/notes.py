"""Notes on the call in progress; saved with the call when its outcome is logged."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Static

from prospect_tui.dialogs.base import Dialog
from prospect_tui.keymap import bindings, key_for
from prospect_tui.services import services_of
from prospect_tui.widgets.answer_input import AnswerInput
from prospect_tui.widgets.text import fill


class NotesDialog(Dialog[str | None]):
    """``enter`` keeps the notes; ``escape`` leaves them as they were."""

    BINDINGS = bindings("notes", actions={"cancel_notes": "cancel"})

    def __init__(self, who: str, notes: str) -> None:
        super().__init__()
        self.who = who
        self.notes = notes

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(
                fill("[b]Notes[/b] on this call with $who", who=self.who), classes="dialog-text"
            )
            yield AnswerInput(self.notes, placeholder="who answered, what they said…", id="notes")
            yield Static(
                fill(
                    "[dim]enter keep · $cancel cancel[/]",
                    cancel=key_for("notes", "cancel_notes", services_of(self.app).config),
                )
            )

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)
