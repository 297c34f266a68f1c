"""Asks "abandon this sprint?" — and why, as fear or discipline, for the review.

No reason is highlighted at first: an ``enter`` meant for something else (or
pressed in haste) must not file a reason the user did not pick. Each kind
ends with "Something else…", so words of one's own have their kind already,
and ``enter`` in them abandons, as the hint says.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, OptionList, Static
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

    other_kind: ReasonKind | None = None
    """The kind of "Something else…" picked, once it is (its words are typed then)."""

    def compose(self) -> ComposeResult:
        options: list[Option | None] = []
        for kind in ReasonKind:
            options.append(Option(f"[b]{kind.value.title()}[/b]", disabled=True))
            options += [Option(f"  {r.label}", id=r.id) for r in REASONS if r.kind is kind]
            options.append(Option("  Something else…", id=f"{OTHER}:{kind.value}"))
        with Vertical(classes="dialog", id="abandon-dialog"):
            yield Static(
                "[b]Abandon this sprint?[/b] Why are you stopping? It goes in your "
                "review, so you can see what gets in the way.",
                classes="dialog-text",
            )
            yield OptionList(*options, id="abandon-reasons")
            yield Input(placeholder="In your own words", id="abandon-text")
            yield Static(
                fill(
                    "[dim]↑ ↓ pick a reason · enter abandon with this reason · "
                    "$back keep calling[/]",
                    back=key_for("abandon", "keep_calling", services_of(self.app).config),
                )
            )

    def on_mount(self) -> None:
        self.query_one("#abandon-text").display = False
        reasons = self.query_one(OptionList)
        reasons.highlighted = None  # an OptionList highlights its first option when made
        reasons.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        reason = str(event.option.id)
        if reason.startswith(f"{OTHER}:"):
            self.other_kind = ReasonKind(reason.removeprefix(f"{OTHER}:"))
            words = self.query_one("#abandon-text", Input)
            words.placeholder = f"In your own words ({self.other_kind.value})"
            words.display = True
            words.focus()
            return
        chosen = BY_ID[reason]
        self.dismiss(Abandon(chosen.id, chosen.kind))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.other_kind is not None:
            self.dismiss(Abandon(OTHER, self.other_kind, event.value.strip()))

    def action_keep_calling(self) -> None:
        self.dismiss(None)
