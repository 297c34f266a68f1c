"""Said when a sprint is asked for and nobody can be called now."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from prospect_tui.core.config import Config
from prospect_tui.dialogs.base import Dialog
from prospect_tui.keymap import bindings, key_for, keys_for
from prospect_tui.widgets.text import fill, plain


class NobodyToCallDialog(Dialog[str | None]):
    """``s`` with nobody callable: who can be called when, and the way to more prospects.

    No sprint is started (and none recorded): it would end with no dial. The
    home screen's keys for prospects and import answer it with that action.
    """

    BINDINGS = bindings("nobody_to_call", actions={"close_nobody_to_call": "dismiss(None)"})

    def __init__(self, why: str, config: Config) -> None:
        super().__init__()
        self.why = why
        self.config = config

    def _keys(self) -> tuple[str, str]:
        return key_for("home", "prospects", self.config), key_for("home", "import", self.config)

    def compose(self) -> ComposeResult:
        prospects, import_ = self._keys()
        with Vertical(classes="dialog", id="nobody-to-call"):
            yield Static("[b]No sprint started[/b]", classes="dialog-text")
            yield Static(plain(self.why), id="nobody-why", classes="dialog-text")
            yield Static(
                fill(
                    "[b]$prospects[/b] prospects · [b]$load[/b] import · [b]$close[/b] close",
                    prospects=prospects,
                    load=import_,
                    close=key_for("nobody_to_call", "close_nobody_to_call", self.config),
                ),
                classes="dialog-text",
            )

    def on_key(self, event: events.Key) -> None:
        prospects, import_ = (keys_for("home", a, self.config)[0] for a in ("prospects", "import"))
        chosen = {prospects: "prospects", import_: "import"}.get(event.key)
        if chosen is not None:
            event.stop()
            self.dismiss(chosen)
