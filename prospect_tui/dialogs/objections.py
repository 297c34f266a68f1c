"""The objection cards during a call: pick what the prospect said, get the answer to give.

``o`` on the sprint opens the list of ``[[objections]]``; a digit (or ``enter``
on the list) picks one. The sprint then shows its answer and tags the call
on the card with it: the call is written with its outcome key, objections
and all. The dialog sits at the bottom, over the outcome keys, so the
prospect's card stays in view; names and answers are the user's text, drawn
as written.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from prospect_tui.core.config import Config, Objection
from prospect_tui.dialogs.base import Dialog
from prospect_tui.keymap import bindings, key_for
from prospect_tui.services import services_of
from prospect_tui.widgets.text import fill, plain


def objection_key(config: Config, index: int) -> str:
    """The key that picks the ``index``-th objection (from 0), after the user's remaps."""
    return key_for("objections", f"objection_{index + 1}", config)


class ObjectionDialog(Dialog[int | None]):
    """A digit or ``enter`` picks an objection (its index); ``escape`` or ``o`` goes back."""

    BINDINGS = [
        *bindings(
            "objections",
            actions={
                **{f"objection_{n}": f"pick({n - 1})" for n in range(1, 10)},
                "close_objections": "close",
            },
        )
    ]

    def __init__(self, who: str, objections: tuple[Objection, ...], raised: list[str]) -> None:
        super().__init__()
        self.who = who
        self.objections = objections
        self.raised = list(raised)

    def compose(self) -> ComposeResult:
        config = services_of(self.app).config
        options = []
        for index, objection in enumerate(self.objections):
            mark = "✓" if objection.name in self.raised else " "
            first = objection.answer.splitlines()[0] if objection.answer else ""
            prompt = Content.assemble(
                fill(
                    "[b $accent]$key[/] [$success]$mark[/] ",
                    key=objection_key(config, index),
                    mark=mark,
                ),
                plain(objection.name, "bold"),
                plain(f" — {first}", "dim") if first else "",
            )
            options.append(Option(prompt, id=str(index)))
        with Vertical(classes="dialog", id="objection-dialog"):
            yield Static(
                fill("[b]Objection[/b] — what did $who say?", who=self.who or "they"),
                classes="dialog-text",
            )
            yield OptionList(*options, id="objection-list")
            yield Static(
                fill(
                    "[dim]a key or enter shows the answer and notes it on this call · "
                    "$close back[/]",
                    close=key_for("objections", "close_objections", config),
                )
            )

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_pick(int(event.option.id or 0))

    def action_pick(self, index: int) -> None:
        """Pick the ``index``-th objection; a digit beyond the list does nothing."""
        if 0 <= index < len(self.objections):
            self.dismiss(index)

    def action_close(self) -> None:
        self.dismiss(None)
