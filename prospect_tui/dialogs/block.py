"""One block of the plan to add or edit: kind, name, weekdays, start and length.

Each value is checked by the config reader's own rules before the dialog
closes; a wrong one shows the reader's sentence under its field.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label, Static

from prospect_tui.core.config.writer import block_values, check_block
from prospect_tui.dialogs.base import Dialog
from prospect_tui.keymap import bindings, key_for
from prospect_tui.services import services_of
from prospect_tui.widgets.text import fill, plain

BLOCK_FIELDS = (
    ("category", "Kind", "research · calling · follow_up · activity"),
    ("name", "Name", "an activity's name, e.g. Networking breakfast"),
    ("days", "Days", "mon tue wed thu fri"),
    ("start", "Start", "09:00"),
    ("minutes", "Minutes", "60"),
)


class BlockDialog(Dialog[dict[str, str] | None]):
    """Answers with the typed values once they read as a block; ``escape`` drops them."""

    BINDINGS = bindings("block", actions={"keep_block": "keep", "cancel_block": "cancel"})

    def __init__(self, values: dict[str, str], title: str) -> None:
        super().__init__()
        self.values = values
        self.title_text = title

    def compose(self) -> ComposeResult:
        config = services_of(self.app).config
        with Vertical(classes="dialog", id="block-dialog"):
            yield Static(
                fill(
                    "[b]$title[/b]\n[dim]A kind of time (research, calling, follow_up) or "
                    "another planned activity (activity, with a name).[/]",
                    title=self.title_text,
                ),
                classes="dialog-text",
            )
            for key, label, hint in BLOCK_FIELDS:
                with Horizontal(classes="plan-row"):
                    yield Label(label, classes="plan-label")
                    yield Input(
                        self.values.get(key, ""),
                        placeholder=hint,
                        id=f"block-{key}",
                        classes="plan-input",
                        compact=True,
                    )
                yield Static("", id=f"block-{key}-problem", classes="plan-problem")
            yield Static(
                fill(
                    "[dim]enter or $keep keep · $cancel cancel[/]",
                    keep=key_for("block", "keep_block", config),
                    cancel=key_for("block", "cancel_block", config),
                ),
                id="block-keys",
            )

    def typed(self) -> dict[str, str]:
        """What the fields hold now."""
        return {key: self.query_one(f"#block-{key}", Input).value for key, _, _ in BLOCK_FIELDS}

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_keep()

    def action_keep(self) -> None:
        typed = self.typed()
        for key, _, _ in BLOCK_FIELDS:
            problem = self.query_one(f"#block-{key}-problem", Static)
            problem.update("")
            problem.remove_class("-shown")
        error = check_block(block_values(typed))
        if error is None:
            self.dismiss(typed)
            return
        labels = {k: label for k, label, _ in BLOCK_FIELDS}
        key = error.key if error.key in labels else "category"
        # Named as the field is labelled, not as config.toml spells the key.
        named = labels.get(error.key or "", "This block")
        problem = self.query_one(f"#block-{key}-problem", Static)
        problem.update(plain(f"{named}: {error.problem}."))
        problem.add_class("-shown")
        self.query_one(f"#block-{key}", Input).focus()

    def action_cancel(self) -> None:
        self.dismiss(None)
