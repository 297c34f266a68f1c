"""This sprint's numbers, and whether the last call is safely on disk."""

from __future__ import annotations

from textual.widgets import Static

from prospect_tui.core.tally import Tally
from prospect_tui.widgets.text import fill


class SprintStats(Static):
    """``Dials 3  Connects 1  Meetings 0`` and the last logged call."""

    def show(self, tally: Tally, last: str = "", saved: bool = True) -> None:
        """Update the counts; ``last`` names the last logged call."""
        text = (
            f"Dials [b]{tally.dials}[/b]  Connects [b]{tally.connects}[/b]  "
            f"Meetings [b]{tally.meetings}[/b]"
        )
        if last:
            mark = "[$success]✓[/]" if saved else "[dim]saving…[/]"
            text += f"\n[dim]Last:[/] $last {mark}"
        self.update(fill(text, last=last), layout=False)  # fixed height: no layout pass
