"""The line under the title during a research or follow-up session: its clock against the plan."""

from __future__ import annotations

from datetime import timedelta

from textual.content import Content
from textual.widgets import Static

from prospect_tui.core.categories import Category
from prospect_tui.core.time_entries import minutes_over
from prospect_tui.widgets.text import fill

WARNINGS: dict[Category, str] = {
    Category.RESEARCH: "Research is where calls hide — {over} min over plan.",
    Category.FOLLOW_UP: "{over} min over the follow-up you planned.",
    Category.CALLING: "{over} min over plan.",
}
"""What running over the plan says, per category: research is where calls hide."""


def clock_text(span: timedelta) -> str:
    """``12:34``, or ``1:02:03`` from an hour on."""
    seconds = max(int(span.total_seconds()), 0)
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes:02d}:{seconds:02d}"


def session_text(
    category: Category,
    elapsed: timedelta,
    today: timedelta,
    planned_minutes: float,
    end_key: str = "",
) -> Content:
    """The session's clock, today's time in its category against the plan, any overrun.

    ``end_key`` names the key that ends the session, for the hint at the end of the line.
    """
    spent = int(today.total_seconds() // 60)
    if planned_minutes <= 0:
        plan = f"Today {spent} min · [dim]none planned today[/]"
    else:
        plan = f"Today {spent} of {round(planned_minutes)} min planned"
    hint = "   [dim]$key ends it[/]" if end_key else ""
    line = fill(
        f"[b $accent]$label[/]  [b]$clock[/]   {plan}{hint}",
        label=f"{category.label} session",
        clock=clock_text(elapsed),
        key=end_key,
    )
    over = minutes_over(today, planned_minutes)
    if not over:
        return line
    warning = fill("[b $warning]$text[/]", text=WARNINGS[category].format(over=over))
    return Content("\n").join([line, warning])


class SessionBar(Static):
    """``Research session  12:34   Today 47 of 30 min planned`` and any overrun below it."""

    DEFAULT_CSS = """
    SessionBar {
        height: auto;
        padding: 0 1;
        background: $boost;
    }
    """

    def show(
        self,
        category: Category,
        elapsed: timedelta,
        today: timedelta,
        planned_minutes: float,
        end_key: str = "",
    ) -> None:
        """Draw the session's standing."""
        self.update(session_text(category, elapsed, today, planned_minutes, end_key))
