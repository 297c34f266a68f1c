"""Notes on the call in progress; saved with the call when its outcome is logged."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from prospect_tui.widgets.text import fill


class NotesDialog(ModalScreen[str | None]):
    """``enter`` keeps the notes; ``escape`` leaves them as they were."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, who: str, notes: str) -> None:
        super().__init__()
        self.who = who
        self.notes = notes

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(
                fill("[b]Notes[/b] on this call with $who", who=self.who), classes="dialog-text"
            )
            yield Input(self.notes, placeholder="who answered, what they said…", id="notes")
            yield Static("[dim]enter keep · escape cancel[/]")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)
