"""Asks "abandon this sprint?" — and why, as fear or discipline, for the review."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, OptionList, Static
from textual.widgets.option_list import Option

from prospect_tui.core.reasons import BY_ID, OTHER, REASONS, ReasonKind
from prospect_tui.dialogs.base import Dialog
from prospect_tui.keymap import bindings, key_for
from prospect_tui.services import services_of
from prospect_tui.widgets.text import fill


@dataclass(frozen=True, slots=True)
class Abandon:
    """The user's answer: the reason, its kind, and any words of their own."""

    reason: str
    kind: ReasonKind
    text: str = ""


class AbandonDialog(Dialog[Abandon | None]):
    """Picking a reason abandons the sprint; ``escape`` goes back to calling."""

    BINDINGS = bindings("abandon", priority=True)

    def compose(self) -> ComposeResult:
        options: list[Option | None] = []
        for kind in ReasonKind:
            options.append(Option(f"[b]{kind.value.title()}[/b]", disabled=True))
            options += [Option(f"  {r.label}", id=r.id) for r in REASONS if r.kind is kind]
        options.append(Option("  Something else…", id=OTHER))
        with Vertical(classes="dialog", id="abandon-dialog"):
            yield Static(
                "[b]Abandon this sprint?[/b] Why are you stopping? It goes in your "
                "review, so you can see what gets in the way.",
                classes="dialog-text",
            )
            yield OptionList(*options, id="abandon-reasons")
            with Vertical(id="abandon-other"):
                yield Input(placeholder="In your own words", id="abandon-text")
                with Horizontal(classes="dialog-buttons"):
                    yield Button("It's fear", id="fear")
                    yield Button("It's discipline", id="discipline")
            yield Static(
                fill(
                    "[dim]enter abandon with this reason · $back keep calling[/]",
                    back=key_for("abandon", "keep_calling", services_of(self.app).config),
                )
            )

    def on_mount(self) -> None:
        self.query_one("#abandon-other").display = False
        reasons = self.query_one(OptionList)
        reasons.highlighted = 1
        reasons.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        reason = event.option.id
        if reason == OTHER:
            self.query_one("#abandon-other").display = True
            self.query_one("#abandon-text", Input).focus()
            return
        chosen = BY_ID[str(reason)]
        self.dismiss(Abandon(chosen.id, chosen.kind))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one("#fear", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        text = self.query_one("#abandon-text", Input).value.strip()
        self.dismiss(Abandon(OTHER, ReasonKind(event.button.id), text))

    def action_keep_calling(self) -> None:
        self.dismiss(None)
