"""Up next: the few prospects after the one on screen."""

from __future__ import annotations

from datetime import datetime

from textual.content import Content
from textual.widgets import Static

from prospect_tui.core.model import Prospect
from prospect_tui.core.zones import local_time
from prospect_tui.widgets.text import fill


class QueuePreview(Static):
    """A short list so the next call never surprises."""

    def show(self, prospects: list[Prospect], now: datetime) -> None:
        """List ``prospects`` with company and their local time."""
        self.border_title = "Up next"
        if not prospects:
            self.update("[dim]nobody else callable right now[/]", layout=False)
            return
        lines = []
        for prospect in prospects:
            local = local_time(prospect, now)
            when = f"{local:%H:%M}" if local else "?"
            company = f" · {prospect.company}" if prospect.company else ""
            lines.append(
                fill(
                    "$name[dim]$company · $when[/]",
                    name=prospect.name or "—",
                    company=company,
                    when=when,
                )
            )
        self.update(Content("\n").join(lines), layout=False)  # fixed height: no layout pass
