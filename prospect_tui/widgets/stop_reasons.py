"""Why sprints stopped early, under *Fear* and *Discipline*, with the advice that fits each."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Static

from prospect_tui.core.reasons import ReasonKind
from prospect_tui.core.review_view import StopGroup
from prospect_tui.widgets.text import fill

TITLES = {ReasonKind.FEAR: "Fear", ReasonKind.DISCIPLINE: "Discipline", None: "Unfiled"}


class StopReasons(Horizontal):
    """A column per kind of reason; each reason by its label (or the user's own words)."""

    DEFAULT_CSS = """
    StopReasons { height: auto; }
    StopReasons > Vertical { width: 1fr; height: auto; padding-right: 2; }
    StopReasons .stop-advice { color: $text-muted; margin-top: 1; }
    StopReasons .stop-none { color: $text-muted; }
    """

    def compose(self) -> ComposeResult:
        yield Static(classes="stop-none")

    async def show(self, groups: Sequence[StopGroup]) -> None:
        """Replace the columns with these groups (none: a sentence saying so)."""
        await self.remove_children()
        if not groups:
            await self.mount(Static("No sprint stopped early.", classes="stop-none"))
            return
        columns = []
        for group in groups:
            lines = [fill("[b]$title[/b] · $n", title=TITLES[group.kind], n=group.count)]
            lines += [
                fill("$count× $label", count=reason.count, label=reason.label)
                for reason in group.reasons
            ]
            children = [Static(Content("\n").join(lines))]
            if group.advice:
                children.append(Static(group.advice, classes="stop-advice", markup=False))
            columns.append(Vertical(*children))
        await self.mount(*columns)
