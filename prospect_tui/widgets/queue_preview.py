"""Up next: the few prospects after the one on screen."""

from __future__ import annotations

from datetime import datetime

from rich.markup import escape
from textual.widgets import Static

from prospect_tui.core.model import Prospect
from prospect_tui.core.queue import local_time


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
            company = f" · {escape(prospect.company)}" if prospect.company else ""
            lines.append(f"{escape(prospect.name or '—')}[dim]{company} · {when}[/]")
        self.update("\n".join(lines), layout=False)  # fixed height: no layout pass
