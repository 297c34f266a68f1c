"""The outcome keys, always on screen during a sprint (the footer is too narrow)."""

from __future__ import annotations

from textual.widgets import Static

from prospect_tui.core.config import Config
from prospect_tui.core.keys import keymap
from prospect_tui.core.outcomes import OUTCOME_IDS

NBSP = "\u00a0"


def legend(config: Config) -> str:
    """``1 No answer  2 Voicemail …`` with the user's remapped keys."""
    actions = [a for a in keymap("sprint", config.keys) if a.id in OUTCOME_IDS]
    # Non-breaking spaces inside each pair: a narrow terminal wraps between pairs only.
    pairs = (f"[b $accent]{a.keys[0]}[/]{NBSP}{a.label.replace(' ', NBSP)}" for a in actions)
    return "  ".join(pairs)


class OutcomeKeys(Static):
    """One key per outcome, as the user has them mapped."""

    def on_mount(self) -> None:
        self.update(legend(self.app.services.config))  # type: ignore[attr-defined]
