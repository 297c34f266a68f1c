"""An error to acknowledge: one sentence the user can act on.

Its text is shown as written: it often quotes a name, a cell or a path.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from prospect_tui.dialogs.base import Dialog
from prospect_tui.keymap import bindings
from prospect_tui.widgets.text import plain


class ErrorDialog(Dialog[None]):
    """One sentence the user can act on, and an OK."""

    BINDINGS = bindings("error", actions={"ok": "dismiss"})

    def __init__(self, message: str) -> None:
        super().__init__()
        self.message = message

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog error"):
            yield Static(plain(self.message), classes="dialog-text")
            with Horizontal(classes="dialog-buttons"):
                yield Button("OK", variant="primary", id="ok")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)
