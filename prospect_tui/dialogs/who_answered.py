"""Asks who answered a call logged as ``gatekeeper``: optional, one line.

The call is logged before this opens and the next prospect is already on
the card: the answer only amends the call, so ``enter`` on nothing or
``escape`` skips it at no cost. It sits at the bottom of the screen, over
the outcome keys, so the card above stays in view.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Static

from prospect_tui.dialogs.base import Dialog
from prospect_tui.keymap import bindings, key_for
from prospect_tui.services import services_of
from prospect_tui.widgets.answer_input import AnswerInput
from prospect_tui.widgets.text import fill


class WhoAnsweredDialog(Dialog[str | None]):
    """``enter`` saves the name (nothing typed: skipped); ``escape`` skips."""

    BINDINGS = bindings("who_answered", actions={"skip_gatekeeper": "skip"})

    def __init__(self, prospect_name: str) -> None:
        super().__init__()
        self.prospect_name = prospect_name

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="who-answered-dialog"):
            yield Static(
                fill(
                    "[b]Gatekeeper[/b] — who answered for $who? [dim](optional)[/]",
                    who=self.prospect_name or "them",
                ),
                classes="dialog-text",
            )
            yield AnswerInput(
                placeholder="name or role: Sam at reception, the PA…", id="who-answered"
            )
            yield Static(
                fill(
                    "[dim]enter save · enter on nothing or $skip skip[/]",
                    skip=key_for("who_answered", "skip_gatekeeper", services_of(self.app).config),
                )
            )

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        who = " ".join(event.value.split())
        self.dismiss(who or None)

    def action_skip(self) -> None:
        self.dismiss(None)
