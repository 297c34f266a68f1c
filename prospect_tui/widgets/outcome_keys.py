"""The outcome keys, on screen during a sprint (the footer is too narrow); while the sprint
is paused, or nobody is on the card, they do nothing, so they give way to what does."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from prospect_tui.core.config import Config
from prospect_tui.core.keys import keymap
from prospect_tui.core.outcomes import OUTCOME_IDS
from prospect_tui.keymap import key_for
from prospect_tui.widgets.text import fill

PER_LINE = 4
"""Two lines of four fit 80 columns; letting the text wrap could split a key from its label."""


def legend(config: Config) -> Content:
    """``1 No answer  2 Voicemail …`` with the user's remapped keys, four to a line."""
    pairs = [
        fill("[b $accent]$key[/] $label", key=a.keys[0], label=a.label)
        for a in keymap("sprint", config.keys)
        if a.id in OUTCOME_IDS
    ]
    lines = [Content("   ").join(pairs[i : i + PER_LINE]) for i in range(0, len(pairs), PER_LINE)]
    return Content("\n").join(lines)


def paused_legend(config: Config) -> Content:
    """What stands in for the outcome keys while the sprint is paused (two lines, like them)."""
    return fill(
        "[b $warning]Paused[/] — the outcome keys are off until you resume ([b $accent]$key[/]).\n"
        "[dim]The clock waits; the pause allowance runs.[/]",
        key=key_for("sprint", "pause", config),
    )


def nobody_legend(config: Config) -> Content:
    """What stands in for the outcome keys while nobody is on the card (two lines, like them)."""
    return fill(
        "[b $warning]Nobody to call[/] — the outcome keys are off until someone is callable.\n"
        "[dim]The queue is looked at again every half minute; [b]$key[/b] ends the sprint.[/]",
        key=key_for("sprint", "complete", config),
    )


class OutcomeKeys(Static):
    """One key per outcome, as the user has them mapped."""

    def __init__(self, config: Config, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._config = config
        # Made once: the sprint draws it as it opens and again whenever a pause ends.
        self._legend = legend(config)

    def on_mount(self) -> None:
        self.update(self._legend)

    def show(self, paused: bool, has_card: bool = True) -> None:
        """The outcome keys; while paused how to resume, with nobody on the card how to end."""
        if paused:
            self.update(paused_legend(self._config))
        elif not has_card:
            self.update(nobody_legend(self._config))
        else:
            self.update(self._legend)
