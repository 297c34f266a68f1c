"""Dials per day as Textual's sparkline, with the dates and the peak under it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.events import Resize
from textual.widgets import Sparkline, Static

from prospect_tui.core.tally import counted


def axis_label(counts: Sequence[int]) -> str:
    """``peak 44 · 149 dials`` (``no dials`` when there were none)."""
    if not any(counts):
        return "no dials"
    return f"peak {max(counts)} · {counted(sum(counts), 'dial')}"


class DialsChart(Vertical):
    """A column per day (or per few days over a long window): the taller, the more dials."""

    DEFAULT_CSS = """
    DialsChart { height: auto; }
    DialsChart Sparkline { height: 3; }
    DialsChart .dials-axis { color: $text-muted; height: 1; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.first = date.min
        self.counts: list[int] = []

    def compose(self) -> ComposeResult:
        yield Sparkline([])
        yield Static(classes="dials-axis")

    def show(self, first: date, counts: Sequence[int]) -> None:
        """Dials on each day from ``first`` on."""
        self.first, self.counts = first, list(counts)
        self.query_one(Sparkline).data = [float(n) for n in self.counts]
        self._fit()

    def on_resize(self, event: Resize) -> None:
        self._fit()

    def _fit(self) -> None:
        """Give every day the same number of columns, so no day looks wider than another."""
        days, room = len(self.counts), self.content_size.width
        if not days or not room:
            return
        width = room if days >= room else days * (room // days)
        self.query_one(Sparkline).styles.width = width
        last = self.first + timedelta(days=days - 1)
        peak = axis_label(self.counts)
        left, right = f"{self.first:%d %b}", f"{last:%d %b}"
        room = width - len(left) - len(right)
        # Labels never touch: the peak only with a space either side, the last day only
        # with one before it.
        if room >= len(peak) + 2:
            axis = f"{left}{peak.center(room)}{right}"
        elif room >= 1:
            axis = f"{left}{' ' * room}{right}"
        else:
            axis = left
        self.query_one(".dials-axis", Static).update(Content(axis))
