"""The prospect on screen: who, where, their local time, and what happened before."""

from __future__ import annotations

from datetime import datetime

from textual.content import Content
from textual.widgets import Static

from prospect_tui.core.clock import between
from prospect_tui.core.config import TimeWindow
from prospect_tui.core.durations import duration
from prospect_tui.core.model import Prospect
from prospect_tui.core.outcomes import BY_ID
from prospect_tui.core.phones import for_reading
from prospect_tui.core.queue import window_opens
from prospect_tui.core.zones import local_time
from prospect_tui.widgets.text import fill, plain


def local_line(prospect: Prospect, now: datetime, window: TimeWindow) -> Content:
    """``London Thu 14:30 their time · callable now`` (or ``callable in 2h13m``), or
    ``zone unknown``: the card redraws it every minute, so it never goes stale."""
    local = local_time(prospect, now)
    if local is None:
        return Content.from_markup("[b $warning]zone unknown[/] — not callable until it is set")
    place = prospect.city or (prospect.timezone or "").rsplit("/", 1)[-1].replace("_", " ")
    opens = window_opens(prospect, now, window)
    if opens is None or opens <= now:
        state = "[b $success]callable now[/]"
    else:
        wait = duration(between(now, opens), tight=True, waiting=True)
        state = f"[b $error]callable in {wait}[/] [dim](from {window.start:%H:%M})[/]"
    return fill(f"$place [b]{local:%a %H:%M}[/] their time · {state}", place=place)


def history_line(prospect: Prospect, user_now: datetime) -> str:
    """``Attempt 3 · last: voicemail, Tue 17 Nov``."""
    attempt = f"Attempt {prospect.attempts + 1}"
    if prospect.last_outcome is None or prospect.last_called_at is None:
        return f"{attempt} · never called"
    when = prospect.last_called_at.astimezone(user_now.tzinfo)
    label = BY_ID[prospect.last_outcome].label.lower() if prospect.last_outcome in BY_ID else "?"
    return f"{attempt} · last: {label}, {when:%a %d %b %H:%M}"


def clipped(text: str, most: int) -> str:
    """``text`` cut to ``most`` characters, with an ellipsis where it was cut."""
    return text if len(text) <= most else text[: max(most - 1, 0)] + "…"


class ProspectCard(Static):
    """Everything needed to make this one call, and nothing else."""

    def show(
        self, prospect: Prospect, why: str, now: datetime, window: TimeWindow, call_notes: str = ""
    ) -> None:
        """Fill the card for ``prospect`` at ``now``."""
        # A name or a role from a file can be any length: two rows each at most, so
        # the phone and their time always stay on the card.
        # Before its first layout the card has no width: the terminal's is the bound then.
        most = 2 * max(self.content_region.width or self.app.size.width, 30)
        role = clipped(
            " · ".join(part for part in (prospect.title, prospect.company) if part), most
        )
        lines = [
            fill(
                "[b]$name[/b]  [dim]$why[/]" if why not in ("new", "retry") else "[b]$name[/b]",
                name=clipped(prospect.name or "Unnamed prospect", most - len(why) - 2),
                why=why,
            ),
            plain(role) if role else plain("no title or company", "dim"),
            plain(for_reading(prospect.phone), "bold"),
            local_line(prospect, now, window),
            plain(history_line(prospect, now)),
        ]
        if call_notes:  # before the standing notes: on a small screen the card's end is cut
            lines.append(fill("[dim]This call:[/] $notes", notes=call_notes))
        if prospect.notes:
            lines.append(fill("[dim]Notes:[/] $notes", notes=prospect.notes))
        self.border_title = "Calling"
        self.update(Content("\n").join(lines), layout=False)  # fixed height: no layout pass

    def show_empty(self, message: str, title: str = "Queue empty") -> None:
        """No one to call: say why and what to do."""
        self.border_title = title
        self.update(plain(message), layout=False)
