"""A question to answer yes or no.

Its text is shown as written: it often quotes a name.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from prospect_tui.dialogs.base import Dialog
from prospect_tui.keymap import bindings, key_for
from prospect_tui.services import services_of
from prospect_tui.widgets.text import plain


class ConfirmDialog(Dialog[bool]):
    """A yes/no question; ``y``/``n`` answer it from the keyboard."""

    BINDINGS = bindings("confirm", actions={"yes": "answer(True)", "no": "answer(False)"})

    def __init__(self, question: str, yes: str = "Yes", no: str = "No") -> None:
        super().__init__()
        self.question = question
        self.yes = yes
        self.no = no

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(plain(self.question), classes="dialog-text")
            with Horizontal(classes="dialog-buttons"):
                config = services_of(self.app).config
                yes, no = key_for("confirm", "yes", config), key_for("confirm", "no", config)
                yield Button(plain(f"{self.yes} ({yes})"), variant="primary", id="yes")
                yield Button(plain(f"{self.no} ({no})"), id="no")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")
