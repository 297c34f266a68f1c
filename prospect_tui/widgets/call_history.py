"""The calls already made to the prospect on the card: when, how it ended, what was noted."""

from __future__ import annotations

from datetime import date, tzinfo

from textual.content import Content
from textual.widgets import Static

from prospect_tui.core.model import Call, Prospect
from prospect_tui.core.outcomes import BY_ID
from prospect_tui.core.tally import counted
from prospect_tui.widgets.text import fill, plain


def call_lines(call: Call, tz: tzinfo) -> list[Content]:
    """``Tue 17 Nov 14:05  Voicemail`` on the user's clock, and under it what was
    noted (who answered, the notes), where a narrow panel still shows its start."""
    outcome = BY_ID.get(call.outcome)
    label = outcome.label if outcome is not None else call.outcome
    lines = [
        fill(
            "[dim]$when[/]  [b]$label[/]",
            when=f"{call.started_at.astimezone(tz):%a %d %b %H:%M}",
            label=label,
        )
    ]
    said = " · ".join(part for part in (call.gatekeeper, call.notes) if part)
    if said:
        lines.append(fill("  [$text-muted]$said[/]", said=" ".join(said.split())))
    return lines


class CallHistory(Static):
    """Newest first, one line a call; what came before the window is counted, not shown."""

    def show(self, prospect: Prospect, calls: list[Call], since: date, tz: tzinfo) -> None:
        """List ``calls`` (the prospect's, newest first, from ``since``'s month on)."""
        self.border_title = "History" if not calls else f"History · {len(calls)} shown"
        if not calls:
            text = (
                plain("Never called before.", "dim")
                if prospect.attempts == 0
                else fill(
                    "[dim]No calls since $since ($attempts before).[/]",
                    since=f"{since:%d %b}",
                    attempts=prospect.attempts,
                )
            )
            self.update(text, layout=False)  # the sprint gives the panel its size
            return
        lines = [line for call in calls for line in call_lines(call, tz)]
        earlier = prospect.attempts - len(calls)
        if earlier > 0:
            lines.append(plain(f"and {counted(earlier, 'earlier call')}", "dim"))
        self.update(Content("\n").join(lines), layout=False)

    def show_nobody(self) -> None:
        """Nobody on the card."""
        self.border_title = "History"
        self.update("", layout=False)
