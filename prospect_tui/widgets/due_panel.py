"""Home's panel of the callbacks and meetings due today, overdue first, on both clocks."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from prospect_tui.widgets.text import fill

if TYPE_CHECKING:
    from prospect_tui.core.due_today import DueItem, DueToday


class DuePanel(Vertical):
    """``Due today · 5``: the first few to do, then how many more and the key to do them."""

    def __init__(
        self, *, shown: int | None = None, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.shown = shown
        """How many to name at most (None: all those the summary names)."""

    def compose(self) -> ComposeResult:
        yield Static(id="due-list")
        yield Static(id="due-hint")

    def on_mount(self) -> None:
        self.border_title = "Due today"

    def show(self, due: DueToday, follow_up_key: str, *, zones_pending: bool = False) -> None:
        """Fill the panel in from ``due``; ``follow_up_key`` opens the follow-up session.

        ``zones_pending``: their clocks are still being read; the lines leave them out.
        """
        self.border_title = f"Due today · {due.count}" if due.count else "Due today"
        listed = self.query_one("#due-list", Static)
        hint = self.query_one("#due-hint", Static)
        if not due.count:
            listed.update("Nothing due. Callbacks and meetings you book show up here on their day.")
            hint.display = False
            return
        first = due.first[: self.shown]
        listed.update(Content("\n").join(due_line(item, zones_pending) for item in first))
        more = due.count - len(first)
        overdue = f"{due.overdue} overdue · " if due.overdue else ""
        hint.update(
            fill(
                f"{overdue}{f'{more} more · ' if more else ''}press [b]$key[/b] to follow up",
                key=follow_up_key,
            )
        )
        hint.display = True


def due_line(item: DueItem, zones_pending: bool = False) -> Content:
    """``16:00  Ada Byron · callback · Thu 10:00 their time``: when to call, on both clocks."""
    if zones_pending:
        return fill(
            ("[$error]overdue[/] " if item.overdue else "") + "[b]$yours[/b]  $who [dim]· $kind[/]",
            yours=item.yours,
            who=item.who or "someone",
            kind=item.kind,
        )
    return fill(
        ("[$error]overdue[/] " if item.overdue else "")
        + "[b]$yours[/b]  $who [dim]· $kind · $theirs[/]",
        yours=item.yours,
        who=item.who or "someone",
        kind=item.kind,
        theirs=f"{item.theirs} their time" if item.theirs else "their zone unknown",
    )
