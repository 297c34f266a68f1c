"""Said when a sprint is asked for and nobody can be called now."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from prospect_tui.core.config import Config
from prospect_tui.keymap import key_for
from prospect_tui.widgets.text import fill, plain


class NobodyToCallDialog(ModalScreen[str | None]):
    """``s`` with nobody callable: who can be called when, and the way to more prospects.

    No sprint is started (and none recorded): it would end with no dial. The
    home screen's keys for prospects and import answer it with that action.
    """

    BINDINGS = [Binding("escape,enter", "dismiss(None)", "Close")]

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
                    "[b]$prospects[/b] prospects · [b]$load[/b] import · [b]escape[/b] close",
                    prospects=prospects,
                    load=import_,
                ),
                classes="dialog-text",
            )

    def on_key(self, event: events.Key) -> None:
        prospects, import_ = self._keys()
        chosen = {prospects: "prospects", import_: "import"}.get(event.key)
        if chosen is not None:
            event.stop()
            self.dismiss(chosen)
