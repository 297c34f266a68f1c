"""The prospect on screen: who, where, their local time, and what happened before."""

from __future__ import annotations

from datetime import datetime

from rich.markup import escape
from textual.widgets import Static

from prospect_tui.core.config import TimeWindow
from prospect_tui.core.model import Prospect
from prospect_tui.core.outcomes import BY_ID
from prospect_tui.core.phones import for_reading
from prospect_tui.core.queue import local_time


def local_line(prospect: Prospect, now: datetime, window: TimeWindow) -> str:
    """``London 14:30 · callable`` or ``zone unknown``."""
    local = local_time(prospect, now)
    if local is None:
        return "[b $warning]zone unknown[/] — not callable until it is set"
    place = prospect.city or (prospect.timezone or "").rsplit("/", 1)[-1].replace("_", " ")
    state = (
        "[b $success]callable now[/]"
        if window.contains(local.time())
        else f"[b $error]outside {window}[/]"
    )
    return f"{escape(place)} [b]{local:%a %H:%M}[/] their time · {state}"


def history_line(prospect: Prospect, user_now: datetime) -> str:
    """``Attempt 3 · last: voicemail, Tue 17 Nov``."""
    attempt = f"Attempt {prospect.attempts + 1}"
    if prospect.last_outcome is None or prospect.last_called_at is None:
        return f"{attempt} · never called"
    when = prospect.last_called_at.astimezone(user_now.tzinfo)
    label = BY_ID[prospect.last_outcome].label.lower() if prospect.last_outcome in BY_ID else "?"
    return f"{attempt} · last: {label}, {when:%a %d %b %H:%M}"


class ProspectCard(Static):
    """Everything needed to make this one call, and nothing else."""

    def show(
        self, prospect: Prospect, why: str, now: datetime, window: TimeWindow, call_notes: str = ""
    ) -> None:
        """Fill the card for ``prospect`` at ``now``."""
        role = " · ".join(escape(part) for part in (prospect.title, prospect.company) if part)
        lines = [
            f"[b]{escape(prospect.name or 'Unnamed prospect')}[/b]"
            + (f"  [dim]{escape(why)}[/]" if why not in ("new", "retry") else ""),
            role or "[dim]no title or company[/]",
            f"[b]{for_reading(prospect.phone)}[/b]",
            local_line(prospect, now, window),
            history_line(prospect, now),
        ]
        if call_notes:  # before the standing notes: on a small screen the card's end is cut
            lines.append(f"[dim]This call:[/] {escape(call_notes)}")
        if prospect.notes:
            lines.append(f"[dim]Notes:[/] {escape(prospect.notes)}")
        self.border_title = "Calling"
        self.update("\n".join(lines), layout=False)  # fixed height: no layout pass

    def show_empty(self, message: str, title: str = "Queue empty") -> None:
        """No one to call: say why and what to do."""
        self.border_title = title
        self.update(escape(message), layout=False)
