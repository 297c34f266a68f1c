"""A labelled amount against a target: ``Calling  ████████░░░  1h 15m / 1h 50m``."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import ProgressBar, Static


class ValueBar(Horizontal):
    """Textual's progress bar between a label and the numbers it stands for.

    An amount past its target fills the bar and, with ``over``, turns it to
    the warning colour (research past its plan is where calls hide).
    """

    DEFAULT_CSS = """
    ValueBar { height: 1; }
    ValueBar .value-bar-label { width: 11; color: $text-muted; }
    ValueBar ProgressBar { width: 1fr; }
    ValueBar Bar { width: 1fr; }
    ValueBar .value-bar-text { width: auto; min-width: 18; padding-left: 1; }
    ValueBar.-over Bar > .bar--complete { color: $warning; }
    ValueBar.-none Bar > .bar--bar { color: $text-muted; }
    """

    def __init__(self, label: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.label = label

    def compose(self) -> ComposeResult:
        yield Static(self.label, classes="value-bar-label", markup=False)
        yield ProgressBar(total=1, show_eta=False, show_percentage=False)
        yield Static(classes="value-bar-text")

    def set(self, value: float, target: float, text: Content | str, *, over: bool = False) -> None:
        """Show ``value`` against ``target`` (0: nothing was aimed at), described by ``text``."""
        bar = self.query_one(ProgressBar)
        if target > 0:
            bar.update(total=target, progress=min(value, target))
        else:
            bar.update(total=1, progress=1 if value > 0 else 0)
        self.set_class(over, "-over")
        self.set_class(target <= 0 and value <= 0, "-none")
        self.query_one(".value-bar-text", Static).update(text)
